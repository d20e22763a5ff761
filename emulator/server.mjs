// A local ClinikAPI emulator: a real HTTP server implementing `POST /v1/documents` per the
// contract (/work/shared/contract), the reads of what a document points at (resources.mjs, over
// the fixture in fixture.mjs) and CORS (cors.mjs), with switchable faults for tests. Plain node
// (no build step):
//
//   [CLINIKDOC_EMULATOR_CONTROL_TOKEN=T] node emulator/server.mjs [--port 8787] [--rate-limit 60]
//                            [--https [--certificate-file F]] [--cors allow|refuse] [--search-lag-ms 10000]
//
// prints `ClinikAPI emulator listening on http(s)://127.0.0.1:<port>` and the control token (unless
// it was given), and serves until killed. A chosen token comes in the environment, never as an
// argument: every local user can read a process's arguments (`ps`), only its owner its environment. It binds 127.0.0.1 only. See README.md ("The local ClinikAPI emulator") for the fault switches.
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { randomBytes, createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAjv } from '../scripts/validatorSource.mjs';
import { CONTROL_TOKEN_HEADER, controlRefusal, newControlToken } from './controlAccess.mjs';
import { makeCertificate } from './tls.mjs';
import { createAccess } from './access.mjs';
import { CORS_MODES, applyCors } from './cors.mjs';
import { readBody, refusedByQuota, sendJson, sendRaw, setHeaders, setRateHeaders, sleep } from './http.mjs';
import { QUOTA_NAMES } from './quota.mjs';
import { createResources, faultTargetError } from './resources.mjs';

export { FIXTURE_IDS } from './fixture.mjs';

const schemaPath = fileURLToPath(new URL('../schemas/document-create.schema.json', import.meta.url));

/** Mirrors the SDK's body limit: bodies over 1 MB are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * How long a new document stays out of search by default: ClinikAPI documents "within seconds
 * (commonly ~10s)" (data-consistency.mdx). Tests that need it another way set `searchLagMs`.
 */
export const DEFAULT_SEARCH_LAG_MS = 10_000;

/** The request-control prefix; nothing under it exists on the real ClinikAPI. */
export const CONTROL_PREFIX = '/__emulator';
export { CONTROL_TOKEN_HEADER };
/** The environment variable that gives the command line emulator its control token. */
export const CONTROL_TOKEN_ENV = 'CLINIKDOC_EMULATOR_CONTROL_TOKEN';

const FAULT_KINDS = new Set([
  'delay', 'status', 'rateLimited', 'quota', 'reset', 'malformed', 'trickle', 'huge', 'redirect',
]);

function compileValidator() {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // ClinikAPI validates with Zod, which drops object keys it does not know instead of rejecting
  // them: `removeAdditional` does the same where the schema says `additionalProperties: false`.
  return createAjv({ removeAdditional: true }).compile(schema);
}

/** `sections.0.title: Required` — the dotted path and the broken constraint, never the value. */
export function issueFromAjvError(error) {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let constraint;
  switch (error.keyword) {
    case 'required':
      segments.push(error.params.missingProperty);
      constraint = 'Required';
      break;
    case 'type':
      constraint = `Expected ${error.params.type}`;
      break;
    case 'enum':
      constraint = `Invalid enum value. Expected ${error.params.allowedValues.map((v) => `'${v}'`).join(' | ')}`;
      break;
    case 'maxLength':
      constraint = `String must contain at most ${error.params.limit} character(s)`;
      break;
    case 'minLength':
      constraint = `String must contain at least ${error.params.limit} character(s)`;
      break;
    case 'maxItems':
      constraint = `Array must contain at most ${error.params.limit} element(s)`;
      break;
    case 'minItems':
      constraint = `Array must contain at least ${error.params.limit} element(s)`;
      break;
    case 'pattern':
    case 'format':
      constraint = 'Invalid datetime';
      break;
    case 'additionalProperties':
      segments.push(error.params.additionalProperty);
      constraint = 'Unrecognized key';
      break;
    default:
      constraint = `Invalid (${error.keyword})`;
  }
  const path = segments.join('.');
  return { severity: 'error', code: error.keyword === 'required' ? 'required' : 'invalid', diagnostics: path ? `${path}: ${constraint}` : constraint };
}

