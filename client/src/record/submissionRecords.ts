import type { KeyValueStore } from './keyValueStore';

/**
 * One record per submission: what ClinikDoc knows of it, from the moment Submit claims the content
 * to what ClinikAPI answered or a check found, in one vocabulary and one store (VS Code's
 * globalState, which every window of this machine shares). Never content, titles or names: the
 * content is a keyed hash (`fingerprint`), the patient is not stored at all.
 *
 * The states of a create, and how one becomes another (`TRANSITIONS`):
 *
 *     claimed ──▶ sent ──▶ created(id) | rejected | unknown
 *     claimed ──▶ (withdrawn: the record goes; nothing was sent)
 *     unknown | notFoundYet ──check──▶ found(id) | notFoundYet(checkedAt) | settled
 *
 * - `claimed`: checked and claimed by a window whose questions are open; nothing sent yet.
 * - `sent`: the request left; no answer yet. One left behind by a window that closed or crashed
 *   mid-request is as good as `unknown` to everyone else.
 * - `created`: ClinikAPI answered with the new document's id.
 * - `rejected`: ClinikAPI refused it (4xx other than a timeout-like answer): nothing was created.
 * - `unknown`: sent, and no clear answer (a timeout, a reset, a 5xx): it may exist.
 * - `found`: unknown, then a check found the document (its id).
 * - `notFoundYet`: unknown, and a search found nothing before the settle time — which proves
 *   nothing yet: search lags behind creates, and a request cut off may still land.
 * - `settled`: unknown, and a search made after the settle time found nothing: not created.
 *
 * An update in place (`action: 'update'`) is `updated`, `unknown` (it may have been applied) or
 * `rejected`. `STATE_TEXT` says, for each state, what Submit asks, what the Submissions view shows
 * and what the status bar shows.
 */
export type SubmissionState = 'claimed' | 'sent' | 'created' | 'rejected' | 'unknown' | 'found' | 'notFoundYet' | 'settled' | 'updated';

export interface SubmissionRecord {
  /** Random, to address the record. */
  key: string;
  /** The file's URI (`file:///…`, `untitled:…`); empty for a record carried over without one. */
  file: string;
  /** `create` (POST) or `update` (PATCH in place). */
  action: 'create' | 'update';
  state: SubmissionState;
  /** The origin the request went (or goes) to (`https://api.clinikapi.com`). */
  origin: string;
  keyKind: 'test' | 'live';
  /** The keyed hash of the exact content (see `fingerprint`): what links two Submits of the same text. */
  fingerprint?: string;
  /** The window (extension host) that claimed it. */
  window?: string;
  /** ISO time Submit claimed the content. */
  claimedAt: string;
  /** ISO time the request left. */
  sentAt?: string;
  /** ISO time of the last change of state. */
  time: string;
  documentId?: string;
  requestId?: string;
  /** Searches made for it after an unknown outcome (bounded: reads cost the user's quota). */
  searches?: number;
  /** ISO time of the last search for it. */
  checkedAt?: string;
  /** ISO time from which a search that finds nothing proves it was not created. */
  settleAt?: string;
}

/** What each state means to the person: Submit's question, the view's label, the status bar. */
export const STATE_TEXT: Record<SubmissionState, { submitAsks: boolean; view: string; statusBar?: string }> = {
  claimed: { submitAsks: true, view: 'being submitted (a question is open)' },
  sent: { submitAsks: true, view: 'sent, no answer yet', statusBar: 'outcome unknown' },
  created: { submitAsks: true, view: 'created' },
  rejected: { submitAsks: false, view: 'refused, not created' },
  unknown: { submitAsks: true, view: 'may exist (outcome unknown)', statusBar: 'outcome unknown' },
  found: { submitAsks: true, view: 'created (found by a check)' },
  notFoundYet: { submitAsks: true, view: 'not found yet', statusBar: 'outcome unknown' },
  settled: { submitAsks: false, view: 'not created (searched after it settled)' },
  updated: { submitAsks: false, view: 'amended in place' },
};

