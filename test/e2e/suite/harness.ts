// A small test harness for the suite that runs inside VS Code's extension host (node's test
// runner is not available there). Tests run one after another; each has a timeout.
export interface TestCase {
  name: string;
  fn: () => Promise<void>;
  /** Default 30 s: generous, since the first request may wait for the language server to start. */
  timeoutMs?: number;
}

export interface TestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export async function runTests(tests: TestCase[], onResult: (r: TestResult) => Promise<void> | void): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const t of tests) {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    let result: TestResult;
    try {
      await Promise.race([
        t.fn(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${t.timeoutMs ?? 30_000} ms`)), t.timeoutMs ?? 30_000);
        }),
      ]);
      result = { name: t.name, ok: true, ms: Date.now() - started };
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      result = { name: t.name, ok: false, ms: Date.now() - started, error };
    } finally {
      clearTimeout(timer);
    }
    results.push(result);
    await onResult(result);
  }
  return results;
}

/** The closing line the CI reads: 'N passed, N failed' alone on a line. */
export function summaryLine(results: TestResult[]): string {
  const failed = results.filter((r) => !r.ok).length;
  return `${results.length - failed} passed, ${failed} failed`;
}
