// Counts users can trust (issue 9): the same text has the same size in the hover, the inlay
// hint, the diagnostic and the side editor's status bar — ClinikAPI's unit, one function.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { textCount, overLimit } from '../../client/src/sectionText/textCount';
import { LspTestClient } from '../support/lspClient';
import { json, minimalDocument, nextUri } from '../support/documents';

const everything = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };

describe('section text sizes agree everywhere', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.stop());

  async function sizes(text: string) {
    const uri = nextUri('counts');
    const document = json({ ...minimalDocument(), sections: [{ title: 'Hospital Course', text }] });
    await client.open(uri, document);
    const lines = document.split('\n');
    const line = lines.findIndex((l) => l.includes('"text"'));
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: lines[line]!.indexOf('"text"') + 2 },
    });
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: everything });
    const report = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    const hoverText = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    return {
      hover: hoverText,
      hint: hints.map((h) => String(h.label)).find((l) => l.endsWith('/ 50,000')),
      diagnostic: report.items.find((d) => d.code === 'too-long')?.message,
    };
  }

  it('an emoji and a combining accent count 2 each in the hover, the inlay hint and the side editor, and the hover says why', async () => {
    const text = 'Fever 🤒, café\u0301.';
    const side = textCount(text, ['sections', 0, 'text']);
    const { hover, hint } = await sizes(text);
    assert.equal(side.length, 16);
    assert.equal(hint, side.label);
    assert.match(hover, new RegExp(`Current length: ${side.label} characters`));
    assert.match(hover, /UTF-16 code units: 14 visible characters count as 16/);
    assert.match(side.tooltip, /14 characters you see count as 16/);
  });

  it('one emoji past 49,999 characters is over the limit in the diagnostic, the hint and the side editor alike', async () => {
    const text = 'a'.repeat(49_999) + '😀';
    const { hint, diagnostic } = await sizes(text);
    const side = textCount(text, ['sections', 0, 'text']);
    assert.equal(hint, '50,001 / 50,000');
    assert.equal(side.label, hint);
    assert.equal(side.over, true);
    assert.equal(diagnostic, overLimit(text, ['sections', 0, 'text'])?.message);
    assert.match(diagnostic ?? '', /50,001 characters long/);
  });
});
