// The language server under random editing, through the real protocol. Shared by the short seeded
// run in `npm test` (test/lsp/fuzz.test.ts) and the long run of `npm run fuzz` (scripts/fuzz.ts).
//
// One fast-check run = open a valid document under a fresh URI, apply a sequence of steps (each an
// incremental didChange of 1-3 edits, sometimes a whole-text replacement), and after every step ask
// for what an editor asks for: pull diagnostics, completion, hover, document symbols, code actions
// (with the diagnostics overlapping the range, as VS Code sends them) and the other advertised
// features. Every answer is checked against the document as the client sees it (a mirror updated
// with the same edits), and at the end the edited document's diagnostics must equal those of a
// fresh copy of the same text (no stale parse).
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { CancellationTokenSource, ResponseError } from 'vscode-languageserver-protocol';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Position,
  Range,
  SelectionRange,
  ServerCapabilities,
  TextDocumentContentChangeEvent,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from './lspClient';
import { fixture, json, minimalDocument } from './documents';

/** How big the pieces get; the long run goes bigger than `npm test`. */
export interface FuzzScale {
  /** Steps per run (one didChange each). */
  maxSteps: number;
  /** Longest "huge string" insertion, in UTF-16 units. */
  maxHugeString: number;
  /** Deepest nesting inserted in one go (the server stops parsing past 256). */
  maxNesting: number;
  /** Every request must be answered within this. */
  requestBoundMs: number;
}

export const SHORT_SCALE: FuzzScale = { maxSteps: 12, maxHugeString: 200_000, maxNesting: 400, requestBoundMs: 5_000 };
export const LONG_SCALE: FuzzScale = { maxSteps: 40, maxHugeString: 1_500_000, maxNesting: 2_000, requestBoundMs: 5_000 };

/** A document never grows past this: larger insertions are cut (keeps runs bounded in time). */
const MAX_DOCUMENT_LENGTH = 3_000_000;

// ---------------------------------------------------------------------------------------------
// Generators

const JSON_TOKENS = ['{', '}', '[', ']', '"', ':', ',', '\\', '\\u', '\\uD800', '\\"', 'null', 'true', 'false', '-', '1e999', '0.5', '/*', '//', '*/', ' ', '\t', '""', '{}', '[]'];
const SCHEMA_BITS = [
  '"sections": [',
  '{"title": "',
  '"text": "',
  '"status": "final"',
  '"status": "draft"',
  '"attester": [{"mode": "legal"}]',
  '"confidentiality": "R"',
  '"date": "2025-01-15T10:00:00Z"',
  '"date": "yesterday"',
  '"relatesTo": [{"code": "replaces", "targetId": "x"}]',
  '"event": [{"code": [{"system": "s", "code": "c"}], "period": {"start": "2025-01-01"}}]',
  '"category": ["a"]',
  '"sections": [{"title": "Sub", "text": "t", "sections": [{"title":"x","text":"y"}]}]',
  '"patientId": ',
  '"type": "care-plan"',
  '"unknownKey": 1',
  '"confidentialty": "R"',
  '"title": 42',
  '"sections": []',
  '"mode": "snapshot"',
];
const LINE_BREAKS = ['\n', '\r\n', '\r', '\n\n', '\r\r\n'];
const ODD_UNITS = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D\uDE00', '\uDE00\uD83D', 'é', 'e\u0301', '\u0000', '\u2028', '\u2029', '\uFEFF', '\u200B', '\uFFFF'];
const OPENERS = ['[', '{"a":', '{"sections":[', '[{', '{"title":"'];

/** What one edit inserts: literal text, or a copy of part of the document (a paste). */
export type Insert = { text: string } | { copyFrom: number; copyLength: number };

export interface Edit {
  /** Where, as a fraction of the document length. */
  at: number;
  /** How much to delete: a count of UTF-16 units, or a fraction of the document. */
  del: { units: number } | { fraction: number };
  insert: Insert;
}

export interface Probe {
  /** Two positions (fractions of the document), the second ends the code-action range. */
  a: number;
  b: number;
  /** Ask at a position past the end of its line / of the document (clients do). */
  outOfRange: boolean;
  /** Cancel the completion request right after sending it. */
  cancel: boolean;
}

export type Step =
  | { kind: 'edits'; edits: Edit[]; probe: Probe }
  | { kind: 'replace'; base: number; probe: Probe };

export interface FuzzRun {
  base: number;
  steps: Step[];
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true });

