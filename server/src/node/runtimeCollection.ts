import { runInNewContext } from 'node:vm';

/** Set by the production bundle's loader (scripts/compileCache.mjs): writes the V8 code cache now. */
const SAVE_CODE_CACHE = Symbol.for('clinikdoc.saveCodeCache');

/**
 * Node's full collection, for common/idleCollection.ts; it answers whether the young generation is
 * still grown afterwards. No Node option at start-up: any V8 flag on the command line makes Node
 * compile its own built-in modules from source (their embedded code cache is made for the default
 * flags), ~15% of the server's start. So the collection is exposed the first time it is needed,
 * at run time, after the server's own code cache has been written (a cache made after a flag
 * changes is rejected at the next start).
 */
export function runtimeCollection(): () => boolean {
  let gc: (() => void) | undefined;
  let v8: typeof import('node:v8') | undefined;
  return () => {
    // Required here, not at start-up: most sessions never collect.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    v8 ??= require('node:v8') as typeof import('node:v8');
    if (!gc) {
      const exposed = (globalThis as { gc?: unknown }).gc;
      if (typeof exposed === 'function') {
        gc = exposed as () => void;
      } else {
        const save = (globalThis as { [SAVE_CODE_CACHE]?: unknown })[SAVE_CODE_CACHE];
        if (typeof save === 'function') (save as () => void)();
        v8.setFlagsFromString('--expose-gc');
        // The flag exposes `gc` in contexts created after it is set.
        gc = runInNewContext('gc') as () => void;
      }
    }
    gc();
    const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    return young !== undefined && young.space_size > YOUNG_GENERATION_FLOOR;
  };
}

/** V8's young generation starts at 1 MB; above this it has grown, and can shrink back. */
const YOUNG_GENERATION_FLOOR = 4 * 2 ** 20;
