// Where the end-to-end launcher finds and puts things. Everything it makes lives under
// `.cache/e2e/` (gitignored) or `test-results/`, never in the tracked tree.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const e2eDir = join(repoRoot, 'test/e2e');
export const workDir = join(repoRoot, '.cache/e2e');
export const resultsDir = join(repoRoot, 'test-results');
export const sampleWorkspace = join(repoRoot, 'test/fixtures/workspace');
