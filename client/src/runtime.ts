import type * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import type { HttpTransport } from './api/transport';

/**
 * What differs between the extension hosts ClinikDoc runs in: desktop VS Code's Node host
 * (client/src/node/main.ts) and VS Code for the Web's web worker host (client/src/browser/main.ts).
 * Everything else is shared and may use neither Node built-ins nor browser-only APIs.
 */
export interface ClientRuntime {
  /** A language client for the bundled server, not started: a child process in Node, a web worker in the browser. */
  createLanguageClient(context: vscode.ExtensionContext, id: string, name: string, options: LanguageClientOptions): BaseLanguageClient;
  /** Sends requests to ClinikAPI: node:http(s) in Node, `fetch` in the browser, with the same rules. */
  transport: HttpTransport;
}
