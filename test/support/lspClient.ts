import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  ClientCapabilities,
  Diagnostic,
  DocumentDiagnosticReport,
  InitializeResult,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';

export const SERVER_PATH = join(__dirname, '..', '..', 'dist', 'server.js');

/**
 * A real LSP client over stdio to `node dist/server.js --stdio`, as any editor would run it.
 * Build first (`npm run build`); `npm test` does.
 */
export class LspTestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly stderr: string[] = [];
  /** window/logMessage lines: the server logs a request that failed here. */
  readonly logs: string[] = [];
  private readonly versions = new Map<string, number>();
  private readonly pushed = new Map<string, PublishDiagnosticsParams>();
  private readonly pushWaiters: { uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  initializeResult?: InitializeResult;

  private constructor() {
    this.process = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.pushed.set(params.uri, params);
      for (const waiter of [...this.pushWaiters]) {
        if (waiter.uri === params.uri && (waiter.version === undefined || waiter.version === params.version)) {
          this.pushWaiters.splice(this.pushWaiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.listen();
  }

  /**
   * Starts the server and initializes it; `pull: false` plays a client without pull diagnostics;
   * `initializationOptions` as a client sends them (say `{ maxDiagnosticsPerDocument: null }`).
   */
  static async start(options: { pull?: boolean; capabilities?: ClientCapabilities; initializationOptions?: unknown } = {}): Promise<LspTestClient> {
    const client = new LspTestClient();
    const capabilities: ClientCapabilities = options.capabilities ?? {
      textDocument: {
        ...(options.pull === false ? {} : { diagnostic: { dynamicRegistration: false } }),
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    };
    const exited = new Promise<never>((_, reject) =>
      client.process.once('exit', (code) => reject(new Error(`server exited (${code}): ${client.stderr.join('')}`))),
    );
    client.initializeResult = await Promise.race([
      client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities, initializationOptions: options.initializationOptions }) as Promise<InitializeResult>,
      exited,
    ]);
    exited.catch(() => undefined);
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, text: string, languageId = 'clinikdoc'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (a full-document change event). */
  async replace(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report: DocumentDiagnosticReport = await this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    if (report.kind !== 'full') throw new Error(`expected a full report, got ${report.kind}`);
    return report.items;
  }

  /** The next publishDiagnostics for `uri` (at `version` if given). */
  waitForPush(uri: string, version?: number, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const seen = this.pushed.get(uri);
    if (seen && (version === undefined || seen.version === version)) {
      this.pushed.delete(uri);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics pushed for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.pushWaiters.push({ uri, version, resolve: (p) => { clearTimeout(timer); this.pushed.delete(uri); resolve(p); } });
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The process may already be gone.
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

/** Text with a `|` marking the cursor → the text without it and the cursor's offset. */
export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | cursor in text');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** Line/character of an offset in a text. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
