// Submission under faults, beyond the one-fault-per-test cases of submitFlow.test.ts:
//
// 1. Random sequences of submissions (fast-check, seeded) against the emulator, each under a
//    random fault, by a user who answers the duplicate and live-key questions at random. Proven
//    for every sequence: no content is created more often than once plus the number of times the
//    user explicitly said "submit again"; at most one automatic retry and only after a 429 with
//    Retry-After; every outcome is told with the request id whenever an answer's headers arrived;
//    no key or content in any text.
// 2. Faults the emulator cannot play, from a scripted server on 127.0.0.1: a body cut after the
//    headers, silence, Retry-After as a date or unreadable, odd bodies at odd statuses, and a 50 MB
//    answer that the client must stop reading (bounded bytes and memory, event loop responsive).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import fc from 'fast-check';
import type { Emulator, EmulatorFault } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { postJson } from '../../client/src/api/nodeTransport';
import type { HttpRequest, HttpResult } from '../../client/src/api/transport';
import { SubmissionsInFlight } from '../../client/src/submit/inFlight';
import { MemoryStore } from '../../client/src/record/keyValueStore';
import { SubmissionRecords } from '../../client/src/record/submissionRecords';
import { submitDocument, type SubmitResult } from '../../client/src/submit/submitFlow';
import { CONTENT_MARKERS, FakeUi, LIVE_KEY, MemoryDocument, TEST_KEY, documentText, withEmulator } from './helpers';

const SEED = 4_022_026;

let emu: Emulator;
before(async () => {
  emu = await withEmulator({ https: true });
});
after(() => emu.close());

function assertClean(texts: string[], keys: string[]): void {
  for (const t of texts) {
    for (const k of keys) assert.ok(!t.includes(k) && !t.includes(k.slice(9)), `key in: ${t}`);
    for (const m of CONTENT_MARKERS) assert.ok(!t.includes(m), `content "${m}" in: ${t}`);
  }
}

// ---------------------------------------------------------------------------------------------

/** Faults with short times: the deadline in these runs is TIMEOUT_S. */
const TIMEOUT_S = 1;
const DELAY_MS = 1_400;
const faultArb: fc.Arbitrary<EmulatorFault | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom<'before-create' | 'after-create'>('before-create', 'after-create').map((phase) => ({ kind: 'delay' as const, ms: DELAY_MS, phase })) },
  { weight: 2, arbitrary: fc.constantFrom<'before-create' | 'after-create'>('before-create', 'after-create').map((phase) => ({ kind: 'reset' as const, phase })) },
  { weight: 2, arbitrary: fc.constantFrom(500, 502, 503).map((status) => ({ kind: 'status' as const, status })) },
  { weight: 2, arbitrary: fc.constantFrom(0, null, 600).map((retryAfter) => ({ kind: 'rateLimited' as const, retryAfter })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'quota' as const }) },
  { weight: 2, arbitrary: fc.boolean().map((create) => ({ kind: 'malformed' as const, create })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'trickle' as const, chunkBytes: 16, intervalMs: 100 }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'huge' as const, bytes: 3 * 1024 * 1024 }) },
  { weight: 1, arbitrary: fc.constantFrom(301, 302, 303, 307, 308).map((status) => ({ kind: 'redirect' as const, status, location: 'http://127.0.0.1:9/v1/documents' })) },
);

interface Step {
  doc: number;
  live: boolean;
  fault: EmulatorFault | undefined;
  /** A second fault, for the retry after a 429. */
  retryFault: EmulatorFault | undefined;
  againAnswer: boolean;
  liveAnswer: boolean;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  doc: fc.nat(2),
  live: fc.nat(3).map((n) => n === 0),
  fault: faultArb,
  retryFault: fc.oneof(fc.constant(undefined), faultArb),
  againAnswer: fc.boolean(),
  liveAnswer: fc.nat(3).map((n) => n > 0),
});

