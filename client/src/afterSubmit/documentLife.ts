import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { HttpTransport } from '../api/transport';
import type { KeyStore } from '../apiKey/keyStore';
import { readSubmissionSettings } from '../settings/submissionSettings';
import { documentsConnection, type ConnectionResult } from '../api/connection';
import { duplicateElsewhereQuestion, type DuplicateSearchSetting } from './duplicateElsewhere';
import { formatTime } from '../editor/formatTime';
import type { SubmissionRecord, SubmissionRecords } from '../record/submissionRecords';
import { userLevelValue } from '../settings/settingsPolicy';
import type { ConfirmationPatient } from '../submit/messages';
import type { BeforeSend } from '../submit/submitFlow';

export interface DocumentLifeServices {
  keys: KeyStore;
  /** The one record per submission (every window's). */
  records: SubmissionRecords;
  output: vscode.OutputChannel;
  userAgent: string;
  client(): BaseLanguageClient | undefined;
  /** How requests reach ClinikAPI in this extension host (node:http(s) or fetch). */
  transport: HttpTransport;
  /** Who a patient id is, for the question before sending (ids/referenceService.ts). */
  patient?: (patientId: string) => Promise<ConfirmationPatient | undefined>;
}

/**
 * What the commands after Submit share: the content-free records (globalState), the texts sent
 * whose outcome is unknown (in memory only, until it is known), the connection to ClinikAPI under
 * the same settings as Submit, and which files have a request of ours in flight.
 */
export class DocumentLife implements vscode.Disposable {
  readonly records: SubmissionRecords;
  /** Record key → the exact text sent, for "Check whether it was created" (memory only). */
  private readonly sentTexts = new Map<string, string>();
  private readonly busy = new Set<string>();

  constructor(readonly services: DocumentLifeServices) {
    this.records = services.records;
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

  /** Whether a request of ours for this file is in flight. */
  isBusy(file: string): boolean {
    return this.busy.has(file);
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

  /** Keeps the text sent in memory while its outcome is unknown (Submit calls it after every send). */
  afterSend(sent: { record: SubmissionRecord; text: string }): void {
    if (sent.record.state === 'unknown') this.sentTexts.set(sent.record.key, sent.text);
  }

  /** The text a check compares with: the one sent (in memory), else the file's if it is still the same content. */
  async sentText(entry: SubmissionRecord): Promise<{ text: string; exact: boolean } | undefined> {
    const kept = this.sentTexts.get(entry.key);
    if (kept !== undefined) return { text: kept, exact: true };
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(entry.file));
      const text = document.getText();
      const same = entry.fingerprint !== undefined && (await this.records.fingerprint(entry.origin, entry.keyKind, text)) === entry.fingerprint;
      return { text, exact: same };
    } catch {
      return undefined;
    }
  }

  forgetSentText(entry: SubmissionRecord): void {
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
  entry?: SubmissionRecord;
}

export function resolveTarget(life: DocumentLife, arg: unknown): LifeTarget {
  if (arg && typeof arg === 'object' && 'entryKey' in arg && typeof (arg as { entryKey: unknown }).entryKey === 'string') {
    const entry = life.records.get((arg as { entryKey: string }).entryKey);
    return { entry, file: entry ? vscode.Uri.parse(entry.file) : undefined };
  }
  if (arg && typeof arg === 'object' && 'fileUri' in arg && typeof (arg as { fileUri: unknown }).fileUri === 'string') {
    const file = (arg as { fileUri: string }).fileUri;
    return { file: vscode.Uri.parse(file), entry: life.records.linkedDocument(file) };
  }
  const file = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  return { file, entry: file ? life.records.linkedDocument(file.toString()) : undefined };
}
