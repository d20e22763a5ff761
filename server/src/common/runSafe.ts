import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/**
 * Runs a request handler once, in one place: a cancelled request is answered as cancelled, and a
 * failure is logged (without document content) and answered with a safe empty value, so one bad
 * document never takes the server down.
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
    log(`${name} failed: ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error)}`);
    return fallback;
  }
}

function cancelled(): ResponseError<undefined> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
