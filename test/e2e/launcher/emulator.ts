// The local ClinikAPI emulator (emulator/server.mjs), run as its own process on 127.0.0.1 and
// steered through its control endpoints (/__emulator/...) with the control token it is given in
// its environment (CLINIKDOC_EMULATOR_CONTROL_TOKEN): a command line is readable by every user of
// the machine (`ps`), a process's environment only by its owner.
// With `https`, it serves a self-signed certificate written to `certificateFile`, which the test
// VS Code trusts through NODE_EXTRA_CA_CERTS.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { repoRoot } from './paths.js';
import { startProcess } from './processes.js';

export interface RunningEmulator {
  url: string;
  /** With `https`: the PEM file of its certificate. */
  certificateFile?: string;
  /** What its /__emulator/* endpoints require in x-emulator-token. */
  controlToken: string;
  /** Queues faults; each is taken by the next request it is for (`on`: create, the default; read; update). */
  addFaults(...faults: unknown[]): Promise<void>;
  /** Uses up these quotas for every key (`monthly`, `sandbox`, `rate`) until called again; `[]` restores them. */
  exhaust(names: Array<'monthly' | 'sandbox' | 'rate'>): Promise<void>;
  /** `reads`: GET requests per path template (`/v1/patients/{id}`); `preflights`: CORS preflights. */
  state(): Promise<{
    created: number;
    requests: Array<{ keyKind: string; hasApiKey: boolean; createdId?: string }>;
    reads: Record<string, number>;
    preflights: number;
    /** Every PATCH of a document: the field names it carried and the status answered. */
    updates: Array<{ requestId: string; fields: string[]; status: number }>;
  }>;
  /** The emulator's copy of a document (`GET /v1/documents/{id}` with a sandbox key of the launcher's own), or undefined. */
  document(id: string): Promise<Record<string, unknown> | undefined>;
  stop(): Promise<void>;
}

export async function startEmulator(options: {
  port?: number;
  logFile: string;
  echo?: boolean;
  /** Serve HTTPS, writing the certificate here. */
  https?: { certificateFile: string };
  /** `refuse`: CORS preflights answered without allow headers (default `allow`). */
  cors?: 'allow' | 'refuse';
}): Promise<RunningEmulator> {
  const token = randomBytes(18).toString('base64url');
  const args = [join(repoRoot, 'emulator/server.mjs'), '--port', String(options.port ?? 0)];
  if (options.https) args.push('--https', '--certificate-file', options.https.certificateFile);
  if (options.cors) args.push('--cors', options.cors);
  const proc = startProcess(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, CLINIKDOC_EMULATOR_CONTROL_TOKEN: token },
    logFile: options.logFile,
    echo: options.echo,
  });
  let url: string;
  try {
    const m = await proc.waitForLine(/listening on (https?:\/\/127\.0\.0\.1:\d+)/, 20_000);
    url = m[1]!;
  } catch (e) {
    await proc.stop();
    throw e;
  }
  // The launcher itself trusts the certificate per request (NODE_EXTRA_CA_CERTS is read at start).
  const ca = options.https ? readFileSync(options.https.certificateFile, 'utf8') : undefined;
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { 'x-emulator-token': token };
    if (text !== undefined) headers['content-type'] = 'application/json';
    const res = await exchange(new URL(`${url}/__emulator${path}`), { method, headers, ca }, text);
    if (res.status !== 200) throw new Error(`emulator ${method} ${path}: ${res.status} ${res.body}`);
    return JSON.parse(res.body) as unknown;
  };
  return {
    url,
    certificateFile: options.https?.certificateFile,
    controlToken: token,
    async addFaults(...faults) {
      await control('POST', '/faults', faults);
    },
    async exhaust(names) {
      await control('POST', '/quota', { exhausted: names });
    },
    state: () => control('GET', '/state') as ReturnType<RunningEmulator['state']>,
    async document(id) {
      const res = await exchange(new URL(`${url}/v1/documents/${encodeURIComponent(id)}`), { method: 'GET', headers: { 'x-api-key': 'clk_test_e2elauncher' }, ca });
      return res.status === 200 ? ((JSON.parse(res.body) as { data?: Record<string, unknown> }).data ?? undefined) : undefined;
    },
    stop: () => proc.stop(),
  };
}

function exchange(url: URL, options: RequestOptions & { ca?: string }, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
