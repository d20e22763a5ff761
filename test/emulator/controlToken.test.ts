// The emulator's control token never on a command line, where `ps` shows it to every user of the
// machine: the launcher behind scripts/start.sh (and the e2e runs) hands it over in the
// environment, which only the process's owner can read; `node emulator/server.mjs` (npm run
// emulator) takes it from there and refuses it as an argument, and still makes and prints a random
// one when none is given.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const GIVEN = 'given-control-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'clinikdoc-control-token-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `node emulator/server.mjs …` as `npm run emulator` runs it, with `env` added. */
function runEmulator(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['emulator/server.mjs', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function listening(run: Run): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.output());
    if (m && /control token: .*\n/.test(run.output())) return m[1]!;
    if (run.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the emulator did not start: ${run.output()}`);
}

/** The arguments of each child process of this one, as every user of the machine can read them (`ps`). */
function childCommandLines(): string[][] {
  const out: string[][] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) out.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const controlStatus = async (url: string, token: string) => (await fetch(`${url}/__emulator/state`, { headers: { 'x-emulator-token': token } })).status;

describe('the emulator control token stays off the command line', () => {
  it("the launcher (scripts/start.sh, e2e) gives it in the environment: not in the process's arguments, nor in its log", { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
    const { startEmulator } = await import('../e2e/launcher/emulator.js');
    const logFile = join(dir, 'emulator.log');
    const emulator = await startEmulator({ port: 0, logFile });
    try {
      const children = childCommandLines().filter((argv) => argv.some((a) => a.endsWith('emulator/server.mjs')));
      assert.equal(children.length, 1, 'the emulator is a child process of the launcher');
      const argv = children[0]!;
      assert.ok(emulator.controlToken.length >= 16);
      assert.ok(!argv.some((a) => a.includes(emulator.controlToken)), `the token is in the arguments: ${argv.join(' ')}`);
      // And it is the token the emulator uses.
      assert.equal(typeof (await emulator.state()).created, 'number');
      assert.ok(!readFileSync(logFile, 'utf8').includes(emulator.controlToken), 'the token is in the log file');
    } finally {
      await emulator.stop();
    }
  });

  it('node emulator/server.mjs takes CLINIKDOC_EMULATOR_CONTROL_TOKEN, and does not print it', async () => {
    const run = runEmulator(['--port', '0'], { CLINIKDOC_EMULATOR_CONTROL_TOKEN: GIVEN });
    try {
      const url = await listening(run);
      assert.equal(await controlStatus(url, GIVEN), 200);
      assert.equal(await controlStatus(url, 'another-token-0123456789'), 401);
      assert.ok(!run.output().includes(GIVEN), run.output());
      assert.match(run.output(), /control token: the one in CLINIKDOC_EMULATOR_CONTROL_TOKEN/);
    } finally {
      run.child.kill();
      await run.exited;
    }
  });

  it('without one (npm run emulator), it makes a random token and prints it', async () => {
    const run = runEmulator(['--port', '0'], { CLINIKDOC_EMULATOR_CONTROL_TOKEN: '' });
    try {
      const url = await listening(run);
      const printed = /control token: ([A-Za-z0-9_-]{16,}) /.exec(run.output())?.[1];
      assert.ok(printed, run.output());
      assert.equal(await controlStatus(url, printed), 200);
    } finally {
      run.child.kill();
      await run.exited;
    }
  });

  it('refuses the token as an argument, saying where it goes instead', async () => {
    for (const args of [['--control-token', GIVEN], [`--control-token=${GIVEN}`]]) {
      const run = runEmulator(['--port', '0', ...args]);
      const code = await Promise.race([run.exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 5000))]);
      if (code === 'running') {
        run.child.kill();
        await run.exited;
      }
      assert.equal(code, 2, run.output());
      assert.match(run.output(), /--control-token is not accepted.*CLINIKDOC_EMULATOR_CONTROL_TOKEN/);
    }
  });
});
