import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { cli, lines } from './cliProcess';
import { assertNoPhi, startEmulator, TEST_KEY } from '../references/helpers';


describe('clinikdoc check --resolve', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('without CLINIKAPI_SECRET_KEY it says that --resolve needs it, and reads nothing', async () => {
    const result = await cli({ CLINIKAPI_BASE_URL: emu.url }, 'check', '--resolve', 'resolve/ids.clinikdoc.json');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--resolve needs your ClinikAPI key in the CLINIKAPI_SECRET_KEY environment variable/);
    assert.deepEqual(emu.state.reads, {});
  });

  it('unknown and mismatched ids are warnings (exit 0); each distinct id read once for the run', async () => {
    emu.reset();
    const result = await cli({ CLINIKAPI_SECRET_KEY: TEST_KEY, CLINIKAPI_BASE_URL: emu.url }, 'check', '--resolve', 'resolve/*.clinikdoc.json');
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(lines(result.stdout), [
      "resolve/ids.clinikdoc.json:5:18 warning Encounter enc_654 belongs to another patient (pat_321), not to this document's patient pat_123.",
      'resolve/ids.clinikdoc.json:6:21 warning ClinikAPI (sandbox) has no practitioner prac_798.',
    ]);
    assert.equal(lines(result.stderr).at(-1), '2 files checked: 0 errors, 2 warnings.');
    // pat_123 and prac_789 appear in both files (and prac_789 twice in one): one read each.
    assert.deepEqual(emu.state.reads, { '/v1/patients/{id}': 1, '/v1/encounters/{id}': 2, '/v1/practitioners/{id}': 2 });
    assertNoPhi([result.stderr], assert);
    for (const phi of ['Jane', 'Alice', '1990-03-15']) assert.ok(!result.stdout.includes(phi));
    assert.ok(!result.stdout.includes(TEST_KEY) && !result.stderr.includes(TEST_KEY));
  });

  it('--strict makes them errors (exit 1); --format json carries the ClinikAPI codes', async () => {
    const result = await cli({ CLINIKAPI_SECRET_KEY: TEST_KEY, CLINIKAPI_BASE_URL: emu.url }, 'check', '--resolve', '--strict', '--format', 'json', 'resolve/ids.clinikdoc.json');
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(report.files[0].problems.map((p: { severity: string; code: string }) => [p.severity, p.code]), [
      ['error', 'encounter-of-another-patient'],
      ['error', 'unknown-id'],
    ]);
    assert.equal((await cli({}, 'check', '--strict', 'resolve/ids.clinikdoc.json')).status, 2, '--strict alone is a usage error');
  });

  it('a key without read scope: said once, nothing reported about ids, exit 0', async () => {
    emu.reset();
    const result = await cli({ CLINIKAPI_SECRET_KEY: 'clk_test_ci_noread', CLINIKAPI_BASE_URL: emu.url }, 'check', '--resolve', 'resolve/*.clinikdoc.json');
    assert.equal(result.status, 0);
    assert.equal(result.stdout, '');
    assert.equal(lines(result.stderr).filter((l) => /403/.test(l)).length, 1, result.stderr);
    assert.equal(Object.values(emu.state.reads).reduce((a, b) => a + b, 0), 1, 'one refused read, then none');
  });

  it('a rate limit stops the reads: said once, the ids not read are counted', async () => {
    emu.reset();
    emu.addFaults({ on: 'read', kind: 'rateLimited', retryAfter: 60 });
    const result = await cli({ CLINIKAPI_SECRET_KEY: TEST_KEY, CLINIKAPI_BASE_URL: emu.url }, 'check', '--resolve', 'resolve/ids.clinikdoc.json');
    assert.equal(result.status, 0);
    assert.match(result.stderr, /rate limit was reached; reads resume in 60 s/);
    assert.match(result.stderr, /ids? (was|were) not resolved/);
    assert.equal(Object.values(emu.state.reads).reduce((a, b) => a + b, 0), 1, 'one read answered 429, then none');
  });
});
