import { previewNonce } from '../preview/previewNonce';
import * as vscode from 'vscode';
import { withCancellableProgress } from '../editor/cancellableProgress';
import { compositionAsBody } from './compositionAsBody';
import { documentIdInputProblem } from './documentIdInput';
import { describeFailure, readDocument } from '../api/documentsApi';
import type { Composition } from '../api/composition';
import { renderPreviewHtml } from '../preview/renderPreviewHtml';
import { resolveTarget, type DocumentLife } from './documentLife';
import type { SubmittedDocuments } from './submittedDocuments';

/**
 * `ClinikAPI: Open Submitted Document`: what ClinikAPI holds for a linked file (or an id typed in),
 * read now — the Composition read-only beside the file, and rendered in a preview.
 */
export function registerOpenSubmittedDocument(life: DocumentLife, documents: SubmittedDocuments): vscode.Disposable {
  return vscode.commands.registerCommand('clinikapi.openSubmittedDocument', async (arg?: unknown) => {
    const target = resolveTarget(life, arg);
    let id = target.entry?.documentId;
    if (!id) {
      id = await vscode.window.showInputBox({
        title: 'Open Submitted Document',
        prompt: target.file ? 'This file is not linked to a created document. The id of a ClinikAPI document:' : 'The id of a ClinikAPI document:',
        placeHolder: 'comp_…',
        validateInput: documentIdInputProblem,
      });
      id = id?.trim();
      if (!id) return;
    }
    const composition = await readWithProgress(life, id);
    if (!composition) return;
    await showComposition(documents, composition);
  });
}

/** Reads a document for display, saying why when it cannot. */
export async function readWithProgress(life: DocumentLife, id: string): Promise<Composition | undefined> {
  const result = await withCancellableProgress(`ClinikAPI: reading ${id}…`, async (signal) => {
    const conn = await life.connect(signal);
    if (!conn.ok) return { kind: 'message' as const, text: conn.message };
    return readDocument(conn.connection, id);
  });
  if (result.kind === 'ok') return result.value;
  const text = result.kind === 'message' ? result.text : result.kind === 'notFound' ? `${id} is not in ClinikAPI (404).` : describeFailure(result, `reading ${id}`);
  void vscode.window.showErrorMessage(text);
  return undefined;
}

async function showComposition(documents: SubmittedDocuments, composition: Composition): Promise<void> {
  const uri = documents.put(`${composition.id} (ClinikAPI).json`, JSON.stringify(composition, null, 2) + '\n');
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  const panel = vscode.window.createWebviewPanel(
    'clinikapi.submittedPreview',
    `${composition.id} (ClinikAPI)`,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    { enableScripts: true, enableCommandUris: false, localResourceRoots: [] },
  );
  panel.webview.html = renderPreviewHtml({ value: compositionAsBody(composition), problems: [], fileName: composition.id }, previewNonce());
  // The preview goes when its copy is closed: nothing read stays on screen unasked.
  const sub = vscode.workspace.onDidCloseTextDocument((d) => {
    if (d.uri.toString() === uri.toString()) panel.dispose();
  });
  panel.onDidDispose(() => sub.dispose());
}
