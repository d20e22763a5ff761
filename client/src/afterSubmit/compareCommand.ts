import { basename } from '../editor/uriBasename';
import * as vscode from 'vscode';
import { compareWithSubmitted, differenceSummary, type DocumentBody } from './compareWithSubmitted';
import { comparisonSides } from './compositionAsBody';
import { resolveTarget, type DocumentLife } from './documentLife';
import type { SubmittedDocuments } from './submittedDocuments';
import { readWithProgress } from './openSubmittedCommand';

/**
 * `ClinikAPI: Compare with Submitted`: the file beside the server's copy, field by field, for
 * every field of the create body (the schema's; a section's text compared as text — it comes back
 * as XHTML), and a message naming each field that differs, and those an update cannot change.
 */
export function registerCompareWithSubmitted(life: DocumentLife, documents: SubmittedDocuments): vscode.Disposable {
  return vscode.commands.registerCommand('clinikapi.compareWithSubmitted', async (arg?: unknown) => {
    const { file, entry } = resolveTarget(life, arg);
    if (!file || !entry?.documentId) {
      void vscode.window.showInformationMessage('This file is not linked to a document created in ClinikAPI: submit it first (or check a submission whose outcome is unknown).');
      return;
    }
    const document = await vscode.workspace.openTextDocument(file);
    let body: unknown;
    try {
      body = JSON.parse(document.getText());
    } catch {
      void vscode.window.showErrorMessage('The file is not valid JSON, so it cannot be compared field by field.');
      return;
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
    const composition = await readWithProgress(life, entry.documentId);
    if (!composition) return;
    const comparisons = compareWithSubmitted(body as DocumentBody, composition);
    const sides = comparisonSides(comparisons);
    const name = basename(file);
    const left = documents.put(`${composition.id} (ClinikAPI).txt`, sides.server);
    const right = documents.put(`${name} (fields).txt`, sides.local);
    await vscode.commands.executeCommand('vscode.diff', left, right, `${composition.id} (ClinikAPI) ↔ ${name}`, { preview: false });
    void vscode.window.showInformationMessage(differenceSummary(composition.id, comparisons));
  });
}
