// The npm package of the CLI and the language server, for CI and for editors other than VS Code
// (as vscode-langservers-extracted and yaml-language-server ship theirs): the same bundles as the
// extension's (dist/), laid out with a package.json of their own and packed with `npm pack`.
//
//   node scripts/npmPackage.mjs [--out DIR]     (npm run package:npm builds for production first)
//
// Its bins: `clinikdoc` (the CLI, dist/cli.js) and `clinikdoc-language-server` (the language server
// over stdio, dist/server.js). No dependencies: the bundles hold everything they run. Prints the
// tarball's path.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The bins, and every file the package holds besides package.json, README.md and LICENSE. */
export const BINS = { clinikdoc: 'dist/cli.js', 'clinikdoc-language-server': 'bin/clinikdoc-language-server.js' };
export const FILES = ['dist/cli.js', 'dist/server.js', 'bin/clinikdoc-language-server.js'];

/** `clinikdoc-language-server`: the server over stdio unless another transport is asked for. */
const SERVER_BIN = `#!/usr/bin/env node
// The ClinikDoc language server (LSP) for any editor: stdio unless --node-ipc, --socket=N or --pipe=NAME is given.
'use strict';
if (!process.argv.slice(2).some((a) => /^--(stdio|node-ipc|socket|pipe)(=|$)/.test(a))) process.argv.push('--stdio');
require('../dist/server.js');
`;

function readme(version) {
  return `# clinikdoc ${version}

Check ClinikAPI clinical documents (\`*.clinikdoc.json\`, the bodies of \`POST /v1/documents\`)
outside VS Code: the same checks as the ClinikDoc extension, from one JSON Schema of the contract.

\`\`\`sh
npm install --save-dev clinikdoc
npx clinikdoc check 'docs/**/*.clinikdoc.json'        # exit 1 on any error, file:line:col messages
npx clinikdoc-language-server                          # the language server over stdio, for any LSP client
\`\`\`

No runtime dependencies; Node 20 or later. \`clinikdoc check --resolve\` reads the ids of each
document from ClinikAPI with the key in \`CLINIKAPI_SECRET_KEY\`; nothing else is sent anywhere.
`;
}

/** Lays the package out in `out` and packs it there; returns the tarball's path. */
export function buildNpmPackage(out) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const file of ['dist/cli.js', 'dist/server.js']) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run npm run build first`);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'dist'), { recursive: true });
  mkdirSync(join(out, 'bin'), { recursive: true });
  for (const file of ['dist/cli.js', 'dist/server.js']) copyFileSync(join(root, file), join(out, file));
  writeFileSync(join(out, BINS['clinikdoc-language-server']), SERVER_BIN);
  for (const bin of Object.values(BINS)) chmodSync(join(out, bin), 0o755);
  copyFileSync(join(root, 'LICENSE'), join(out, 'LICENSE'));
  writeFileSync(join(out, 'README.md'), readme(manifest.version));
  const pkg = {
    name: 'clinikdoc',
    version: manifest.version,
    description: 'Check ClinikAPI clinical documents (POST /v1/documents bodies) in CI, and a language server for any editor.',
    license: manifest.license,
    keywords: ['clinikapi', 'clinical documents', 'language server', 'lsp', 'json schema', 'cli'],
    bin: BINS,
    files: FILES,
    engines: { node: manifest.engines.node },
  };
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const packed = spawnSync('npm', ['pack', '--json', '--ignore-scripts'], { cwd: out, encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const [{ filename }] = JSON.parse(packed.stdout);
  return join(out, filename);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--out');
  const out = resolve(i > 0 ? process.argv[i + 1] : join(root, '.cache/npm-package'));
  console.log(buildNpmPackage(out));
}
