// code-server: a real VS Code (workbench + Node extension host) served to the browser, started
// with a fresh extensions dir and user-data dir, on 127.0.0.1 only.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startProcess, waitForHttp, type Started } from './processes.js';
import type { Toolchain } from './toolchain.js';

export interface CodeServerDirs {
  extensionsDir: string;
  userDataDir: string;
}

/**
 * User settings for a quiet, deterministic workbench (no welcome page, tips, or AI panels).
 * `workbench.welcomePage.walkthroughs.openOnInstall` keeps its default: ClinikDoc's walkthrough
 * opening on its first start is under test.
 */
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.enabled': false,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
};

/**
 * Makes fresh, empty dirs under `base` and writes the user settings, with `settings` added
 * (`clinikapi.baseUrl` goes here: it is application-scoped, a workspace cannot set it).
 */
export function freshDirs(base: string, settings: Record<string, unknown> = {}): CodeServerDirs {
  rmSync(base, { recursive: true, force: true });
  const extensionsDir = join(base, 'extensions');
  const userDataDir = join(base, 'user-data');
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify({ ...userSettings, ...settings }, null, 2));
  return { extensionsDir, userDataDir };
}

function dirArgs(dirs: CodeServerDirs): string[] {
  return ['--extensions-dir', dirs.extensionsDir, '--user-data-dir', dirs.userDataDir];
}

export function installExtensions(toolchain: Toolchain, dirs: CodeServerDirs, vsixFiles: string[]): void {
  const args = [toolchain.codeServerEntry, ...dirArgs(dirs)];
  for (const f of vsixFiles) args.push('--install-extension', f);
  const r = spawnSync(toolchain.node, args, { encoding: 'utf8', env: codeServerEnv(toolchain, {}) });
  if (r.status !== 0 || /fail/i.test(r.stdout + r.stderr)) {
    throw new Error(`code-server --install-extension failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

function codeServerEnv(toolchain: Toolchain, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Only the password chosen here (in `extra`) counts; code-server takes a hashed one first.
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  Object.assign(env, extra);
  // code-server reads its own config file unless told where: keep the user's out of it.
  env.CODE_SERVER_CONFIG = join(toolchain.dir, 'unused-config.yaml');
  // No extension gallery: nothing is fetched from outside this machine.
  env.EXTENSIONS_GALLERY = '{}';
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.NODE_OPTIONS;
  return env;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningCodeServer {
  url: string;
  process: Started;
  stop(): Promise<void>;
}

export async function startCodeServer(
  toolchain: Toolchain,
  dirs: CodeServerDirs,
  folder: string,
  options: {
    port?: number;
    logFile: string;
    env?: NodeJS.ProcessEnv;
    echo?: boolean;
    /** Keep VS Code's workspace trust on (then the folder opens in Restricted Mode). */
    workspaceTrust?: boolean;
    /**
     * Require this password (code-server's login page) instead of `--auth none`: a VS Code with
     * a terminal must not be open to every user of the machine. Passed in the environment, never
     * on the command line (which `ps` shows to everyone). The short-lived e2e runs go without.
     */
    password?: string;
  },
): Promise<RunningCodeServer> {
  const port = options.port ?? (await freePort());
  const proc = startProcess(
    toolchain.node,
    [
      toolchain.codeServerEntry,
      '--auth', options.password ? 'password' : 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      ...dirArgs(dirs),
      folder,
    ],
    {
      cwd: folder,
      env: codeServerEnv(toolchain, { ...options.env, ...(options.password ? { PASSWORD: options.password } : {}) }),
      logFile: options.logFile,
      echo: options.echo,
    },
  );
  try {
    await proc.waitForLine(/HTTP server listening on/, 60_000);
    const url = `http://127.0.0.1:${port}/`;
    await waitForHttp(`${url}healthz`, 30_000);
    return { url, process: proc, stop: () => proc.stop() };
  } catch (e) {
    await proc.stop();
    throw e;
  }
}
