// Build: compile the schema into a standalone validator (no schema compilation at start-up),
// then bundle each entry point with esbuild. `--watch` rebuilds on change.
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { generateValidatorSource } from './validatorSource.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const generatedDir = join(root, 'server/src/schema/generated');
mkdirSync(generatedDir, { recursive: true });
const schema = JSON.parse(readFileSync(join(root, 'schemas/document-create.schema.json'), 'utf8'));
writeFileSync(join(generatedDir, 'validateDocument.js'), generateValidatorSource(schema));

/** Entry points: source → bundle. Entries whose source does not exist yet are skipped. */
const entries = [
  { in: 'server/src/node/main.ts', out: 'dist/server.js' },
  { in: 'client/src/extension.ts', out: 'dist/extension.js' },
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
].filter((e) => existsSync(join(root, e.in)));

const contexts = await Promise.all(
  entries.map((e) =>
    esbuild.context({
      absWorkingDir: root,
      entryPoints: [e.in],
      outfile: e.out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      sourcemap: production ? false : 'linked',
      minify: production,
      banner: e.banner ? { js: e.banner } : undefined,
      logLevel: 'warning',
    }),
  ),
);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] build finished, watching for changes...');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  console.log(`built ${entries.map((e) => e.out).join(', ')}`);
}