const TEXTS = [0, 1, 2].map((i) => documentText({ title: `Discharge summary for Zebulon Quixworth #${i}` }));
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** When every delayed request of the emulator has finished. */
let quietAt = 0;
async function quiet(): Promise<void> {
  const wait = quietAt - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/** The promises of the submission flow over one random sequence; `post` swaps the HTTP client. */
function sequenceProperty(counts: { submissions: number; requests: number }, post?: (r: HttpRequest) => Promise<HttpResult>) {
  return fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 6 }), async (steps) => {
        // A run that failed half-way may have left a delayed request that creates late.
        await quiet();
        emu.reset();
        const records = new SubmissionRecords(new MemoryStore());
        /** "Submit again" answered yes, per content and key kind. */
        const saidYes = new Map<string, number>();
        const created: Array<{ sha: string; live: boolean }> = [];
        /** Request id → key kind, kept across steps: a delayed request may create after its step. */
        const keyKinds = new Map<string, string>();
        const collect = () => {
          for (const r of emu.state.requests) keyKinds.set(r.requestId, r.keyKind);
          for (const d of emu.state.documents) created.push({ sha: d.bodySha256, live: keyKinds.get(d.requestId) === 'live' });
        };
        const texts: string[] = [];
        try {
          for (const step of steps) {
            counts.submissions++;
            const ui = new FakeUi();
            ui.duplicateAnswer = step.againAnswer;
            ui.liveAnswer = step.liveAnswer;
            const logs: string[] = [];
            if (step.fault) emu.addFaults(step.fault);
            // The retry's fault, queued behind the first: only a first fault can lead to a retry.
            if (step.fault && step.retryFault) emu.addFaults(step.retryFault);
            const text = TEXTS[step.doc]!;
            const result: SubmitResult = await submitDocument(
              {
                document: new MemoryDocument(text),
                trusted: true,
                apiKey: step.live ? LIVE_KEY : TEST_KEY,
                baseUrl: emu.url,
                timeoutSeconds: TIMEOUT_S,
                confirmLive: true,
                userAgent: 'ClinikDoc/test',
              },
              { records, window: 'window-1', inFlight: new SubmissionsInFlight(), ui, log: (l) => logs.push(l), maxRetryWaitSeconds: 60, post: post ?? postJson },
            );
            const target = `${step.doc}:${step.live ? 'live' : 'test'}`;
            if (ui.duplicateSeen.length > 0 && step.againAnswer) saidYes.set(target, (saidYes.get(target) ?? 0) + 1);
            texts.push(...logs, ...ui.progress, ...(result.kind === 'declined' ? [] : [result.message.text]));
            // What the server saw in this step; then a clean emulator (unused faults dropped).
            const seen = emu.state.requests.length;
            if (emu.state.requests.some((r) => r.fault === 'delay')) quietAt = Date.now() + DELAY_MS + 100;
            counts.requests += seen;
            collect();
            emu.reset();

            if (result.kind === 'declined') {
              assert.ok(result.question === 'duplicate' ? !step.againAnswer : !step.liveAnswer);
              assert.equal(seen, 0, 'a declined submission sends nothing');
              continue;
            }
            assert.equal(result.kind, 'sent', JSON.stringify(result));
            if (result.kind !== 'sent') continue;
            assert.equal(seen, result.attempts, 'one request per attempt');
            // At most one automatic retry, and only after a 429 RATE_LIMITED with a short Retry-After.
            assert.ok(result.attempts <= 2);
            if (result.attempts === 2) assert.ok(step.fault?.kind === 'rateLimited' && step.fault.retryAfter === 0, JSON.stringify(step.fault));
            // Every message says what happened and ends with the request id, or that there was none.
            assert.match(result.message.text, /(Request id: req_[0-9a-f]{16}|No request id was received)\.$/);
            // Once an answer's headers arrived (the emulator always sends x-request-id), its id is told.
            const last = result.attempts === 2 ? step.retryFault : step.fault;
            const headersArrived = result.outcome.kind !== 'transportFailed' || result.outcome.status !== undefined;
            if (headersArrived) {
              assert.ok(result.outcome.requestId, `the request id of an answer is kept: ${JSON.stringify(result.outcome)} after ${JSON.stringify(last)}`);
              assert.ok(result.message.text.includes(result.outcome.requestId));
            } else {
              assert.ok(last?.kind === 'delay' || last?.kind === 'reset', `no answer without a fault that withholds one: ${JSON.stringify(result.outcome)}`);
            }
          }
        } finally {
          // A request delayed past its deadline may still create: wait for it, and count it.
          await quiet();
          collect();
          emu.reset();
        }
        // The central promise: per content and key kind, created at most 1 + (explicit yes) times.
        for (let doc = 0; doc < TEXTS.length; doc++) {
          for (const live of [false, true]) {
            const n = created.filter((c) => c.sha === sha(TEXTS[doc]!) && c.live === live).length;
            const allowed = 1 + (saidYes.get(`${doc}:${live ? 'live' : 'test'}`) ?? 0);
            assert.ok(n <= allowed, `document ${doc} (${live ? 'live' : 'test'}) created ${n} times, allowed ${allowed}`);
          }
        }
        assertClean(texts, [TEST_KEY, LIVE_KEY]);
  });
}

