// Runs every `*.test.ts` under test/ (except the real-VS-Code suite in test/e2e) with node's
// test runner. Node 20's `--test` does not expand globs, hence this file.
// Usage: node scripts/run-tests.mjs [dir-or-file ...]   (default: test/)
//
// It also makes the run's test certificate (test/support/testTls.ts): the tests' HTTPS emulators
// serve it and every test process trusts it through NODE_EXTRA_CA_CERTS, exactly as the test
// VS Code does, so live-key submissions (https only) are tested for real.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { makeCertificate } from '../emulator/tls.mjs';

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
const tlsDir = mkdtempSync(join(tmpdir(), 'clinikdoc-test-tls-'));
const { key, cert } = await makeCertificate();
writeFileSync(join(tlsDir, 'key.pem'), key, { mode: 0o600 });
writeFileSync(join(tlsDir, 'cert.pem'), cert);
let result;
try {
  result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=2', ...files.map((f) => relative(root, f))],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_EXTRA_CA_CERTS: join(tlsDir, 'cert.pem'), CLINIKDOC_TEST_TLS_DIR: tlsDir },
    },
  );
} finally {
  rmSync(tlsDir, { recursive: true, force: true });
}
process.exit(result.status ?? 1);
