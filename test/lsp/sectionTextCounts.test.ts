// Counts users can trust: the same text has the same size in the hover, the inlay
// hint, the diagnostic and the side editor's status bar — ClinikAPI's unit, one function.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { jsonStringLiteral } from '../../client/src/sectionText/jsonString';
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

  /** The document with `text` written by the side editor's escaping (not JSON.stringify). */
  function withText(text: string): string {
    const placeholder = json({ ...minimalDocument(), sections: [{ title: 'Hospital Course', text: '@@TEXT@@' }] });
    return placeholder.replace('"@@TEXT@@"', () => jsonStringLiteral(text));
  }

  async function sizes(text: string) {
    const uri = nextUri('counts');
    const document = withText(text);
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
      diagnostic: ((m) => (m === undefined || typeof m === 'string' ? m : m.value))(report.items.find((d) => d.code === 'too-long')?.message),
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

  it('the server reads back exactly what the side editor escaped: every escape, CRLF, a lone surrogate, 50,000 units', async () => {
    const unit = 'Quote " backslash \\ tab \t CRLF \r\n LF \n CR \r bs \b ff \f nul \u0000 😀 é\u0301 ';
    const exact = (unit.repeat(Math.ceil(50_000 / unit.length)) + '\ud800').slice(-50_000);
    assert.equal(exact.length, 50_000);
    const atLimit = await sizes(exact);
    assert.equal(atLimit.diagnostic, undefined, 'exactly 50,000 units is allowed');
    assert.equal(atLimit.hint, '50,000 / 50,000');
    assert.match(atLimit.hover, /Current length: 50,000 \/ 50,000 characters/);
    const over = await sizes(exact + '\n');
    assert.match(over.diagnostic ?? '', /50,001 characters long/);
    // And the value the server would receive is the value edited beside the JSON.
    assert.equal((JSON.parse(withText(exact)) as { sections: { text: string }[] }).sections[0]!.text, exact);
  });
});
