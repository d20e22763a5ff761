import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { HttpTransport } from '../api/transport';
import type { KeyStore } from '../apiKey/keyStore';
import { readSubmissionSettings } from '../settings/submissionSettings';
import { documentsConnection, type ConnectionResult } from '../api/connection';
import { duplicateElsewhereQuestion, type DuplicateSearchSetting } from './duplicateElsewhere';
import { submissionEntry } from './recordSubmission';
import { formatTime } from './resolveOutcome';
import { SubmissionHistory, type HistoryEntry } from '../record/submissionHistory';
import { userLevelValue } from '../settings/settingsPolicy';
import type { ConfirmationPatient } from '../submit/messages';
import type { ReceiptStore } from '../record/receipts';
import type { BeforeSend, SubmitResult } from '../submit/submitFlow';
import { documentsEndpoint } from '../api/endpoint';

export interface DocumentLifeServices {
  keys: KeyStore;
  receipts: ReceiptStore;
  output: vscode.OutputChannel;
  userAgent: string;
  client(): BaseLanguageClient | undefined;
  globalState: vscode.Memento;
  /** How requests reach ClinikAPI in this extension host (node:http(s) or fetch). */
  transport: HttpTransport;
  /** Who a patient id is, for the question before sending (ids/referenceService.ts). */
  patient?: (patientId: string) => Promise<ConfirmationPatient | undefined>;
}

/**
 * What the commands after Submit share: the content-free history (globalState), the texts sent
 * whose outcome is unknown (in memory only, until it is known), the connection to ClinikAPI under
 * the same settings as Submit, and which files have a request of ours in flight.
 */
export class DocumentLife implements vscode.Disposable {
  readonly history: SubmissionHistory;
  /** Entry key → the exact text sent, for "Check whether it was created" (memory only). */
  private readonly sentTexts = new Map<string, string>();
  private readonly busy = new Set<string>();

  constructor(readonly services: DocumentLifeServices) {
    this.history = new SubmissionHistory(services.globalState);
  }

  dispose(): void {
    this.sentTexts.clear();
  }

  log(line: string): void {
    this.services.output.appendLine(line);
  }

  /** A connection with the stored key and the user's clinikapi.baseUrl, or why there is none. */
  async connect(signal?: AbortSignal): Promise<ConnectionResult> {
    const settings = readSubmissionSettings();
    const apiKey = await this.services.keys.get();
    return documentsConnection({
      apiKey,
      baseUrl: settings.baseUrl,
      timeoutSeconds: settings.timeoutSeconds,
      userAgent: this.services.userAgent,
      transport: this.services.transport,
      log: (line) => this.log(line),
      signal,
    });
  }

  /** Runs `task` unless a request of ours for this file is in flight (one at a time). */
  async exclusive<T>(file: string, task: () => Promise<T>): Promise<T | undefined> {
    if (this.busy.has(file)) {
      void vscode.window.showInformationMessage('ClinikDoc is already talking to ClinikAPI about this file; wait for it to finish.');
      return undefined;
    }
    this.busy.add(file);
    try {
      return await task();
    } finally {
      this.busy.delete(file);
    }
  }

  /** Records a Submit's result in the history; keeps the text sent in memory while its outcome is unknown. */
  async recordSubmission(input: { file: vscode.Uri; keyKind: 'test' | 'live' | undefined; baseUrl: string; result: SubmitResult }): Promise<HistoryEntry | undefined> {
    if (!input.keyKind || input.result.kind !== 'sent') return undefined;
    const { text, at: sentAt } = input.result.sent;
    const endpoint = documentsEndpoint(input.baseUrl, input.keyKind);
    if (!endpoint.ok) return undefined;
    const origin = endpoint.url.origin;
    const data = submissionEntry(input.result, {
      file: input.file.toString(),
      sentAt,
      now: new Date(),
      origin,
      keyKind: input.keyKind,
      fingerprint: await this.services.receipts.fingerprint(origin, input.keyKind, text),
    });
    if (!data) return undefined;
    const entry = await this.history.add(data);
    if (entry.outcome === 'mayExist') this.sentTexts.set(entry.key, text);
    return entry;
  }

  /** The text a check compares with: the one sent (in memory), else the file's if it is still the same content. */
  async sentText(entry: HistoryEntry): Promise<{ text: string; exact: boolean } | undefined> {
    const kept = this.sentTexts.get(entry.key);
    if (kept !== undefined) return { text: kept, exact: true };
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(entry.file));
      const text = document.getText();
      const same = entry.fingerprint !== undefined && (await this.services.receipts.fingerprint(entry.origin, entry.keyKind, text)) === entry.fingerprint;
      return { text, exact: same };
    } catch {
      return undefined;
    }
  }

  forgetSentText(entry: HistoryEntry): void {
    this.sentTexts.delete(entry.key);
  }

  /**
   * The hook Submit calls before its live confirmation: one search for the same document filed
   * today (clinikapi.duplicateSearch), and a question if one is found or the search failed.
   */
  beforeSend(): BeforeSend {
    return async ({ text, keyKind }) => {
      const config = vscode.workspace.getConfiguration('clinikapi');
      const setting = userLevelValue(config.inspect<DuplicateSearchSetting>('duplicateSearch'), 'liveKeys').value;
      if (setting === 'off' || (setting === 'liveKeys' && keyKind !== 'live')) return true;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return true; // The flow refuses a body that is not JSON itself.
      }
      if (body === null || typeof body !== 'object') return true;
      const question = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'ClinikAPI: looking for the same document filed today…' },
        async () => {
          const conn = await this.connect();
          if (!conn.ok) return undefined;
          return duplicateElsewhereQuestion(conn.connection, { body: body as Record<string, unknown>, keyKind, setting, formatTime: (iso) => formatTime(iso), patient: this.services.patient });
        },
      );
      if (!question) return true;
      const go = question.kind === 'found' ? 'Submit Another' : 'Submit Anyway';
      return (await vscode.window.showWarningMessage(question.text, { modal: true }, go)) === go;
    };
  }
}

/** What a command was invoked on: a view item, a file, or the active editor. */
export interface LifeTarget {
  file?: vscode.Uri;
  entry?: HistoryEntry;
}

export function resolveTarget(life: DocumentLife, arg: unknown): LifeTarget {
  if (arg && typeof arg === 'object' && 'entryKey' in arg && typeof (arg as { entryKey: unknown }).entryKey === 'string') {
    const entry = life.history.get((arg as { entryKey: string }).entryKey);
    return { entry, file: entry ? vscode.Uri.parse(entry.file) : undefined };
  }
  if (arg && typeof arg === 'object' && 'fileUri' in arg && typeof (arg as { fileUri: unknown }).fileUri === 'string') {
    const file = (arg as { fileUri: string }).fileUri;
    return { file: vscode.Uri.parse(file), entry: life.history.linkedDocument(file) };
  }
  const file = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  return { file, entry: file ? life.history.linkedDocument(file.toString()) : undefined };
}
