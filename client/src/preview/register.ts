import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../../shared/protocol';
import { isClinikDoc } from '../editor/clinikDocDocument';
import { previewNonce } from './previewNonce';
import { basename } from '../editor/uriBasename';
import { renderPreviewBody, renderPreviewHtml, type PreviewInput, type PreviewProblem, type RevealMessage, type UpdateMessage } from './renderPreviewHtml';

const UPDATE_DELAY_MS = 150;

/**
 * `ClinikAPI: Open Preview`: the document rendered as a clinical document beside the editor,
 * updated as you type and as its problems change; clicking a problem reveals it in the text.
 * One panel per document.
 */
export function registerPreview(references?: ReferenceLabels): vscode.Disposable {
  const panels = new Map<string, vscode.WebviewPanel>();
  const command = vscode.commands.registerCommand('clinikapi.openPreview', async (uri?: vscode.Uri) => {
    const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document || !isClinikDoc(document)) {
      void vscode.window.showInformationMessage('Open a ClinikDoc document (.clinikdoc.json) to preview it.');
      return;
    }
    const key = document.uri.toString();
    const existing = panels.get(key);
    if (existing) {
      existing.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = openPanel(document, references);
    panels.set(key, panel);
    panel.onDidDispose(() => panels.delete(key));
  });
  return vscode.Disposable.from(command, { dispose: () => [...panels.values()].forEach((p) => p.dispose()) });
}

/**
 * Names of the document's ids, when they are resolved (ids/referenceService.ts). A new
 * resolution sets the document's ClinikAPI diagnostics, which the preview already follows.
 */
export interface ReferenceLabels {
  labels(document: vscode.TextDocument): Record<string, string> | undefined;
}

function openPanel(document: vscode.TextDocument, references: ReferenceLabels | undefined): vscode.WebviewPanel {
  const name = basename(document.uri);
  const panel = vscode.window.createWebviewPanel('clinikapi.preview', `Preview ${name}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [],
  });
  // A fresh nonce for each page load.
  const load = () => {
    panel.webview.html = renderPreviewHtml(previewInput(document, references), previewNonce());
  };
  load();

  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const message: UpdateMessage = { type: 'update', body: renderPreviewBody(previewInput(document, references)) };
      void panel.webview.postMessage(message);
    }, UPDATE_DELAY_MS);
  };
  const subscriptions = [
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === document) update();
    }),
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((uri) => uri.toString() === document.uri.toString())) update();
    }),
    vscode.workspace.onDidCloseTextDocument((closed) => {
      if (closed === document) panel.dispose();
    }),
    // A hidden webview is torn down and comes back with its first HTML: load the current one.
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.visible) load();
    }),
    panel.webview.onDidReceiveMessage((message: unknown) => {
      if (isReveal(message)) void reveal(document, message.range);
    }),
  ];
  panel.onDidDispose(() => {
    clearTimeout(timer);
    subscriptions.forEach((s) => s.dispose());
  });
  return panel;
}

function previewInput(document: vscode.TextDocument, references?: ReferenceLabels): PreviewInput {
  // A tolerant parse, so the preview keeps following the text while it is being typed.
  const value: unknown = parse(document.getText(), [], { allowTrailingComma: true, disallowComments: false });
  const problems: PreviewProblem[] = vscode.languages
    .getDiagnostics(document.uri)
    .filter((d) => d.source === DIAGNOSTIC_SOURCE && d.severity <= vscode.DiagnosticSeverity.Information)
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .map((d) => ({
      message: d.message,
      severity: d.severity === vscode.DiagnosticSeverity.Error ? 'error' : d.severity === vscode.DiagnosticSeverity.Warning ? 'warning' : 'information',
      range: {
        start: { line: d.range.start.line, character: d.range.start.character },
        end: { line: d.range.end.line, character: d.range.end.character },
      },
    }));
  return { value, problems, fileName: basename(document.uri), labels: references?.labels(document) };
}

async function reveal(document: vscode.TextDocument, range: RevealMessage['range']): Promise<void> {
  const target = document.validateRange(new vscode.Range(new vscode.Position(range.start.line, range.start.character), new vscode.Position(range.end.line, range.end.character)));
  const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: target });
  editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Messages from the webview are untrusted input: check the shape before acting on it. */
function isReveal(message: unknown): message is RevealMessage {
  if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== 'reveal') return false;
  const range = (message as { range?: unknown }).range as RevealMessage['range'] | undefined;
  const isPosition = (p: unknown) =>
    typeof p === 'object' && p !== null && Number.isInteger((p as { line?: unknown }).line) && Number.isInteger((p as { character?: unknown }).character)
    && (p as { line: number }).line >= 0 && (p as { character: number }).character >= 0;
  return !!range && isPosition(range.start) && isPosition(range.end);
}
