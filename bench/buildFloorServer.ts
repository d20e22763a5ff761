import { buildSync } from 'esbuild';
import { join } from 'node:path';

/**
 * Bundles bench/floorServer.ts into `outfile`, as our server is bundled (one minified CommonJS
 * file for Node 20), without our code cache or lazily loaded built-ins: what the floor is.
 */
export function buildFloorServer(outfile: string): void {
  buildSync({
    absWorkingDir: join(__dirname, '..'),
    entryPoints: ['bench/floorServer.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    minify: true,
    logLevel: 'warning',
  });
}
