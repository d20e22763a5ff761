// Submission under faults (issue 8), beyond the one-fault-per-test cases of submitFlow.test.ts:
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
import fc from 'fast-check';
import type { Emulator, EmulatorFault } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { postJson, type HttpRequest, type HttpResult } from '../../client/src/submission/httpClient';
import { MemoryStore, ReceiptStore } from '../../client/src/submission/receipts';
import { submitDocument, type SubmitResult } from '../../client/src/submission/submitFlow';
import { CONTENT_MARKERS, FakeUi, LIVE_KEY, TEST_KEY, documentText, withEmulator } from './helpers';

const SEED = 4_022_026;

let emu: Emulator;
before(async () => {
  emu = await withEmulator();
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
const TIMEOUT_S = 0.4;
const DELAY_MS = 700;
const faultArb: fc.Arbitrary<EmulatorFault | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom<'before-create' | 'after-create'>('before-create', 'after-create').map((phase) => ({ kind: 'delay' as const, ms: DELAY_MS, phase })) },
  { weight: 2, arbitrary: fc.constantFrom<'before-create' | 'after-create'>('before-create', 'after-create').map((phase) => ({ kind: 'reset' as const, phase })) },
  { weight: 2, arbitrary: fc.constantFrom(500, 502, 503).map((status) => ({ kind: 'status' as const, status })) },
  { weight: 2, arbitrary: fc.constantFrom(0, null, 600).map((retryAfter) => ({ kind: 'rateLimited' as const, retryAfter })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'quota' as const }) },
  { weight: 2, arbitrary: fc.boolean().map((create) => ({ kind: 'malformed' as const, create })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'trickle' as const, chunkBytes: 16, intervalMs: 60 }) },
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
        const receipts = new ReceiptStore(new MemoryStore());
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
                text,
                errorCount: 0,
                trusted: true,
                apiKey: step.live ? LIVE_KEY : TEST_KEY,
                baseUrl: emu.url,
                timeoutSeconds: TIMEOUT_S,
                confirmLive: true,
                userAgent: 'ClinikDoc/test',
              },
              { receipts, ui, log: (l) => logs.push(l), maxRetryWaitSeconds: 60, post },
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
            const last = result.attempts === 2 ? step.retryFault : step.fault;
            const answered = last?.kind !== 'delay' && last?.kind !== 'reset';
            if (answered) {
              assert.ok(result.outcome.requestId, `the request id of an answer is kept: ${JSON.stringify(result.outcome)} after ${JSON.stringify(last)}`);
              assert.ok(result.message.text.includes(result.outcome.requestId));
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
    await fc.assert(sequenceProperty(counts), { seed: SEED, numRuns: 25, includeErrorInReport: true });
    assert.ok(counts.submissions >= 60 && counts.requests >= 40, JSON.stringify(counts));
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
