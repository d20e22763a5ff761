import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { overLimit, textCount } from '../../client/src/sectionText/textCount';
import { formatCount, serverLength } from '../../shared/textLength';
import { LanguageService } from '../../server/src/languageService';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { json, minimalDocument } from '../support/documents';

const TEXT = ['sections', 0, 'text'];
const NESTED = ['sections', 0, 'sections', 1, 'text'];

describe('textCount: the side editor counts as ClinikAPI does', () => {
  it('shows the length and the schema limit for section and nested section texts', () => {
    assert.equal(textCount('a'.repeat(12_345), TEXT).label, '12,345 / 50,000');
    // The contract sets no maxLength on a nested section's text: none is invented.
    assert.equal(textCount('a'.repeat(60_000), NESTED).label, '60,000 characters');
    assert.equal(textCount('a'.repeat(60_000), NESTED).over, false);
    assert.match(textCount('', NESTED).tooltip, /no limit/);
    assert.equal(textCount('a'.repeat(50_000), TEXT).over, false);
    assert.equal(textCount('a'.repeat(50_001), TEXT).over, true);
  });

  it('counts UTF-16 code units (an emoji counts 2) and explains the difference in the tooltip', () => {
    const value = 'Fever 🤒 and café\u0301';
    const count = textCount(value, TEXT);
    assert.equal(count.length, serverLength(value));
    assert.equal(count.length, value.length);
    assert.match(count.tooltip, /UTF-16 code units/);
    assert.doesNotMatch(textCount('plain text', TEXT).tooltip, /UTF-16/);
  });

  it('is over the limit when an emoji pushes 49,999 visible characters past 50,000', () => {
    const value = 'a'.repeat(49_999) + '😀';
    assert.equal(textCount(value, TEXT).over, true);
    assert.equal(textCount(value, TEXT).label, '50,001 / 50,000');
  });
});

describe('overLimit: the same problem the JSON editor shows', () => {
  it('starts where the text stops fitting and words it as the server does', () => {
    const value = 'b'.repeat(50_010);
    const problem = overLimit(value, TEXT);
    assert.ok(problem);
    assert.equal(problem.start, 50_000);
    assert.equal(overLimit('b'.repeat(50_000), TEXT), undefined);

    const service = new LanguageService();
    const body = { ...minimalDocument(), sections: [{ title: 'Long', text: value }] };
    const document = TextDocument.create('file:///long.clinikdoc.json', 'clinikdoc', 1, json(body));
    const server = service.diagnostics(document).find((d) => d.code === problem.code);
    assert.ok(server, 'the server reports the same code');
    assert.equal(server.message, problem.message);
    assert.equal(server.source, problem.source);
  });
});

describe('formatCount: grouped as en-US writes it, without loading ICU', () => {
  it('matches toLocaleString("en-US") for whole numbers of every size, and for any other number', () => {
    const samples = [0, 1, 7, 12, 999, 1000, 1001, 50_000, 99_999, 100_000, 123_456_789, Number.MAX_SAFE_INTEGER, -1, -1000, -123_456, 1.5, 1234.5678, 1e21, NaN];
    for (let n = 1; n < 1e15; n *= 7) samples.push(n, -n);
    for (const n of samples) assert.equal(formatCount(n), n.toLocaleString('en-US'), String(n));
  });
});
