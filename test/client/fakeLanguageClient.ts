// Stands in for `vscode-languageclient/node` in the plain-node test of the client: the language
// server itself is tested through the protocol (test/lsp) and in a real VS Code (test/e2e).
export const TransportKind = { stdio: 0, ipc: 1, pipe: 2, socket: 3 } as const;

export const DocumentDiagnosticRequest = { type: { method: 'textDocument/diagnostic' } };

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
  /** Requests answered by the stand-in server: a pull of diagnostics finds no errors of its own. */
  readonly requests: string[] = [];
  async sendRequest(type: { method: string }, _params: unknown): Promise<unknown> {
    this.requests.push(type.method);
    if (type.method === 'textDocument/diagnostic') return { kind: 'full', items: [] };
    throw new Error(`the stand-in language client does not answer ${type.method}`);
  }
}
