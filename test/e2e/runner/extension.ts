// The companion test-runner extension, installed next to ClinikDoc by the code-server launcher.
// When the launcher's address is in its environment (CLINIKDOC_E2E_CONTROL), it asks the
// launcher which suite to run, runs it in this real extension host, and reports every result
// back over HTTP on 127.0.0.1 (serve.ts). Without that variable it does nothing. In the web
// worker host (the web pass) browser.ts is its entry instead.
import type * as vscode from 'vscode';
import { isControlUrl, serve } from './serve';

export function activate(_context: vscode.ExtensionContext): void {
  const base = process.env.CLINIKDOC_E2E_CONTROL;
  if (!isControlUrl(base)) return;
  void serve(base, { pid: process.pid, host: 'node' }).catch((e: unknown) => console.error('[clinikdoc-e2e-runner]', e));
}

export function deactivate(): void {}
