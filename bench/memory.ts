/**
 * `npx tsx bench/memory.ts`: where our language server's memory goes, for BENCHMARKS.md. Starts
 * the production server (dist/server.js, `npm run bench` builds it) with a preload that answers
 * SIGUSR2 by writing its V8 heap spaces and RSS to a file, opens the three benchmark documents one
 * by one, edits them as the bench does, closes them, and prints each step: before and after a full
 * garbage collection, so live data and garbage not yet collected are told apart; between the
 * documents and their closing, 12 s without a request (the bench's idle RSS figure). The same
 * steps for the floor server (bench/floorServer.ts). Also measured: a bare Node at rest, and Node with only vscode-languageserver listening on stdio; and, in this
 * process (run with --expose-gc: `node --expose-gc --import tsx bench/memory.ts`), what each part
 * kept for one open document costs: its text, the editor's TextDocument with its line offsets, the
 * syntax tree, and the value JSON.parse gives (kept so that edits can patch it).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../server/src/parse/parsedDocument';
import { deepDocument, maximalDocument, typicalDocument } from './documents';
import { buildFloorServer } from './buildFloorServer';
import { LspSession } from './lspSession';

const root = join(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'clinikdoc-memory-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const out = join(dir, 'heap.json');
/** '1' in this file: the next sample runs a full garbage collection first. */
const gcSwitch = join(dir, 'gc');
const preload = join(dir, 'heap.js');
writeFileSync(gcSwitch, '0');
writeFileSync(
  preload,
  `const v8 = require('v8'); const fs = require('fs');
process.on('SIGUSR2', () => {
  if (fs.readFileSync(${JSON.stringify(gcSwitch)}, 'utf8') === '1') { global.gc(); global.gc(); }
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]));
  const committed = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.physical_space_size]));
  const rss = Number(/VmRSS:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
  fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify({ rss, spaces, committed, external: process.memoryUsage().external, arrayBuffers: process.memoryUsage().arrayBuffers }));
});`,
);

interface Sample {
  rss: number;
  spaces: Record<string, number>;
  committed: Record<string, number>;
  external: number;
}

