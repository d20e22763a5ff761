// The boundaries between ClinikDoc's parts, checked on the resolved import graph: every import,
// `import type`, re-export, `require` and `import()` of every source file, resolved by the
// TypeScript compiler the way the build resolves it (so a double-quoted, a multi-line or an
// `index` import counts like any other), and, for the browser bundles, esbuild's own metafile.
// docs/ARCHITECTURE.md says the same rules in words.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';
import * as esbuild from 'esbuild';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** One import of one file: `to` is a repository path (`shared/protocol.ts`) or a package name (`vscode`, `node:fs`). */
interface Edge {
  from: string;
  to: string;
}

const SKIP = new Set(['node_modules', 'dist', '.cache', 'toolchain', 'generated', 'fixtures']);

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|mts|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options;
}

/** The package an import names (`vscode-languageclient/node` → `vscode-languageclient`), or the built-in. */
function packageName(specifier: string): string {
  if (BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]!)) return specifier.startsWith('node:') ? specifier : `node:${specifier}`;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every import of the repository's source files, resolved. */
function importGraph(): Edge[] {
  const options = compilerOptions();
  const files = ['client/src', 'server/src', 'shared', 'cli/src', 'emulator', 'test', 'bench', 'scripts'].flatMap(sources);
  const edges: Edge[] = [];
  for (const from of files) {
    const info = ts.preProcessFile(readFileSync(join(ROOT, from), 'utf8'), true, true);
    for (const { fileName: specifier } of info.importedFiles) {
      if (!specifier.startsWith('.')) {
        edges.push({ from, to: packageName(specifier) });
        continue;
      }
      const resolved = ts.resolveModuleName(specifier, join(ROOT, from), options, ts.sys).resolvedModule;
      // A `.mjs` module is resolved to its `.d.mts` declarations: the edge is to the module itself.
      const target = resolved ? relative(ROOT, resolved.resolvedFileName).split(sep).join('/').replace(/\.d\.mts$/, '.mjs') : `unresolved:${specifier}`;
      edges.push({ from, to: target });
    }
  }
  return edges;
}

const under = (path: string, folder: string) => path.startsWith(`${folder}/`);
const isVscode = (to: string) => to === 'vscode' || to.startsWith('vscode-languageclient');

/** Each rule gives the edges that break it, as `from → to`. */
const RULES: Record<string, (edges: Edge[]) => string[]> = {
  'the server never imports the client, the CLI, the emulator or vscode': (edges) =>
    edges.filter((e) => under(e.from, 'server/src') && (['client', 'cli', 'emulator', 'test'].some((f) => under(e.to, f)) || isVscode(e.to))).map(show),
  'the client imports the server only through shared/ (and never the CLI)': (edges) =>
    edges.filter((e) => under(e.from, 'client/src') && (under(e.to, 'server') || under(e.to, 'cli'))).map(show),
  'shared/ is neither side’s: no client, server, CLI, vscode or Node built-in': (edges) =>
    edges.filter((e) => under(e.from, 'shared') && (['client', 'server', 'cli', 'emulator'].some((f) => under(e.to, f)) || isVscode(e.to) || e.to.startsWith('node:'))).map(show),
  'the CLI imports the server and the client only through their public modules': (edges) =>
    edges
      .filter((e) => under(e.from, 'cli/src'))
      .filter((e) => (under(e.to, 'server') && e.to !== 'server/src/index.ts') || (under(e.to, 'client') && !['client/src/api/index.ts', 'client/src/ids/index.ts'].includes(e.to)) || isVscode(e.to))
      .map(show),
  'the public modules for the CLI are plain node: no vscode behind them': (edges) => {
    const plain = ['server/src/index.ts', 'client/src/api/index.ts', 'client/src/ids/index.ts'];
    return plain.flatMap((start) => reachable(edges, start).filter((e) => isVscode(e.to)).map(show));
  },
  'the ClinikAPI client (client/src/api/) imports only itself and shared/, never vscode': (edges) =>
    edges.filter((e) => under(e.from, 'client/src/api') && (isVscode(e.to) || (under(e.to, 'client') && !under(e.to, 'client/src/api')) || under(e.to, 'server'))).map(show),
  'the emulator is imported only by tests, the bench and scripts': (edges) =>
    edges.filter((e) => under(e.to, 'emulator') && !['test', 'bench', 'scripts', 'emulator'].some((f) => under(e.from, f))).map(show),
  'no client feature folder imports a folder that imports it back': (edges) => folderCycles(edges),
  'every relative import resolves': (edges) => edges.filter((e) => e.to.startsWith('unresolved:')).map(show),
};

function show(e: Edge): string {
  return `${e.from} → ${e.to}`;
}

/** The edges reachable from `start` through repository files. */
function reachable(edges: Edge[], start: string): Edge[] {
  const byFrom = new Map<string, Edge[]>();
  for (const e of edges) byFrom.set(e.from, [...(byFrom.get(e.from) ?? []), e]);
  const seen = new Set([start]);
  const out: Edge[] = [];
  const stack = [start];
  while (stack.length) {
    for (const e of byFrom.get(stack.pop()!) ?? []) {
      out.push(e);
      if (!seen.has(e.to)) {
        seen.add(e.to);
        stack.push(e.to);
      }
    }
  }
  return out;
}

