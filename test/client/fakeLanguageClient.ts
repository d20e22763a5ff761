// Stands in for `vscode-languageclient/node` in the plain-node test of the client: the language
// server itself is tested through the protocol (test/lsp) and in a real VS Code (test/e2e). Its
// one request, `clinikdoc/submissionCheck`, is answered by the server's own code in this process
// for the stand-in workspace's documents.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../../server/src/languageService';
import { SubmissionCheckRequest, type SubmissionCheckParams } from '../../shared/protocol';
import { workspace } from './fakeVscode';

export const TransportKind = { stdio: 0, ipc: 1, pipe: 2, socket: 3 } as const;


export class LanguageClient {
  static started: LanguageClient[] = [];
  running = false;
  constructor(
    readonly id: string,
    readonly name: string,
    readonly serverOptions: unknown,
    readonly clientOptions: { documentSelector?: unknown[] },
  ) {}
  async start(): Promise<void> {
    this.running = true;
    LanguageClient.started.push(this);
  }
  async stop(): Promise<void> {
    this.running = false;
  }
  isRunning(): boolean {
    return this.running;
  }
  readonly code2ProtocolConverter = { asUri: (uri: { toString(): string }) => uri.toString() };
  readonly requests: string[] = [];
  async sendRequest(type: { method: string }, params: unknown): Promise<unknown> {
    this.requests.push(type.method);
    if (type.method === SubmissionCheckRequest.method) {
      const { textDocument, version } = params as SubmissionCheckParams;
      const open = workspace.textDocuments.find((d) => d.uri.toString() === textDocument.uri);
      if (!open) return { checked: false, reason: 'notOpen' };
      if (open.version !== version) return { checked: false, reason: 'versionMismatch' };
      return new LanguageService().submissionCheck(TextDocument.create(textDocument.uri, 'clinikdoc', version, open.getText()));
    }
    throw new Error(`the stand-in language client does not answer ${type.method}`);
  }
}
