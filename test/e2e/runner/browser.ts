// The runner's entry in the web worker extension host (the e2e web pass): there is no process
// environment there, so the launcher's address comes from the user setting it wrote for that
// window (`clinikdocE2e.control`). Without it the runner does nothing.
import * as vscode from 'vscode';
import { isControlUrl, serve } from './serve';

export function activate(_context: vscode.ExtensionContext): void {
  const base = vscode.workspace.getConfiguration('clinikdocE2e').get<string>('control');
  if (!isControlUrl(base)) return;
  void serve(base, { host: 'webworker' }).catch((e: unknown) => console.error('[clinikdoc-e2e-runner]', e));
}

export function deactivate(): void {}
