import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, positionAt, withCursor } from '../support/lspClient';
import { nextUri } from '../support/documents';
import { applyTextEdits } from '../support/textEdits';

/** Applies an item's edit; snippet placeholders become their default text (first choice). */
function apply(text: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  const inserted = edit.newText
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
  return applyTextEdits(text, [{ range: edit.range, newText: inserted }]);
}

describe('completion over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.stop());

  async function complete(marked: string): Promise<{ text: string; items: CompletionItem[] }> {
    const { text, offset } = withCursor(marked);
    const uri = nextUri();
    await client.open(uri, text);
    const result = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: positionAt(text, offset) });
    assert.ok(result, 'a completion list');
    const items = [...result.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    return { text, items };
  }

  function item(items: CompletionItem[], label: string): CompletionItem {
    const found = items.find((i) => i.label === label);
    assert.ok(found, `no item ${label} in ${items.map((i) => i.label).join(', ')}`);
    return found;
  }

  it('offers the properties not yet present, required first, with documentation', async () => {
    const { items } = await complete('{\n  "status": "final",\n  |\n}');
    const labels = items.map((i) => i.label);
    assert.ok(!labels.includes('status'));
    assert.deepEqual(labels.slice(0, 5), ['type', 'patientId', 'practitionerId', 'title', 'sections']);
    assert.ok(labels.includes('confidentiality') && labels.includes('attester') && labels.includes('relatesTo'));
    const title = item(items, 'title');
    assert.match((title.documentation as { value: string }).value, /at most 500 characters/);
  });

  it('inserts "key": with a value placeholder', async () => {
    const { text, items } = await complete('{\n  "status": "final",\n  |\n}');
    assert.equal(apply(text, item(items, 'title')), '{\n  "status": "final",\n  "title": "Discharge Summary"\n}');
    assert.equal((item(items, 'confidentiality').textEdit as TextEdit).newText, '"confidentiality": "${1|N,R,V|}"');
    const sections = JSON.parse(apply(text, item(items, 'sections')).replace(/,\s*}$/, '}')) as { sections: unknown };
    assert.deepEqual(sections.sections, [{ title: 'Section title', text: 'Section text' }]);
  });

  it('completes a key being typed inside quotes, and adds a comma when a property follows', async () => {
    const { text, items } = await complete('{\n  "conf|"\n  "status": "final"\n}');
    assert.equal(apply(text, item(items, 'confidentiality')), '{\n  "confidentiality": "N",\n  "status": "final"\n}');
  });

  it('offers section properties inside a section', async () => {
    const { items } = await complete('{"sections": [{"title": "a", |}]}');
    assert.deepEqual(items.map((i) => i.label).sort(), ['authorId', 'code', 'mode', 'resourceIds', 'sections', 'text']);
    assert.equal(items[0]!.label, 'text');
  });

  it('offers enum values with their meaning', async () => {
    const { text, items } = await complete('{"status": |}');
    assert.deepEqual(items.map((i) => i.label), ['"preliminary"', '"final"', '"amended"']);
    assert.equal(apply(text, item(items, '"final"')), '{"status": "final"}');
    const { items: conf } = await complete('{"confidentiality": "|"}');
    assert.match(String((item(conf, '"R"').documentation as { value: string }).value), /restricted/);
  });

  it('replaces a partly typed enum value', async () => {
    const { text, items } = await complete('{"status": "fi|"}');
    assert.equal(apply(text, item(items, '"final"')), '{"status": "final"}');
  });

  it('suggests the known document types', async () => {
    const { items } = await complete('{"type": |}');
    assert.deepEqual(items.map((i) => i.label), ['"discharge-summary"', '"referral-letter"', '"care-plan"', '"operative-report"', '"transfer-summary"', '"consultation-report"']);
  });

  const snippetCases: [string, string, unknown][] = [
    ['section', '{"sections": [|]}', { title: 'Section title', text: 'Section text' }],
    ['sub-section', '{"sections": [{"title": "a", "text": "b", "sections": [|]}]}', { title: 'Sub-section title', text: 'Text' }],
    ['attester', '{"attester": [|]}', { mode: 'professional', time: '2025-01-15T09:30:00Z', partyId: 'prac_123' }],
    ['relatesTo', '{"relatesTo": [|]}', { code: 'replaces', targetId: 'comp_123' }],
  ];
  for (const [label, marked, expected] of snippetCases) {
    it(`offers a whole ${label} inside its list`, async () => {
      const { text, items } = await complete(marked);
      const snippet = item(items, label);
      assert.equal(snippet.insertTextFormat, 2);
      // The documentation previews the item as it will read, placeholders filled in.
      const preview = (snippet.documentation as { value: string }).value.replace(/^```json\n|\n```$/g, '');
      assert.deepEqual(JSON.parse(preview), expected);
      const result = JSON.parse(apply(text, snippet));
      const list = label === 'sub-section' ? result.sections[0].sections : result[Object.keys(result)[0]!];
      assert.deepEqual(list, [expected]);
    });
  }

  it('offers a whole event inside the event list', async () => {
    const { text, items } = await complete('{"event": [|]}');
    const result = JSON.parse(apply(text, item(items, 'event'))) as { event: { code: unknown[]; period: unknown }[] };
    assert.equal(result.event[0]!.code.length, 1);
    assert.deepEqual(result.event[0]!.period, { start: '2025-01-10', end: '2025-01-15' });
  });

  it('completing the missing required properties yields a valid document', async () => {
    let text = '{\n  |\n}';
    for (let i = 0; i < 6; i++) {
      const { text: current, items } = await complete(text);
      const next = items[0]!;
      assert.equal(next.detail, 'required');
      const applied = apply(current, next);
      text = i < 5 ? applied.replace(/\n}$/, ',\n  |\n}') : applied;
    }
    const uri = nextUri();
    await client.open(uri, text);
    assert.deepEqual(await client.diagnostics(uri), []);
    assert.deepEqual(Object.keys(JSON.parse(text)), ['status', 'type', 'patientId', 'practitionerId', 'title', 'sections']);
  });

  it('answers on a broken document', async () => {
    const { items } = await complete('{"status": "final", "sections": [{"title": |');
    assert.ok(Array.isArray(items));
  });
});
