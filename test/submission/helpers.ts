// Shared by the submission tests: an emulator per test file, a recording UI, and a document
// whose content carries markers that must never appear in a log line or a message.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { trustedTestCertificate } from '../support/testTls';
import { SubmissionsInFlight } from '../../client/src/submit/inFlight';
import { postJson } from '../../client/src/api/nodeTransport';
import { MemoryStore } from '../../client/src/record/keyValueStore';
import { SubmissionRecords, type SubmissionRecord } from '../../client/src/record/submissionRecords';
import type { LiveFacts, SubmissionDocument, SubmitDeps, SubmitRequest, SubmitUi } from '../../client/src/submit/submitFlow';
import { LanguageService } from '../../server/src/languageService';
import { SubmissionCheckRequest, type SubmissionCheckResult } from '../../shared/protocol';
import type { LspTestClient } from '../support/lspClient';

export const TEST_KEY = 'clk_test_S3cretTestKey_9f8e7d';
export const LIVE_KEY = 'clk_live_S3cretLiveKey_1a2b3c';

/** Strings of the document below that are PHI-like: none may be logged or shown after sending. */
export const CONTENT_MARKERS = ['Zebulon Quixworth', 'pat_ZQ-4471', 'Acute appendicitis, laparoscopic'];

export function documentText(overrides: Record<string, unknown> = {}): string {
  const doc = {
    status: 'final',
    type: 'discharge-summary',
    patientId: 'pat_ZQ-4471',
    practitionerId: 'prac_77',
    title: 'Discharge summary for Zebulon Quixworth',
    date: '2025-01-15',
    sections: [{ title: 'Diagnosis', text: 'Acute appendicitis, laparoscopic appendectomy.' }],
    ...overrides,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/**
 * An emulator on a free port; with `https`, serving the test run's certificate, which this process
 * trusts (NODE_EXTRA_CA_CERTS) — needed for live keys, which are never sent over http.
 */
export async function withEmulator(options: { rateLimit?: number; https?: boolean; searchLagMs?: number } = {}): Promise<Emulator> {
  // A dynamic import: the emulator is an ES module run by plain node, these tests are CommonJS.
  const { startEmulator } = await import('../../emulator/server.mjs');
  // Search without lag unless a test is about it (those set it: ClinikAPI's own is ~10 s, the emulator's default).
  return startEmulator({ rateLimit: options.rateLimit ?? 1000, https: options.https ? trustedTestCertificate() : undefined, searchLagMs: options.searchLagMs ?? 0 });
}

/** A UI that answers as told and records every question and progress line. */
export class FakeUi implements SubmitUi {
  readonly questions: string[] = [];
  readonly progress: string[] = [];
  duplicateAnswer = true;
  liveAnswer = true;
  /** Aborts the progress signal after this many ms, to simulate Cancel. */
  cancelAfterMs: number | undefined;
  duplicateSeen: SubmissionRecord[] = [];
  liveSeen: LiveFacts[] = [];
  /** Runs while a question is open, before it is answered (the user typing meanwhile, say). */
  whileAsking: ((question: 'duplicate' | 'live') => Promise<void>) | undefined;

  async confirmDuplicate(record: SubmissionRecord): Promise<boolean> {
    this.duplicateSeen.push(record);
    const what = record.documentId ?? (record.state === 'sent' ? 'pending' : record.state === 'claimed' ? 'claimed' : 'uncertain');
    this.questions.push(`duplicate:${what}`);
    await this.whileAsking?.('duplicate');
    return this.duplicateAnswer;
  }
  async confirmLive(facts: LiveFacts): Promise<boolean> {
    this.liveSeen.push(facts);
    this.questions.push('live');
    await this.whileAsking?.('live');
    return this.liveAnswer;
  }
  async withProgress<T>(task: (p: { report(m: string): void }, s: AbortSignal) => Promise<T>): Promise<T> {
    const ac = new AbortController();
    const timer = this.cancelAfterMs !== undefined ? setTimeout(() => ac.abort(), this.cancelAfterMs) : undefined;
    try {
      return await task({ report: (m) => this.progress.push(m) }, ac.signal);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
}

let documents = 0;
const service = new LanguageService();

/**
 * A document in memory whose check is the language server's own code (`LanguageService`'s
 * `submissionCheck`, as the server answers `clinikdoc/submissionCheck`), run in this process.
 * `edit` changes it as typing would; `beforeCheckAnswer` runs between a check's question and answer.
 */
export class MemoryDocument implements SubmissionDocument {
  version = 1;
  readonly key: string;
  readonly checkedVersions: number[] = [];
  beforeCheckAnswer: (() => void) | undefined;
  constructor(
    public text: string,
    readonly label = `doc-${++documents}.clinikdoc.json`,
    private readonly answer?: (version: number) => Promise<SubmissionCheckResult | undefined>,
  ) {
    this.key = `file:///tmp/clinikdoc-submission/${label}`;
  }
  snapshot() {
    return { text: this.text, version: this.version };
  }
  edit(text: string): void {
    this.text = text;
    this.version += 1;
  }
  async check(version: number): Promise<SubmissionCheckResult | undefined> {
    this.checkedVersions.push(version);
    const doc = TextDocument.create(this.key, 'clinikdoc', this.version, this.text);
    this.beforeCheckAnswer?.();
    if (this.answer) return this.answer(version);
    if (version !== doc.version) return { checked: false, reason: 'versionMismatch' };
    return service.submissionCheck(doc);
  }
}

/**
 * A document open in the real language server (`dist/server.js` over stdio): `edit` sends the
 * change as the language client would, `check` is the `clinikdoc/submissionCheck` request.
 */
export class LspDocument implements SubmissionDocument {
  version = 1;
  readonly checkedVersions: number[] = [];
  /** Runs after the check was asked and before its answer is used (an edit "while checking"). */
  afterCheck: (() => Promise<void>) | undefined;
  private constructor(
    private readonly server: LspTestClient,
    readonly key: string,
    readonly label: string,
    public text: string,
  ) {}
  static async open(server: LspTestClient, text: string, label = `lsp-${++documents}.clinikdoc.json`): Promise<LspDocument> {
    const key = `file:///tmp/clinikdoc-submission/${label}`;
    await server.open(key, text);
    return new LspDocument(server, key, label, text);
  }
  snapshot() {
    return { text: this.text, version: this.version };
  }
  /** Changes the text here and (awaited) in the server. */
  async edit(text: string): Promise<void> {
    this.text = text;
    this.version = await this.server.replace(this.key, text);
  }
  async check(version: number): Promise<SubmissionCheckResult | undefined> {
    this.checkedVersions.push(version);
    const answer = await this.server.request<SubmissionCheckResult>(SubmissionCheckRequest.method, { textDocument: { uri: this.key }, version });
    await this.afterCheck?.();
    return answer;
  }
  close(): Promise<void> {
    return this.server.close(this.key);
  }
}

export interface Harness {
  ui: FakeUi;
  logs: string[];
  deps: SubmitDeps;
  /** A request for a fresh in-memory document with `text` (the sample document by default). */
  request(overrides?: Partial<SubmitRequest> & { text?: string }): SubmitRequest;
}

let windows = 0;

/** One window: its records (over `store`, which outlives the window and is every window's) and its submissions in flight. */
export function harness(emulator: Emulator, store = new MemoryStore()): Harness {
  const ui = new FakeUi();
  const logs: string[] = [];
  const deps: SubmitDeps = { records: new SubmissionRecords(store), window: `window-${++windows}`, inFlight: new SubmissionsInFlight(), ui, log: (l) => logs.push(l), post: postJson };
  return {
    ui,
    logs,
    deps,
    request: ({ text, ...overrides } = {}) => ({
      document: new MemoryDocument(text ?? documentText()),
      trusted: true,
      apiKey: TEST_KEY,
      baseUrl: emulator.url,
      timeoutSeconds: 5,
      confirmLive: true,
      userAgent: 'ClinikDoc/0.1.0',
      ...overrides,
    }),
  };
}

/** Resolves once `condition` holds (checked every 10 ms), or fails after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
