import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/**
 * Runs a request handler once, in one place: a cancelled request is answered as cancelled, and a
 * failure is logged (without document content) and answered with the fallback, so one bad
 * document never takes the server down. The fallback must be distinguishable from "nothing to
 * report" wherever a caller could read it as a verdict (diagnostics: a `not-checked` error;
 * the submission check: `checked: false`).
 */
export function runSafe<T>(
  log: (message: string) => void,
  name: string,
  token: CancellationToken | undefined,
  fallback: T,
  handler: () => T,
): T | ResponseError<undefined> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = handler();
    if (token?.isCancellationRequested) return cancelled();
    return result;
  } catch (error) {
    log(`${name} failed: ${describeFailure(error)}`);
    return fallback;
  }
}

/** runSafe for a handler that answers asynchronously. */
export async function runSafeAsync<T>(
  log: (message: string) => void,
  name: string,
  token: CancellationToken | undefined,
  fallback: T,
  handler: () => Promise<T>,
): Promise<T | ResponseError<undefined>> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = await handler();
    if (token?.isCancellationRequested) return cancelled();
    return result;
  } catch (error) {
    log(`${name} failed: ${describeFailure(error)}`);
    return fallback;
  }
}

/**
 * The error's kind and where it was thrown, never its message: messages can quote the document
 * (JSON.parse's do: `Unexpected token … "…text…" is not valid JSON`), and documents hold PHI.
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'a non-Error value was thrown';
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [error.name, ...frames].join('\n');
}

function cancelled(): ResponseError<undefined> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
