import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InlayHint } from 'vscode-languageserver-protocol';
import { LspTestClient, positionAt } from '../support/lspClient';
import { json, minimalDocument, nextUri } from '../support/documents';

describe('inlay hints (sizes) over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.stop());

  const everything = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };

  async function hints(text: string, range = everything): Promise<{ label: string; at: string }[]> {
    const uri = nextUri('hints');
    await client.open(uri, text);
    const result = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range });
    const lines = text.split('\n');
    // `at`: the text that follows the hint on its line, to show where it sits.
    return result.map((h) => ({ label: String(h.label), at: lines[h.position.line]!.slice(h.position.character, h.position.character + 12) }));
  }

  it('advertises inlay hints', () => {
    assert.equal(client.initializeResult?.capabilities.inlayHintProvider, true);
  });

  it('shows the section count on sections and the size of every section text, even a short one', async () => {
    const text = json(minimalDocument());
    assert.deepEqual(await hints(text), [
      { label: '1 / 50', at: '' },
      { label: '10 / 50,000', at: '"Pneumonia."' },
    ]);
  });

  it('shows other limited fields only from half their limit, with thousands separators', async () => {
    const below = { ...minimalDocument(), title: 'x'.repeat(249), type: 'y'.repeat(49) };
    assert.deepEqual((await hints(json(below))).map((h) => h.label), ['1 / 50', '10 / 50,000']);
    const above = { ...minimalDocument(), title: 'x'.repeat(250), type: 'y'.repeat(100), category: ['c'.repeat(150)] };
    assert.deepEqual((await hints(json(above))).map((h) => h.label), ['100 / 100', '250 / 500', '1 / 50', '10 / 50,000', '150 / 200']);
  });

  it('counts as ClinikAPI does: an emoji is 2, an escape is its decoded length', async () => {
    const doc = minimalDocument();
    doc.sections = [{ title: 'S', text: '😀'.repeat(600) + '\n'.repeat(634) }];
    const text = json(doc);
    assert.deepEqual((await hints(text)).map((h) => h.label), ['1 / 50', '1,834 / 50,000']);
  });

  it('counts sections past the limit; nested sub-sections and free fields get no hint', async () => {
    const doc = minimalDocument();
    doc.sections = Array.from({ length: 51 }, () => ({ title: 'S', text: 't', sections: [{ title: 'n', text: 'x'.repeat(60_000) }] }));
    doc.patientId = 'p'.repeat(1000);
    const labels = (await hints(json(doc))).map((h) => h.label);
    assert.equal(labels[0], '51 / 50');
    assert.equal(labels.length, 52);
    assert.ok(labels.slice(1).every((l) => l === '1 / 50,000'));
  });

  it('returns only the hints inside the requested range', async () => {
    const doc = minimalDocument();
    doc.sections = [{ title: 'A', text: 'a' }, { title: 'B', text: 'bb' }];
    const text = json(doc);
    const line = positionAt(text, text.indexOf('"bb"')).line;
    assert.deepEqual(await hints(text, { start: { line, character: 0 }, end: { line, character: 100 } }), [{ label: '2 / 50,000', at: '"bb"' }]);
  });
});