function textArbitrary(scale: FuzzScale): fc.Arbitrary<string> {
  const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
  const soupPiece = fc.constantFrom(...JSON_TOKENS, ...LINE_BREAKS, ...ODD_UNITS, ...SCHEMA_BITS);
  return fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(...JSON_TOKENS) },
    { weight: 12, arbitrary: fc.constantFrom(...SCHEMA_BITS) },
    { weight: 6, arbitrary: fc.constantFrom(...LINE_BREAKS) },
    { weight: 6, arbitrary: fc.constantFrom(...ODD_UNITS) },
    { weight: 8, arbitrary: fc.string({ unit: anyUnit, maxLength: 24 }) },
    { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
    { weight: 10, arbitrary: fc.array(soupPiece, { minLength: 2, maxLength: 30 }).map((a) => a.join('')) },
    {
      weight: 2,
      arbitrary: fc
        .record({ open: fc.constantFrom(...OPENERS), n: fc.integer({ min: 1, max: scale.maxNesting }), close: fc.boolean() })
        .map(({ open, n, close }) => open.repeat(n) + (close ? (open.startsWith('[') ? ']' : '}').repeat(n) : '')),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ n: fc.integer({ min: 1_000, max: scale.maxHugeString }), c: fc.constantFrom('x', 'é', '\uD83D\uDE00', '\\n', ' '), quoted: fc.boolean() })
        .map(({ n, c, quoted }) => {
          const body = c.repeat(Math.ceil(n / c.length)).slice(0, n);
          return quoted ? `"${body}"` : body;
        }),
    },
  );
}

function editArbitrary(scale: FuzzScale): fc.Arbitrary<Edit> {
  return fc.record({
    at: fraction,
    del: fc.oneof(
      { weight: 6, arbitrary: fc.constant({ units: 0 }) },
      { weight: 6, arbitrary: fc.nat(12).map((units) => ({ units })) },
      { weight: 2, arbitrary: fc.nat(400).map((units) => ({ units })) },
      { weight: 1, arbitrary: fraction.map((f) => ({ fraction: f })) },
    ),
    insert: fc.oneof(
      { weight: 8, arbitrary: textArbitrary(scale).map((text) => ({ text })) },
      { weight: 2, arbitrary: fc.constant({ text: '' }) },
      { weight: 2, arbitrary: fc.record({ copyFrom: fraction, copyLength: fc.nat(600) }) },
    ),
  });
}

export function runArbitrary(scale: FuzzScale): fc.Arbitrary<FuzzRun> {
  const probe = fc.record({ a: fraction, b: fraction, outOfRange: fc.nat(9).map((n) => n === 0), cancel: fc.nat(9).map((n) => n === 0) });
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 30, arbitrary: fc.record({ kind: fc.constant('edits' as const), edits: fc.array(editArbitrary(scale), { minLength: 1, maxLength: 3 }), probe }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), base: fc.nat(BASES.length - 1), probe }) },
  );
  return fc.record({ base: fc.nat(BASES.length - 1), steps: fc.array(step, { minLength: 1, maxLength: scale.maxSteps }) });
}

// ---------------------------------------------------------------------------------------------
// Valid documents to start from

function richDocument(): string {
  return fixture('discharge-summary.clinikdoc.json');
}

export const BASES: readonly string[] = [
  json(minimalDocument()),
  richDocument(),
  richDocument().replace(/\n/g, '\r\n'),
  JSON.stringify(JSON.parse(richDocument())),
  json({ ...minimalDocument(), sections: Array.from({ length: 50 }, (_, i) => ({ title: `S${i}`, text: 'Text with é and 😀.' })) }),
  '',
];

// ---------------------------------------------------------------------------------------------
// Running

export interface FuzzStats {
  runs: number;
  edits: number;
  requests: number;
  cancelled: number;
  maxLatencyMs: number;
  maxLatencyMethod: string;
}

export function newStats(): FuzzStats {
  return { runs: 0, edits: 0, requests: 0, cancelled: 0, maxLatencyMs: 0, maxLatencyMethod: '' };
}

/** Owns the server process: restarted if a run kills it, so one crash does not fail every later run. */
export class FuzzTarget {
  client!: LspTestClient;
  private counter = 0;
  /** Set when a request went unanswered: the server may be stuck, the next run starts a new one. */
  stuck = false;
  /** The first failure seen, before fast-check shrinks it (a stuck server fails every shrink). */
  firstFailure?: FuzzFailure;

