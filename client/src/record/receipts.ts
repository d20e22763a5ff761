/** What we remember of a created document: never its content, only a keyed hash of it. */
export interface Receipt {
  /** The created document's id; absent when the submission ended without an answer (`uncertain`). */
  id?: string;
  /** ISO time of the submission's end (our clock); for a `pending` receipt, when the request left. */
  time: string;
  requestId?: string;
  /** The submission may or may not have created the document (timeout, reset, 5xx …). */
  uncertain?: boolean;
  /**
   * Sent, outcome not known yet: written just before the request leaves and replaced by its
   * outcome. One still there later means the end was never seen (the window was reloaded or
   * closed, or crashed, mid-request; or another window is sending it now): the document may exist.
   */
  pending?: boolean;
}

/** The part of VS Code's `Memento` (globalState) the store needs; a Map-backed fake in tests. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const STATE_KEY = 'clinikapi.receipts';
const MAX_RECEIPTS = 500;

interface StoredReceipts {
  /** Random per installation: the hashes cannot be matched against a guessed document elsewhere. */
  salt: string;
  entries: Record<string, Receipt>;
}

/**
 * Remembers which contents were already created, so that submitting the same content again asks
 * first. The fingerprint covers the target (origin and key kind: sandbox and production are
 * different datastores) and the exact bytes sent.
 */
export class ReceiptStore {
  constructor(private readonly store: KeyValueStore) {}

  /** HMAC-SHA-256 (Web Crypto: the same in the Node and the web worker extension hosts), hex. */
  async fingerprint(origin: string, keyKind: string, content: string): Promise<string> {
    const encoder = new TextEncoder();
    const key = await crypto.subtle.importKey('raw', encoder.encode(this.load().salt), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${origin}\n${keyKind}\n${content}`));
    return toHex(new Uint8Array(mac));
  }

  find(fingerprint: string): Receipt | undefined {
    return this.load().entries[fingerprint];
  }

  async record(fingerprint: string, receipt: Receipt): Promise<void> {
    const data = this.load();
    const entries = { ...data.entries, [fingerprint]: receipt };
    const keys = Object.keys(entries);
    // Oldest first by insertion order; keep the newest MAX_RECEIPTS.
    for (const k of keys.slice(0, Math.max(0, keys.length - MAX_RECEIPTS))) delete entries[k];
    await this.store.update(STATE_KEY, { salt: data.salt, entries } satisfies StoredReceipts);
  }

  /** Forgets a fingerprint's receipt (a pending one whose request, it turned out, created nothing). */
  async remove(fingerprint: string): Promise<void> {
    const data = this.load();
    if (!(fingerprint in data.entries)) return;
    const entries = { ...data.entries };
    delete entries[fingerprint];
    await this.store.update(STATE_KEY, { salt: data.salt, entries } satisfies StoredReceipts);
  }

  private load(): StoredReceipts {
    const stored = this.store.get<StoredReceipts>(STATE_KEY);
    if (stored && typeof stored.salt === 'string' && stored.entries && typeof stored.entries === 'object') return stored;
    const fresh: StoredReceipts = { salt: toHex(crypto.getRandomValues(new Uint8Array(16))), entries: {} };
    // Persisted lazily with the first receipt; until then the salt lives in this object only.
    void this.store.update(STATE_KEY, fresh);
    return fresh;
  }
}

/** An in-memory KeyValueStore (tests, and a fallback). */
export class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
