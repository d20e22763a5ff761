import type * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { activate as activateWith, deactivate } from '../extension';
import type { ClientRuntime } from '../runtime';
import { sendRequest } from '../api/nodeTransport';

/** Desktop VS Code (the Node extension host): the server is a child process over IPC, HTTP is node:http(s). */
const nodeRuntime: ClientRuntime = {
  createLanguageClient(context, id, name, options) {
    const module = context.asAbsolutePath('dist/server.js');
    return new LanguageClient(
      id,
      name,
      {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
      },
      options,
    );
  },
  transport: sendRequest,
};

export function activate(context: vscode.ExtensionContext): Promise<void> {
  return activateWith(context, nodeRuntime);
}

export { deactivate };
