import type { KeyValueStore } from './receipts';

/**
 * The submissions made from this machine, for the ClinikAPI view: what receipts store (time, the
 * target, the outcome, the id, the request id, the keyed hash of the content) plus the file it
 * came from. Never content, titles or names. Kept in VS Code's globalState; the newest 500.
 */

export type HistoryOutcome =
  /** The document was created (the answer said so, or a check found it). */
  | 'created'
  /** An update in place (PATCH) was applied. */
  | 'updated'
  /** Sent without a clear answer: it may have been created (or applied). */
  | 'mayExist'
  /** A check found no such document: nothing was created. */
  | 'notCreated'
  /** ClinikAPI refused it; nothing was created. */
  | 'failed';

export interface HistoryEntry {
  /** Random, to address the entry. */
  key: string;
  /** The file's URI (`file:///…`, `untitled:…`). */
  file: string;
  /** `create` (POST) or `update` (PATCH in place). */
  action: 'create' | 'update';
  /** ISO time the request left. */
  sentAt: string;
  /** ISO time its outcome was known. */
  time: string;
  /** The origin the request went to (`https://api.clinikapi.com`). */
  origin: string;
  keyKind: 'test' | 'live';
  outcome: HistoryOutcome;
  /** The document's id, when known. */
  documentId?: string;
  requestId?: string;
  /** The receipt's keyed hash of the content sent (receipts.ts): links the entry to its receipt. */
  fingerprint?: string;
  /** How the outcome became known when it was not the answer itself. */
  resolvedBy?: 'check';
}

const STATE_KEY = 'clinikapi.submissionHistory';
const MAX_ENTRIES = 500;

export class SubmissionHistory {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly store: KeyValueStore) {}

  /** Oldest first. */
  entries(): HistoryEntry[] {
    const stored = this.store.get<unknown>(STATE_KEY);
    return Array.isArray(stored) ? stored.filter(isEntry) : [];
  }

  get(key: string): HistoryEntry | undefined {
    return this.entries().find((e) => e.key === key);
  }

  async add(entry: Omit<HistoryEntry, 'key'>): Promise<HistoryEntry> {
    const full: HistoryEntry = { key: randomKey(), ...entry };
    await this.save([...this.entries(), full].slice(-MAX_ENTRIES));
    return full;
  }

  async change(key: string, change: Partial<Omit<HistoryEntry, 'key'>>): Promise<HistoryEntry | undefined> {
    let updated: HistoryEntry | undefined;
    await this.save(this.entries().map((e) => (e.key === key ? (updated = { ...e, ...change }) : e)));
    return updated;
  }

  /** Forgets every entry (the view's Clear Submission History). */
  async clear(): Promise<void> {
    await this.save([]);
  }

  /** Forgets every entry of a file. */
  async forgetFile(file: string): Promise<void> {
    await this.save(this.entries().filter((e) => e.file !== file));
  }

  /** The entries grouped by file, newest file first, each file's entries newest first. */
  byFile(): Array<{ file: string; entries: HistoryEntry[] }> {
    const groups = new Map<string, HistoryEntry[]>();
    for (const e of [...this.entries()].reverse()) {
      const list = groups.get(e.file) ?? [];
      list.push(e);
      groups.set(e.file, list);
    }
    return [...groups].map(([file, entries]) => ({ file, entries }));
  }

  /** The document a file is linked to: its newest entry that has a document id. */
  linkedDocument(file: string): HistoryEntry | undefined {
    return [...this.entries()].reverse().find((e) => e.file === file && e.documentId !== undefined && (e.outcome === 'created' || e.outcome === 'updated'));
  }

  /** Ids of documents this machine knows it created or updated. */
  knownDocumentIds(except?: string): Set<string> {
    return new Set(this.entries().filter((e) => e.key !== except && e.documentId).map((e) => e.documentId as string));
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private async save(entries: HistoryEntry[]): Promise<void> {
    await this.store.update(STATE_KEY, entries);
    for (const l of this.listeners) l();
  }
}

function randomKey(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const OUTCOMES = new Set<string>(['created', 'updated', 'mayExist', 'notCreated', 'failed']);

function isEntry(v: unknown): v is HistoryEntry {
  if (v === null || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.key === 'string' &&
    typeof e.file === 'string' &&
    typeof e.time === 'string' &&
    typeof e.sentAt === 'string' &&
    typeof e.origin === 'string' &&
    (e.keyKind === 'test' || e.keyKind === 'live') &&
    (e.action === 'create' || e.action === 'update') &&
    typeof e.outcome === 'string' &&
    OUTCOMES.has(e.outcome)
  );
}
