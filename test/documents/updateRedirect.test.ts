// A PATCH answered with a redirect, from a server on 127.0.0.1 that applies the update and then
// redirects (as a server behind a moved route may): ClinikDoc follows no redirect, and says the
// update may have been applied, never "Nothing was changed".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendRequest } from '../../client/src/api/nodeTransport';
import { documentsConnection } from '../../client/src/api/connection';
import { sendUpdate } from '../../client/src/afterSubmit/amendInPlace';
import { MemoryStore } from '../../client/src/record/keyValueStore';
import { SubmissionRecords } from '../../client/src/record/submissionRecords';
import { TEST_KEY } from '../submission/helpers';

const COMPARED = { resourceType: 'Composition' as const, id: 'comp_1', meta: { versionId: '1' }, status: 'final' };

describe('a redirect answered to an update in place', () => {
  let server: Server;
  let url: string;
  let patches = 0;
  before(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        // The read right before the PATCH (is it still the version compared?) answers as ClinikAPI does.
        if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: COMPARED }));
        if (req.method === 'PATCH') patches += 1;
        res.writeHead(307, { Location: 'https://elsewhere.example/v1/documents/comp_1', 'x-request-id': 'req_307' }).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('may have been applied: recorded so, not resent', async () => {
    const c = documentsConnection({ apiKey: TEST_KEY, baseUrl: url, timeoutSeconds: 5, userAgent: 'ClinikDoc/test', log: () => {}, transport: sendRequest });
    assert.ok(c.ok);
    const history = new SubmissionRecords(new MemoryStore());
    const ui = { withProgress: <T>(task: (signal: AbortSignal) => Promise<T>) => task(new AbortController().signal) };
    const r = await sendUpdate(c.connection, { file: 'file:///w/a.clinikdoc.json', keyKind: 'test', origin: url }, 'comp_1', { status: 'amended' }, ['status'], COMPARED, ui, history);
    assert.equal(r.kind, 'unknown');
    assert.match(r.kind === 'unknown' ? r.text : '', /redirect \(307\).*may have been applied.*did not resend it/s);
    assert.equal(patches, 1);
    assert.deepEqual(history.entries().map((e) => e.state), ['unknown']);
  });
});
