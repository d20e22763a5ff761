/**
 * `npm run bench`: ClinikDoc's language server against VS Code's JSON language server given the
 * same schema, and against a floor server that does the least any JSON server must do
 * (bench/floorServer.ts), all three over stdio, on the same generated documents. Prints medians
 * side by side with the ratios ours/floor and ours/peer, and the in-process limit (JSON.parse +
 * the compiled validator).
 * Bounded iterations, no network, prints figures only: it never fails on a slow figure.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deepDocument, maximalDocument, typicalDocument, type BenchDocument } from './documents';
import { hostileRows } from './hostile';
import { LspSession, type ServerSpec } from './lspSession';
import { buildFloorServer } from './buildFloorServer';
import { cliCheckRows } from './cliCheck';
import { completionAtEnd } from './completionAtEnd';
import { referenceRows } from './references';
import { inOrder, SESSION_KEYS as KEYS, timesOf as times, type SessionKey as Key, type Sessions } from './sessions';
import { median, rotated, type Row } from './table';

const root = join(__dirname, '..');
const STARTUP_ROUNDS = 11;
const EDIT_ROUNDS: Record<string, number> = { typical: 40, maximal: 12, deep: 12 };
const COMPLETION_ROUNDS: Record<string, number> = { typical: 40, maximal: 30, deep: 30 };
const KEY_EDIT_ROUNDS = 8;
const IN_PROCESS_ROUNDS: Record<string, number> = { typical: 200, maximal: 15, deep: 15 };
/**
 * Both servers idle this long before the RSS figure. Ours collects a second after a large drop,
 * then every 5.5 s of a quiet editor while its young generation stays grown, which V8 shrinks
 * only once little was allocated for 5 s (server/src/common/idleCollection.ts): two tries fit.
 */
const IDLE_BEFORE_RSS_MS = 12_000;

const schema: unknown = JSON.parse(readFileSync(join(root, 'schemas/document-create.schema.json'), 'utf8'));

// A private copy of the production bundle, so a rebuild of dist/ during the run changes nothing.
const ourServer = join(mkdtempSync(join(tmpdir(), 'clinikdoc-bench-server-')), 'server.js');
process.on('exit', () => rmSync(dirname(ourServer), { recursive: true, force: true }));
/** Node options for our server only, to measure one (say --max-semi-space-size=2); the client gives none. */
const ourNodeOptions = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
const OURS: ServerSpec = { name: 'ClinikDoc', args: [...ourNodeOptions, ourServer, '--stdio'], languageId: 'clinikdoc' };
const PEER: ServerSpec = {
  name: 'vscode-json-language-server',
  args: [join(root, 'node_modules/vscode-langservers-extracted/lib/json-language-server/node/jsonServerMain.js'), '--stdio'],
  languageId: 'json',
  settings: { json: { validate: { enable: true }, schemas: [{ fileMatch: ['*.clinikdoc.json'], schema }] } },
};

// The floor server, bundled as ours is (minified, one file), without our code cache.
const floorServer = join(dirname(ourServer), 'floor.js');
const FLOOR: ServerSpec = { name: 'floor', args: [floorServer, '--stdio'], languageId: 'json' };


const uriOf = (name: string) => `file:///tmp/clinikdoc-bench/${name}.clinikdoc.json`;

const rows: Row[] = [];

async function startup(): Promise<void> {
  const specs: Record<Key, ServerSpec> = { ours: OURS, floor: FLOOR, peer: PEER };
  const out = times();
  const cpu = times();
  // One untimed start each: the disk cache (and our V8 code cache, written at exit) as after any first start.
  for (const key of KEYS) await (await LspSession.start(specs[key])).stop();
  for (let i = 0; i < STARTUP_ROUNDS; i++) {
    for (const key of rotated(KEYS, i)) {
      const session = await LspSession.start(specs[key]);
      out[key].push(session.startupMs);
      if (session.startupCpuMs !== undefined) cpu[key].push(session.startupCpuMs);
      await session.stop();
    }
  }
  rows.push({ figure: 'startup: spawn → initialize result', ours: median(out.ours), floor: median(out.floor), peer: median(out.peer), unit: 'ms', target: { floorRatio: 1.1 } });
  if (cpu.ours.length > 0) {
    rows.push({ figure: '  the same, CPU time of all its threads', ours: median(cpu.ours), floor: median(cpu.floor), peer: median(cpu.peer), unit: 'ms', note: 'informational' });
  }
  // The first start after an install or a Node update: no code cache yet (an empty cache directory
  // each time), so V8 compiles what runs and the server writes the cache at exit.
  const cold = times();
  for (let i = 0; i < STARTUP_ROUNDS; i++) {
    for (const key of rotated(KEYS, i)) {
      const cacheHome = mkdtempSync(join(tmpdir(), 'clinikdoc-bench-cache-'));
      try {
        const session = await LspSession.start(key === 'ours' ? { ...OURS, env: { XDG_CACHE_HOME: cacheHome } } : specs[key]);
        cold[key].push(session.startupMs);
        await session.stop();
      } finally {
        rmSync(cacheHome, { recursive: true, force: true });
      }
    }
  }
  rows.push({ figure: 'startup, no code cache yet (first start)', ours: median(cold.ours), floor: median(cold.floor), peer: median(cold.peer), unit: 'ms', target: { floorRatio: 1.1 } });
}

