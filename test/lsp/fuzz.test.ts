// The server under random editing, through the protocol: a short, seeded run of the
// fuzzer in test/support/serverFuzz.ts (`npm run fuzz` is the long one), and the documents it
// found that once broke the server, kept as plain regression tests.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, DocumentSymbol, SelectionRange, TextEdit } from 'vscode-languageserver-protocol';
import { FuzzTarget, SHORT_SCALE, assertServesFreshDocument, executeRun, newStats, runArbitrary } from '../support/serverFuzz';
import { FIXTURES, json, minimalDocument } from '../support/documents';

/** Fixed: the same edits every time. To explore, run `npm run fuzz -- --seed <n>`. */
const SEED = 20261125;
const RUNS = 120;

describe('fuzzing the server (short seeded run)', () => {
  let target: FuzzTarget;
  before(async () => {
    target = new FuzzTarget();
    await target.start();
  });
  after(() => target.stop());

  it(`${RUNS} random edit sequences: every request answered in bounds, inside the document, nothing failed`, async () => {
    const stats = newStats();
    await fc.assert(
      fc.asyncProperty(runArbitrary(SHORT_SCALE), (run) => executeRun(target, run, SHORT_SCALE, stats)),
      { seed: SEED, numRuns: RUNS },
    );
    assert.ok(stats.edits >= 500, `only ${stats.edits} edits were run`);
    assert.ok(stats.requests >= 7 * stats.edits / 3, `only ${stats.requests} requests`);
    await assertServesFreshDocument(target);
  });
});

describe('documents the fuzzer found', () => {
  let target: FuzzTarget;
  before(async () => {
    target = new FuzzTarget();
    await target.start();
  });
  after(() => target.stop());

  /** Every request on the text answers (within `boundMs` each) and nothing is logged as failed. */
  async function answersEverything(text: string, boundMs = 2_000): Promise<{ diagnostics: Diagnostic[]; actions: CodeAction[] }> {
    const client = target.client;
    const logsBefore = client.logs.length;
    const uri = target.nextUri('found');
    await client.open(uri, text);
    const textDocument = { uri };
    const timed = async <T>(method: string, params: unknown): Promise<T> => {
      const started = Date.now();
      const result = await client.request<T>(method, params);
      assert.ok(Date.now() - started < boundMs, `${method} took ${Date.now() - started} ms`);
      return result;
    };
    const diagnostics = await client.diagnostics(uri);
    const end = { line: text.split(/\r\n|\r|\n/).length - 1, character: 0 };
    const whole = { start: { line: 0, character: 0 }, end };
    await timed<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument });
    await timed<SelectionRange[]>('textDocument/selectionRange', { textDocument, positions: [{ line: 0, character: 3 }, end] });
    await timed('textDocument/foldingRange', { textDocument });
    await timed<TextEdit[]>('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } });
    await timed<TextEdit[]>('textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: true } });
    const actions = await timed<CodeAction[]>('textDocument/codeAction', { textDocument, range: whole, context: { diagnostics } });
    for (const a of actions) for (const e of a.edit?.changes?.[uri] ?? []) assert.equal(typeof e.newText, 'string', a.title);
    assert.deepEqual(client.logs.slice(logsBefore).filter((l) => /failed/i.test(l)), []);
    await client.close(uri);
    return { diagnostics, actions };
  }

  it('2,000 nested sections: the outline no longer overflows the stack while being sent', async () => {
    const { diagnostics } = await answersEverything('{"sections":['.repeat(2_000) + json(minimalDocument()));
    assert.equal(diagnostics.length, 1, 'one "too deep" error, no tree-based features');
  });

  it('a string cut short by a line break does not hide 1,000 levels of brackets from the depth check', async () => {
    const { diagnostics } = await answersEverything(`{"title": "unterminated\n${'{"a":'.repeat(1_000)}\n}`);
    assert.equal(diagnostics.length, 1);
  });

  it('2,000 unclosed "[{" before a document: formatting answers at once instead of writing O(n²) spaces', async () => {
    await answersEverything('[{'.repeat(2_000) + json(minimalDocument()).replace(/\n/g, '\r\n'), 1_500);
  });

  it('a quick fix next to 120 levels of brackets: no crash on jsonc-parser\'s 200-space indentation', async () => {
    // Adding the missing properties re-formats the line they go on: 100 levels at tab size 2 is
    // exactly the indentation jsonc-parser's cache gets wrong.
    const text = `{\n  "title": "t",\n  "x": ${'['.repeat(120)}${']'.repeat(120)}\n}`;
    const { actions } = await answersEverything(text);
    assert.ok(actions.some((a) => /missing/.test(a.title)), actions.map((a) => a.title).join(' | '));
  });

  it('hover on a 1.3 MB text with curly quotes and dashes answers at once (grapheme counting was quadratic: minutes)', async () => {
    const uri = target.nextUri('found');
    const text = json({ ...minimalDocument(), sections: [{ title: 'Notes', text: 'Patient’s fever – resolved 😀. '.repeat(42_000) }] });
    await target.client.open(uri, text);
    const line = text.split('\n').findIndex((l) => l.includes('"text": "Patient'));
    const started = Date.now();
    const hover = await target.client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 20 } });
    assert.ok(Date.now() - started < 2_000, `hover took ${Date.now() - started} ms`);
    assert.match(hover?.contents.value ?? '', /over the limit/);
    await target.client.close(uri);
  });

  it('the broken text that made a quick fix take over 5 s answers in time', async () => {
    // The key's unterminated string swallows brackets for the old depth check up to the line
    // break, but the parser's scanner counts 1,351 levels; adding the missing properties then
    // re-formatted that line with jsonc-parser, writing millions of spaces edit by edit.
    await answersEverything(JSON.parse(readFileSync(join(FIXTURES, 'fuzz', 'slow-quick-fix.json'), 'utf8')) as string, 1_000);
  });
});