function newId(prefix) {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

/**
 * Starts the emulator. Resolves once it listens.
 * `https`: true makes a self-signed certificate at start; `{ key, cert }` (PEM) serves that one.
 * `monthlyQuota` and `sandboxQuota`: requests per key per month (quota.mjs).
 * @param {{ port?: number, rateLimit?: number, monthlyQuota?: number, sandboxQuota?: number, https?: boolean | { key: string, cert: string }, controlToken?: string, cors?: 'allow' | 'refuse', log?: (line: string) => void }} [options]
 */
export async function startEmulator(options = {}) {
  const validate = compileValidator();
  const controlToken = options.controlToken ?? newControlToken();
  const tls = typeof options.https === 'object' ? options.https : options.https ? await makeCertificate() : undefined;
  let port = 0;
  const rateLimit = options.rateLimit ?? 60;
  const log = options.log ?? (() => {});
  /** @type {Array<Record<string, unknown>>} */
  let faults = [];
  const state = {
    /** Documents actually created (what tests read to prove there was no duplicate). */
    documents: /** @type {Array<{ id: string, requestId: string, bodySha256: string, createdAt: string }>} */ ([]),
    /** Every request to /v1/documents, without the key and without the body. */
    requests: /** @type {Array<Record<string, unknown>>} */ ([]),
  };
  const cors = options.cors ?? 'allow';
  if (!CORS_MODES.includes(cors)) throw new Error(`cors must be one of ${CORS_MODES.join(', ')}`);
  /** Key checks and per-key, per-minute windows, shared by creates, reads and updates. */
  const access = createAccess(rateLimit, { monthlyLimit: options.monthlyQuota, sandboxLimit: options.sandboxQuota });
  /** The next queued fault meant for this kind of request (`on`, default `create`). */
  const takeFault = (on) => {
    const i = faults.findIndex((f) => (f.on ?? 'create') === on);
    return i < 0 ? undefined : faults.splice(i, 1)[0];
  };
  /** How long a created document stays out of search results (ms); read by id sees it at once. */
  let searchLagMs = options.searchLagMs ?? DEFAULT_SEARCH_LAG_MS;
  const resources = createResources({ access, state, takeFault, issueFromAjvError, maxBodyBytes: MAX_BODY_BYTES, log, searchLag: () => searchLagMs });
  const sockets = new Set();

  const onRequest = (req, res) => {
    handle(req, res).catch((err) => {
      log(`emulator: internal failure: ${err && err.message}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error', code: 'INTERNAL_ERROR', requestId: newId('req') });
      else res.destroy();
    });
  };
  const server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, onRequest) : createServer(onRequest);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      const refusal = controlRefusal(req, { token: controlToken, port });
      if (refusal) return sendJson(res, refusal.status, { error: refusal.error });
      return control(req, res, url.pathname.slice(CONTROL_PREFIX.length));
    }
    const requestId = newId('req');
    res.setHeader('x-request-id', requestId);
    if (applyCors(req, res, cors)) return void (state.preflights += 1);
    if (!(req.method === 'POST' && url.pathname === '/v1/documents') && (await resources.handle(req, res, requestId))) return;
    if (url.pathname !== '/v1/documents') {
      return sendJson(res, 404, { error: 'Not Found', code: 'NOT_FOUND', requestId });
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendJson(res, 405, { error: 'Method Not Allowed', code: 'METHOD_NOT_ALLOWED', requestId });
    }
    const raw = await readBody(req, MAX_BODY_BYTES);
    const key = req.headers['x-api-key'];
    const record = {
      requestId,
      method: req.method,
      path: url.pathname,
      hasApiKey: typeof key === 'string' && key.length > 0,
      keyKind: typeof key === 'string' ? (key.startsWith('clk_live_') ? 'live' : key.startsWith('clk_test_') ? 'test' : 'other') : 'none',
      contentType: req.headers['content-type'] ?? null,
      userAgent: req.headers['user-agent'] ?? null,
      bodyBytes: raw.tooLarge ? null : raw.buffer.length,
      bodySha256: raw.tooLarge ? null : createHash('sha256').update(raw.buffer).digest('hex'),
    };
    state.requests.push(record);
    log(`emulator: POST /v1/documents ${requestId}`);

    // A request without a key is refused before anything (401), whatever is queued: it takes no
    // fault (so ClinikDoc's keyless CORS probe in a browser leaves the faults to its real request).
    const fault = record.hasApiKey ? takeFault('create') : undefined;
    if (fault) record.fault = fault.kind;

    // Faults that answer before anything is checked or created.
    if (fault?.kind === 'delay' && fault.phase !== 'after-create') await sleep(fault.ms ?? 1000);
    if (fault?.kind === 'reset' && fault.phase !== 'after-create') return void req.socket.destroy();
    if (fault?.kind === 'redirect') {
      res.setHeader('Location', String(fault.location ?? 'http://127.0.0.1:1/v1/documents'));
      return sendJson(res, fault.status ?? 307, { error: 'Moved', code: 'MOVED', requestId });
    }
    if (fault?.kind === 'status') {
      return sendJson(res, fault.status ?? 500, fault.body ?? { error: 'Internal Server Error', code: 'INTERNAL_ERROR', requestId });
    }
    if (fault?.kind === 'malformed' && !fault.create) {
      return sendRaw(res, fault.status ?? 502, 'text/html', '<html><body>502 Bad Gateway</body></html>');
    }

    // Authentication, then rate limiting (per key, per minute) and quota.
    const refusal = access.refusal(key, 'write');
    if (refusal) return sendJson(res, refusal.status, { ...refusal.body, requestId });
    const rate = access.take(/** @type {string} */ (key), fault?.kind === 'rateLimited');
    const { remaining, resetEpoch } = rate;
    setRateHeaders(res, rateLimit, remaining, resetEpoch);
    if (rate.limited) {
      const retryAfter = fault?.kind === 'rateLimited' ? fault.retryAfter : rate.retryAfter;
      if (retryAfter !== null && retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
      setHeaders(res, access.quota.headers(key));
      return sendJson(res, 429, { error: 'Too Many Requests', message: 'Rate limit exceeded', code: 'RATE_LIMITED', requestId });
    }
    if (refusedByQuota(res, access, key, requestId)) return;
    if (fault?.kind === 'quota') {
      const code = fault.code ?? (key.startsWith('clk_test_') ? 'SANDBOX_QUOTA_EXCEEDED' : 'MONTHLY_QUOTA_EXCEEDED');
      return sendJson(res, 429, { error: 'Too Many Requests', message: 'Monthly quota exceeded', code, requestId });
    }

    // Body.
    if (raw.tooLarge) {
      return sendJson(res, 413, { error: 'Payload Too Large', message: 'Body exceeds 1 MB', code: 'PAYLOAD_TOO_LARGE', requestId });
    }
    let body;
    try {
      body = JSON.parse(raw.buffer.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'Bad Request', message: 'Malformed JSON body', code: 'INVALID_JSON', requestId });
    }
    if (!validate(body)) {
      const issues = (validate.errors ?? []).map(issueFromAjvError);
      return sendJson(res, 422, { error: 'Unprocessable Entity', message: 'Validation failed', code: 'VALIDATION_ERROR', requestId, issues });
    }

    // Create.
    const id = newId('comp');
    const createdAt = new Date().toISOString();
    state.documents.push({ id, requestId, bodySha256: String(record.bodySha256), createdAt });
    record.createdId = id;
    const envelope = {
      data: resources.storeCreatedDocument(id, body, createdAt),
      meta: { requestId, timestamp: createdAt, status: 201, rateLimitTotal: rateLimit, rateLimitRemaining: remaining, rateLimitReset: resetEpoch },
    };

    // Faults after the document exists.
    if (fault?.kind === 'delay' && fault.phase === 'after-create') await sleep(fault.ms ?? 1000);
    if (fault?.kind === 'reset' && fault.phase === 'after-create') return void req.socket.destroy();
    if (fault?.kind === 'malformed') return sendRaw(res, fault.status ?? 201, 'application/json', '{"data": {"id": ');
    if (fault?.kind === 'huge') {
      return streamHuge(res, fault.bytes ?? 50 * 1024 * 1024, fault.chunked === true);
    }
    if (fault?.kind === 'trickle') {
      return trickle(res, 201, JSON.stringify(envelope), fault.chunkBytes ?? 8, fault.intervalMs ?? 200);
    }
    return sendJson(res, 201, envelope);
  }

  async function control(req, res, path) {
    if (req.method === 'GET' && path === '/state') {
      return sendJson(res, 200, {
        created: state.documents.length, documents: state.documents, requests: state.requests, pendingFaults: faults.length,
        reads: state.reads, writes: state.writes, preflights: state.preflights, updates: state.updates,
        exhausted: access.quota.exhausted(),
      });
    }
    if (req.method === 'POST' && path === '/quota') {
      // { "exhausted": ["sandbox"] } uses that quota up for every key; [] restores them all.
      const raw = await readBody(req, 64 * 1024);
      let parsed;
      try {
        parsed = JSON.parse(raw.buffer.toString('utf8'));
      } catch {
        return sendJson(res, 400, { error: 'quota: body must be JSON' });
      }
      const names = parsed?.exhausted;
      if (!Array.isArray(names) || !names.every((n) => QUOTA_NAMES.includes(n))) {
        return sendJson(res, 400, { error: `quota: "exhausted" must list some of ${QUOTA_NAMES.join(', ')}` });
      }
      access.quota.setExhausted(names);
      return sendJson(res, 200, { exhausted: access.quota.exhausted() });
    }
    if (req.method === 'POST' && path === '/faults') {
      const parsed = await controlBody(req, 64 * 1024);
      if (parsed === undefined) return sendJson(res, 400, { error: 'faults: body must be JSON' });
      const list = Array.isArray(parsed) ? parsed : [parsed];
      for (const f of list) {
        if (!f || typeof f !== 'object' || !FAULT_KINDS.has(f.kind)) {
          return sendJson(res, 400, { error: `faults: unknown kind; known: ${[...FAULT_KINDS].join(', ')}` });
        }
        if (faultTargetError(f)) return sendJson(res, 400, { error: faultTargetError(f) });
      }
      faults.push(...list);
      return sendJson(res, 200, { pendingFaults: faults.length });
    }
    if (req.method === 'POST' && path === '/config') {
      const parsed = await controlBody(req, 4 * 1024);
      if (parsed === undefined) return sendJson(res, 400, { error: 'config: body must be JSON' });
      const lag = parsed?.searchLagMs;
      if (!Number.isInteger(lag) || lag < 0 || lag > 600_000) return sendJson(res, 400, { error: 'config: searchLagMs must be an integer 0..600000' });
      searchLagMs = lag;
      return sendJson(res, 200, { searchLagMs });
    }
    if (req.method === 'POST' && path === '/reset') {
      faults = [];
      state.documents.length = 0;
      state.requests.length = 0;
      access.clear();
      resources.reset();
      return sendJson(res, 200, { ok: true });
    }
    return sendJson(res, 404, { error: 'unknown control endpoint' });
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    url,
    port,
    state,
    /** The x-emulator-token value the /__emulator/* endpoints require. */
    controlToken,
    /** With `https`: the self-signed certificate (PEM) a client must trust to reach the emulator. */
    certificate: tls?.cert,
    /** How long a new document stays out of search, from now on (ms). */
    setSearchLag(ms) {
      searchLagMs = ms;
    },
    /** Queues faults; each request to /v1/documents consumes the next one. */
    addFaults(...list) {
      for (const f of list) if (!FAULT_KINDS.has(f.kind)) throw new Error(`unknown fault kind ${f.kind}`);
      for (const f of list) if (faultTargetError(f)) throw new Error(faultTargetError(f));
      faults.push(...list);
    },
    /** Uses up the named quotas (`monthly`, `sandbox`, `rate`) for every key; `[]` restores them. */
    exhaust(names) {
      if (!names.every((n) => QUOTA_NAMES.includes(n))) throw new Error(`quota names are ${QUOTA_NAMES.join(', ')}`);
      access.quota.setExhausted(names);
    },
    reset() {
      faults = [];
      state.documents.length = 0;
      state.requests.length = 0;
      access.clear();
      resources.reset();
    },
    close() {
      return new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve(undefined));
      });
    },
  };
}

function streamHuge(res, bytes, chunked) {
  // `chunked`: no Content-Length, so the client learns the size only by reading.
  res.writeHead(201, chunked ? { 'Content-Type': 'application/json' } : { 'Content-Type': 'application/json', 'Content-Length': String(bytes) });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let left = bytes;
  const pump = () => {
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      left -= n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  res.on('close', () => { left = 0; });
  pump();
}

function trickle(res, status, text, chunkBytes, intervalMs) {
  const buf = Buffer.from(text, 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(buf.length) });
  let offset = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return void clearInterval(timer);
    res.write(buf.subarray(offset, offset + chunkBytes));
    offset += chunkBytes;
    if (offset >= buf.length) {
      clearInterval(timer);
      res.end();
    }
  }, intervalMs);
  res.on('close', () => clearInterval(timer));
}

/** A control request's JSON body, or undefined when it is not JSON. */
async function controlBody(req, maxBytes) {
  const raw = await readBody(req, maxBytes);
  try {
    return JSON.parse(raw.buffer.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The command line's options. The control token is read from `env` (CONTROL_TOKEN_ENV), never
 * from an argument, which `ps` shows every user of the machine.
 * @param {string[]} argv
 * @param {Record<string, string | undefined>} env
 */
function parseArgs(argv, env = {}) {
  const given = env[CONTROL_TOKEN_ENV];
  const out = { port: 8787, rateLimit: 60, monthlyQuota: undefined, sandboxQuota: undefined, https: false, certificateFile: undefined, controlToken: given === '' ? undefined : given, cors: 'allow', searchLagMs: DEFAULT_SEARCH_LAG_MS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port') out.port = Number(next());
    else if (a.startsWith('--port=')) out.port = Number(a.slice(7));
    else if (a === '--rate-limit') out.rateLimit = Number(next());
    else if (a.startsWith('--rate-limit=')) out.rateLimit = Number(a.slice(13));
    else if (a === '--monthly-quota') out.monthlyQuota = Number(next());
    else if (a === '--sandbox-quota') out.sandboxQuota = Number(next());
    else if (a === '--cors') out.cors = next();
    else if (a.startsWith('--cors=')) out.cors = a.slice(7);
    else if (a === '--search-lag-ms') out.searchLagMs = Number(next());
    else if (a === '--https') out.https = true;
    else if (a === '--certificate-file') out.certificateFile = next();
    else if (a === '--control-token' || a.startsWith('--control-token=')) {
      throw new Error(`--control-token is not accepted: every user of this machine can read a command line (ps). Set ${CONTROL_TOKEN_ENV} instead.`);
    }
    else if (a === '--help' || a === '-h') {
      console.log(
        [
          'usage: node emulator/server.mjs [options]',
          '  --port N               default 8787, 0 = any free port',
          '  --rate-limit N         requests per minute and key (default 60)',
          '  --monthly-quota N      requests per month and key (default 10000; X-Quota-* headers)',
          '  --sandbox-quota N      requests per month and test key (default 1000; X-Sandbox-* headers)',
          '  --https                serve HTTPS with a self-signed certificate made at start',
          '  --certificate-file F   with --https: write the certificate (PEM) there, for NODE_EXTRA_CA_CERTS',
          `  ${CONTROL_TOKEN_ENV}=T (environment)`,
          '                         the token /__emulator/* requires (default: a random one, printed)',
          '  --cors allow|refuse    answer CORS preflights with allow headers (default) or without',
          '  --search-lag-ms N      a new document appears in search N ms after its create (default 10000; read by id at once)',
        ].join('\n'),
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) throw new Error('--port must be 0..65535');
  if (!Number.isInteger(out.rateLimit) || out.rateLimit < 1) throw new Error('--rate-limit must be a positive integer');
  for (const [flag, value] of [['--monthly-quota', out.monthlyQuota], ['--sandbox-quota', out.sandboxQuota]]) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new Error(`${flag} must be a positive integer`);
  }
  if (out.certificateFile !== undefined && !out.https) throw new Error('--certificate-file needs --https');
  if (out.controlToken !== undefined && !/^[A-Za-z0-9_-]{16,}$/.test(out.controlToken)) {
    throw new Error(`${CONTROL_TOKEN_ENV} must be at least 16 characters of A-Z a-z 0-9 _ -`);
  }
  if (!CORS_MODES.includes(out.cors)) throw new Error(`--cors must be one of ${CORS_MODES.join(', ')}`);
  if (!Number.isInteger(out.searchLagMs) || out.searchLagMs < 0 || out.searchLagMs > 600_000) throw new Error('--search-lag-ms must be 0..600000');
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(String(e instanceof Error ? e.message : e));
    process.exit(2);
  }
  const { certificateFile, ...options } = args;
  const emulator = await startEmulator({ ...options, log: (line) => console.error(line) });
  // Without --certificate-file the certificate goes to a private temporary folder, removed at exit.
  const ownCertDir = emulator.certificate && !certificateFile ? mkdtempSync(join(tmpdir(), 'clinikdoc-emulator-')) : undefined;
  const certPath = certificateFile ?? (ownCertDir ? join(ownCertDir, 'certificate.pem') : undefined);
  if (certPath && emulator.certificate) writeFileSync(certPath, emulator.certificate);
  console.log(`ClinikAPI emulator listening on ${emulator.url}`);
  // A given token is not printed: whoever gave it knows it, and the output may go to a log file.
  console.log(
    args.controlToken === undefined
      ? `control token: ${emulator.controlToken} (send it as ${CONTROL_TOKEN_HEADER} to ${CONTROL_PREFIX}/*)`
      : `control token: the one in ${CONTROL_TOKEN_ENV} (send it as ${CONTROL_TOKEN_HEADER} to ${CONTROL_PREFIX}/*)`,
  );
  if (certPath) console.log(`certificate: ${certPath} (self-signed; trust it with NODE_EXTRA_CA_CERTS=${certPath})`);
  const stop = () =>
    emulator.close().then(() => {
      if (ownCertDir) rmSync(ownCertDir, { recursive: true, force: true });
      process.exit(0);
    });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
