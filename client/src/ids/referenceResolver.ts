import type { DocumentReference, ReferenceKind } from '../../../shared/protocol';
import type { ClinikApiReads, ReadResult } from '../api/clinikApiReads';
import { summarize, type Resolved } from './resolvedResources';
import { isReadableId as isReadable } from '../api/resourcePaths';

/** What ClinikDoc knows of one id. */
export type Resolution =
  | { state: 'resolved'; resource: Resolved }
  /** ClinikAPI answered 404. */
  | { state: 'unknown' }
  /** Outside the SDK's id shape: never read. */
  | { state: 'invalidId' }
  /** Being read. */
  | { state: 'pending' }
  /** No answer about the id: resolution is off or paused, offline, or ClinikAPI failed. Quiet. */
  | { state: 'notResolved' };

export interface ResolverOptions {
  /** How long an answer (found or 404) is kept, in memory. */
  ttlMs?: number;
  /** How long after a failed read (offline, 5xx) the id is not read again. */
  retryMs?: number;
  now?: () => number;
}

interface Entry {
  resolution: Resolution;
  expires: number;
  promise?: Promise<Resolution>;
}

/**
 * Resolves ids through ClinikApiReads with the budget rules: each distinct id is read once (an
 * answer is kept `ttlMs`, a failure is not retried for `retryMs`, concurrent asks share one read),
 * in memory only; ids outside the SDK's shape are never read. `clear()` (a new key, a new base URL)
 * forgets everything. What is kept is keyed by the origin and environment it was read from, and a
 * read that ends after the origin changed (or after `clear()`) is asked again of the current one:
 * no answer of one ClinikAPI is ever given for another. Plain TypeScript: no `vscode`, no Node built-ins.
 */
export class ReferenceResolver {
  private readonly cache = new Map<string, Entry>();
  private readonly searches = new Map<string, { expires: number; promise: Promise<Resolved[] | undefined> }>();
  private readonly ttlMs: number;
  private readonly retryMs: number;
  private readonly now: () => number;
  private generation = 0;

  constructor(
    readonly reads: ClinikApiReads,
    options: ResolverOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.retryMs = options.retryMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Which answers are current: the generation of `clear()` and the environment and origin reads go
   * to now. An answer read under another scope is not one of this ClinikAPI.
   */
  get scope(): string {
    const state = this.reads.state;
    return `${this.generation} ${state.kind === 'off' ? '' : `${state.environment} ${state.origin}`}`;
  }

  /** What is known now, without reading. */
  peek(kind: ReferenceKind, id: string): Resolution {
    if (!isReadable(id)) return { state: 'invalidId' };
    const entry = this.cache.get(this.keyOf(this.scope, kind, id));
    if (!entry) return { state: 'notResolved' };
    if (entry.promise) return { state: 'pending' };
    return entry.expires > this.now() ? entry.resolution : { state: 'notResolved' };
  }

  /** Resolves one id, reading it only if no fresh answer is kept and no read of it is under way. */
  resolve(kind: ReferenceKind, id: string): Promise<Resolution> {
    if (!isReadable(id)) return Promise.resolve({ state: 'invalidId' });
    const scope = this.scope;
    const key = this.keyOf(scope, kind, id);
    const entry = this.cache.get(key);
    if (entry?.promise) return entry.promise;
    if (entry && entry.expires > this.now()) return Promise.resolve(entry.resolution);
    if (this.reads.state.kind !== 'ready') return Promise.resolve({ state: 'notResolved' });
    const promise: Promise<Resolution> = this.reads.read(kind, id).then((result) => {
      if (scope !== this.scope) {
        // The base URL or key changed while this was read: ask the ClinikAPI configured now.
        if (this.cache.get(key)?.promise === promise) this.cache.delete(key);
        return this.resolve(kind, id);
      }
      const resolution = toResolution(kind, id, result);
      const keep = resolution.state === 'resolved' || resolution.state === 'unknown';
      const failedRead = result.kind === 'unavailable';
      if (keep || failedRead) this.cache.set(key, { resolution, expires: this.now() + (keep ? this.ttlMs : this.retryMs) });
      else this.cache.delete(key);
      return resolution;
    });
    this.cache.set(key, { resolution: { state: 'pending' }, expires: Infinity, promise });
    return promise;
  }

  /** Resolves every reference of a document (each distinct id once). */
  async resolveAll(references: readonly DocumentReference[]): Promise<Map<string, Resolution>> {
    const out = new Map<string, Resolution>();
    const distinct = new Map<string, DocumentReference>();
    for (const r of references) distinct.set(cacheKey(r.kind, r.id), r);
    await Promise.all(
      [...distinct].map(async ([key, r]) => {
        out.set(key, await this.resolve(r.kind, r.id));
      }),
    );
    return out;
  }

  /**
   * A search, kept `retryMs` in memory so that completion asking again for the same text (and
   * every quick fix on the same patient) costs one request. Undefined when it could not be made.
   */
  search(kind: ReferenceKind, query: Record<string, string | undefined>): Promise<Resolved[] | undefined> {
    const scope = this.scope;
    const key = `${scope}|${kind}?${JSON.stringify(query)}`;
    const kept = this.searches.get(key);
    if (kept && kept.expires > this.now()) return kept.promise;
    const promise: Promise<Resolved[] | undefined> = this.reads.search(kind, query).then((result) => {
      if (scope !== this.scope) {
        // Candidates of another ClinikAPI are no candidates: search the one configured now.
        if (this.searches.get(key)?.promise === promise) this.searches.delete(key);
        return this.search(kind, query);
      }
      if (result.kind !== 'found') {
        this.searches.delete(key);
        return undefined;
      }
      const items: Resolved[] = [];
      for (const item of result.items) {
        const id = typeof item.id === 'string' ? item.id : undefined;
        const resolved = id && isReadable(id) ? summarize(kind, id, item) : undefined;
        if (!resolved) continue;
        items.push(resolved);
        // A search answers who each id is, too: no read needed for what it listed.
        const idKey = this.keyOf(scope, kind, id!);
        if (!this.cache.get(idKey)?.promise) this.cache.set(idKey, { resolution: { state: 'resolved', resource: resolved }, expires: this.now() + this.ttlMs });
      }
      return items;
    });
    this.searches.set(key, { expires: this.now() + this.retryMs, promise });
    return promise;
  }

  /** Forgets everything read (a new key or base URL: another datastore, or another person's access). */
  clear(): void {
    this.generation += 1;
    this.cache.clear();
    this.searches.clear();
  }

  private keyOf(scope: string, kind: ReferenceKind, id: string): string {
    return `${scope}|${cacheKey(kind, id)}`;
  }

  /** How many ids are kept (for tests and the bench). */
  get size(): number {
    return this.cache.size;
  }
}

export function cacheKey(kind: ReferenceKind, id: string): string {
  return `${kind}:${id}`;
}

function toResolution(kind: ReferenceKind, id: string, result: ReadResult): Resolution {
  switch (result.kind) {
    case 'found': {
      const resource = summarize(kind, id, result.data);
      return resource ? { state: 'resolved', resource } : { state: 'notResolved' };
    }
    case 'notFound':
      return { state: 'unknown' };
    case 'invalidId':
      return { state: 'invalidId' };
    default:
      return { state: 'notResolved' };
  }
}
