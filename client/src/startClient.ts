import * as vscode from 'vscode';
import { DOCUMENT_SELECTOR, LANGUAGE_ID } from '../../server/src/protocol';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Starts the bundled language server (dist/server.js) over IPC for clinikdoc documents. */
export async function startClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannelName: 'ClinikDoc Language Server',
  };
  const client = new LanguageClient(LANGUAGE_ID, 'ClinikDoc Language Server', serverOptions, clientOptions);
  await client.start();
  return client;
}
