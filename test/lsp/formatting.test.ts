import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient';
import { minimalDocument, nextUri } from '../support/documents';
import { applyTextEdits } from '../support/textEdits';

describe('formatting over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.stop());

  async function format(text: string, options: Record<string, unknown>, range?: unknown): Promise<string> {
    const uri = nextUri('format');
    await client.open(uri, text);
    const method = range ? 'textDocument/rangeFormatting' : 'textDocument/formatting';
    const edits = await client.request<TextEdit[]>(method, { textDocument: { uri }, options, ...(range ? { range } : {}) });
    return applyTextEdits(text, edits);
  }

  const compact = JSON.stringify(minimalDocument());

  it('advertises whole-document and range formatting', () => {
    assert.equal(client.initializeResult?.capabilities.documentFormattingProvider, true);
    assert.equal(client.initializeResult?.capabilities.documentRangeFormattingProvider, true);
  });

  it('honours the tab size', async () => {
    assert.equal(await format(compact, { tabSize: 4, insertSpaces: true }), JSON.stringify(minimalDocument(), null, 4));
    assert.equal(await format(compact, { tabSize: 2, insertSpaces: true }), JSON.stringify(minimalDocument(), null, 2));
  });

  it('indents with tabs when the editor does', async () => {
    assert.equal(await format(compact, { tabSize: 4, insertSpaces: false }), JSON.stringify(minimalDocument(), null, '\t'));
  });

  it('adds a final newline only when asked, and keeps Windows line endings', async () => {
    assert.ok((await format(compact, { tabSize: 2, insertSpaces: true, insertFinalNewline: true })).endsWith('}\n'));
    const crlf = JSON.stringify(minimalDocument(), null, 4).replace(/\n/g, '\r\n');
    const result = await format(crlf, { tabSize: 2, insertSpaces: true });
    assert.equal(result, JSON.stringify(minimalDocument(), null, 2).replace(/\n/g, '\r\n'));
  });

  it('a range formats only what it covers, from the indentation of its first line', async () => {
    const text = '{\n  "sections": [{"title":"a",\n"text":   "b"}],\n"status":   "final"\n}';
    const range = { start: { line: 1, character: 2 }, end: { line: 2, character: 15 } };
    const result = await format(text, { tabSize: 2, insertSpaces: true }, range);
    assert.equal(result, '{\n  "sections": [\n    {\n      "title": "a",\n      "text": "b"\n    }\n  ],\n"status":   "final"\n}');
  });

  it('leaves an already formatted document unchanged', async () => {
    const formatted = JSON.stringify(minimalDocument(), null, 2);
    assert.equal(await format(formatted, { tabSize: 2, insertSpaces: true }), formatted);
  });
});