/** Which state may follow which: anything else is a bug, refused by `change`. */
const TRANSITIONS: Record<SubmissionState, readonly SubmissionState[]> = {
  claimed: ['sent'],
  // A sent record whose end was never seen is as good as unknown: a check moves it as it would one.
  sent: ['created', 'rejected', 'unknown', 'found', 'notFoundYet', 'settled'],
  created: [],
  rejected: [],
  // A search that settles nothing (several matches) is counted on the state it leaves as it was.
  unknown: ['found', 'notFoundYet', 'settled', 'unknown'],
  notFoundYet: ['found', 'notFoundYet', 'settled'],
  found: [],
  settled: [],
  updated: [],
};

/**
 * How long an unknown outcome takes to settle, from when its request left: the time ClinikAPI may
 * still be working on a request its client gave up on, then the time search lags behind a create.
 * ClinikAPI documents neither bound as a maximum: search is eventually consistent, a new document
 * appearing "within seconds (commonly ~10s)" (data-consistency.mdx), and a request cut off may still
 * complete. The defaults are far past both (2 minutes, and 1 minute: six times the common lag), so
 * that "not found" after them means "not created" in production too; both are settings
 * (`clinikapi.createdCheck.serverWorkSeconds`, `clinikapi.createdCheck.searchLagSeconds`).
 */
export interface SettleSettings {
  serverWorkSeconds: number;
  searchLagSeconds: number;
}

export const DEFAULT_SETTLE: SettleSettings = { serverWorkSeconds: 120, searchLagSeconds: 60 };

/** When a search that finds nothing proves a submission sent at `sentAt` created nothing. */
export function settleTime(sentAt: Date, timeoutSeconds: number, settings: Partial<SettleSettings> = {}): Date {
  const work = Math.max(timeoutSeconds, settings.serverWorkSeconds ?? DEFAULT_SETTLE.serverWorkSeconds);
  const lag = settings.searchLagSeconds ?? DEFAULT_SETTLE.searchLagSeconds;
  return new Date(sentAt.getTime() + (work + lag) * 1000);
}

/**
 * When a record settles: the time written when its request left, or, for one carried over from an
 * earlier version without it, the latest its settings could have made it (a 300 s timeout).
 */
export function settleTimeOf(record: SubmissionRecord): Date {
  return record.settleAt ? new Date(record.settleAt) : settleTime(new Date(record.sentAt ?? record.claimedAt), 300);
}

/** A claim older than this, never sent, belongs to a window that is gone (or a question left open): it no longer holds. */
export const CLAIM_HOLDS_MS = 15 * 60 * 1000;

/** Whether a record makes a new Submit of the same content ask first. */
export function makesSubmitAsk(record: SubmissionRecord, now: Date): boolean {
  if (record.action !== 'create' || !STATE_TEXT[record.state].submitAsks) return false;
  if (record.state === 'claimed') return now.getTime() - Date.parse(record.claimedAt) < CLAIM_HOLDS_MS;
  return true;
}

/** Whether the outcome is not known: the states the status bar counts and Check looks into. */
export function outcomeUnknown(record: SubmissionRecord): boolean {
  return record.action === 'create' && (record.state === 'unknown' || record.state === 'notFoundYet' || record.state === 'sent');
}

/**
 * What the key's status bar item says of the submissions whose outcome is unknown (STATE_TEXT's
 * `statusBar`): how many, and what to do; nothing when there are none.
 */
export function unknownOutcomesLine(records: { entries(): SubmissionRecord[] }): string | undefined {
  const unknown = records.entries().filter((r) => outcomeUnknown(r) && STATE_TEXT[r.state].statusBar !== undefined).length;
  if (unknown === 0) return undefined;
  return `${unknown} submission${unknown === 1 ? ' has' : 's have'} an unknown outcome: it may have been created. Run Check Whether It Was Created (ClinikAPI Submissions view) before submitting it again.`;
}

const STATE_KEY = 'clinikapi.submissions';
/** The two stores this one replaces: their content is carried over once, then they are emptied. */
const OLD_RECEIPTS_KEY = 'clinikapi.receipts';
const OLD_HISTORY_KEY = 'clinikapi.submissionHistory';
const MAX_RECORDS = 500;

interface Stored {
  /** Random per installation: the hashes cannot be matched against a guessed document elsewhere. */
  salt: string;
  records: SubmissionRecord[];
}

