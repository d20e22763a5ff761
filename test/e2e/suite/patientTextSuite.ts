// The text against the patient ClinikAPI resolved, in the real VS Code, with the test key the UI
// journeys set (emulator fixture: Jane Doe pat_123, born 1990-03-15, female; John Doe pat_321):
// one ClinikAPI warning of each kind on exactly its words, a hover with ClinikAPI's word on it, a
// copy-forward note naming the other patient's file (gone when that file is deleted), and none of
// them on the sample workspace's documents.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestCase } from './harness';
import { describeDiagnostic, waitFor, waitForDiagnostics } from './wait';

const TEXT_CODES = ['age-mismatch', 'sex-mismatch', 'birth-date-mismatch', 'surname-mismatch'];
const ALL_CODES = [...TEXT_CODES, 'copy-forward'];
const SHARED = 'Admitted with an exacerbation of chronic obstructive pulmonary disease and treated with nebulised bronchodilators and a five-day course of oral prednisolone.';

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the sample workspace is open');
  return f.uri;
}

const JANE = (): vscode.Uri => vscode.Uri.joinPath(folder(), 'e2e-patient-text.clinikdoc.json');
const JOHN = (): vscode.Uri => vscode.Uri.joinPath(folder(), 'e2e-copied-forward.clinikdoc.json');

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');
}

const code = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
const ours = (ds: readonly vscode.Diagnostic[]) => ds.filter((d) => ALL_CODES.includes(String(code(d))));

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** Markdown's escapes taken out, to compare with plain text. */
function unescaped(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Resolves once ClinikAPI's answer for the document's current version is in: its patient's name shows after the id. */
async function resolved(document: vscode.TextDocument): Promise<void> {
  const end = document.positionAt(document.getText().length);
  await waitFor(async () => {
    const hints = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(new vscode.Position(0, 0), end))) ?? [];
    return hints.some((h) => /Doe/.test(typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
  }, `the resolved patient of ${document.uri.path}`, 40_000);
}

export const patientTextSuite: TestCase[] = [
  {
    name: "a text about someone else: one ClinikAPI warning of each kind on its words, ClinikAPI's word on hover, copy-forward naming the other patient's file",
    timeoutMs: 90_000,
    async fn() {
      // Written to disk, never opened: the index learns it from the file watcher.
      await vscode.workspace.fs.writeFile(JOHN(), json({
        status: 'final', type: 'discharge-summary', patientId: 'pat_321', practitionerId: 'prac_790', title: 'Discharge Summary', date: '2025-01-11',
        sections: [{ title: 'Hospital Course', text: `${SHARED}\nNo known drug allergies.` }],
      }));
      await vscode.workspace.fs.writeFile(JANE(), json({
        status: 'final', type: 'consultation-report', patientId: 'pat_123', practitionerId: 'prac_789', title: 'Chest pain clinic', date: '2025-01-15',
        sections: [
          { title: 'History', text: 'A 45-year-old man presented with central chest pain on exertion.' },
          { title: 'Identification', text: 'DOB 02/11/1961.' },
          { title: 'Letter', text: 'Mrs Smith was reviewed in clinic today by Dr Sample.' },
          { title: 'Course', text: `${SHARED}\nNo known drug allergies.` },
        ],
      }));
      const document = await vscode.workspace.openTextDocument(JANE());
      await vscode.window.showTextDocument(document);
      const all = await waitForDiagnostics(JANE(), (ds) => ALL_CODES.every((c) => ds.some((d) => code(d) === c)), 'a warning of each kind and the copy-forward note', 60_000);
      const found = ours(all).sort((a, b) => a.range.start.compareTo(b.range.start));
      assert.deepEqual(
        found.map((d) => [code(d), document.getText(d.range), d.severity, d.source]),
        [
          ['age-mismatch', '45-year-old', vscode.DiagnosticSeverity.Warning, 'ClinikAPI'],
          ['sex-mismatch', 'man', vscode.DiagnosticSeverity.Warning, 'ClinikAPI'],
          ['birth-date-mismatch', '02/11/1961', vscode.DiagnosticSeverity.Warning, 'ClinikAPI'],
          ['surname-mismatch', 'Mrs Smith', vscode.DiagnosticSeverity.Warning, 'ClinikAPI'],
          ['copy-forward', SHARED, vscode.DiagnosticSeverity.Information, 'ClinikDoc'],
        ],
        found.map(describeDiagnostic).join('\n'),
      );
      // The Problems panel names ids, never the patient; the hover says it in full.
      for (const d of found) assert.ok(!/Jane|Doe|1990/.test(d.message), d.message);
      const copy = found.find((d) => code(d) === 'copy-forward')!;
      assert.match(copy.message, /e2e-copied-forward\.clinikdoc\.json, a document of another patient/);
      const age = found.find((d) => code(d) === 'age-mismatch')!;
      const hover = unescaped(hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', JANE(), age.range.start.translate(0, 1))) ?? []));
      assert.ok(hover.includes('The text says 45-year-old; Jane Doe (pat_123, born 1990-03-15) was 34 on 2025-01-15.'), hover);
      assert.match(hover, /ClinikAPI sandbox, test key/);

      // The other patient's file deleted: the note goes, the warnings stay.
      await vscode.workspace.fs.delete(JOHN());
      const after = await waitForDiagnostics(JANE(), (ds) => !ds.some((d) => code(d) === 'copy-forward'), 'the copy-forward note gone with the other file', 30_000);
      assert.deepEqual(ours(after).map(code), TEXT_CODES);
    },
  },
  {
    name: "none of these warnings on the sample workspace's documents once ClinikAPI has answered for them",
    timeoutMs: 120_000,
    async fn() {
      for (const name of ['discharge-summary.clinikdoc.json', 'progress-note.clinikdoc.json', 'referral-letter.clinikdoc.json']) {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), name));
        await vscode.window.showTextDocument(document);
        await resolved(document);
        assert.deepEqual(ours(vscode.languages.getDiagnostics(document.uri)).map(describeDiagnostic), [], name);
      }
    },
  },
];

/**
 * Leaves the sample workspace as it was: this suite's tabs closed (they are saved, so nothing asks;
 * closing every editor could stop at a modal about another suite's), its files deleted.
 */
export async function cleanUpPatientTextSuite(): Promise<void> {
  const mine = new Set([JANE().toString(), JOHN().toString()]);
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && mine.has(t.input.uri.toString()));
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  for (const uri of [JANE(), JOHN()]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
}
