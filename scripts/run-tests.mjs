// Runs every `*.test.ts` under test/ (except the real-VS-Code suite in test/e2e) with node's
// test runner. Node 20's `--test` does not expand globs, hence this file.
// Usage: node scripts/run-tests.mjs [dir-or-file ...]   (default: test/)
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const starts = args.length ? args : ['test'];

function collect(path, out) {
  const st = statSync(path);
  if (st.isFile()) {
    if (path.endsWith('.test.ts')) out.push(path);
    return;
  }
  for (const name of readdirSync(path).sort()) {
    if (name === 'node_modules' || name === 'toolchain' || (path === join(root, 'test') && name === 'e2e')) continue;
    collect(join(path, name), out);
  }
}

const files = [];
for (const s of starts) collect(join(root, s), files);
if (files.length === 0) {
  console.error('no test files found under', starts.join(' '));
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...files.map((f) => relative(root, f))],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
