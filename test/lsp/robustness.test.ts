import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionList, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient';
import { json, minimalDocument, nextUri } from '../support/documents';

/** Whatever arrives, every request gets an answer and the next document is served. */
describe('the server never dies', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.stop());

  const nasty: [string, () => string][] = [
    ['an empty file', () => ''],
    ['binary junk', () => Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('')],
    ['NUL bytes and control characters', () => '{"title": "\u0000\u0001\u0002"}\u0000'],
    ['lone surrogates, raw and escaped', () => `{"title": "\uD800 \uDFFF", "type": "\\uD800", "status": "\\uDC00"}`],
    ['10,000 levels of nesting', () => '['.repeat(10_000) + ']'.repeat(10_000)],
    ['10,000 unclosed levels inside a section', () => `{"sections": [{"title": "a", "text": ${'{"a":'.repeat(10_000)}`],
    ['a 10 MB file', () => json({ ...minimalDocument(), sections: Array.from({ length: 200 }, (_, i) => ({ title: `S${i}`, text: 'x'.repeat(50_000) })) })],
    ['a 10 MB string', () => `{"title": "${'y'.repeat(10_000_000)}"}`],
    ['only a number', () => '42'],
    ['CRLF and LF mixed', () => json(minimalDocument()).replace(/\n/g, (_, i: number) => (i % 2 ? '\r\n' : '\n'))],
  ];

  for (const [name, make] of nasty) {
    it(`answers every request on ${name}`, async () => {
      const text = make();
      const logsBefore = client.logs.length;
      const uri = nextUri();
      await client.open(uri, text);
      const diagnostics = await client.diagnostics(uri);
      assert.ok(Array.isArray(diagnostics));
      const lines = text.split(/\r\n|\r|\n/);
      const lastLine = lines.length - 1;
      for (const d of diagnostics as Diagnostic[]) {
        assert.ok(d.range.start.line <= lastLine && d.range.end.line <= lastLine, 'ranges stay inside the document');
      }
      for (const position of [{ line: 0, character: 0 }, { line: 0, character: 1 }, { line: lastLine, character: lines[lastLine]!.length }]) {
        const completion = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
        assert.ok(completion === null || Array.isArray(completion.items));
        const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
        assert.ok(hover === null || typeof hover.contents === 'object');
      }
      assert.deepEqual(client.logs.slice(logsBefore).filter((l) => l.includes('failed')), [], 'no request failed inside the server');
      await client.close(uri);
      // The next document is served normally.
      const next = nextUri();
      await client.open(next, json({ ...minimalDocument(), status: 'draft' }));
      assert.equal((await client.diagnostics(next)).length, 1);
    });
  }

  it('reports nesting too deep to check as one error at the first bracket past the limit', async () => {
    const uri = nextUri();
    await client.open(uri, '['.repeat(10_000) + ']'.repeat(10_000));
    const [d, ...rest] = await client.diagnostics(uri);
    assert.deepEqual(rest, []);
    assert.equal(d!.severity, 1);
    assert.equal(d!.range.start.character, 256);
  });

  it('a 10 MB document gets its errors, not a time-out', async () => {
    const uri = nextUri();
    const text = json({ ...minimalDocument(), sections: Array.from({ length: 200 }, (_, i) => ({ title: `S${i}`, text: 'x'.repeat(50_001) })) });
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri);
    assert.equal(diagnostics.filter((d) => d.code === 'too-long').length, 200);
    assert.equal(diagnostics.filter((d) => d.code === 'too-many-items').length, 1);
  });
});