/** The peer must really validate against our schema: both must flag the same value on a broken document. */
async function checkBothValidate(ours: LspSession, peer: LspSession): Promise<void> {
  const broken = typicalDocument().text.replace('"status": "final"', '"status": "done"');
  const uri = uriOf('broken');
  await ours.open(uri, broken);
  await peer.open(uri, broken);
  const [a, b] = [await ours.diagnostics(uri), await peer.diagnostics(uri)];
  const line = broken.slice(0, broken.indexOf('"done"')).split('\n').length - 1;
  const at = (ds: typeof a) => ds.find((d) => d.range.start.line === line && d.range.start.character === 12 && d.range.end.character === 18);
  if (!at(a) || !at(b)) {
    throw new Error(`both servers must report the invalid status: ours ${JSON.stringify(a.map((d) => d.message))}, peer ${JSON.stringify(b.map((d) => d.message))}`);
  }
  console.log(`check: both flag "status": "done" (ours: ${at(a)!.message} | peer: ${at(b)!.message})`);
  await ours.close(uri);
  await peer.close(uri);
}

async function perDocument(s: Sessions, doc: BenchDocument): Promise<void> {
  const uri = uriOf(doc.name);
  for (const key of KEYS) await s[key].open(uri, doc.text);
  // Warm up (the peer resolves the schema on its first validation), and check both find the document clean.
  for (let i = 0; i < 2; i++) {
    for (const session of [s.ours, s.peer]) {
      const found = await session.diagnostics(uri);
      if (found.length > 0) console.log(`note: ${session.spec.name} reports ${found.length} diagnostics on ${doc.name}: ${found[0]!.message}`);
    }
    await s.floor.diagnostics(uri);
  }
  const original = doc.text[doc.editOffset]!;
  const edits = times();
  for (let i = 0; i < EDIT_ROUNDS[doc.name]!; i++) {
    const character = i % 2 === 0 ? 'q' : original;
    for (const [key, session] of inOrder(s, i)) {
      const { ms, diagnostics } = await session.editThenDiagnostics(uri, doc.editOffset, character);
      if (diagnostics.length > 0) throw new Error(`${session.spec.name}: unexpected diagnostics after an edit of ${doc.name}: ${diagnostics[0]!.message}`);
      edits[key].push(ms);
    }
  }
  rows.push({
    figure: `edit → diagnostics, ${doc.name}`,
    ours: median(edits.ours),
    floor: median(edits.floor),
    peer: median(edits.peer),
    unit: 'ms',
    target: { ratio: doc.name === 'typical' ? 1.0 : doc.name === 'maximal' ? 0.5 : 0.25 },
  });

  const completions = times();
  const counts = { ours: 0, floor: 0, peer: 0 };
  for (let i = 0; i < COMPLETION_ROUNDS[doc.name]!; i++) {
    for (const [key, session] of inOrder(s, i)) {
      if (!session.supportsCompletion) continue;
      const { ms, items } = await session.completion(uri, doc.completionOffset);
      completions[key].push(ms);
      counts[key] = items;
    }
  }
  rows.push({
    figure: `completion in last section, ${doc.name}`,
    ours: completions.ours.length ? median(completions.ours) : undefined,
    floor: median(completions.floor),
    peer: completions.peer.length ? median(completions.peer) : undefined,
    unit: 'ms',
    target: { ratio: 1.0 },
    note: `${s.ours.supportsCompletion ? counts.ours : 'no completion'} / ${counts.peer} items`,
  });

  if (doc.name !== 'typical') {
    // Informational, and last so it disturbs no target figure: a structural edit (a key), which
    // re-parses the section around it on our side. The floor reports nothing either way.
    const keyEdits = times();
    for (let i = 0; i < KEY_EDIT_ROUNDS; i++) {
      const character = i % 2 === 0 ? 'x' : 't';
      for (const key of KEYS) {
        const session = s[key];
        const { ms, diagnostics } = await session.editThenDiagnostics(uri, doc.completionOffset, character);
        if (key !== 'floor' && (diagnostics.length > 0) !== (i % 2 === 0)) throw new Error(`${session.spec.name}: the renamed key of ${doc.name} should be reported, and only while renamed`);
        keyEdits[key].push(ms);
      }
    }
    rows.push({ figure: `edit → diagnostics, key renamed, ${doc.name}`, ours: median(keyEdits.ours), floor: median(keyEdits.floor), peer: median(keyEdits.peer), unit: 'ms', note: 'informational' });
  }
}

