import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient';
import { nextUri } from '../support/documents';
import { applyTextEdits, editsFor } from '../support/textEdits';
import { BODY_LIMIT, longUnknownKeyDocument, manyDuplicateKeysDocument, manyUnknownKeysDocument, unknownKeyName } from '../../bench/hostileDocuments';

/**
 * Legal documents (under ClinikAPI's 1 MB) built to hit what used to be quadratic: tens of
 * thousands of unknown or repeated keys in one object, one key of 400,000 characters. Through the
 * real server, they must be answered, and answered right; how fast is `npm run bench`'s business
 * (bench/hostile.ts), never a timed assertion here. Every diagnostic is listed here (the bound
 * lifted, as a client without one may); what the editor gets by default is diagnosticLimit.test.ts.
 */
describe('hostile documents over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ initializationOptions: { maxDiagnosticsPerDocument: null } });
  });
  after(() => client.stop());

  /** Line and character of an offset of `text`. */
  function position(text: string, offset: number): { line: number; character: number } {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  }

  /** The range of the `occurrence`-th (0-based) appearance of `needle` in `text`. */
  function rangeOfText(text: string, needle: string, occurrence = 0) {
    let at = -1;
    for (let i = 0; i <= occurrence; i++) {
      at = text.indexOf(needle, at + 1);
      assert.ok(at >= 0, `${needle} #${occurrence} not in the document`);
    }
    return { start: position(text, at), end: position(text, at + needle.length) };
  }

  function codes(diagnostics: Diagnostic[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const d of diagnostics) counts[String(d.code)] = (counts[String(d.code)] ?? 0) + 1;
    return counts;
  }

  async function open(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    assert.ok(Buffer.byteLength(text) < BODY_LIMIT, 'a legal body: under 1 MB');
    const uri = nextUri('hostile');
    await client.open(uri, text);
    return { uri, diagnostics: await client.diagnostics(uri) };
  }

  function codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics } });
  }

  describe('60,000 unknown keys in one object', () => {
    // One of them a typo of a known key, which must still get its rename.
    const doc = manyUnknownKeysDocument(60_000);
    const text = doc.text.replace(`"${unknownKeyName(30_000)}": 0`, '"confidentialty": "R"');
    let uri: string;
    let diagnostics: Diagnostic[];
    before(async () => {
      ({ uri, diagnostics } = await open(text));
    });

    it('reports each of them, once, on its key', () => {
      assert.deepEqual(codes(diagnostics), { 'unknown-property': 60_000 });
      assert.ok(diagnostics.every((d) => d.severity === 2 && d.source === 'ClinikDoc'));
      const at = (key: string) => diagnostics.find((d) => String(d.message).startsWith(`"${key}" `));
      for (const key of [unknownKeyName(0), unknownKeyName(29_999), 'confidentialty', unknownKeyName(59_999)]) {
        assert.deepEqual(at(key)?.range, rangeOfText(text, `"${key}"`), key);
      }
      assert.equal(at('confidentialty')?.data, undefined, 'no data: the quick fix finds the key and its object at the range');
      assert.equal(at(unknownKeyName(59_999))?.message, `"${unknownKeyName(59_999)}" is not a property of a ClinikAPI document: ClinikAPI silently drops it, so its value would be lost.`);
    });

    it('offers the rename of the typo, and nothing for the others, even with every problem in one request', async () => {
      const typo = diagnostics.find((d) => String(d.message).startsWith('"confidentialty" '))!;
      const one = await codeActions(uri, [typo]);
      assert.deepEqual(one.map((a) => a.title), ['Rename "confidentialty" to "confidentiality"']);
      // A selection over the whole document (Ctrl+A) sends every diagnostic with the request.
      const all = await codeActions(uri, diagnostics);
      assert.deepEqual(all.map((a) => a.title), ['Rename "confidentialty" to "confidentiality"']);
      const renamed = applyTextEdits(text, editsFor(all[0]!.edit, uri));
      await client.replace(uri, renamed);
      assert.deepEqual(codes(await client.diagnostics(uri)), { 'unknown-property': 59_999 });
    });
  });

  describe('"title" 60,000 times in one object', () => {
    const doc = manyDuplicateKeysDocument(60_000);
    let uri: string;
    let diagnostics: Diagnostic[];
    before(async () => {
      ({ uri, diagnostics } = await open(doc.text));
    });

    it('flags every occurrence but the last, which is the one validated', () => {
      assert.deepEqual(codes(diagnostics), { 'duplicate-key': 59_999 });
      const ranges = diagnostics.map((d) => JSON.stringify(d.range));
      assert.equal(ranges[0], JSON.stringify(rangeOfText(doc.text, '"title"', 1)), 'the first top-level "title" (the section\'s own comes first)');
      assert.ok(ranges.includes(JSON.stringify(rangeOfText(doc.text, '"title"', 59_999))), 'the one before the last');
      assert.ok(!ranges.includes(JSON.stringify(rangeOfText(doc.text, '"title"', 60_000))), 'not the last: JSON.parse keeps it');
      assert.equal(diagnostics[0]!.data, undefined, 'no data: the fix and the submission check find the key at the range');
    });

    it('removes one duplicate with its comma, and a request with many of them answers a fix for each', async () => {
      const middle = diagnostics[30_000]!;
      const [fix, ...others] = await codeActions(uri, [middle]);
      assert.equal(others.length, 0);
      assert.equal(fix!.title, 'Remove this duplicate "title" (the later one is what ClinikAPI keeps)');
      // Each fix needs no check of the rewritten text (valid JSON stays valid); 10,000 keep the answer small.
      const many = await codeActions(uri, diagnostics.slice(0, 10_000));
      assert.equal(many.length, 10_000);
      assert.deepEqual(many[9_999]!.diagnostics, [diagnostics[9_999]]);
      const removed = applyTextEdits(doc.text, editsFor(fix!.edit, uri));
      assert.equal(removed.length, doc.text.length - ' "title": "T0",\n'.length);
      await client.replace(uri, removed);
      assert.deepEqual(codes(await client.diagnostics(uri)), { 'duplicate-key': 59_998 });
    });

    it('with a syntax error elsewhere, answers a bounded number of checked fixes', async () => {
      // Here each fix is checked by parsing the rewritten text: only as many as a budget allows.
      const broken = manyDuplicateKeysDocument(20_000).text.replace('"status": "final",', '"status": "final",,');
      const opened = await open(broken);
      const duplicates = opened.diagnostics.filter((d) => d.code === 'duplicate-key');
      assert.equal(duplicates.length, 19_999);
      const fixes = await codeActions(opened.uri, duplicates);
      assert.ok(fixes.length >= 1 && fixes.length < 100, `${fixes.length} fixes`);
      const fixed = applyTextEdits(broken, editsFor(fixes[0]!.edit, opened.uri));
      await client.replace(opened.uri, fixed);
      assert.deepEqual(codes(await client.diagnostics(opened.uri)), { 'syntax-error': 1, 'duplicate-key': 19_998 });
    });
  });

  describe('one unknown key of 400,000 characters', () => {
    const doc = longUnknownKeyDocument(400_000);
    let uri: string;
    let diagnostics: Diagnostic[];
    before(async () => {
      ({ uri, diagnostics } = await open(doc.text));
    });

    it('reports it once, on the whole key, naming it cut short', () => {
      assert.equal(diagnostics.length, 1);
      const [d] = diagnostics;
      assert.equal(d!.code, 'unknown-property');
      assert.deepEqual(d!.range, rangeOfText(doc.text, JSON.stringify(doc.key)));
      assert.equal(d!.range.end.character - d!.range.start.character, 400_002);
      assert.equal(d!.message, `"titl${'e'.repeat(36)}…" (a 400,000-character key) is not a property of a ClinikAPI document: ClinikAPI silently drops it, so its value would be lost.`);
    });

    it('answers the quick-fix request: no known key is near enough to rename it to', async () => {
      assert.deepEqual(await codeActions(uri, diagnostics), []);
    });
  });
});
