import * as vscode from 'vscode';
import { withCancellableProgress } from '../editor/cancellableProgress';
import { isClinikDoc } from '../editor/clinikDocDocument';
import { basename } from '../editor/uriBasename';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { DiagnosticCode } from '../../../shared/diagnosticCodes';
import { DIAGNOSTIC_SOURCE } from '../../../shared/protocol';
import type { KeyStore } from '../apiKey/keyStore';
import { ServerIssues } from './serverIssues';
import type { HttpTransport } from '../api/transport';
import { apiKeyKind } from '../api/apiKey';
import type { QuotaSnapshot } from '../api/quota';
import { readSubmissionSettings } from '../settings/submissionSettings';
import { checkForSubmission } from '../languageServer/submissionCheck';
import { SubmissionsInFlight } from './inFlight';
import { duplicateQuestion, liveQuestion, type ConfirmationPatient, type MessageAction, type UserMessage } from './messages';
import { formatTime } from '../editor/formatTime';
import type { SubmissionRecord, SubmissionRecords } from '../record/submissionRecords';
import { submitDocument, type BeforeSend, type SubmissionDocument, type SubmitUi } from './submitFlow';

export interface SubmitServices {
  keys: KeyStore;
  /** The one record per submission, shared by every window. */
  records: SubmissionRecords;
  /** This window, as its claims name it. */
  window: string;
  output: vscode.OutputChannel;
  userAgent: string;
  /** The running language client, if it started. */
  client(): BaseLanguageClient | undefined;
  /** How requests reach ClinikAPI in this extension host (node:http(s) or fetch). */
  transport: HttpTransport;
  /** Who a patient id is, and what in the text sent disagrees with them, for the live confirmation (ids/referenceService.ts). */
  references?: { confirmationPatient(patientId: string | undefined, text?: string): Promise<ConfirmationPatient | undefined> };
  /** The history and the search before sending, kept by the document's life after Submit (afterSubmit/). */
  life?: SubmissionLife;
  /** The limits the latest answer stated, for the words of a 429. */
  quota?: () => QuotaSnapshot | undefined;
}

/**
 * What Submit asks of the document's life after it: the search before a live send, and to keep the
 * text sent (in memory) while its outcome is unknown, for Check Whether It Was Created.
 */
export interface SubmissionLife {
  beforeSend(): BeforeSend;
  afterSend(sent: { record: SubmissionRecord; text: string }): void;
}

/**
 * `ClinikAPI: Submit Document`: gathers what the flow needs from the editor, runs it, and turns
 * its result into a notification, diagnostics for a 422, and buttons. The rules live in
 * submit/submitFlow.ts.
 */
export function registerSubmit(services: SubmitServices): vscode.Disposable {
  /** ClinikAPI's own word on a document it refused (a 422's issues), shown as diagnostics. */
  const serverIssues = new ServerIssues();
  /** The submissions in flight in this window. */
  const inFlight = new SubmissionsInFlight();
  const command = vscode.commands.registerCommand('clinikapi.submitDocument', async (arg?: unknown) => {
    const document = await targetDocument(arg);
    if (!document) {
      void vscode.window.showErrorMessage('Open a ClinikDoc document (*.clinikdoc.json) to submit it.');
      return;
    }
    const settings = readSubmissionSettings();
    if (settings.ignoredWorkspaceBaseUrl) {
      services.output.appendLine(
        `${new Date().toISOString()} a workspace setting for clinikapi.baseUrl was ignored: only your user settings choose where your key is sent`,
      );
    }
    const apiKey = await services.keys.get();
    // Read (text and version together) and checked inside the flow, right before it is sent.
    const source: SubmissionDocument = {
      key: document.uri.toString(),
      label: basename(document.uri) || document.uri.toString(),
      snapshot: () => ({ text: document.getText(), version: document.version }),
      check: (version) => checkForSubmission(services.client(), document, version),
    };
    const ui: SubmitUi = {
      confirmDuplicate: async (record) =>
        (await vscode.window.showWarningMessage(duplicateQuestion(record, (iso) => formatTime(iso, new Date(), { seconds: true })), { modal: true }, 'Submit Again')) === 'Submit Again',
      confirmLive: async (facts) => {
        const patient = await services.references?.confirmationPatient(facts.patientId, facts.text);
        return (await vscode.window.showWarningMessage(liveQuestion(facts, patient), { modal: true }, 'Submit to Production')) === 'Submit to Production';
      },
      withProgress: (task) => withCancellableProgress('ClinikAPI', (signal, report) => task({ report }, signal)),
    };
    const result = await submitDocument(
      {
        document: source,
        trusted: vscode.workspace.isTrusted,
        apiKey,
        baseUrl: settings.baseUrl,
        timeoutSeconds: settings.timeoutSeconds,
        settle: settings.settle,
        confirmLive: settings.confirmLiveSubmissions,
        userAgent: services.userAgent,
      },
      {
        records: services.records,
        window: services.window,
        inFlight,
        ui,
        log: (line) => services.output.appendLine(line),
        post: services.transport,
        beforeSend: services.life?.beforeSend(),
        quota: services.quota,
      },
    );
    if (result.kind === 'sent') services.life?.afterSend({ record: result.record, text: result.sent.text });
    if (result.kind === 'declined') return;
    if (result.kind === 'sent' && result.outcome.kind === 'created' && apiKeyKind(apiKey) === 'test') {
      // The walkthrough's "submit it to the sandbox" step waits for this.
      void vscode.commands.executeCommand('setContext', 'clinikapi.submittedToSandbox', true);
    }
    if (result.kind === 'sent') {
      if (result.outcome.kind === 'validationFailed') serverIssues.show(document, result.outcome.issues);
      else serverIssues.clear(document.uri);
    }
    const id = result.kind === 'sent' && result.outcome.kind === 'created' ? result.outcome.id : undefined;
    const inProgress = result.kind === 'refused' ? result.inProgress?.documentKey : undefined;
    await showMessage(result.message, { id, output: services.output, document, inProgress, checkEntry: result.kind === 'sent' && result.record.state === 'unknown' ? result.record.key : undefined });
  });
  return vscode.Disposable.from(command, serverIssues);
}

