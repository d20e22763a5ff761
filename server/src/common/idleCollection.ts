/**
 * Gives memory back once the editor goes quiet after a large document was edited, re-parsed or
 * closed. V8 collects its old generation when the heap grows, not when the server goes idle, and
 * shrinks its young generation (which grows to ~30 MB on a large parse) only in a full collection
 * made while little is being allocated: left alone, the texts and trees a 2 MB document leaves
 * behind stay in the process (and in its RSS) until the next large allocation. So the server
 * counts what it drops (ParsedDocumentCache's `released`), and once enough has been dropped it
 * asks for a full collection a second after the last large drop, and, while the young generation
 * stays grown, for another once no document was edited for a few seconds (by then allocation has
 * been low long enough for V8 to shrink it; at most MAX_SETTLES times).
 * Never while someone types in a large document: each keystroke drops its text and puts the
 * collection off; never for small documents.
 */

/** Characters of text (and of the parses of it) dropped before a collection is worth it. */
export const COLLECT_AFTER_CHARS = 4_000_000;
/** A drop this large puts the collection off: someone is working on a large document. */
export const LARGE_DROP_CHARS = 64_000;
/** How long after the last large drop the first collection runs. */
export const QUIET_MS = 1_000;
/**
 * How long after that, and after the last edit of any document, the second one runs: V8 shrinks
 * its young generation only when the allocation rate over its last 5 s of samples is low.
 */
export const SETTLE_MS = 5_500;

export interface IdleCollection {
  /** `chars` characters of text (or of a parse of them) are no longer referenced. */
  released(chars: number): void;
  dispose(): void;
}

type Timer = { unref?: () => void };

/** Settling collections at most, after one first collection: each waits for a quiet editor. */
export const MAX_SETTLES = 3;

export interface IdleCollectionOptions {
  /**
   * A full collection (node/runtimeCollection.ts); true when V8 still holds a grown young
   * generation afterwards, which a later collection in a quiet editor can give back.
   */
  collect: () => boolean;
  /**
   * Called before a settling collection, once no document was edited for SETTLE_MS: what is kept
   * only for speed while someone types can go then (the parses of large documents). Given, it
   * makes at least one settling collection follow each first one, grown young generation or not.
   */
  quiet?: () => void;
  setTimer?: (run: () => void, ms: number) => Timer;
  clearTimer?: (timer: Timer) => void;
}

export function idleCollection(options: IdleCollectionOptions): IdleCollection {
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let dropped = 0;
  let timer: Timer | undefined;
  /** The pending timer is the second, settling collection. */
  let settling = false;
  const start = (run: () => void, ms: number) => {
    if (timer) clearTimer(timer);
    timer = setTimer(run, ms);
    // A pending collection never keeps the process alive.
    timer.unref?.();
  };
  let settles = 0;
  const afterCollection = (grown: boolean) => {
    timer = undefined;
    settling = (grown || (options.quiet !== undefined && settles === 0)) && settles < MAX_SETTLES;
    if (settling) start(settle, SETTLE_MS);
  };
  const settle = () => {
    settles++;
    options.quiet?.();
    afterCollection(options.collect());
  };
  const first = () => {
    dropped = 0;
    settles = 0;
    afterCollection(options.collect());
  };
  return {
    released(chars) {
      if (!(chars > 0)) return;
      dropped += chars;
      if (dropped >= COLLECT_AFTER_CHARS && (!timer || settling || chars >= LARGE_DROP_CHARS)) {
        settling = false;
        start(first, QUIET_MS);
      } else if (settling) {
        // Any edit allocates: the settling collection waits for a quiet editor.
        start(settle, SETTLE_MS);
      }
    },
    dispose() {
      if (timer) clearTimer(timer);
      timer = undefined;
      settling = false;
    },
  };
}
