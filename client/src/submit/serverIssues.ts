import * as vscode from 'vscode';
import { SERVER_DIAGNOSTIC_SOURCE } from '../../../shared/protocol';
import { placeIssues } from './issueRanges';
import type { ServerIssue } from '../api/outcome';

/**
 * The issues of ClinikAPI's last 422, shown as diagnostics (source `ClinikAPI`) on the field
 * paths they name, until the document is next edited or closed.
 */
export class ServerIssues implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('clinikapi');
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.collection.delete(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    ];
  }

  show(document: vscode.TextDocument, issues: readonly ServerIssue[]): void {
    const text = document.getText();
    const diagnostics = placeIssues(text, issues).map((p) => {
      const range = new vscode.Range(document.positionAt(p.offset), document.positionAt(p.offset + p.length));
      const severity = p.issue.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error;
      const d = new vscode.Diagnostic(range, p.issue.diagnostics, severity);
      d.source = SERVER_DIAGNOSTIC_SOURCE;
      d.code = p.issue.code;
      return d;
    });
    this.collection.set(document.uri, diagnostics);
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    this.collection.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
