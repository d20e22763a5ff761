/**
 * `npx tsx bench/hostileProfile.ts`: where the time of a diagnostics pull on each hostile document
 * goes, in this process (the server's own code, not the bundle): the parse, the schema validation,
 * building the diagnostics from the validator's errors (and the duplicate keys), and serializing
 * the answer as vscode-jsonrpc does (JSON.stringify, then a UTF-8 buffer for the pipe). Medians
 * of ROUNDS, for BENCHMARKS.md; the JSON-RPC write and the client's read are what the LSP round
 * trip adds on top (bench/hostile.ts).
 */
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { computeDiagnostics } from '../server/src/features/diagnostics';
import { limitDiagnostics, DEFAULT_DIAGNOSTICS_LIMIT } from '../server/src/features/diagnosticLimit';
import { parseDocument } from '../server/src/parse/parsedDocument';
import { validateValue } from '../server/src/schema/validateValue';
import { longUnknownKeyDocument, manyDuplicateKeysDocument, manyUnknownKeysDocument, unknownKeysInSectionsDocument } from './hostileDocuments';
import { median } from './table';

const ROUNDS = 7;

function timed<T>(run: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = run();
  return { ms: performance.now() - t0, result };
}

const rows: string[][] = [];
for (const doc of [manyUnknownKeysDocument(), unknownKeysInSectionsDocument(), manyDuplicateKeysDocument(), longUnknownKeyDocument()]) {
  const t = { parse: [] as number[], validate: [] as number[], diagnostics: [] as number[], limit: [] as number[], serialize: [] as number[], serializeLimited: [] as number[] };
  let bytes = 0;
  let limitedBytes = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const uri = `file:///profile/${i}.clinikdoc.json`;
    const document = TextDocument.create(uri, 'clinikdoc', 1, doc.text);
    const parsed = timed(() => parseDocument(uri, 1, doc.text));
    t.parse.push(parsed.ms);
    // The validation alone, on the value (JSON.parse included, as the diagnostics take it).
    t.validate.push(timed(() => validateValue(JSON.parse(doc.text))).ms);
    // Everything computeDiagnostics does, validation included (its value is computed once here).
    const all = timed(() => computeDiagnostics(document, parsed.result));
    t.diagnostics.push(all.ms);
    const limited = timed(() => limitDiagnostics(document, parsed.result, all.result, DEFAULT_DIAGNOSTICS_LIMIT));
    t.limit.push(limited.ms);
    const answer = (items: unknown) => ({ jsonrpc: '2.0', id: i, result: { kind: 'full', items } });
    const written = timed(() => Buffer.from(JSON.stringify(answer(all.result)), 'utf8'));
    t.serialize.push(written.ms);
    bytes = written.result.length;
    const writtenLimited = timed(() => Buffer.from(JSON.stringify(answer(limited.result)), 'utf8'));
    t.serializeLimited.push(writtenLimited.ms);
    limitedBytes = writtenLimited.result.length;
  }
  const ms = (values: number[]) => `${median(values).toFixed(1)}`;
  rows.push([doc.name, ms(t.parse), ms(t.validate), ms(t.diagnostics), ms(t.serialize), `${(bytes / 2 ** 20).toFixed(1)} MB`, ms(t.limit), ms(t.serializeLimited), `${(limitedBytes / 1024).toFixed(0)} KB`]);
}
const head = ['document', 'parse', 'JSON.parse + validate', 'all diagnostics (validation included)', 'serialize all', 'answer', 'limit to 1,000', 'serialize limited', 'limited answer'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
console.log(line(head));
console.log(`|${widths.map((w, i) => (i === 0 ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':')).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`\n(ms, medians of ${ROUNDS}, in process; node ${process.version})`);
