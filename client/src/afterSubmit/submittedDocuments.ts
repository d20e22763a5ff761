import * as vscode from 'vscode';

export const SUBMITTED_SCHEME = 'clinikapi-submitted';

/**
 * Read-only documents served from memory: the server's copy of a document, and the two sides of a
 * comparison. What ClinikAPI returned is PHI: it lives here only while its tab is open, is never
 * written to disk, and is gone after a reload.
 */
export class SubmittedDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private counter = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(SUBMITTED_SCHEME, this),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === SUBMITTED_SCHEME) this.contents.delete(d.uri.toString());
      }),
    ];
  }

  /** A new read-only document named `name` (its extension picks the language). */
  put(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SUBMITTED_SCHEME, path: `/${name}`, query: String(++this.counter) });
    this.contents.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? 'This copy of ClinikAPI’s document is no longer in memory. Open it again with ClinikAPI: Open Submitted Document.\n';
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.contents.clear();
  }
}
