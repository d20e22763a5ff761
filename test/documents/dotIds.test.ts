// The ids `.` and `..` fit the SDK's id characters, but a URL reads them as "this folder" and "the
// folder above": `/v1/documents/.` is `/v1/documents/` and `/v1/documents/..` is `/v1/`. Each
// documents request with such an id is refused before anything is sent; a capturing HTTP server
// on 127.0.0.1 shows what reached it.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendRequest } from '../../client/src/api/nodeTransport';
import { documentsConnection } from '../../client/src/api/connection';
import { readDocument, searchDocuments, updateDocument, type DocumentsConnection } from '../../client/src/api/documentsApi';
import { documentIdInputProblem } from '../../client/src/afterSubmit/documentIdInput';
import { TEST_KEY } from '../submission/helpers';

const COMPOSITION = { resourceType: 'Composition', id: 'comp_1', status: 'final', subject: { reference: 'Patient/pat_1' }, section: [] };

describe('the ids "." and ".." never reach a URL', () => {
  let server: Server;
  let url: string;
  const seen: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: req.url?.includes('?') ? { data: [], hasMore: false } : COMPOSITION }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
  });

  const conn = (): DocumentsConnection => {
    const c = documentsConnection({ apiKey: TEST_KEY, baseUrl: url, timeoutSeconds: 5, userAgent: 'ClinikDoc/test', log: () => {}, transport: sendRequest });
    assert.ok(c.ok);
    return c.connection;
  };

  it('an ordinary id is read at its own path (the server sees what is sent)', async () => {
    assert.equal((await readDocument(conn(), 'comp_1')).kind, 'ok');
    assert.equal((await searchDocuments(conn(), { patientId: 'pat_1' })).kind, 'ok');
    assert.deepEqual(seen.map((s) => s.split('?')[0]), ['GET /v1/documents/comp_1', 'GET /v1/documents']);
  });

  for (const id of ['.', '..']) {
    it(`read, update and search with "${id}" send nothing`, async () => {
      const refused = { kind: 'failed', why: 'rejected', code: 'INVALID_ID', mayHaveApplied: false };
      const answers = [await readDocument(conn(), id), await updateDocument(conn(), id, { status: 'amended' }), await searchDocuments(conn(), { patientId: id })];
      assert.deepEqual(seen, []);
      assert.deepEqual(answers, [refused, refused, refused]);
    });

    it(`"${id}" typed into Open Submitted Document is refused`, () => {
      assert.match(documentIdInputProblem(id) ?? '', /ClinikAPI id/);
      assert.match(documentIdInputProblem(` ${id} `) ?? '', /ClinikAPI id/);
    });
  }

  it('ids with dots inside are still ids', () => {
    assert.equal(documentIdInputProblem('comp.1'), undefined);
    assert.equal(documentIdInputProblem('...'), undefined);
  });
});