/** The feature folder of a client file (`client/src/submit/register.ts` → `submit`); the entries at the root have none. */
function feature(path: string): string | undefined {
  const m = /^client\/src\/([^/]+)\//.exec(path);
  return m && !['node', 'browser'].includes(m[1]!) ? m[1] : undefined;
}

/** Each import from one client feature folder to another that reaches back to the first, with the file that makes it. */
function folderCycles(edges: Edge[]): string[] {
  const folders = new Map<string, Set<string>>();
  const witness = new Map<string, Edge>();
  for (const e of edges) {
    const a = feature(e.from);
    const b = feature(e.to);
    if (!a || !b || a === b) continue;
    folders.set(a, (folders.get(a) ?? new Set()).add(b));
    if (!witness.has(`${a}→${b}`)) witness.set(`${a}→${b}`, e);
  }
  const reaches = (a: string, b: string): boolean => {
    const seen = new Set<string>();
    const stack = [a];
    while (stack.length) {
      const next = stack.pop()!;
      for (const n of folders.get(next) ?? []) {
        if (n === b) return true;
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    return false;
  };
  const out: string[] = [];
  for (const [a, targets] of folders) {
    for (const b of targets) if (reaches(b, a)) out.push(`${a}/ ↔ ${b}/ (${show(witness.get(`${a}→${b}`)!)})`);
  }
  return out;
}

describe('import boundaries, on the resolved import graph', () => {
  const edges = importGraph();

  it('reads the graph of every part (so the rules below can fail)', () => {
    for (const folder of ['client/src', 'server/src', 'shared', 'cli/src', 'emulator', 'test', 'bench']) {
      assert.ok(edges.some((e) => under(e.from, folder)), `no imports read from ${folder}`);
    }
    assert.ok(edges.some((e) => e.from === 'cli/src/checkFiles.ts' && e.to === 'server/src/index.ts'), 'the CLI reaches the server through its index');
    assert.ok(edges.some((e) => under(e.from, 'client/src') && e.to === 'vscode'));
  });

  for (const [name, rule] of Object.entries(RULES)) {
    it(name, () => assert.deepEqual(rule(edges), []));
  }

  it('each rule catches the wrong import it is about (self-test on made-up edges)', () => {
    const wrong: Record<string, Edge> = {
      'the server never imports the client, the CLI, the emulator or vscode': { from: 'server/src/features/hover.ts', to: 'client/src/ids/referenceText.ts' },
      'the client imports the server only through shared/ (and never the CLI)': { from: 'client/src/preview/renderPreviewHtml.ts', to: 'server/src/parse/nodes.ts' },
      'shared/ is neither side’s: no client, server, CLI, vscode or Node built-in': { from: 'shared/textLength.ts', to: 'node:buffer' },
      'the CLI imports the server and the client only through their public modules': { from: 'cli/src/check.ts', to: 'server/src/parse/parsedDocument.ts' },
      'the public modules for the CLI are plain node: no vscode behind them': { from: 'client/src/api/index.ts', to: 'vscode' },
      'the ClinikAPI client (client/src/api/) imports only itself and shared/, never vscode': { from: 'client/src/api/httpClient.ts', to: 'client/src/apiKey/keyStore.ts' },
      'the emulator is imported only by tests, the bench and scripts': { from: 'client/src/api/httpClient.ts', to: 'emulator/server.mjs' },
      'every relative import resolves': { from: 'client/src/extension.ts', to: 'unresolved:./gone' },
    };
    for (const [name, edge] of Object.entries(wrong)) assert.deepEqual(RULES[name]!([edge]), [show(edge)], name);
    const cycle = RULES['no client feature folder imports a folder that imports it back']!([
      { from: 'client/src/submit/register.ts', to: 'client/src/afterSubmit/documentLife.ts' },
      { from: 'client/src/afterSubmit/documentLife.ts', to: 'client/src/record/submissionRecords.ts' },
      { from: 'client/src/record/submissionRecords.ts', to: 'client/src/submit/messages.ts' },
    ]);
    assert.equal(cycle.length, 3, cycle.join('\n'));
  });

  it('the browser bundles import no Node built-in (esbuild metafile)', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundles = require('../../scripts/browserBundles.mjs') as {
      browserEntries: Array<{ in: string; out: string; format: string }>;
      browserClientEntry: { in: string; out: string; format: string };
      browserBuildOptions(root: string, entry: { in: string; out: string; format: string }): esbuild.BuildOptions;
    };
    for (const entry of [bundles.browserClientEntry, ...bundles.browserEntries]) {
      // Built-ins left external rather than refused (as the build does), so the metafile lists each import of one.
      const options = { ...bundles.browserBuildOptions(ROOT, entry), plugins: [], external: ['vscode', ...BUILTINS] };
      const result = await esbuild.build({ ...options, write: false, metafile: true, sourcemap: false, logLevel: 'silent' });
      const imports = Object.entries(result.metafile.inputs).flatMap(([file, input]) => input.imports.map((i) => ({ file, path: i.path })));
      assert.ok(imports.length > 20, `only ${imports.length} imports read for ${entry.in}`);
      assert.deepEqual(imports.filter((i) => BUILTINS.has(i.path)).map((i) => `${i.file} → ${i.path}`), [], entry.in);
    }
  });
});
