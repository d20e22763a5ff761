import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { LanguageService } from '../../server/src/languageService';
import { SubmissionCheckRequest, type SubmissionCheckResult } from '../../shared/protocol';
import { startServer } from '../../server/src/server';
import { LspTestClient } from '../support/lspClient';
import { json, minimalDocument, nextUri } from '../support/documents';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('clinikdoc/submissionCheck', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.stop());

  const check = (uri: string, version: number) =>
    client.request<SubmissionCheckResult>(SubmissionCheckRequest.method, { textDocument: { uri }, version });

  it('answers a clean document: checked, no errors, its facts, the hash of the text it checked', async () => {
    const uri = nextUri();
    const text = json(minimalDocument());
    await client.open(uri, text);
    assert.deepEqual(await check(uri, 1), {
      checked: true,
      version: 1,
      sha256: sha256(text),
      errorCount: 0,
      duplicateKeys: [],
      facts: { patientId: 'pat_1', title: 'Discharge Summary' },
    });
  });

  it('reads the facts as ClinikAPI does: the last of duplicate keys wins, and lists the duplicates', async () => {
    const uri = nextUri();
    const text = `{
  "patientId": "pat_A",
  "status": "final",
  "type": "discharge-summary",
  "practitionerId": "prac_1",
  "title": "First title",
  "sections": [{ "title": "A", "text": "x", "title": "B" }],
  "title": "Discharge Summary",
  "patientId": "pat_B"
}`;
    await client.open(uri, text);
    const result = await check(uri, 1);
    assert.ok(result.checked);
    assert.equal(result.errorCount, 0, 'duplicate keys are only warnings for the editor');
    assert.deepEqual(result.facts, { patientId: 'pat_B', title: 'Discharge Summary' });
    assert.deepEqual(result.duplicateKeys, ['patientId', 'title', 'sections[0].title'], 'in the order of their first occurrence');
    assert.equal(JSON.parse(text).patientId, result.facts.patientId, 'the same as JSON.parse');
  });

  it('counts errors, and gives no facts for a document that cannot be sent', async () => {
    const uri = nextUri();
    await client.open(uri, json({ ...minimalDocument(), status: 'draft', title: 5 }));
    const result = await check(uri, 1);
    assert.ok(result.checked);
    assert.equal(result.errorCount, 2);
    assert.deepEqual(result.facts, {});
  });

  it('answers versionMismatch for a version it does not have, and checks the new one once it is synced', async () => {
    const uri = nextUri();
    await client.open(uri, json(minimalDocument()));
    const changed = json({ ...minimalDocument(), patientId: 'pat_2' });
    const version = await client.replace(uri, changed);
    assert.deepEqual(await check(uri, 1), { checked: false, reason: 'versionMismatch' });
    const result = await check(uri, version);
    assert.ok(result.checked);
    assert.equal(result.sha256, sha256(changed));
    assert.equal(result.facts.patientId, 'pat_2');
  });

  it('answers notOpen for a document it does not serve', async () => {
    assert.deepEqual(await check('file:///tmp/clinikdoc-tests/never-opened.clinikdoc.json', 1), { checked: false, reason: 'notOpen' });
    const plain = 'file:///tmp/clinikdoc-tests/plain.json';
    await client.open(plain, json(minimalDocument()), 'json');
    assert.deepEqual(await check(plain, 1), { checked: false, reason: 'notOpen' });
  });
});

/** The server started in this process over a real JSON-RPC connection, with a service that fails. */
function inProcessServer(service: LanguageService) {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startServer(createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), service);
  const connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const logs: string[] = [];
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  connection.listen();
  const stop = () => {
    connection.dispose();
    toServer.end();
    toClient.end();
  };
  return { connection, logs, stop };
}

class FailingService extends LanguageService {
  override diagnostics(): Diagnostic[] {
    throw new Error('validator crashed on "pat_secret"');
  }
}

describe('a check that fails inside the server is "not checked", never clean', () => {
  const { connection, logs, stop } = inProcessServer(new FailingService());
  const uri = nextUri();
  before(async () => {
    // No processId: the server would watch it with a timer that keeps this process alive.
    await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: { textDocument: { diagnostic: {} } } });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'clinikdoc', version: 1, text: json(minimalDocument()) } });
  });
  after(stop);

  it('submissionCheck answers checked: false, reason failed', async () => {
    const result: SubmissionCheckResult = await connection.sendRequest(SubmissionCheckRequest.type, { textDocument: { uri }, version: 1 });
    assert.deepEqual(result, { checked: false, reason: 'failed' });
  });

  it('pull diagnostics answer one not-checked error instead of an empty report', async () => {
    const report: DocumentDiagnosticReport = await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    const items = report.kind === 'full' ? report.items : [];
    assert.equal(items.length, 1);
    assert.equal(items[0]!.code, 'not-checked');
    assert.equal(items[0]!.severity, 1);
    assert.match(String(items[0]!.message), /could not check this document/);
  });

  it('logs the failure without its message (which could quote the document)', () => {
    const failures = logs.filter((l) => l.includes('failed'));
    assert.ok(failures.length >= 2, `failures logged: ${failures.length}`);
    for (const line of failures) assert.doesNotMatch(line, /pat_secret/);
  });
});
