import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { activate as activateWith, deactivate } from '../extension';
import type { ClientRuntime } from '../runtime';
import { fetchTransport } from '../api/fetchTransport';

type WorkerLike = ConstructorParameters<typeof BrowserMessageReader>[0];

/** The web worker's `Worker` (lib.dom is not in this project's types: only what is used here). */
declare const Worker: new (url: string, options?: { name?: string }) => WorkerLike;

/** VS Code for the Web (the web worker extension host): the server runs in its own web worker, HTTP is `fetch`. */
const browserRuntime: ClientRuntime = {
  createLanguageClient(context, id, name, options) {
    const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist/browser/server.js');
    // The worker is started from the script's bytes (a blob: URL), read through VS Code's file
    // system: an extension installed on a server (code-server, Codespaces) has a vscode-remote:
    // URI, from which VS Code cannot start a worker; on vscode.dev it is https: and this works the same.
    // The transports are made here: VS Code's own `Worker` in that host is not the class the
    // language client would test the worker against (`instanceof Worker`).
    const start = async (): Promise<MessageTransports> => {
      const script = await vscode.workspace.fs.readFile(serverMain);
      const url = URL.createObjectURL(new Blob([script as Uint8Array<ArrayBuffer>], { type: 'application/javascript' }));
      const worker = new Worker(url, { name: 'ClinikDoc Language Server' });
      return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
    };
    return new LanguageClient(id, name, start, options);
  },
  transport: fetchTransport,
};

export function activate(context: vscode.ExtensionContext): Promise<void> {
  return activateWith(context, browserRuntime);
}

export { deactivate };
