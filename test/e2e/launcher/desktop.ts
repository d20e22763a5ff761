// `npm run test:desktop`: the API suite in desktop VS Code through @vscode/test-electron, for
// contributors whose machines reach Microsoft's update servers (it downloads VS Code into
// .cache/vscode-test). Like the code-server launcher it tests the packaged .vsix, installed into
// a fresh extensions dir, with a fresh user-data dir and a fresh copy of the sample workspace.
// Here and in CI the same suite runs through `npm run test:e2e` instead.
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { runTests, runVSCodeCommand } from '@vscode/test-electron';
import { freshDirs } from './codeServer.js';
import { packageClinikDoc, packageRunner } from './extensionPackage.js';
import { e2eDir, repoRoot, workDir } from './paths.js';
import { prepareWorkspace } from './workspace.js';

const runDir = join(workDir, 'desktop');
const cachePath = join(repoRoot, '.cache/vscode-test');
const version = process.env.CLINIKDOC_VSCODE_VERSION ?? 'stable';

const vsix = process.env.CLINIKDOC_E2E_VSIX ?? packageClinikDoc();
await packageRunner();
const entry = join(runDir, 'entry.js');
await esbuild.build({
  absWorkingDir: repoRoot,
  entryPoints: [join(e2eDir, 'suite/desktopEntry.ts')],
  outfile: entry,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'warning',
});
const dirs = freshDirs(join(runDir, 'vscode'));
const workspace = prepareWorkspace(join(runDir, 'workspace'));

await runVSCodeCommand(['--install-extension', vsix, '--extensions-dir', dirs.extensionsDir, '--user-data-dir', dirs.userDataDir], {
  cachePath,
  version,
});
try {
  await runTests({
    cachePath,
    version,
    // The runner extension stands in as the "extension under development" the API asks for; it
    // stays idle without the code-server launcher. ClinikDoc itself comes from the .vsix.
    extensionDevelopmentPath: join(workDir, 'runner-extension'),
    extensionTestsPath: entry,
    launchArgs: [workspace, '--extensions-dir', dirs.extensionsDir, '--user-data-dir', dirs.userDataDir, '--disable-workspace-trust', '--disable-gpu'],
  });
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
