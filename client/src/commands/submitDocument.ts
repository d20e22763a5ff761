import * as vscode from 'vscode';
import { isClinikDoc } from '../clinikDocDocument';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { countDocumentErrors } from '../documentErrors';
import type { KeyStore } from '../keyStore';
import type { ServerIssues } from '../serverIssues';
import type { HttpTransport } from '../submission/httpClient';
import { readSubmissionSettings } from '../settings';
import { duplicateQuestion, liveQuestion, type MessageAction, type UserMessage } from '../submission/messages';
import type { ReceiptStore } from '../submission/receipts';
import { submitDocument, type SubmitUi } from '../submission/submitFlow';

export interface SubmitServices {
  keys: KeyStore;
  receipts: ReceiptStore;
  serverIssues: ServerIssues;
  output: vscode.OutputChannel;
  userAgent: string;
  /** The running language client, if it started. */
  client(): BaseLanguageClient | undefined;
  /** How requests reach ClinikAPI in this extension host (node:http(s) or fetch). */
  transport: HttpTransport;
}

/**
 * `ClinikAPI: Submit Document`: gathers what the flow needs from the editor, runs it, and turns
 * its result into a notification, diagnostics for a 422, and buttons. The rules live in
 * submission/submitFlow.ts.
 */
export function registerSubmitDocument(services: SubmitServices): vscode.Disposable {
  return vscode.commands.registerCommand('clinikapi.submitDocument', async (arg?: unknown) => {
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
    const errorCount = await countDocumentErrors(services.client(), document);
    const apiKey = await services.keys.get();
    const ui: SubmitUi = {
      confirmDuplicate: async (receipt) => (await vscode.window.showWarningMessage(duplicateQuestion(receipt), { modal: true }, 'Submit Again')) === 'Submit Again',
      confirmLive: async (facts) => (await vscode.window.showWarningMessage(liveQuestion(facts), { modal: true }, 'Submit to Production')) === 'Submit to Production',
      withProgress: (task) =>
        Promise.resolve(
          vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: 'ClinikAPI', cancellable: true },
            (progress, token) => {
              const controller = new AbortController();
              const sub = token.onCancellationRequested(() => controller.abort());
              return task({ report: (message) => progress.report({ message }) }, controller.signal).finally(() => sub.dispose());
            },
          ),
        ),
    };
    const result = await submitDocument(
      {
        text: document.getText(),
        errorCount,
        trusted: vscode.workspace.isTrusted,
        apiKey,
        baseUrl: settings.baseUrl,
        timeoutSeconds: settings.timeoutSeconds,
        confirmLive: settings.confirmLiveSubmissions,
        userAgent: services.userAgent,
      },
      { receipts: services.receipts, ui, log: (line) => services.output.appendLine(line), post: services.transport },
    );
    if (result.kind === 'declined') return;
    if (result.kind === 'sent') {
      if (result.outcome.kind === 'validationFailed') services.serverIssues.show(document, result.outcome.issues);
      else services.serverIssues.clear(document.uri);
    }
    const id = result.kind === 'sent' && result.outcome.kind === 'created' ? result.outcome.id : undefined;
    await showMessage(result.message, { id, output: services.output });
  });
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
};

async function showMessage(message: UserMessage, context: { id?: string; output: vscode.OutputChannel }): Promise<void> {
  const labels = message.actions.map((a) => LABELS[a]);
  const show =
    message.severity === 'info'
      ? vscode.window.showInformationMessage
      : message.severity === 'warning'
        ? vscode.window.showWarningMessage
        : vscode.window.showErrorMessage;
  const picked = await show(message.text, ...labels);
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
    case undefined:
      break;
  }
}
