import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FoldingRange, SelectionRange } from 'vscode-languageserver-protocol';
import { LspTestClient, positionAt, withCursor } from '../support/lspClient';
import { fixture, nextUri } from '../support/documents';
import { textInRange } from '../support/textEdits';

describe('folding and selection ranges over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.stop());

  async function open(text: string): Promise<string> {
    const uri = nextUri('fold');
    await client.open(uri, text);
    return uri;
  }

  it('advertises both', () => {
    assert.equal(client.initializeResult?.capabilities.foldingRangeProvider, true);
    assert.equal(client.initializeResult?.capabilities.selectionRangeProvider, true);
  });

  it('folds every multi-line object and list, keeping its closing bracket visible', async () => {
    const text = fixture('discharge-summary.clinikdoc.json');
    const uri = await open(text);
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const lines = text.split('\n');
    const folds = ranges.map((r) => [r.startLine, r.endLine]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    const lineOf = (s: string) => lines.findIndex((l) => l.includes(s));
    const last = lines.length - 1 - [...lines].reverse().findIndex((l) => l === '}');
    // The document, attester list, event list, the event, sections, each section; nothing on one line.
    assert.deepEqual(folds, [
      [0, last - 1],
      [lineOf('"attester"'), lineOf('"attester"') + 1],
      [lineOf('"event"'), lineOf('"detailIds"') + 1],
      [lineOf('"event"') + 1, lineOf('"detailIds"')],
      [lineOf('"sections": ['), last - 2],
      [lineOf('"title": "Diagnosis"') - 1, lineOf('"mode": "snapshot"')],
      [lineOf('"title": "Hospital Course"') - 1, lineOf('"sections": [{')],
    ]);
  });

  it('folds a closing bracket that shares its line with the last value into the fold', async () => {
    const text = '{\n  "sections": [\n    {"title": "a", "text": "b"}]\n}';
    const uri = await open(text);
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(ranges.map((r) => [r.startLine, r.endLine]), [[0, 2], [1, 2]]);
  });

  it('expands a selection from the word in a string out to the whole document', async () => {
    const marked = '{\n  "sections": [\n    { "title": "Hosp|ital Course", "text": "t" }\n  ]\n}';
    const { text, offset } = withCursor(marked);
    const uri = await open(text);
    const [range] = await client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions: [positionAt(text, offset)] });
    const chain: string[] = [];
    for (let r: SelectionRange | undefined = range; r; r = r.parent) chain.push(textInRange(text, r.range));
    assert.deepEqual(chain, [
      'Hospital Course',
      '"Hospital Course"',
      '"title": "Hospital Course"',
      '"title": "Hospital Course", "text": "t"',
      '{ "title": "Hospital Course", "text": "t" }',
      '[\n    { "title": "Hospital Course", "text": "t" }\n  ]',
      '"sections": [\n    { "title": "Hospital Course", "text": "t" }\n  ]',
      text,
    ]);
  });
});
