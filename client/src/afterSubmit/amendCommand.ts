import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { checkForSubmission } from '../languageServer/submissionCheck';
import { amendInPlace, retryUpdate, type AmendResult, type AmendUi } from './amendInPlace';
import { replacementEdits } from './replacement';
import type { SubmissionRecord } from '../record/submissionRecords';
import { resolveTarget, type DocumentLife } from './documentLife';

/**
 * `ClinikAPI: Amend Submitted Document`: on a file linked to a created document, the two FHIR ways
 * of correcting it — update it in place (PATCH with the changed fields and `status: "amended"`),
 * or file a replacement (`relatesTo: replaces`, prepared in the file, then submitted as usual).
 */
export function registerAmendSubmittedDocument(life: DocumentLife, client: () => BaseLanguageClient | undefined): vscode.Disposable {
  return vscode.commands.registerCommand('clinikapi.amendSubmittedDocument', async (arg?: unknown, how?: unknown) => {
    const { file, entry } = resolveTarget(life, arg);
    const linked = file ? life.records.linkedDocument(file.toString()) : undefined;
    const target = entry?.documentId ? entry : linked;
    if (!file || !target?.documentId) {
      void vscode.window.showInformationMessage('This file is not linked to a document created in ClinikAPI: there is nothing to amend. Submit it first.');
      return;
    }
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage('Amending is disabled in an untrusted workspace, like submitting.');
      return;
    }
    const id = target.documentId;
    const choice =
      how === 'inPlace' || how === 'replacement'
        ? how
        : (
            await vscode.window.showQuickPick(
              [
                {
                  label: `$(edit) Update ${id} in place`,
                  detail: `PATCH /v1/documents/${id} with the fields of this file that differ and status "amended": the same document, corrected. Its earlier content is not kept as a separate document.`,
                  how: 'inPlace' as const,
                },
                {
                  label: '$(replace) File a replacement',
                  detail: `A new document with status "amended" and relatesTo "replaces" ${id}, prepared in this file for you to check and submit; ${id} stays as it is.`,
                  how: 'replacement' as const,
                },
              ],
              { title: `Amend ${id}`, placeHolder: 'FHIR offers two ways to correct a final document' },
            )
          )?.how;
    if (!choice) return;
    const document = await vscode.workspace.openTextDocument(file);
    if (choice === 'replacement') await prepareReplacement(document, id);
    else await life.exclusive(file.toString(), () => updateInPlace(life, client, document, { ...target, documentId: id }));
  });
}

async function prepareReplacement(document: vscode.TextDocument, id: string): Promise<void> {
  const edits = replacementEdits(document.getText(), id);
  if (!Array.isArray(edits)) {
    void vscode.window.showErrorMessage(`${edits.error} Fix it, then amend again.`);
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.content);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(document);
  const submit = 'Submit Document';
  const picked = await vscode.window.showInformationMessage(
    `Prepared a replacement of ${id} in the editor: status "amended" and relatesTo replaces ${id} (one undo takes it back). Check it, then submit it.`,
    submit,
  );
  if (picked === submit) await vscode.commands.executeCommand('clinikapi.submitDocument', document.uri);
}

async function updateInPlace(life: DocumentLife, client: () => BaseLanguageClient | undefined, document: vscode.TextDocument, linked: SubmissionRecord & { documentId: string }): Promise<void> {
  const conn = await life.connect();
  if (!conn.ok) {
    void vscode.window.showErrorMessage(conn.message);
    return;
  }
  // The language server's check of exactly the text sent (as Submit does): a key twice counts as an error.
  const text = document.getText();
  const version = document.version;
  const check = await checkForSubmission(client(), document, version);
  const errorCount = check?.checked && check.version === version && document.version === version ? check.errorCount + check.duplicateKeys.length : undefined;
  const ui: AmendUi = {
    confirmUpdate: async ({ id, changed, live, cannotRemove }) => {
      const go = live ? 'Update in Production' : 'Update in Place';
      const fields = changed.map((f) => (f === 'status' ? 'status → "amended"' : f)).join(', ');
      const note = cannotRemove.length ? ` The file has no ${cannotRemove.join(' or ')}: an update cannot remove ${cannotRemove.length === 1 ? 'it' : 'them'} from ${id}.` : '';
      const where = live ? 'ClinikAPI production, with your live key: this changes a real clinical record' : 'the ClinikAPI sandbox';
      return (await vscode.window.showWarningMessage(`Update ${id} in ${where}? It changes: ${fields}.${note}`, { modal: true }, go)) === go;
    },
    withProgress: (task) =>
      Promise.resolve(
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `ClinikAPI: updating ${linked.documentId}…` }, () => task(new AbortController().signal)),
      ),
  };
  const request = { file: document.uri.toString(), text, errorCount, linked, keyKind: conn.keyKind, origin: conn.origin };
  let result: AmendResult = await amendInPlace(conn.connection, request, ui, life.records);
  for (;;) {
    if (result.kind === 'declined') return;
    if (result.kind === 'updated' || result.kind === 'unchanged') {
      void vscode.window.showInformationMessage(result.text);
      return;
    }
    if (result.kind === 'cannotUpdate') return void offerNewDocument(document, result);
    if (result.kind === 'changedSinceCompared' || (result.kind === 'failed' && result.compareAgain)) {
      const compare = 'Compare with Submitted';
      if ((await vscode.window.showWarningMessage(result.text, compare)) === compare) await vscode.commands.executeCommand('clinikapi.compareWithSubmitted', document.uri);
      return;
    }
    if (result.kind !== 'unknown') {
      void vscode.window.showErrorMessage(result.text);
      return;
    }
    const retry = 'Retry Update…';
    if ((await vscode.window.showWarningMessage(result.text, retry)) !== retry) return;
    const again = 'Send Again';
    const sure = await vscode.window.showWarningMessage(`Send the same update to ${result.id} again? Repeating it does no harm: the fields get the same values.`, { modal: true }, again);
    if (sure !== again) return;
    result = await retryUpdate(conn.connection, request, result, ui, life.records);
  }
}

/**
 * An update in place refused for a field it cannot change: the reason, and the way that works.
 * Another patient: submit the file as a new document, with every rule of Submit (it does not
 * replace the wrong one: a `replaces` link would tie this patient's record to a document filed
 * under someone else). Another field (type, date, encounter …): a replacement, or a new document.
 */
async function offerNewDocument(document: vscode.TextDocument, result: Extract<AmendResult, { kind: 'cannotUpdate' }>): Promise<void> {
  const submit = 'Submit as New Document';
  const replace = 'File a Replacement';
  const picked = result.wrongPatient
    ? await vscode.window.showErrorMessage(result.text, submit)
    : await vscode.window.showErrorMessage(result.text, replace, submit);
  if (picked === submit) await vscode.commands.executeCommand('clinikapi.submitDocument', document.uri);
  else if (picked === replace) await prepareReplacement(document, result.id);
}
