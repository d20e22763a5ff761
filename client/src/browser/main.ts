import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activate as activateWith, deactivate } from '../extension';
import type { ClientRuntime } from '../runtime';
import { fetchTransport } from '../submission/fetchTransport';

/** The web worker's `Worker` (lib.dom is not in this project's types: only what is used here). */
declare const Worker: new (url: string, options?: { name?: string }) => ConstructorParameters<typeof LanguageClient>[2] & object;

/** VS Code for the Web (the web worker extension host): the server runs in its own web worker, HTTP is `fetch`. */
const browserRuntime: ClientRuntime = {
  createLanguageClient(context, id, name, options) {
    const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist/browser/server.js');
    const worker = new Worker(serverMain.toString(true), { name: 'ClinikDoc Language Server' });
    return new LanguageClient(id, name, worker, options);
  },
  transport: fetchTransport,
};

export function activate(context: vscode.ExtensionContext): Promise<void> {
  return activateWith(context, browserRuntime);
}

export { deactivate };
