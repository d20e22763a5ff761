import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspTestClient, positionAt } from '../support/lspClient';
import { json, minimalDocument, nextUri } from '../support/documents';

describe('hover over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.stop());

  async function hoverAt(text: string, needle: string, delta = 1): Promise<string | undefined> {
    const uri = nextUri();
    await client.open(uri, text);
    const offset = text.indexOf(needle);
    assert.ok(offset >= 0, `${needle} not in text`);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offset + delta) });
    return hover ? (hover.contents as { value: string }).value : undefined;
  }

  it('on a key: documentation and limits', async () => {
    const value = await hoverAt(json(minimalDocument()), '"title"');
    assert.ok(value);
    assert.match(value, /\*\*title\*\* — string, required, at most 500 characters/);
    assert.match(value, /Human-readable title/);
  });

  it('on a long value: the current size against the limit', async () => {
    const value = await hoverAt(json({ ...minimalDocument(), title: 'x'.repeat(512) }), '"xxx');
    assert.match(value ?? '', /Current length: 512 \/ 500 characters — \*\*over the limit\*\*/);
  });

  it('explains the unit where it differs from what a person sees', async () => {
    const value = await hoverAt(json({ ...minimalDocument(), title: 'Café 😀' }), '"Café');
    assert.match(value ?? '', /Current length: 7 \/ 500 characters/);
    assert.match(value ?? '', /6 visible characters count as 7/);
  });

  it('on sections: 1–50 and the current count', async () => {
    const value = await hoverAt(json(minimalDocument()), '"sections"');
    assert.match(value ?? '', /1–50 sections/);
    assert.match(value ?? '', /Current: 1 \/ 50 sections/);
  });

  it('on an enum value: its meaning', async () => {
    const value = await hoverAt(json({ ...minimalDocument(), confidentiality: 'R' }), '"R"');
    assert.match(value ?? '', /Current value: R: restricted/);
    assert.match(value ?? '', /`V` — very restricted/);
  });

  it('on a date: the accepted forms', async () => {
    const value = await hoverAt(json({ ...minimalDocument(), date: '2025-01-15' }), '"date"');
    assert.match(value ?? '', /RFC 3339 date-time or a date/);
  });

  it('on an unknown key: nothing', async () => {
    assert.equal(await hoverAt(json({ ...minimalDocument(), nonsense: 1 }), '"nonsense"'), undefined);
  });

  it('answers on broken and empty documents', async () => {
    assert.equal(await hoverAt('', '', 0), undefined);
    const value = await hoverAt('{"status": "final", "title": ', '"status"');
    assert.match(value ?? '', /preliminary/);
  });
});
