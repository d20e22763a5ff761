import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { ClientCapabilities, CompletionItem, CompletionList, Diagnostic, DocumentDiagnosticReport, InitializeResult } from 'vscode-languageserver-protocol';
import { positionAt } from './documents';

/** How to start one language server over stdio and which language id its documents get. */
export interface ServerSpec {
  name: string;
  /** Arguments to `node` (the script and `--stdio`). */
  args: string[];
  languageId: string;
  /** Settings sent with workspace/didChangeConfiguration after `initialized`, if any. */
  settings?: unknown;
  /** Environment variables set for the process, beside this process's own. */
  env?: Record<string, string>;
}

/** What an editor with pull diagnostics and snippet completion advertises. */
const CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  workspace: { configuration: false, didChangeConfiguration: { dynamicRegistration: false } },
};

/** A lean LSP client over stdio: one server process, its documents, timings in milliseconds. */
export class LspSession {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  initializeResult?: InitializeResult;
  /** Milliseconds from spawn to the initialize result. */
  startupMs = 0;
  /**
   * CPU milliseconds the server's threads used up to the initialize result (Linux: read from
   * /proc right after it; undefined elsewhere). Less disturbed by other processes than the wall time.
   */
  startupCpuMs: number | undefined;
  private readonly texts = new Map<string, { text: string; version: number }>();
  private readonly stderr: string[] = [];

  private constructor(readonly spec: ServerSpec, private readonly spawnedAt: number) {
    this.process = spawn(process.execPath, spec.args, { stdio: ['pipe', 'pipe', 'pipe'], env: spec.env ? { ...process.env, ...spec.env } : process.env });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    // Server → client requests (diagnostic refresh, registrations, configuration): answer and move on.
    for (const method of ['workspace/diagnostic/refresh', 'client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create']) {
      this.connection.onRequest(method, () => null);
    }
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    for (const method of ['window/logMessage', 'window/showMessage', 'textDocument/publishDiagnostics', 'telemetry/event']) {
      this.connection.onNotification(method, () => undefined);
    }
    this.connection.listen();
  }

  static async start(spec: ServerSpec): Promise<LspSession> {
    const session = new LspSession(spec, performance.now());
    const exited = new Promise<never>((_, reject) =>
      session.process.once('exit', (code) => reject(new Error(`${spec.name} exited (${code}): ${session.stderr.join('')}`))),
    );
    exited.catch(() => undefined);
    session.initializeResult = await Promise.race([
      session.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: CAPABILITIES, initializationOptions: {} }) as Promise<InitializeResult>,
      exited,
    ]);
    session.startupMs = performance.now() - session.spawnedAt;
    session.startupCpuMs = cpuMs(session.process.pid!);
    await session.connection.sendNotification('initialized', {});
    if (spec.settings !== undefined) {
      await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: spec.settings });
    }
    return session;
  }

  get supportsCompletion(): boolean {
    return this.initializeResult?.capabilities.completionProvider !== undefined;
  }

  async open(uri: string, text: string): Promise<void> {
    this.texts.set(uri, { text, version: 1 });
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: this.spec.languageId, version: 1, text } });
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report = (await this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
    if (report.kind !== 'full') throw new Error(`${this.spec.name}: expected a full diagnostic report, got ${report.kind}`);
    return report.items;
  }

  /** Replaces one character (an incremental change) and pulls diagnostics; returns the round trip. */
  async editThenDiagnostics(uri: string, offset: number, character: string): Promise<{ ms: number; diagnostics: Diagnostic[] }> {
    const doc = this.texts.get(uri)!;
    const start = positionAt(doc.text, offset);
    doc.text = doc.text.slice(0, offset) + character + doc.text.slice(offset + 1);
    doc.version++;
    const t0 = performance.now();
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: doc.version },
      contentChanges: [{ range: { start, end: { line: start.line, character: start.character + 1 } }, text: character }],
    });
    const diagnostics = await this.diagnostics(uri);
    return { ms: performance.now() - t0, diagnostics };
  }

  /** Replaces [start, end) of the text with `text` (one incremental change), without waiting for anything. */
  async change(uri: string, start: number, end: number, text: string): Promise<void> {
    const doc = this.texts.get(uri)!;
    const range = { start: positionAt(doc.text, start), end: positionAt(doc.text, end) };
    doc.text = doc.text.slice(0, start) + text + doc.text.slice(end);
    doc.version++;
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [{ range, text }] });
  }

  async completion(uri: string, offset: number): Promise<{ ms: number; items: number }> {
    const doc = this.texts.get(uri)!;
    const position = positionAt(doc.text, offset);
    const t0 = performance.now();
    const result = (await this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as
      | CompletionList
      | CompletionItem[]
      | null;
    const ms = performance.now() - t0;
    return { ms, items: Array.isArray(result) ? result.length : (result?.items.length ?? 0) };
  }

  /** Resident set size of the server process, in bytes (Linux /proc). */
  rss(): number {
    const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (!match) throw new Error('VmRSS not found');
    return Number(match[1]) * 1024;
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.process.exitCode !== null ? resolve() : this.process.once('exit', () => resolve())));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    const timer = setTimeout(() => this.process.kill(), 2000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

/** CPU time so far of all the threads of process `pid`, in ms (/proc/<pid>/task/<tid>/schedstat, Linux). */
function cpuMs(pid: number): number | undefined {
  if (!existsSync(`/proc/${pid}/task`)) return undefined;
  let ns = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return undefined; // a thread ended meanwhile
  }
  return ns / 1e6;
}