export class SubmissionRecords {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly store: KeyValueStore) {}

  /** HMAC-SHA-256 of the target and the exact text (Web Crypto: the same in both extension hosts), hex. */
  async fingerprint(origin: string, keyKind: string, content: string): Promise<string> {
    const encoder = new TextEncoder();
    const key = await crypto.subtle.importKey('raw', encoder.encode(this.load().salt), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${origin}\n${keyKind}\n${content}`));
    return toHex(new Uint8Array(mac));
  }

  /** Oldest first, as the store holds them now (another window's writes included). */
  entries(): SubmissionRecord[] {
    return this.load().records;
  }

  get(key: string): SubmissionRecord | undefined {
    return this.entries().find((r) => r.key === key);
  }

  /**
   * The records of the same content that make a new Submit ask first, newest first: claimed by
   * another window, sent, created, found, or with an unknown outcome. Not rejected or settled ones.
   */
  blocking(fingerprint: string, now: Date, except?: string): SubmissionRecord[] {
    return this.entries()
      .filter((r) => r.fingerprint === fingerprint && r.key !== except && makesSubmitAsk(r, now))
      .reverse();
  }

  /** Claims the content for a Submit: the record that Submit then moves on. */
  async claim(input: { file: string; fingerprint: string; origin: string; keyKind: 'test' | 'live'; window: string; now: Date }): Promise<SubmissionRecord> {
    const at = input.now.toISOString();
    return this.add({ file: input.file, action: 'create', state: 'claimed', origin: input.origin, keyKind: input.keyKind, fingerprint: input.fingerprint, window: input.window, claimedAt: at, time: at });
  }

  /** Adds a record as it is (an update in place's outcome; a claim). */
  async add(record: Omit<SubmissionRecord, 'key'>): Promise<SubmissionRecord> {
    const full: SubmissionRecord = { key: randomKey(), ...record };
    const data = this.load();
    await this.save({ ...data, records: [...data.records, full].slice(-MAX_RECORDS) });
    return full;
  }

  /**
   * Moves a record to its next state, with what that state knows (an id, a request id, when it
   * was searched). Refuses a move the state machine does not have, and answers undefined.
   */
  async change(key: string, state: SubmissionState, facts: Partial<Omit<SubmissionRecord, 'key' | 'state'>> = {}): Promise<SubmissionRecord | undefined> {
    const data = this.load();
    const current = data.records.find((r) => r.key === key);
    if (!current || !TRANSITIONS[current.state].includes(state)) return undefined;
    const updated: SubmissionRecord = { ...current, ...facts, state, time: facts.time ?? new Date().toISOString() };
    await this.save({ ...data, records: data.records.map((r) => (r.key === key ? updated : r)) });
    return updated;
  }

  /**
   * Withdraws a claim that sent nothing (a question declined): the record goes. A `sent` record
   * goes too when its Submit knows no request left after all (`sentNothing`: the document changed
   * at the last look before the POST).
   */
  async withdraw(key: string, options: { sentNothing?: boolean } = {}): Promise<void> {
    const data = this.load();
    const current = data.records.find((r) => r.key === key);
    if (!current || !(current.state === 'claimed' || (current.state === 'sent' && options.sentNothing))) return;
    await this.save({ ...data, records: data.records.filter((r) => r.key !== key) });
  }

  /** Forgets every record (the view's Clear Submission History). */
  async clear(): Promise<void> {
    await this.save({ ...this.load(), records: [] });
  }

  /** The records grouped by file, newest file first, each file's newest first; records without a file are not listed. */
  byFile(): Array<{ file: string; entries: SubmissionRecord[] }> {
    const groups = new Map<string, SubmissionRecord[]>();
    for (const r of [...this.entries()].reverse()) {
      if (!r.file) continue;
      groups.set(r.file, [...(groups.get(r.file) ?? []), r]);
    }
    return [...groups].map(([file, entries]) => ({ file, entries }));
  }

  /** The document a file is linked to: its newest record with a document id that was created, found or updated. */
  linkedDocument(file: string): SubmissionRecord | undefined {
    return [...this.entries()].reverse().find((r) => r.file === file && r.documentId !== undefined && (r.state === 'created' || r.state === 'found' || r.state === 'updated'));
  }

  /** Ids of documents this machine knows it created or updated. */
  knownDocumentIds(except?: string): Set<string> {
    return new Set(this.entries().filter((r) => r.key !== except && r.documentId).map((r) => r.documentId as string));
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private load(): Stored {
    const stored = this.store.get<Stored>(STATE_KEY);
    if (stored && typeof stored.salt === 'string' && Array.isArray(stored.records)) return { salt: stored.salt, records: stored.records.filter(isRecord) };
    const fresh = carriedOver(this.store);
    // Persisted lazily with the first record; until then the salt lives in this object only.
    void this.store.update(STATE_KEY, fresh);
    return fresh;
  }

  private async save(data: Stored): Promise<void> {
    await this.store.update(STATE_KEY, data);
    for (const l of this.listeners) l();
  }
}

/**
 * The receipts and the submission history of earlier versions, as records: each history entry
 * becomes one (its receipt's salt kept, so the same content still matches), each receipt without
 * an entry a record without a file (Submit still asks about it; the view does not list it).
 */
function carriedOver(store: KeyValueStore): Stored {
  const receipts = store.get<{ salt?: unknown; entries?: Record<string, { id?: string; time?: string; requestId?: string; uncertain?: boolean; pending?: boolean }> }>(OLD_RECEIPTS_KEY);
  const history = store.get<unknown>(OLD_HISTORY_KEY);
  const salt = typeof receipts?.salt === 'string' ? receipts.salt : toHex(crypto.getRandomValues(new Uint8Array(16)));
  const records: SubmissionRecord[] = [];
  const OLD: Record<string, SubmissionState> = { created: 'created', updated: 'updated', mayExist: 'unknown', notCreated: 'settled', failed: 'rejected' };
  if (Array.isArray(history)) {
    for (const e of history as Array<Record<string, unknown>>) {
      const state = OLD[String(e?.outcome)];
      if (!state || typeof e.key !== 'string' || typeof e.file !== 'string' || typeof e.origin !== 'string' || typeof e.time !== 'string' || typeof e.sentAt !== 'string') continue;
      if (e.keyKind !== 'test' && e.keyKind !== 'live') continue;
      records.push({
        key: e.key,
        file: e.file,
        action: e.action === 'update' ? 'update' : 'create',
        state: e.resolvedBy === 'check' && state === 'created' ? 'found' : state,
        origin: e.origin,
        keyKind: e.keyKind,
        fingerprint: typeof e.fingerprint === 'string' ? e.fingerprint : undefined,
        claimedAt: e.sentAt,
        sentAt: e.sentAt,
        time: e.time,
        documentId: typeof e.documentId === 'string' ? e.documentId : undefined,
        requestId: typeof e.requestId === 'string' ? e.requestId : undefined,
      });
    }
  }
  const known = new Set(records.map((r) => r.fingerprint));
  for (const [fingerprint, r] of Object.entries(receipts?.entries ?? {})) {
    if (known.has(fingerprint) || typeof r?.time !== 'string') continue;
    const state: SubmissionState = r.pending ? 'sent' : r.id ? 'created' : 'unknown';
    // The origin and key kind are inside the hash only: the record names none.
    records.push({ key: randomKey(), file: '', action: 'create', state, origin: '', keyKind: 'test', fingerprint, claimedAt: r.time, sentAt: r.time, time: r.time, documentId: r.id, requestId: r.requestId });
  }
  if (receipts !== undefined) void store.update(OLD_RECEIPTS_KEY, undefined);
  if (history !== undefined) void store.update(OLD_HISTORY_KEY, undefined);
  return { salt, records: records.slice(-MAX_RECORDS) };
}

function randomKey(): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(8)));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const STATES = new Set<string>(Object.keys(STATE_TEXT));

function isRecord(v: unknown): v is SubmissionRecord {
  if (v === null || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.key === 'string' &&
    typeof r.file === 'string' &&
    typeof r.time === 'string' &&
    typeof r.claimedAt === 'string' &&
    typeof r.origin === 'string' &&
    (r.keyKind === 'test' || r.keyKind === 'live') &&
    (r.action === 'create' || r.action === 'update') &&
    typeof r.state === 'string' &&
    STATES.has(r.state)
  );
}
