// A read is built with its own origin and key, bound when it is made: one waiting behind another
// (the first request of a key goes alone) is never sent with a key that was not the one its URL
// was built for. A server on 127.0.0.1 stands for the old plain-http origin (the emulator with a
// test key); the new one is an https origin nothing listens on, which the live key may go to.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClinikApiReads } from '../../client/src/api/clinikApiReads';
import { sendRequest } from '../../client/src/api/nodeTransport';
import { LIVE_KEY, TEST_KEY } from './helpers';

interface Seen {
  origin: string;
  path: string;
  key: string | undefined;
}

let oldServer: Server;
let oldUrl = '';
const newUrl = 'https://127.0.0.1:9';
const seen: Seen[] = [];
let holdOld: (() => void) | undefined;

function serve(name: () => string, hold: boolean): (req: IncomingMessage, res: ServerResponse) => void {
  return (req: IncomingMessage, res: ServerResponse) => {
    seen.push({ origin: name(), path: req.url ?? '', key: req.headers['x-api-key'] as string | undefined });
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { id: 'pat_1', fullName: 'Someone' }, meta: { requestId: 'req_1' } }));
    };
    if (hold && !holdOld) holdOld = answer;
    else answer();
  };
}

before(async () => {
  oldServer = createServer(serve(() => oldUrl, true));
  await new Promise<void>((resolve) => oldServer.listen(0, '127.0.0.1', resolve));
  oldUrl = `http://127.0.0.1:${(oldServer.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => oldServer.close(() => resolve())));

describe('a read waiting behind another', () => {
  it('is never sent with a key its URL was not built for, after the base URL and the key both changed', async () => {
    const reads = new ClinikApiReads({ transport: sendRequest, log: () => undefined, userAgent: 'ClinikDoc/test', timeoutMs: 5000 });
    reads.configure(TEST_KEY, oldUrl);
    // The first read of a key goes alone; the second waits behind it.
    const first = reads.read('patient', 'pat_1');
    const second = reads.read('patient', 'pat_2');
    while (!holdOld) await new Promise((resolve) => setTimeout(resolve, 5));
    // Meanwhile the user switches both: a live key, and ClinikAPI's https origin.
    reads.configure(LIVE_KEY, newUrl);
    holdOld();
    await first;
    await second;
    const oldOrigin = seen.filter((s) => s.origin === oldUrl);
    assert.ok(oldOrigin.length >= 1);
    assert.deepEqual(oldOrigin.filter((s) => s.key !== TEST_KEY), [], 'nothing but the test key ever went to the old origin');
    assert.deepEqual(seen.filter((s) => s.key === LIVE_KEY), [], 'the live key went nowhere over http');
    reads.dispose();
  });
});
