import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { SubmissionCheckRequest, type SubmissionCheckResult } from '../../../shared/protocol';

/** Longer than any legal document takes to check; past it the document counts as not checked. */
const CHECK_TIMEOUT_MS = 10_000;

/**
 * Asks the language server whether this version of the document may be submitted
 * (`clinikdoc/submissionCheck`); `undefined` when there is no answer — the client is not running,
 * the request failed or it took too long — and then nothing may be sent. The client has synced
 * every edit before this request (same connection, in order); a version it has not yet seen is
 * answered `versionMismatch`, and the flow checks again.
 */
export async function checkForSubmission(
  client: BaseLanguageClient | undefined,
  document: vscode.TextDocument,
  version: number,
): Promise<SubmissionCheckResult | undefined> {
  if (!client?.isRunning()) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      client.sendRequest(SubmissionCheckRequest.type, { textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) }, version }),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), CHECK_TIMEOUT_MS);
      }),
    ]);
  } catch {
    // The server failed or is gone: the document is unchecked.
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