  async start(): Promise<void> {
    this.client = await LspTestClient.start();
    this.stuck = false;
  }

  async ensureAlive(): Promise<void> {
    if (this.stuck || this.client.process.exitCode !== null || this.client.process.signalCode !== null) {
      this.client.process.kill('SIGKILL');
      this.client.connection.dispose();
      await this.start();
    }
  }

  nextUri(tag: string): string {
    this.counter++;
    return `file:///tmp/clinikdoc-fuzz/${tag}-${this.counter}.clinikdoc.json`;
  }

  get capabilities(): ServerCapabilities {
    return this.client.initializeResult?.capabilities ?? {};
  }

  stop(): Promise<void> {
    return this.client.stop();
  }
}

export class FuzzFailure extends Error {
  /** The document's text when the failure was seen (written to the long run's report file). */
  document?: string;
}

/** Applies one run and checks every answer; throws a FuzzFailure naming what broke. */
export async function executeRun(target: FuzzTarget, run: FuzzRun, scale: FuzzScale, stats: FuzzStats): Promise<void> {
  await target.ensureAlive();
  if (process.env.CLINIKDOC_FUZZ_DUMP) writeFileSync(process.env.CLINIKDOC_FUZZ_DUMP, JSON.stringify(run));
  const client = target.client;
  const logsBefore = client.logs.length;
  const uri = target.nextUri('run');
  let version = 1;
  let mirror = TextDocument.create(uri, 'clinikdoc', version, BASES[run.base]!);
  await bounded(client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'clinikdoc', version, text: mirror.getText() } }), scale.requestBoundMs, 'didOpen');
  stats.runs++;

  const context = (what: string) => `${what} (step ${current} of ${run.steps.length}, document of ${mirror.getText().length} units, version ${version})`;
  let current = 0;
  try {
    for (const step of run.steps) {
      current++;
      version++;
      let changes: TextDocumentContentChangeEvent[];
      if (step.kind === 'replace') {
        changes = [{ text: BASES[step.base]! }];
      } else {
        changes = [];
        // Each edit's range is taken on the text as it is after the previous edits of the same
        // notification, as the protocol says.
        // (TextDocument.update changes the document it is given: work on a copy.)
        const scratch = TextDocument.create(uri, 'clinikdoc', 0, mirror.getText());
        for (const edit of step.edits) {
          const change = toChange(scratch, edit);
          changes.push(change);
          TextDocument.update(scratch, [change], scratch.version + 1);
        }
      }
      mirror = TextDocument.update(mirror, changes, version);
      stats.edits += changes.length;
      if (process.env.CLINIKDOC_FUZZ_TRACE) console.error(`step ${current}: ${changes.length} changes, ${changes.reduce((n, c) => n + c.text.length, 0)} units inserted, document ${mirror.getText().length}`);
      // Bounded too: a stuck server stops reading, and a large change then never leaves the pipe.
      await bounded(client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes }), scale.requestBoundMs, 'didChange');
      await probeAll(target, uri, mirror, step.probe, scale, stats, context);
      const failed = client.logs.slice(logsBefore).filter((l) => /failed/i.test(l));
      if (failed.length > 0) throw new FuzzFailure(context(`the server logged a failure: ${failed[0]!.slice(0, 600)}`));
      if (client.process.exitCode !== null || client.process.signalCode !== null) throw new FuzzFailure(context('the server process exited'));
    }
    // The incrementally edited document answers like a fresh copy of the same text.
    const fresh = target.nextUri('fresh');
    await bounded(client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: fresh, languageId: 'clinikdoc', version: 1, text: mirror.getText() } }), scale.requestBoundMs, 'didOpen');
    const [edited, copy] = await Promise.all([
      timed(target, 'textDocument/diagnostic', { textDocument: { uri } }, scale, stats),
      timed(target, 'textDocument/diagnostic', { textDocument: { uri: fresh } }, scale, stats),
    ]);
    await bounded(client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: fresh } }), scale.requestBoundMs, 'didClose');
    if (!isDeepStrictEqual(itemsOf(edited), itemsOf(copy))) throw new FuzzFailure(context('diagnostics of the edited document differ from those of a fresh copy of its text'));
    if (TextDocument.create('x', 'x', 0, mirror.getText()).lineCount !== mirror.lineCount) throw new FuzzFailure(context('incremental line count disagrees with a fresh count'));
  } catch (error) {
    if (error instanceof FuzzFailure) {
      error.document ??= mirror.getText();
      if (/no answer within/.test(error.message)) target.stuck = true;
      target.firstFailure ??= error;
    }
    throw error;
  } finally {
    await bounded(client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } }), scale.requestBoundMs, 'didClose').catch(() => undefined);
  }
}

