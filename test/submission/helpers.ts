// Shared by the submission tests: an emulator per test file, a recording UI, and a document
// whose content carries markers that must never appear in a log line or a message.
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { trustedTestCertificate } from '../support/testTls';
import { MemoryStore, ReceiptStore } from '../../client/src/submission/receipts';
import type { LiveFacts, SubmitDeps, SubmitRequest, SubmitUi } from '../../client/src/submission/submitFlow';
import type { Receipt } from '../../client/src/submission/receipts';
import { postJson } from '../../client/src/submission/httpClient';

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
export async function withEmulator(options: { rateLimit?: number; https?: boolean } = {}): Promise<Emulator> {
  // A dynamic import: the emulator is an ES module run by plain node, these tests are CommonJS.
  const { startEmulator } = await import('../../emulator/server.mjs');
  return startEmulator({ rateLimit: options.rateLimit ?? 1000, https: options.https ? trustedTestCertificate() : undefined });
}

/** A UI that answers as told and records every question and progress line. */
export class FakeUi implements SubmitUi {
  readonly questions: string[] = [];
  readonly progress: string[] = [];
  duplicateAnswer = true;
  liveAnswer = true;
  /** Aborts the progress signal after this many ms, to simulate Cancel. */
  cancelAfterMs: number | undefined;
  duplicateSeen: Receipt[] = [];
  liveSeen: LiveFacts[] = [];

  confirmDuplicate(receipt: Receipt): Promise<boolean> {
    this.duplicateSeen.push(receipt);
    this.questions.push(`duplicate:${receipt.id ?? 'uncertain'}`);
    return Promise.resolve(this.duplicateAnswer);
  }
  confirmLive(facts: LiveFacts): Promise<boolean> {
    this.liveSeen.push(facts);
    this.questions.push('live');
    return Promise.resolve(this.liveAnswer);
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

export interface Harness {
  ui: FakeUi;
  logs: string[];
  deps: SubmitDeps;
  request(overrides?: Partial<SubmitRequest>): SubmitRequest;
}

export function harness(emulator: Emulator, store = new MemoryStore()): Harness {
  const ui = new FakeUi();
  const logs: string[] = [];
  const deps: SubmitDeps = { receipts: new ReceiptStore(store), ui, log: (l) => logs.push(l), post: postJson };
  return {
    ui,
    logs,
    deps,
    request: (overrides = {}) => ({
      text: documentText(),
      errorCount: 0,
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
