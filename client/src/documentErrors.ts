import * as vscode from 'vscode';
import { SERVER_DIAGNOSTIC_SOURCE } from '../../server/src/protocol';
import { DocumentDiagnosticRequest, type BaseLanguageClient } from 'vscode-languageclient';

/**
 * How many errors the document has right now, or undefined when the language server could not
 * check it (not running, or no answer): then nothing may be sent, since an unchecked document is
 * exactly what would come back as a 422. The Problems view can lag behind the last keystroke, so
 * the language server is asked directly (`textDocument/diagnostic`, after the client has synced
 * the latest edit); whatever VS Code already shows counts too. ClinikAPI's own 422 diagnostics
 * are not counted: they are the server's verdict on the previous submission.
 */
export async function countDocumentErrors(client: BaseLanguageClient | undefined, document: vscode.TextDocument): Promise<number | undefined> {
  const shown = vscode.languages
    .getDiagnostics(document.uri)
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error && d.source !== SERVER_DIAGNOSTIC_SOURCE).length;
  if (!client?.isRunning()) return undefined;
  try {
    const report = await withTimeout(
      client.sendRequest(DocumentDiagnosticRequest.type, {
        textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
      }),
      3000,
    );
    if (report && report.kind === 'full') {
      return Math.max(shown, report.items.filter((d) => d.severity === 1 /* Error */).length);
    }
  } catch {
    // The server failed or is gone: the document is unchecked.
  }
  return undefined;
}

function withTimeout<T>(promise: Thenable<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