export function toChange(doc: TextDocument, edit: Edit): TextDocumentContentChangeEvent {
  const text = doc.getText();
  const length = text.length;
  const start = Math.min(length, Math.floor(edit.at * (length + 1)));
  const wanted = 'units' in edit.del ? edit.del.units : Math.floor(edit.del.fraction * length);
  const end = Math.min(length, start + wanted);
  let insert: string;
  if ('text' in edit.insert) {
    insert = edit.insert.text;
  } else {
    const from = Math.min(length, Math.floor(edit.insert.copyFrom * length));
    insert = text.slice(from, from + edit.insert.copyLength);
  }
  const room = MAX_DOCUMENT_LENGTH - (length - (end - start));
  if (insert.length > room) insert = insert.slice(0, Math.max(0, room));
  return { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: insert };
}

function positionFor(doc: TextDocument, f: number, outOfRange: boolean): Position {
  const p = doc.positionAt(Math.floor(f * (doc.getText().length + 1)));
  if (!outOfRange) return p;
  return f < 0.5 ? { line: p.line, character: p.character + 1_000 } : { line: doc.lineCount + 5, character: 3 };
}

async function probeAll(
  target: FuzzTarget,
  uri: string,
  doc: TextDocument,
  probe: Probe,
  scale: FuzzScale,
  stats: FuzzStats,
  context: (what: string) => string,
): Promise<void> {
  const caps = target.capabilities;
  const textDocument = { uri };
  const p = positionFor(doc, probe.a, probe.outOfRange);
  const q = positionFor(doc, probe.b, false);
  const inRange = positionFor(doc, probe.a, false);
  const rangeStart = before(inRange, q) ? inRange : q;
  const rangeEnd = before(inRange, q) ? q : inRange;

  // As an editor does: several requests in flight at once.
  const diagnosticsP = timed(target, 'textDocument/diagnostic', { textDocument }, scale, stats);
  const completionP = timed(target, 'textDocument/completion', { textDocument, position: p }, scale, stats, probe.cancel);
  const hoverP = caps.hoverProvider ? timed(target, 'textDocument/hover', { textDocument, position: p }, scale, stats) : Promise.resolve(null);
  const symbolsP = caps.documentSymbolProvider ? timed(target, 'textDocument/documentSymbol', { textDocument }, scale, stats) : Promise.resolve([]);
  const foldingP = caps.foldingRangeProvider ? timed(target, 'textDocument/foldingRange', { textDocument }, scale, stats) : Promise.resolve([]);
  const selectionP = caps.selectionRangeProvider ? timed(target, 'textDocument/selectionRange', { textDocument, positions: [inRange, q] }, scale, stats) : Promise.resolve([]);
  const inlayP = caps.inlayHintProvider
    ? timed(target, 'textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) } }, scale, stats)
    : Promise.resolve([]);

  const diagnostics = itemsOf(await diagnosticsP);
  for (const d of diagnostics) {
    checkRange(doc, d.range, context(`diagnostic ${String(d.code)}`));
    if (typeof d.message !== 'string' || d.message.length === 0) throw new FuzzFailure(context(`diagnostic ${String(d.code)} has no message`));
  }

  const completion = (await completionP) as CompletionList | CompletionItem[] | null | 'cancelled';
  if (completion !== null && completion !== 'cancelled') {
    const items = Array.isArray(completion) ? completion : completion.items;
    if (!Array.isArray(items)) throw new FuzzFailure(context('completion answered without items'));
    for (const item of items) {
      if (typeof item.label !== 'string' || item.label.length === 0) throw new FuzzFailure(context('a completion item has an empty label'));
      const edit = item.textEdit;
      if (edit && 'range' in edit) {
        checkRange(doc, edit.range, context(`completion ${item.label}`));
        // VS Code rejects an item whose range spans lines or does not contain the cursor.
        if (edit.range.start.line !== edit.range.end.line) throw new FuzzFailure(context(`completion ${item.label} replaces more than one line`));
        if (!probe.outOfRange && !(contains(edit.range, p))) throw new FuzzFailure(context(`completion ${item.label} range does not contain the cursor`));
      }
      for (const extra of item.additionalTextEdits ?? []) checkRange(doc, extra.range, context(`completion ${item.label} additional edit`));
    }
  }

  const hover = (await hoverP) as Hover | null;
  if (hover !== null) {
    if (typeof hover.contents !== 'object' && typeof hover.contents !== 'string') throw new FuzzFailure(context('hover without contents'));
    if (hover.range) checkRange(doc, hover.range, context('hover range'));
  }

  const symbols = (await symbolsP) as DocumentSymbol[] | null;
  for (const s of symbols ?? []) checkSymbol(doc, s, context);

  const folds = (await foldingP) as FoldingRange[] | null;
  for (const f of folds ?? []) {
    if (!(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < doc.lineCount)) throw new FuzzFailure(context(`folding range ${f.startLine}-${f.endLine} outside the document`));
  }

  const selections = (await selectionP) as SelectionRange[] | null;
  for (const s of selections ?? []) {
    for (let cur: SelectionRange | undefined = s; cur; cur = cur.parent) {
      checkRange(doc, cur.range, context('selection range'));
      if (cur.parent && !containsRange(cur.parent.range, cur.range)) throw new FuzzFailure(context('a selection range is not inside its parent'));
    }
  }

  const hints = (await inlayP) as InlayHint[] | null;
  for (const h of hints ?? []) checkPosition(doc, h.position, context('inlay hint'));

  // Code actions for the range, with the diagnostics overlapping it (what VS Code sends).
  if (caps.codeActionProvider) {
    const range = { start: rangeStart, end: rangeEnd };
    const overlapping = diagnostics.filter((d) => !before(d.range.end, range.start) && !before(range.end, d.range.start));
    const actions = (await timed(target, 'textDocument/codeAction', { textDocument, range, context: { diagnostics: overlapping } }, scale, stats)) as CodeAction[] | null;
    for (const a of actions ?? []) {
      if (!('title' in a) || typeof a.title !== 'string' || a.title.length === 0) throw new FuzzFailure(context('a code action without a title'));
      const edits: TextEdit[] = [];
      for (const [editUri, list] of Object.entries(a.edit?.changes ?? {})) {
        if (editUri !== uri) throw new FuzzFailure(context(`code action "${a.title}" edits another document`));
        edits.push(...list);
      }
      for (const change of a.edit?.documentChanges ?? []) {
        if ('edits' in change) {
          if (change.textDocument.uri !== uri) throw new FuzzFailure(context(`code action "${a.title}" edits another document`));
          if (change.textDocument.version !== null && change.textDocument.version !== doc.version) {
            throw new FuzzFailure(context(`code action "${a.title}" targets version ${change.textDocument.version}`));
          }
          edits.push(...(change.edits as TextEdit[]));
        }
      }
      checkEdits(doc, edits, context(`code action "${a.title}"`));
    }
  }

  // Formatting a document that is valid JSON keeps its value.
  if (caps.documentFormattingProvider && probe.cancel === false && probe.a < 0.2) {
    const edits = (await timed(target, 'textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }, scale, stats)) as TextEdit[] | null;
    checkEdits(doc, edits ?? [], context('formatting'));
    const before = strictValue(doc.getText());
    if (before.ok && edits && edits.length > 0) {
      const after = strictValue(TextDocument.applyEdits(doc, edits));
      if (!after.ok || !isDeepStrictEqual(before.value, after.value)) throw new FuzzFailure(context('formatting changed the value of a valid document'));
    }
  }
}

async function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new FuzzFailure(`${what} was not taken within ${ms} ms: no answer within the bound`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends a request and bounds its answer; the promise is marked handled (several are in flight at once). */
function timed(target: FuzzTarget, method: string, params: unknown, scale: FuzzScale, stats: FuzzStats, cancel = false): Promise<unknown> {
  const promise = timedRequest(target, method, params, scale, stats, cancel);
  promise.catch(() => undefined);
  return promise;
}

async function timedRequest(target: FuzzTarget, method: string, params: unknown, scale: FuzzScale, stats: FuzzStats, cancel: boolean): Promise<unknown> {
  const started = performance.now();
  if (process.env.CLINIKDOC_FUZZ_TRACE) console.error(`→ ${method} ${JSON.stringify(params).slice(0, 300)}`);
  const source = new CancellationTokenSource();
  const request = target.client.connection.sendRequest(method, params, source.token);
  if (cancel) source.cancel();
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FuzzFailure(`${method} got no answer within ${scale.requestBoundMs} ms`)), scale.requestBoundMs);
  });
  try {
    const result = await Promise.race([request, bound]);
    return result;
  } catch (error) {
    if (cancel && error instanceof ResponseError && error.code === -32800) {
      stats.cancelled++;
      return 'cancelled';
    }
    if (error instanceof FuzzFailure) throw error;
    throw new FuzzFailure(`${method} answered with an error: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
    source.dispose();
    stats.requests++;
    const ms = performance.now() - started;
    if (ms > stats.maxLatencyMs) {
      stats.maxLatencyMs = ms;
      stats.maxLatencyMethod = method;
    }
  }
}

function itemsOf(report: unknown): Diagnostic[] {
  const r = report as { kind?: string; items?: Diagnostic[] } | null;
  if (!r || r.kind !== 'full' || !Array.isArray(r.items)) throw new FuzzFailure(`expected a full diagnostic report, got ${JSON.stringify(r)?.slice(0, 200)}`);
  return r.items;
}

function strictValue(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

// ---------------------------------------------------------------------------------------------
// Invariants

function lineLength(doc: TextDocument, line: number): number {
  const text = doc.getText();
  const start = doc.offsetAt({ line, character: 0 });
  const next = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : text.length;
  let end = next;
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return end - start;
}

function checkPosition(doc: TextDocument, p: Position, what: string): void {
  const ok =
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.line < doc.lineCount &&
    p.character >= 0 &&
    p.character <= lineLength(doc, p.line);
  if (!ok) throw new FuzzFailure(`${what}: position ${p.line}:${p.character} is outside the document (${doc.lineCount} lines)`);
}

function checkRange(doc: TextDocument, r: Range, what: string): void {
  checkPosition(doc, r.start, what);
  checkPosition(doc, r.end, what);
  if (before(r.end, r.start)) throw new FuzzFailure(`${what}: range ends before it starts`);
}

function checkSymbol(doc: TextDocument, s: DocumentSymbol, context: (what: string) => string): void {
  // VS Code throws on an empty name or a selectionRange outside the range.
  if (typeof s.name !== 'string' || s.name.trim().length === 0) throw new FuzzFailure(context('a symbol with an empty name'));
  checkRange(doc, s.range, context(`symbol ${s.name}`));
  checkRange(doc, s.selectionRange, context(`symbol ${s.name} selection`));
  if (!containsRange(s.range, s.selectionRange)) throw new FuzzFailure(context(`symbol ${s.name}: selectionRange is not inside range`));
  for (const child of s.children ?? []) checkSymbol(doc, child, context);
}

function checkEdits(doc: TextDocument, edits: TextEdit[], what: string): void {
  for (const e of edits) {
    checkRange(doc, e.range, what);
    if (typeof e.newText !== 'string') throw new FuzzFailure(`${what}: an edit without newText`);
  }
  const sorted = [...edits].sort((x, y) => doc.offsetAt(x.range.start) - doc.offsetAt(y.range.start));
  for (let i = 1; i < sorted.length; i++) {
    if (doc.offsetAt(sorted[i]!.range.start) < doc.offsetAt(sorted[i - 1]!.range.end)) throw new FuzzFailure(`${what}: overlapping edits`);
  }
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function contains(r: Range, p: Position): boolean {
  return !before(p, r.start) && !before(r.end, p);
}

function containsRange(outer: Range, inner: Range): boolean {
  return contains(outer, inner.start) && contains(outer, inner.end);
}

// ---------------------------------------------------------------------------------------------
// After the fuzzing: the same server still serves a fresh document normally.

export async function assertServesFreshDocument(target: FuzzTarget): Promise<void> {
  const client = target.client;
  if (client.process.exitCode !== null || client.process.signalCode !== null) throw new FuzzFailure('the server process is gone');
  const good = target.nextUri('after-good');
  const bad = target.nextUri('after-bad');
  await client.open(good, json(minimalDocument()));
  await client.open(bad, json({ ...minimalDocument(), status: 'draft' }));
  const [g, b] = await Promise.all([client.diagnostics(good), client.diagnostics(bad)]);
  if (g.length !== 0) throw new FuzzFailure(`a valid fresh document got ${g.length} diagnostics`);
  if (b.length !== 1 || b[0]!.range.start.line !== 1) throw new FuzzFailure(`a fresh document with one wrong status got ${JSON.stringify(b)}`);
  const completion = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: bad }, position: { line: 1, character: 13 } });
  if (!completion || completion.items.length === 0) throw new FuzzFailure('no completion on a fresh document');
  await client.close(good);
  await client.close(bad);
}
