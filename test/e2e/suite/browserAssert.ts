// What the suites use of node:assert/strict, for the runner's web worker bundle (the web worker
// extension host has no Node built-ins); the Node bundle uses node:assert itself.
export class AssertionError extends Error {
  override name = 'AssertionError';
}

function fail(message: string | undefined, fallback: string): never {
  throw new AssertionError(message ?? fallback);
}

export function ok(value: unknown, message?: string): asserts value {
  if (!value) fail(message, `expected a truthy value, got ${String(value)}`);
}

export function equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message, `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function match(actual: string, pattern: RegExp, message?: string): void {
  if (typeof actual !== 'string' || !pattern.test(actual)) fail(message, `${JSON.stringify(actual)} does not match ${pattern}`);
}

/** Structural equality of plain data (what the suites compare): same JSON with keys in any order. */
export function deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (canonical(actual) !== canonical(expected)) fail(message, `expected ${canonical(expected)}, got ${canonical(actual)}`);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
