// The README's main command (bash scripts/start.sh) on the e2e launcher: packages ClinikDoc,
// starts the local ClinikAPI emulator, and serves VS Code (code-server) with ClinikDoc
// installed and the sample workspace open, on 127.0.0.1, until Ctrl+C. That VS Code has a
// terminal, so it asks for a password (a new random one each start, printed below): other users
// of the machine can reach 127.0.0.1 too.
//   CLINIKDOC_PORT (default 8080)            the VS Code address's port
//   CLINIKDOC_EMULATOR_PORT (default 8787)   the emulator's port
//   CLINIKDOC_PASSWORD (default: random)     the VS Code login password
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freshDirs, installExtensions, startCodeServer } from './codeServer.js';
import { startEmulator } from './emulator.js';
import { packageClinikDoc } from './extensionPackage.js';
import { workDir } from './paths.js';
import { ensureToolchain } from './toolchain.js';
import { prepareWorkspace } from './workspace.js';

const startDir = join(workDir, '..', 'start');
const port = Number(process.env.CLINIKDOC_PORT ?? 8080);
const emulatorPort = Number(process.env.CLINIKDOC_EMULATOR_PORT ?? 8787);
const password = process.env.CLINIKDOC_PASSWORD || randomBytes(15).toString('base64url');

const toolchain = ensureToolchain();
console.log('[start] packaging ClinikDoc');
const vsix = packageClinikDoc();
const emulator = await startEmulator({ port: emulatorPort, logFile: join(startDir, 'emulator.log') });
const workspace = prepareWorkspace(join(startDir, 'workspace'));
const dirs = freshDirs(join(startDir, 'code-server'), { 'clinikapi.baseUrl': emulator.url });
installExtensions(toolchain, dirs, [vsix]);
const codeServer = await startCodeServer(toolchain, dirs, workspace, { port, logFile: join(startDir, 'code-server.log'), password }).catch(
  async (e: unknown) => {
    await emulator.stop();
    throw e;
  },
);

console.log(`
ClinikDoc is ready: open ${codeServer.url} in a browser and log in with the password below.

  password           ${password}
  VS Code (code-server) with ClinikDoc ${vsix.replace(/.*\//, '')} installed
  sample workspace   ${workspace} (a fresh copy of test/fixtures/workspace)
  ClinikAPI emulator ${emulator.url} (clinikapi.baseUrl points here; any clk_test_… key works)
  emulator control   x-emulator-token: ${emulator.controlToken} (for its /__emulator/* endpoints)
  logs               ${startDir}/*.log

Try: open discharge-summary.clinikdoc.json, run "ClinikAPI: Set API Key" (e.g.
clk_test_0123456789abcdef0123456789abcdef), fix the errors, then "ClinikAPI: Submit Document".
Ctrl+C stops everything.
`);

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  console.log('[start] stopping');
  await codeServer.stop();
  await emulator.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
await new Promise<void>((resolve) => codeServer.process.child.once('exit', () => resolve()));
if (!stopping) {
  console.error(`[start] code-server exited; see ${codeServer.process.logFile}`);
  await emulator.stop();
  process.exit(1);
}