describe('random fault sequences against the emulator (seeded)', () => {
  it('never creates a document twice without the user saying so, retries only after a 429, always names the request id it got', async () => {
    const counts = { submissions: 0, requests: 0 };
    await fc.assert(sequenceProperty(counts), { seed: SEED, numRuns: 16, includeErrorInReport: true });
    assert.ok(counts.submissions >= 40 && counts.requests >= 25, JSON.stringify(counts));
  });

  it('would catch a client that silently resends after a failure (the property is not vacuous)', async () => {
    const resending = async (r: HttpRequest): Promise<HttpResult> => {
      const first = await postJson(r);
      return first.kind === 'failure' || first.status >= 500 ? postJson(r) : first;
    };
    const details = await fc.check(sequenceProperty({ submissions: 0, requests: 0 }, resending), { seed: SEED, numRuns: 40 });
    assert.ok(details.failed, 'the resending client was not caught');
  });
});

// ---------------------------------------------------------------------------------------------
// Faults the emulator cannot play: a scripted server on 127.0.0.1.

type Script = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

describe('faults from a scripted server', () => {
  let server: Server;
  let script: Script = (_req, res) => res.end();
  let url = '';
  let received: Array<{ key: boolean }> = [];
  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ key: typeof req.headers['x-api-key'] === 'string' });
        script(req, res, Buffer.concat(chunks));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  async function submit(timeoutSeconds = 2, maxRetryWaitSeconds = 5) {
    received = [];
    const ui = new FakeUi();
    const logs: string[] = [];
    const result = await submitDocument(
      { document: new MemoryDocument(documentText()), trusted: true, apiKey: TEST_KEY, baseUrl: url, timeoutSeconds, confirmLive: true, userAgent: 'ClinikDoc/test' },
      { records: new SubmissionRecords(new MemoryStore()), window: 'window-1', inFlight: new SubmissionsInFlight(), ui, log: (l) => logs.push(l), maxRetryWaitSeconds, post: postJson },
    );
    assert.equal(result.kind, 'sent');
    if (result.kind !== 'sent') throw new Error('not sent');
    assertClean([...logs, ...ui.progress, result.message.text], [TEST_KEY]);
    return { result, logs, ui };
  }

  it('a 201 cut off in the middle of its body: connection lost, may exist, the request id from the headers', async () => {
    script = (_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': '500', 'x-request-id': 'req_cut' });
      res.write('{"data": {"id": "comp_');
      setTimeout(() => res.socket?.destroy(), 50);
    };
    const { result } = await submit();
    assert.ok(result.outcome.kind === 'transportFailed' && result.outcome.failure === 'connectionLost' && result.outcome.mayExist);
    assert.match(result.message.text, /connection to ClinikAPI was lost.*may have been created.*Request id: req_cut\./);
  });

  it('a server that reads the request and never answers: a timeout at the deadline, may exist', async () => {
    script = () => undefined;
    const started = Date.now();
    const { result } = await submit(1);
    assert.ok(Date.now() - started < 1_800, 'gave up at the deadline');
    assert.ok(result.outcome.kind === 'transportFailed' && result.outcome.failure === 'timeout' && result.outcome.mayExist);
    assert.match(result.message.text, /within 1 s.*may have been created.*No request id was received\./);
  });

  it('429 with Retry-After as an HTTP date: waits until then and retries once', async () => {
    let calls = 0;
    script = (_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(429, { 'Retry-After': new Date(Date.now() + 1_000).toUTCString(), 'Content-Type': 'application/json', 'x-request-id': 'req_429' });
        res.end('{"error":"Too Many Requests","code":"RATE_LIMITED","requestId":"req_429"}');
      } else {
        res.writeHead(201, { 'Content-Type': 'application/json' }).end('{"data":{"id":"comp_after"},"meta":{"requestId":"req_ok"}}');
      }
    };
    const { result } = await submit();
    assert.equal(result.attempts, 2);
    assert.ok(result.outcome.kind === 'created' && result.outcome.id === 'comp_after');
    assert.equal(received.length, 2);
  });

  it('429 with an unreadable Retry-After, or an HTML body: no automatic retry, nothing created', async () => {
    for (const [retryAfter, body] of [['soon', '{"code":"RATE_LIMITED"}'], [undefined, '<html>Too many</html>']] as const) {
      script = (_req, res) => {
        res.writeHead(429, { ...(retryAfter ? { 'Retry-After': retryAfter } : {}), 'x-request-id': 'req_rl' });
        res.end(body);
      };
      const { result } = await submit();
      assert.equal(result.attempts, 1);
      assert.equal(received.length, 1);
      assert.match(result.message.text, /Nothing was created.*Request id: req_rl\./);
    }
  });

  it('odd bodies at odd statuses: every one told clearly, with the header request id, never resent', async () => {
    const cases: Array<[number, string, RegExp]> = [
      [201, '', /could not be read.*may have been created/],
      [201, '\uFEFF{"data":{"id":"comp_bom"}}', /could not be read.*may have been created/],
      [201, '{"data":{"id":42}}', /could not be read.*may have been created/],
      [200, '[]', /could not be read.*may have been created/],
      [400, 'Bad Request', /could not be read.*Nothing was created/],
      [401, '<html>login</html>', /did not accept the API key.*Nothing was created/],
      [413, '<html>too large</html>', /could not be read.*Nothing was created/],
      [503, '', /failed with 503.*may have been created/],
      [303, '', /redirect \(303\).*does not follow redirects.*may have been created/],
    ];
    for (const [status, body, pattern] of cases) {
      script = (_req, res) => {
        res.writeHead(status, { 'Content-Type': 'text/plain', 'x-request-id': 'req_odd', ...(status === 303 ? { Location: 'http://127.0.0.1:9/x' } : {}) });
        res.end(body);
      };
      const { result } = await submit();
      assert.match(result.message.text, pattern, `${status} ${JSON.stringify(body)}`);
      assert.match(result.message.text, /Request id: req_odd\.$/, `${status}`);
      assert.equal(received.length, 1, `${status}: sent once`);
      assert.equal(result.attempts, 1);
    }
  });

  it('a 50 MB answer without a length: reading stops at 1 MB, the server cannot push more than a few MB, memory stays bounded, the event loop stays responsive', async () => {
    let written = 0;
    let stopped: Promise<void> = Promise.resolve();
    script = (_req, res) => {
      stopped = new Promise<void>((done) => {
        res.writeHead(201, { 'Content-Type': 'application/json', 'x-request-id': 'req_big' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (written < 50 * 1024 * 1024 && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => done());
        pump();
      });
    };
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const { result } = await submit(10);
    await stopped;
    delay.disable();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    assert.ok(result.outcome.kind === 'transportFailed' && result.outcome.failure === 'responseTooLarge', JSON.stringify(result.outcome));
    assert.match(result.message.text, /larger than 1 MB and was not read.*may have been created.*Request id: req_big\./);
    assert.ok(written < 8 * 1024 * 1024, `the server pushed ${written} bytes before the client hung up`);
    assert.ok(heapGrowth < 32 * 1024 * 1024, `heap grew by ${heapGrowth} bytes`);
    assert.ok(delay.max / 1e6 < 200, `the event loop stalled for ${Math.round(delay.max / 1e6)} ms`);
  });
});