async function targetDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
  const document =
    arg instanceof vscode.Uri
      ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.toString()) ?? (await vscode.workspace.openTextDocument(arg))
      : vscode.window.activeTextEditor?.document;
  if (!document) return undefined;
  return isClinikDoc(document) ? document : undefined;
}

const LABELS: Record<MessageAction, string> = {
  copyId: 'Copy ID',
  setApiKey: 'Set API Key',
  openProblems: 'Open Problems',
  showLog: 'Show Log',
  openSettings: 'Open Settings',
  showSubmission: 'Show Submission',
  fixDuplicateKey: 'Fix Duplicate Key',
};

interface MessageContext {
  id?: string;
  output: vscode.OutputChannel;
  /** The document this Submit was about. */
  document: vscode.TextDocument;
  /** The URI of the document whose submission is in flight. */
  inProgress?: string;
  /** The history entry of a submission that may have created the document: offers the check. */
  checkEntry?: string;
}

const CHECK = 'Check Whether It Was Created';

async function showMessage(message: UserMessage, context: MessageContext): Promise<void> {
  const labels = [...(context.checkEntry ? [CHECK] : []), ...message.actions.map((a) => LABELS[a])];
  const show =
    message.severity === 'info'
      ? vscode.window.showInformationMessage
      : message.severity === 'warning'
        ? vscode.window.showWarningMessage
        : vscode.window.showErrorMessage;
  const picked = await show(message.text, ...labels);
  if (picked === CHECK && context.checkEntry) {
    await vscode.commands.executeCommand('clinikapi.checkWhetherCreated', { entryKey: context.checkEntry });
    return;
  }
  const action = message.actions.find((a) => LABELS[a] === picked);
  switch (action) {
    case 'copyId':
      if (context.id) await vscode.env.clipboard.writeText(context.id);
      break;
    case 'setApiKey':
      await vscode.commands.executeCommand('clinikapi.setApiKey');
      break;
    case 'openProblems':
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      break;
    case 'showLog':
      context.output.show(true);
      break;
    case 'openSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'clinikapi.baseUrl');
      break;
    case 'showSubmission':
      if (context.inProgress) await vscode.window.showTextDocument(vscode.Uri.parse(context.inProgress), { preview: false });
      context.output.show(true);
      break;
    case 'fixDuplicateKey':
      await showFirstDuplicateKeyFix(context.document);
      break;
    case undefined:
      break;
  }
}

/**
 * Selects the first duplicate key (the occurrence the editor shows and ClinikAPI would drop) and
 * opens its quick fixes (*Remove this duplicate …*); the Problems view when none is listed yet.
 */
async function showFirstDuplicateKeyFix(document: vscode.TextDocument): Promise<void> {
  const first = vscode.languages
    .getDiagnostics(document.uri)
    .filter((d) => d.code === DiagnosticCode.DuplicateKey && d.source === DIAGNOSTIC_SOURCE)
    .sort((a, b) => a.range.start.compareTo(b.range.start))[0];
  if (!first) {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    return;
  }
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  editor.selection = new vscode.Selection(first.range.start, first.range.end);
  editor.revealRange(first.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await vscode.commands.executeCommand('editor.action.quickFix');
}
