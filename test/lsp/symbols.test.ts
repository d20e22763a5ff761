import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient';
import { fixture, json, minimalDocument, nextUri } from '../support/documents';

type Outline = [string, string | undefined, Outline[]?];

/** name, detail and children only, for comparing trees. */
function outline(symbols: DocumentSymbol[]): Outline[] {
  return symbols.map((s) => (s.children && s.children.length > 0 ? [s.name, s.detail, outline(s.children)] : [s.name, s.detail]));
}

describe('document symbols (outline) over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.stop());

  async function symbols(text: string): Promise<DocumentSymbol[]> {
    const uri = nextUri('symbols');
    await client.open(uri, text);
    return client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  }

  it('advertises document symbols', () => {
    assert.ok(client.initializeResult?.capabilities.documentSymbolProvider);
  });

  it('shows the discharge summary in the clinician\'s words, sections by title with sub-sections nested', async () => {
    assert.deepEqual(outline(await symbols(fixture('discharge-summary.clinikdoc.json'))), [
      ['Status', 'final'],
      ['Type', 'discharge-summary'],
      ['Categories', undefined, [['inpatient', undefined]]],
      ['Patient', 'pat_8d2f1c'],
      ['Encounter', 'enc_51a0b7'],
      ['Author', 'prac_3e9a44'],
      ['Title', 'Discharge Summary'],
      ['Date', '2025-01-15'],
      ['Confidentiality', 'N'],
      ['Attesters', '1', [['professional', 'prac_3e9a44']]],
      ['Custodian', 'org_001'],
      ['Related documents', '1', [['replaces', 'comp_0001']]],
      ['Events', '1', [['Hospital admission', '2025-01-10 – 2025-01-15']]],
      ['Sections', '2 / 50', [['Diagnosis', undefined], ['Hospital Course', undefined, [['Day 1', undefined]]]]],
    ]);
  });

  it('a section\'s entry spans the section and selects its title', async () => {
    const text = json(minimalDocument());
    const sections = (await symbols(text)).find((s) => s.name === 'Sections')!;
    const section = sections.children![0]!;
    const lines = text.split('\n');
    assert.equal(lines[section.selectionRange.start.line]!.slice(section.selectionRange.start.character, section.selectionRange.end.character), '"Diagnosis"');
    assert.equal(lines[section.range.start.line]!.trim(), '{');
    assert.equal(lines[section.range.end.line]!.trim(), '}');
  });

  it('names untitled sections by position, never with an empty name; unknown keys keep their key', async () => {
    const doc = { ...minimalDocument(), sections: [{ title: '', text: 'x' }, { text: 'y' }], confidentialty: 'R' };
    assert.deepEqual(outline(await symbols(json(doc))).slice(-2), [
      ['Sections', '2 / 50', [['Section 1 (untitled)', undefined], ['Section 2 (untitled)', undefined]]],
      ['confidentialty', 'R'],
    ]);
  });

  it('gives a partial outline for a document with syntax errors, and none for a non-object', async () => {
    const partial = await symbols('{\n  "title": "Draft",\n  "status": \n}');
    assert.equal(partial[0]?.name, 'Title');
    assert.deepEqual(await symbols('[1, 2]'), []);
    assert.deepEqual(await symbols(''), []);
  });
});