/** The in-process limit: JSON.parse + the validator compiled at build time, in this process. */
function inProcess(docs: BenchDocument[]): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const validate = require(join(root, 'server/src/schema/generated/validateDocument.js')) as (value: unknown) => boolean;
  for (const doc of docs) {
    const times: number[] = [];
    for (let i = 0; i < IN_PROCESS_ROUNDS[doc.name]!; i++) {
      const t0 = performance.now();
      if (!validate(JSON.parse(doc.text))) throw new Error(`${doc.name} is not valid`);
      times.push(performance.now() - t0);
    }
    rows.push({ figure: `in process: JSON.parse + validator, ${doc.name}`, ours: median(times), peer: undefined, unit: 'ms' });
  }
}

/** Size of the packaged extension: `npm run package` if the project has it and it works, else an estimate. */
function packageSize(): void {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  let failure = 'no package script';
  if (scripts.package) {
    // Packaged into a temporary directory (`npm run package -- --out`), so no .vsix in the repository is touched.
    const out = mkdtempSync(join(tmpdir(), 'clinikdoc-bench-vsix-'));
    const vsix = join(out, 'clinikdoc.vsix');
    try {
      execFileSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
      if (existsSync(vsix)) {
        rows.push({ figure: '.vsix size (npm run package)', ours: statSync(vsix).size / 1024, peer: undefined, unit: 'KB', target: { max: 400 } });
        return;
      }
      failure = 'npm run package made no .vsix';
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n').pop();
      failure = `npm run package failed${stderr ? `: ${stderr.slice(0, 120)}` : ''}`;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  // Zip what .vscodeignore lets in: the bundles, the schema, snippets and the manifest.
  const out = mkdtempSync(join(tmpdir(), 'clinikdoc-bench-'));
  try {
    const files = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'language-configuration.json', 'dist/extension.js', 'dist/server.js', 'dist/browser', 'schemas', 'snippets', 'syntaxes'].filter((f) => existsSync(join(root, f)));
    const zip = join(out, 'estimate.zip');
    execFileSync('zip', ['-q', '-9', '-r', zip, ...files], { cwd: root });
    rows.push({ figure: '.vsix size (estimate: zip of what .vscodeignore keeps)', ours: statSync(zip).size / 1024, peer: undefined, unit: 'KB', target: { max: 400 }, note: failure });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function print(): void {
  const fmt = (v: number | undefined, unit: string) => (v === undefined ? '—' : `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ${unit}`);
  const ratioOf = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined ? a / b : undefined);
  const table = rows.map((r) => {
    const vsPeer = ratioOf(r.ours, r.peer);
    const vsFloor = ratioOf(r.ours, r.floor);
    const targets: string[] = [];
    const judged = (ratio: number | undefined, limit: number, against: string) =>
      `${against} ≤ ${limit.toFixed(2)}× ${ratio === undefined ? '—' : ratio <= limit ? 'met' : 'NOT met'}`;
    if (r.target?.floorRatio !== undefined) targets.push(judged(vsFloor, r.target.floorRatio, 'floor'));
    if (r.target?.ratio !== undefined) targets.push(judged(vsPeer, r.target.ratio, 'peer'));
    if (r.target?.max !== undefined) targets.push(`≤ ${r.target.max} ${r.unit} ${r.ours !== undefined && r.ours <= r.target.max ? 'met' : 'NOT met'}`);
    const note = r.note && r.note.length > 40 ? 'see below' : (r.note ?? '');
    const x = (ratio: number | undefined) => (ratio === undefined ? '—' : `${ratio.toFixed(2)}×`);
    return [r.figure, fmt(r.ours, r.unit), fmt(r.floor, r.unit), fmt(r.peer, r.unit), x(vsFloor), x(vsPeer), targets.join(', '), note];
  });
  const head = ['figure', 'ours', 'floor', 'peer', 'ours/floor', 'ours/peer', 'target', 'note'];
  const text = (i: number) => i === 0 || i >= 6;
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (text(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log();
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (text(i) ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':')).join('|')}|`);
  for (const row of table) console.log(line(row));
}

async function main(): Promise<void> {
  const started = performance.now();
  const built = join(root, 'dist/server.js');
  if (!existsSync(built)) throw new Error('dist/server.js is missing: run `npm run build` (npm run bench does)');
  copyFileSync(built, ourServer);
  buildFloorServer(floorServer);
  if (ourNodeOptions.length > 0) console.log(`our server runs with node ${ourNodeOptions.join(' ')} (BENCH_SERVER_NODE_OPTIONS)`);
  console.log(`server: dist/server.js, ${(statSync(ourServer).size / 1024).toFixed(0)} KB${readFileSync(ourServer, 'utf8').includes('V8 code cache') ? ', production build with its V8 code cache' : ' (not the production build: run npm run bench)'}`);
  const docs = [typicalDocument(), maximalDocument(), deepDocument()];
  console.log(`floor: bench/floorServer.ts, ${(statSync(floorServer).size / 1024).toFixed(0)} KB bundled`);
  console.log(`documents: ${docs.map((d) => `${d.name} ${(d.text.length / 1024).toFixed(1)} KB`).join(', ')}`);
  await startup();
  const s: Sessions = { ours: await LspSession.start(OURS), floor: await LspSession.start(FLOOR), peer: await LspSession.start(PEER) };
  try {
    await checkBothValidate(s.ours, s.peer);
    for (const doc of docs) {
      await perDocument(s, doc);
      if (doc.name !== 'typical') rows.push(await completionAtEnd(s, uriOf(doc.name), doc));
    }
    rows.push(...(await referenceRows(s.ours)));
    const rss = (figure: string): Row => ({ figure, ours: s.ours.rss() / 2 ** 20, floor: s.floor.rss() / 2 ** 20, peer: s.peer.rss() / 2 ** 20, unit: 'MB', target: { floorRatio: 1.1 } });
    rows.push(rss('RSS right after the last request'));
    // What a server holds while the editor is quiet (the user reads, or types in a small
    // document): all three left without a request for the same time, then measured.
    await new Promise((resolve) => setTimeout(resolve, IDLE_BEFORE_RSS_MS));
    rows.push(rss(`RSS after all three documents, all idle ${IDLE_BEFORE_RSS_MS / 1000} s`));
    // What the quiet cost: ours forgot the large documents' parses (ParsedDocumentCache
    // forgetLargeParses), so its first edit after the pause parses the deep document afresh.
    // One edit each (the state happens once per pause): informational.
    const deep = docs[2]!;
    const first = times();
    for (const [key, session] of inOrder(s, 0)) first[key].push((await session.editThenDiagnostics(uriOf(deep.name), deep.editOffset, 'q')).ms);
    for (const key of KEYS) await s[key].editThenDiagnostics(uriOf(deep.name), deep.editOffset, deep.text[deep.editOffset]!);
    rows.push({ figure: `edit → diagnostics, deep, first after the idle ${IDLE_BEFORE_RSS_MS / 1000} s`, ours: first.ours[0], floor: first.floor[0], peer: first.peer[0], unit: 'ms', note: 'informational: one edit' });
    // After the RSS figure, which is about the three documents above.
    rows.push(...(await hostileRows(s)));
  } finally {
    for (const key of KEYS) await s[key].stop();
  }
  rows.push(...cliCheckRows(root));
  inProcess(docs);
  packageSize();
  print();
  for (const row of rows) if (row.note && row.note.length > 40) console.log(`note on ${row.figure}: ${row.note}`);
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s; node ${process.version}; medians)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
