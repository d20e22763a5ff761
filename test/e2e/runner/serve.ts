// The runner's loop, the same in the Node and the web worker extension hosts: ask the launcher
// which suite to run, run it here, report every result back over HTTP on 127.0.0.1 (fetch).
import { runTests, type TestResult } from '../suite/harness';
import { suiteFor, type SuiteRequest } from '../suite/index';

interface NextAnswer {
  /** The suite to run now; absent when the launcher has nothing yet (ask again) … */
  request?: SuiteRequest;
  /** … or true when the launcher is done with this window. */
  done?: boolean;
}

async function post(base: string, path: string, body: unknown): Promise<void> {
  await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Only the launcher's own address is ever contacted. */
export function isControlUrl(base: string | undefined): base is string {
  return !!base && /^http:\/\/127\.0\.0\.1:\d+$/.test(base);
}

export async function serve(base: string, hello: Record<string, unknown>): Promise<void> {
  await post(base, '/hello', hello);
  for (;;) {
    let answer: NextAnswer;
    try {
      // The launcher holds this request until it has work (at most ~30 s, then answers empty).
      answer = (await (await fetch(`${base}/next`)).json()) as NextAnswer;
    } catch {
      return; // the launcher has gone
    }
    if (answer.done) return;
    if (!answer.request) continue;
    const request = answer.request;
    let results: TestResult[] = [];
    try {
      const { tests, after } = suiteFor(request);
      results = await runTests(tests, (r) => post(base, '/result', { suite: request.suite, result: r }));
      if (after) {
        // Clean-up gets its own test (and time limit), so a hang there is reported, not waited out.
        const cleanUp = await runTests([{ name: `${request.suite}: clean-up after the suite`, fn: after, timeoutMs: 60_000 }], (r) =>
          r.ok ? undefined : post(base, '/result', { suite: request.suite, result: r }),
        );
        results.push(...cleanUp.filter((r) => !r.ok));
      }
    } catch (e) {
      results.push({ name: `${request.suite}: the suite itself`, ok: false, ms: 0, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
    await post(base, '/finished', { suite: request.suite, results });
  }
}
