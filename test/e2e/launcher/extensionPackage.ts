// Builds the two .vsix files the launcher installs: ClinikDoc itself, made by the project's own
// `npm run package` (test what users install, not the source folder), and the companion
// test-runner extension that runs the API suite inside the extension host.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { e2eDir, repoRoot, workDir } from './paths.js';

const vsce = join(repoRoot, 'node_modules/@vscode/vsce/vsce');

function run(command: string, args: string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return `${r.stdout}\n${r.stderr}`;
}

/** Packages ClinikDoc with the project's own `npm run package`; returns the .vsix. */
export function packageClinikDoc(): string {
  const started = Date.now();
  const output = run('npm', ['run', '--silent', 'package'], repoRoot);
  const packaged = output.match(/Packaged: (\S+\.vsix)/);
  if (packaged?.[1]) return packaged[1];
  // Otherwise the newest .vsix written at the root by this run.
  const fresh = readdirSync(repoRoot)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => join(repoRoot, f))
    .filter((f) => statSync(f).mtimeMs >= started - 1000)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!fresh[0]) throw new Error(`npm run package made no .vsix:\n${output}`);
  return fresh[0];
}

/** Bundles and packages the companion test-runner extension; returns the path of its .vsix. */
export async function packageRunner(): Promise<string> {
  const stage = join(workDir, 'runner-extension');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: [join(e2eDir, 'runner/extension.ts')],
    outfile: join(stage, 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  // The same runner for the web worker host (the web pass): no Node built-ins there.
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: [join(e2eDir, 'runner/browser.ts')],
    outfile: join(stage, 'browser.js'),
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    alias: { 'node:assert/strict': join(e2eDir, 'suite/browserAssert.ts') },
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  copyFileSync(join(e2eDir, 'runner/package.json'), join(stage, 'package.json'));
  writeFileSync(join(stage, 'README.md'), 'Runs the ClinikDoc end-to-end API suite inside VS Code. Test use only.\n');
  writeFileSync(join(stage, 'LICENSE'), 'MIT\n');
  const out = join(workDir, 'clinikdoc-e2e-runner.vsix');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '-o', out], stage);
  return out;
}
