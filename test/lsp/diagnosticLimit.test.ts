import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient';
import { json, minimalDocument, nextUri } from '../support/documents';
import { applyTextEdits, editsFor } from '../support/textEdits';
import { manyDuplicateKeysDocument, manyUnknownKeysDocument, unknownKeyName, unknownKeysInSectionsDocument } from '../../bench/hostileDocuments';

/**
 * What the editor gets of a document with more problems than VS Code shows (1,000 per file): at
 * most that many diagnostics, the first of each kind that does not fit standing for the others
 * (its message says how many, its `data.hidden` counts them), and a quick fix on it that acts on
 * all of them. A client lifts or moves the bound with the `maxDiagnosticsPerDocument`
 * initialization option.
 */
describe('the bound on diagnostics per document, over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.stop());

  /** Problems of each code: one that stands for others counts for them too. */
  function problems(diagnostics: Diagnostic[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const d of diagnostics) counts[String(d.code)] = (counts[String(d.code)] ?? 0) + 1 + hiddenOf(d);
    return counts;
  }

  function hiddenOf(d: Diagnostic): number {
    return (d.data as { hidden?: number } | undefined)?.hidden ?? 0;
  }

  const standsForOthers = (d: Diagnostic) => hiddenOf(d) > 0;

  function position(text: string, offset: number): { line: number; character: number } {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  }

  async function open(text: string, on = client): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = nextUri('limit');
    await on.open(uri, text);
    return { uri, diagnostics: await on.diagnostics(uri) };
  }

  function codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics } });
  }

  describe('60,000 unknown keys in one object, a typo among those not listed', () => {
    const text = manyUnknownKeysDocument(60_000).text.replace(`"${unknownKeyName(30_000)}": 0`, '"confidentialty": "R"');
    let uri: string;
    let diagnostics: Diagnostic[];
    before(async () => {
      ({ uri, diagnostics } = await open(text));
    });

    it('lists 1,000: the first 999 keys one by one, then one that stands for the other 59,001', () => {
      assert.equal(diagnostics.length, 1000);
      assert.deepEqual(problems(diagnostics), { 'unknown-property': 60_000 });
      for (const i of [0, 500, 998]) {
        assert.ok(String(diagnostics[i]!.message).startsWith(`"${unknownKeyName(i)}" `), String(diagnostics[i]!.message));
        assert.equal(diagnostics[i]!.data, undefined);
      }
      const summary = diagnostics[999]!;
      assert.deepEqual(summary.data, { hidden: 59_000, scope: 'object' });
      assert.equal(summary.severity, 2);
      assert.equal(summary.code, 'unknown-property');
      const at = text.indexOf(`"${unknownKeyName(999)}"`);
      assert.deepEqual(summary.range, { start: position(text, at), end: position(text, at + unknownKeyName(999).length + 2) });
      assert.equal(
        summary.message,
        `"${unknownKeyName(999)}" is not a property of a ClinikAPI document: ClinikAPI silently drops it, so its value would be lost. And 59,000 more unknown properties in this object, not listed one by one: ClinikDoc lists at most 1,000 problems of a document, and the quick fix here acts on all of them.`,
      );
    });

    it('the quick fix on it renames the typo it stands for; fixed, one problem fewer', async () => {
      const summary = diagnostics.find(standsForOthers)!;
      const fixes = await codeActions(uri, [summary]);
      assert.deepEqual(fixes.map((a) => a.title), ['Rename "confidentialty" to "confidentiality"']);
      assert.deepEqual(fixes[0]!.diagnostics, [summary]);
      // A listed key without a near known key gets nothing, as before.
      assert.deepEqual(await codeActions(uri, [diagnostics[0]!]), []);
      // Select-all: every listed diagnostic and the summary; the rename once.
      assert.deepEqual((await codeActions(uri, diagnostics)).map((a) => a.title), ['Rename "confidentialty" to "confidentiality"']);
      await client.replace(uri, applyTextEdits(text, editsFor(fixes[0]!.edit, uri)));
      const after = await client.diagnostics(uri);
      assert.equal(after.length, 1000);
      assert.deepEqual(problems(after), { 'unknown-property': 59_999 });
    });
  });

  it('50 sections × 1,200 unknown keys: one diagnostic per section stands for the rest of that section', async () => {
    const doc = unknownKeysInSectionsDocument(50, 1_200);
    const { diagnostics } = await open(doc.text);
    assert.equal(diagnostics.length, 1000);
    assert.deepEqual(problems(diagnostics), { 'unknown-property': 60_000 });
    const summaries = diagnostics.filter(standsForOthers);
    assert.equal(summaries.length, 50);
    assert.ok(summaries.every((d) => (d.data as { scope: string }).scope === 'object'));
    // The first section: 950 listed, the 951st stands for its other 249; every other section: 1 for 1,199 more.
    assert.deepEqual(summaries.map(hiddenOf), [249, ...new Array(49).fill(1_199)]);
    assert.equal(String(summaries[1]!.message).split(' And ')[0], '"n0000" is not a property of sections.1: ClinikAPI silently drops it, so its value would be lost.');
  });

  it('"title" 60,000 times: the fix on the summary removes every earlier one at once, and the value is unchanged', async () => {
    const doc = manyDuplicateKeysDocument(60_000);
    const { uri, diagnostics } = await open(doc.text);
    assert.equal(diagnostics.length, 1000);
    assert.deepEqual(problems(diagnostics), { 'duplicate-key': 59_999 });
    const summary = diagnostics.find(standsForOthers)!;
    assert.equal(hiddenOf(summary), 58_999);
    const fixes = await codeActions(uri, [summary]);
    assert.deepEqual(fixes.map((a) => a.title), [
      'Remove this duplicate "title" (the later one is what ClinikAPI keeps)',
      'Remove the 59,999 earlier occurrences of repeated keys in this object (ClinikAPI keeps the last of each)',
    ]);
    const fixed = applyTextEdits(doc.text, editsFor(fixes[1]!.edit, uri));
    assert.deepEqual(JSON.parse(fixed), JSON.parse(doc.text), 'what ClinikAPI reads is the same');
    assert.equal(fixed.match(/"title"/g)?.length, 2, 'the section\'s title and the last top-level one');
    await client.replace(uri, fixed);
    assert.deepEqual(await client.diagnostics(uri), []);
  });

  it('errors are listed before warnings, wherever they are in the document', async () => {
    const value: Record<string, unknown> = { ...minimalDocument() };
    for (let i = 0; i < 1_500; i++) value[unknownKeyName(i)] = 0;
    value.status = 'done';
    const { diagnostics } = await open(json(value));
    assert.equal(diagnostics.length, 1000);
    assert.deepEqual(problems(diagnostics), { 'unknown-property': 1_500, 'invalid-enum-value': 1 });
  });

  it('a problem in each of 1,500 objects: one diagnostic stands for the rest of the document, and its fix reaches a typo anywhere', async () => {
    const value: Record<string, unknown> = { ...minimalDocument() };
    value.sections = Array.from({ length: 50 }, (_, s) => ({
      title: `S${s}`,
      text: 'x',
      sections: Array.from({ length: 30 }, (_, t) => ({ title: `T${t}`, ...(s === 49 && t === 29 ? { cdoe: 'x' } : { extra: 1 }) })),
    }));
    const text = json(value);
    const { uri, diagnostics } = await open(text);
    assert.equal(diagnostics.length, 1000);
    assert.deepEqual(problems(diagnostics), { 'unknown-property': 1_500 });
    const summaries = diagnostics.filter(standsForOthers);
    assert.equal(summaries.length, 1);
    assert.deepEqual(summaries[0]!.data, { hidden: 500, scope: 'document' });
    assert.match(String(summaries[0]!.message), / And 500 more unknown properties in this document, not listed one by one/);
    const fixes = await codeActions(uri, summaries);
    assert.deepEqual(fixes.map((a) => a.title), ['Rename "cdoe" to "code"']);
  });

  it('pushed diagnostics (a client that does not pull) are bounded the same way', async () => {
    const pushing = await LspTestClient.start({ pull: false });
    try {
      const uri = nextUri('limit-push');
      await pushing.open(uri, manyUnknownKeysDocument(3_000).text);
      const pushed = await pushing.waitForPush(uri, 1);
      assert.equal(pushed.diagnostics.length, 1000);
      assert.deepEqual(problems(pushed.diagnostics), { 'unknown-property': 3_000 });
    } finally {
      await pushing.stop();
    }
  });

  describe('maxDiagnosticsPerDocument (initialization option)', () => {
    const text = manyUnknownKeysDocument(3_000).text;
    for (const [option, listed] of [[null, 3_000], [0, 3_000], [1_500, 1_500], [5, 100], ['many', 1_000]] as const) {
      it(`${JSON.stringify(option)}: ${listed.toLocaleString('en-US')} listed`, async () => {
        const other = await LspTestClient.start({ initializationOptions: { maxDiagnosticsPerDocument: option } });
        try {
          const { diagnostics } = await open(text, other);
          assert.equal(diagnostics.length, listed);
          assert.deepEqual(problems(diagnostics), { 'unknown-property': 3_000 });
          assert.equal(diagnostics.filter(standsForOthers).length, listed === 3_000 ? 0 : 1);
        } finally {
          await other.stop();
        }
      });
    }
  });
});
