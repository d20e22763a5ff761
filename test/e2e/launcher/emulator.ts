// The local ClinikAPI emulator (emulator/server.mjs), run as its own process on 127.0.0.1 and
// steered through its control endpoints (/__emulator/...).
import { join } from 'node:path';
import { repoRoot } from './paths.js';
import { startProcess } from './processes.js';

export interface RunningEmulator {
  url: string;
  /** Queues faults; each POST /v1/documents consumes the next one. */
  addFaults(...faults: unknown[]): Promise<void>;
  state(): Promise<{ created: number; requests: Array<{ keyKind: string; hasApiKey: boolean; createdId?: string }> }>;
  stop(): Promise<void>;
}

export async function startEmulator(options: { port?: number; logFile: string; echo?: boolean }): Promise<RunningEmulator> {
  const proc = startProcess(process.execPath, [join(repoRoot, 'emulator/server.mjs'), '--port', String(options.port ?? 0)], {
    cwd: repoRoot,
    logFile: options.logFile,
    echo: options.echo,
  });
  let url: string;
  try {
    const m = await proc.waitForLine(/listening on (http:\/\/127\.0\.0\.1:\d+)/, 20_000);
    url = m[1]!;
  } catch (e) {
    await proc.stop();
    throw e;
  }
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${url}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    url,
    async addFaults(...faults) {
      await control('POST', '/faults', faults);
    },
    state: () => control('GET', '/state') as ReturnType<RunningEmulator['state']>,
    stop: () => proc.stop(),
  };
}