async function sample(pid: number, gc: boolean): Promise<Sample> {
  rmSync(out, { force: true });
  writeFileSync(gcSwitch, gc ? '1' : '0');
  process.kill(pid, 'SIGUSR2');
  // The file may be seen before it is completely written: read until it parses.
  for (let i = 0; i < 200; i++) {
    if (existsSync(out)) {
      try {
        return JSON.parse(readFileSync(out, 'utf8')) as Sample;
      } catch {
        // Still being written.
      }
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no heap sample from ${pid}`);
}

const MB = 2 ** 20;
const rows: string[][] = [];
function record(step: string, s: Sample): void {
  const used = (name: string) => (s.spaces[name] ?? 0) / MB;
  const committed = (name: string) => (s.committed[name] ?? 0) / MB;
  rows.push([
    step,
    (s.rss / MB).toFixed(1),
    `${used('new_space').toFixed(1)} / ${committed('new_space').toFixed(1)}`,
    used('old_space').toFixed(1),
    (used('large_object_space') + used('new_large_object_space')).toFixed(1),
    (used('code_space') + used('code_large_object_space')).toFixed(1),
    (s.external / MB).toFixed(1),
  ]);
}

async function bare(label: string, args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['--expose-gc', '-r', preload, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise((r) => setTimeout(r, 1500));
  record(label, await sample(child.pid!, false));
  child.kill();
}

/** Heap bytes that stay allocated after `make` runs, once garbage is collected (what its result keeps). */
function retained<T>(make: () => T): { bytes: number; result: T } {
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  gc();
  const before = getHeapStatistics().used_heap_size;
  const result = make();
  gc();
  gc();
  return { bytes: getHeapStatistics().used_heap_size - before, result };
}

function perDocumentCosts(): void {
  if (!(globalThis as { gc?: unknown }).gc) {
    console.log('(run with node --expose-gc --import tsx bench/memory.ts for what each part of a document costs)\n');
    return;
  }
  const table: string[][] = [];
  for (const doc of [typicalDocument(), maximalDocument(), deepDocument()]) {
    const text = retained(() => ` ${doc.text}`.slice(1).split('').join('')); // a fresh flat copy
    const document = retained(() => {
      const d = TextDocument.create('file:///x.clinikdoc.json', 'clinikdoc', 1, text.result);
      d.positionAt(text.result.length); // the line offsets, as every feature makes them
      return d;
    });
    const parsed = retained(() => parseDocument('file:///x.clinikdoc.json', 1, text.result));
    const value = retained(() => parsed.result.value());
    let nodes = 0;
    const stack = parsed.result.root ? [parsed.result.root] : [];
    while (stack.length) {
      const node = stack.pop()!;
      nodes++;
      if (node.children) stack.push(...node.children);
    }
    const kb = (n: number) => (n / 1024).toFixed(0);
    table.push([doc.name, `${kb(doc.text.length)} KB`, kb(text.bytes), kb(document.bytes), `${kb(parsed.bytes)} (${nodes.toLocaleString('en-US')} nodes, ${(parsed.bytes / nodes).toFixed(0)} B each)`, kb(value.bytes)]);
    void [document.result, value.result];
  }
  const head = ['document', 'size', 'text KB', 'TextDocument + line offsets KB', 'syntax tree KB', 'JSON.parse value KB'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':')).join('|')}|`);
  for (const r of table) console.log(line(r));
  console.log();
}

/** Starts `script` (a server over stdio), then opens, edits and closes the three documents, recording each step. */
async function serverSteps(name: string, script: string): Promise<void> {
  const session = await LspSession.start({ name, args: ['--expose-gc', '-r', preload, script, '--stdio'], languageId: 'clinikdoc' });
  const pid = session.process.pid!;
  try {
    await new Promise((r) => setTimeout(r, 500));
    record(`${name}, initialized`, await sample(pid, false));
    record('  after a full GC', await sample(pid, true));
    for (const doc of [typicalDocument(), maximalDocument(), deepDocument()]) {
      const uri = `file:///tmp/clinikdoc-bench/${doc.name}.clinikdoc.json`;
      await session.open(uri, doc.text);
      await session.diagnostics(uri);
      for (let i = 0; i < 12; i++) await session.editThenDiagnostics(uri, doc.editOffset, i % 2 === 0 ? 'q' : doc.text[doc.editOffset]!);
      await session.completion(uri, doc.completionOffset);
      record(`+ ${doc.name} (${(doc.text.length / 1024).toFixed(0)} KB) opened, edited 12×`, await sample(pid, false));
      record('  after a full GC', await sample(pid, true));
    }
    // As the bench's idle RSS figure: nothing asked for 12 s (ours collects by itself meanwhile).
    await new Promise((r) => setTimeout(r, 12_000));
    record('  all three open, idle 12 s', await sample(pid, false));
    for (const doc of ['typical', 'maximal', 'deep']) await session.close(`file:///tmp/clinikdoc-bench/${doc}.clinikdoc.json`);
    await session.diagnostics('file:///tmp/clinikdoc-bench/none.clinikdoc.json'); // a round trip: the closes are handled
    record('all three closed', await sample(pid, false));
    record('  after a full GC', await sample(pid, true));
  } finally {
    await session.stop();
  }
}

async function main(): Promise<void> {
  perDocumentCosts();
  await bare('node at rest (stdin open)', ['-e', 'process.stdin.resume()']);
  await bare('node + vscode-languageserver listening on stdio', ['-e', `const l = require(${JSON.stringify(join(root, 'node_modules/vscode-languageserver/lib/node/main.js'))}); const c = l.createConnection(l.ProposedFeatures.all, new l.StreamMessageReader(process.stdin), new l.StreamMessageWriter(process.stdout)); c.onInitialize(() => ({ capabilities: {} })); c.listen();`]);

  const floor = join(dir, 'floor.js');
  buildFloorServer(floor);
  for (const [name, script] of [['our server', join(root, 'dist/server.js')], ['the floor server', floor]] as const) {
    await serverSteps(name, script);
  }
  const head = ['step', 'RSS MB', 'young used / committed', 'old', 'large objects', 'code', 'external'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':')).join('|')}|`);
  for (const r of rows) console.log(line(r));
  console.log(`\n(MB of V8 heap in use unless said; node ${process.version})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
