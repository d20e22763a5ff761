import type * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { DOCUMENT_SELECTOR, LANGUAGE_ID } from '../../../shared/protocol';
import type { ClientRuntime } from '../runtime';

/** Starts the bundled language server, the runtime's way (a Node process or a web worker), for clinikdoc documents. */
export async function startClient(context: vscode.ExtensionContext, runtime: ClientRuntime): Promise<BaseLanguageClient> {
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannelName: 'ClinikDoc Language Server',
  };
  const client = runtime.createLanguageClient(context, LANGUAGE_ID, 'ClinikDoc Language Server', clientOptions);
  await client.start();
  return client;
}
