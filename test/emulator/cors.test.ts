// CORS for VS Code for the Web: the emulator answers like a ClinikAPI that allows browsers, or,
// switched, like one that refuses them, so both paths of the browser client can be tested.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { janeDocument, startTestEmulator } from './helpers';
import { TEST_KEY } from '../submission/helpers';

const ORIGIN = 'https://vscode.dev';

function preflight(url: string, path = '/v1/documents', method = 'POST'): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'OPTIONS',
    headers: { origin: ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': 'content-type,x-api-key' },
  });
}

function create(url: string): Promise<Response> {
  return fetch(`${url}/v1/documents`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'x-api-key': TEST_KEY, 'content-type': 'application/json' },
    body: JSON.stringify(janeDocument()),
  });
}

describe('emulator: CORS allowed (the default)', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startTestEmulator();
  });
  after(() => emu.close());

  it('answers a preflight for x-api-key and content-type from any origin, and creates nothing', async () => {
    for (const [path, method] of [['/v1/documents', 'POST'], ['/v1/patients/pat_123', 'GET'], ['/v1/documents/comp_100', 'PATCH']] as const) {
      const res = await preflight(emu.url, path, method);
      assert.equal(res.status, 204, path);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      const headers = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
      assert.ok(headers.includes('x-api-key') && headers.includes('content-type'), headers.join());
      assert.ok((res.headers.get('access-control-allow-methods') ?? '').split(/\s*,\s*/).includes(method));
    }
    assert.equal(emu.state.documents.length, 0);
    assert.equal(emu.state.requests.length, 0);
    assert.equal(emu.state.preflights, 3);
  });

  it('lets the page read the request id, Retry-After and the rate-limit and quota headers of an answer', async () => {
    const res = await create(emu.url);
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    for (const h of ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) assert.ok(exposed.includes(h), h);
    for (const h of ['x-quota-limit', 'x-quota-used', 'x-quota-remaining', 'x-quota-reset', 'x-sandbox-limit', 'x-sandbox-remaining']) assert.ok(exposed.includes(h), h);
    for (const h of exposed.filter((name) => name.startsWith('x-quota') || name.startsWith('x-sandbox'))) assert.ok(res.headers.has(h), `${h} is exposed and sent`);
    const read = await fetch(`${emu.url}/v1/patients/pat_123`, { headers: { origin: ORIGIN, 'x-api-key': TEST_KEY } });
    assert.equal(read.headers.get('access-control-allow-origin'), '*');
  });

  it('answers Private Network Access preflights', async () => {
    const res = await fetch(`${emu.url}/v1/documents`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-private-network': 'true' },
    });
    assert.equal(res.headers.get('access-control-allow-private-network'), 'true');
  });

  it('never lets a page drive the control endpoints', async () => {
    const res = await fetch(`${emu.url}/__emulator/state`, { headers: { origin: ORIGIN, 'x-emulator-token': emu.controlToken } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });
});

describe('emulator: CORS refused (cors: "refuse")', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startTestEmulator({ cors: 'refuse' });
  });
  after(() => emu.close());

  it('answers a preflight without any allow header, so a browser sends nothing', async () => {
    const res = await preflight(emu.url);
    assert.equal(res.status, 204);
    for (const h of ['access-control-allow-origin', 'access-control-allow-headers', 'access-control-allow-methods']) assert.equal(res.headers.get(h), null, h);
    assert.equal(emu.state.requests.length, 0);
    assert.equal(emu.state.preflights, 1);
  });

  it('answers requests without CORS headers (what a browser hides from the page)', async () => {
    const res = await create(emu.url);
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal(res.headers.get('access-control-expose-headers'), null);
  });

  it('refuses an unknown mode', async () => {
    await assert.rejects(startTestEmulator({ cors: 'maybe' as never }), /cors must be one of allow, refuse/);
  });
});

describe('emulator: --cors on the command line', () => {
  it('node emulator/server.mjs --cors refuse serves without CORS; a bad value exits 2', async () => {
    const script = join(__dirname, '..', '..', 'emulator', 'server.mjs');
    const child = spawn(process.execPath, [script, '--port', '0', '--cors', 'refuse'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const res = await preflight(url);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
    } finally {
      child.kill('SIGTERM');
    }
    const bad = spawn(process.execPath, [script, '--port', '0', '--cors', 'sometimes'], { stdio: 'ignore' });
    assert.equal(await new Promise((resolve) => bad.on('exit', resolve)), 2);
  });
});
