// The test run's certificate for 127.0.0.1 / localhost, made by scripts/run-tests.mjs, which also
// has every test process trust it through NODE_EXTRA_CA_CERTS: an emulator serving it is reached
// over HTTPS by the client's real code path, with no test-only trust option.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function trustedTestCertificate(): { key: string; cert: string } {
  const dir = process.env.CLINIKDOC_TEST_TLS_DIR;
  if (!dir || !process.env.NODE_EXTRA_CA_CERTS) {
    throw new Error('HTTPS tests need the test certificate: run them through `node scripts/run-tests.mjs <file>` (or npm test).');
  }
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
}
