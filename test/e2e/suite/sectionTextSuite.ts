// Section texts in a real VS Code: a section's text edited as plain text beside the JSON (the
// `clinikdoc-text:` side editor), written back as one undoable edit, kept in step with the
// JSON, refusing to write when its section is gone; and the paste that escapes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestCase } from './harness';
import { describeDiagnostic, waitFor, waitForDiagnostics } from './wait';

const EDIT = 'clinikapi.editSectionText';
const PASTE = 'clinikapi.pasteEscaped';
const COURSE = ['sections', 1, 'text'];

const original = {
  status: 'final',
  type: 'discharge-summary',
  patientId: 'pat_123',
  practitionerId: 'prac_789',
  title: 'Discharge Summary',
  sections: [
    { title: 'Diagnosis', text: 'Community-acquired pneumonia.' },
    { title: 'Hospital Course', text: 'Admitted with fever.\nTreated with IV antibiotics.' },
    { title: 'Plan', text: '', sections: [{ title: 'Follow-up', text: 'GP in 1 week.' }] },
  ],
};
const originalText = JSON.stringify(original, null, 2) + '\n';

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the suite needs a folder open in VS Code');
  return vscode.Uri.joinPath(f.uri, 'section-text-checks');
}

let json: vscode.TextDocument | undefined;
let side: vscode.TextDocument | undefined;

async function freshJson(name: string, text = originalText): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(folder(), name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  return document;
}

async function openSide(document: vscode.TextDocument, path = COURSE): Promise<vscode.TextDocument> {
  const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(EDIT, { uri: document.uri.toString(), path });
  assert.ok(uri, `${EDIT} returns the side editor's uri`);
  return waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()), 'the side document');
}

function value(document: vscode.TextDocument, path: (string | number)[]): unknown {
  let v: unknown = JSON.parse(document.getText());
  for (const p of path) v = (v as Record<string | number, unknown>)[p];
  return v;
}

async function replaceAll(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

async function replaceLiteral(document: vscode.TextDocument, literal: string, replacement: string): Promise<void> {
  const offset = document.getText().indexOf(literal);
  assert.ok(offset >= 0, `${literal} in the JSON`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + literal.length)), replacement);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

export const sectionTextSuite: TestCase[] = [
  {
    name: 'a code lens "Edit as plain text" sits above every section and nested section text',
    timeoutMs: 60_000,
    async fn() {
      json = await freshJson('lens.clinikdoc.json');
      const lenses = await waitFor(async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', json!.uri);
        const ours = found.filter((l) => l.command?.command === EDIT);
        return ours.length === 4 ? ours : undefined;
      }, 'four section text code lenses', 45_000);
      assert.deepEqual(
        lenses.map((l) => (l.command!.arguments![0] as { path: unknown }).path),
        [['sections', 0, 'text'], COURSE, ['sections', 2, 'text'], ['sections', 2, 'sections', 0, 'text']],
      );
      assert.ok(lenses.every((l) => l.command!.title === 'Edit as plain text'));
      const line = json.lineAt(lenses[1]!.range.start.line).text;
      assert.match(line, /"text":/);
    },
  },
  {
    name: 'Edit Section Text opens the decoded text beside the JSON, titled after the section',
    timeoutMs: 60_000,
    async fn() {
      json = await freshJson('course.clinikdoc.json');
      side = await openSide(json);
      assert.equal(side.getText(), original.sections[1]!.text);
      assert.equal(side.languageId, 'clinikdoc-text');
      assert.equal(side.uri.scheme, 'clinikdoc-text');
      const tab = await waitFor(
        () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => (t.input as { uri?: vscode.Uri })?.uri?.toString() === side!.uri.toString()),
        'the side editor tab',
      );
      assert.equal(tab.label, 'Hospital Course — text');
      assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === json), 'the JSON stays visible beside it');
    },
  },
  {
    name: 'from the command palette (no argument) it opens the text of the section at the cursor, a nested one too',
    timeoutMs: 30_000,
    async fn() {
      const doc = await freshJson('cursor.clinikdoc.json');
      const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      const at = doc.getText().indexOf('GP in 1 week');
      editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at));
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(EDIT);
      assert.ok(uri);
      assert.equal(uri.path.split('/').pop(), 'Follow-up — text');
      const nested = await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()), 'the side document');
      assert.equal(nested.getText(), 'GP in 1 week.');
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      const top = doc.getText().indexOf('"status"');
      editor.selection = new vscode.Selection(doc.positionAt(top), doc.positionAt(top));
      assert.equal(await vscode.commands.executeCommand(EDIT), undefined, 'outside a section nothing opens (a message says why)');
    },
  },
  {
    name: 'saving the side editor writes the text back escaped, and one undo in the JSON restores it',
    timeoutMs: 60_000,
    async fn() {
      assert.ok(json && side);
      const edited = 'Admitted with "fever" and cough.\n\tDay 1: IV antibiotics.\nDay 3: oral — afebrile.';
      await replaceAll(side, edited);
      assert.ok(await side.save(), 'the side editor saves');
      await waitFor(() => value(json!, COURSE) === edited || undefined, 'the JSON to hold the edited text');
      assert.ok(json.getText().includes(JSON.stringify(edited)), 'written as one escaped string literal');
      assert.equal(value(json, ['sections', 0, 'text']), original.sections[0]!.text, 'other sections untouched');

      await vscode.window.showTextDocument(json, vscode.ViewColumn.One);
      await vscode.commands.executeCommand('undo');
      await waitFor(() => json!.getText() === originalText || undefined, 'one undo to restore the JSON exactly');
      // The side editor follows the JSON back.
      await waitFor(() => side!.getText() === original.sections[1]!.text || undefined, 'the side editor to follow the undo');
    },
  },
  {
    name: 'an edit in the JSON updates the side editor',
    timeoutMs: 30_000,
    async fn() {
      assert.ok(json && side);
      await replaceLiteral(json, JSON.stringify(original.sections[1]!.text), JSON.stringify('Edited in the JSON.\nSecond line.'));
      await waitFor(() => side!.getText() === 'Edited in the JSON.\nSecond line.' || undefined, 'the side editor to reload');
      assert.equal(side.isDirty, false);
    },
  },
  {
    name: 'a side editor with unsaved changes is not saved over a text changed in the JSON meanwhile; revert takes the JSON text',
    timeoutMs: 30_000,
    async fn() {
      assert.ok(json && side);
      const conflict = (ds: readonly vscode.Diagnostic[]) => ds.some((d) => /also changed in the JSON/.test(d.message));
      const attempt = async (typed: string, before: string, after: string, waitForSync: boolean) => {
        await replaceAll(side!, typed);
        await replaceLiteral(json!, JSON.stringify(before), JSON.stringify(after));
        if (waitForSync) await waitForDiagnostics(side!.uri, conflict, 'the conflict warning in the side editor');
        const saved = await Promise.resolve(side!.save()).catch(() => false);
        assert.equal(saved, false, 'the save is refused');
        assert.equal(value(json!, COURSE), after, 'the JSON edit is kept');
        await revert(side!);
        await waitFor(() => side!.getText() === after || undefined, 'the reverted side editor to show the JSON text');
        await waitForDiagnostics(side!.uri, (ds) => !conflict(ds), 'the conflict warning to go');
      };
      // Saved after the side editor learnt of the JSON change, and saved at once (before it did).
      await attempt('Typed beside, not saved yet.', 'Edited in the JSON.\nSecond line.', 'Edited again in the JSON.', true);
      await attempt('Typed beside again.', 'Edited again in the JSON.', 'A third edit in the JSON.', false);
      await replaceAll(side, 'Typed after the revert.');
      assert.ok(await side.save(), 'a save after the revert goes through');
      await waitFor(() => value(json!, COURSE) === 'Typed after the revert.' || undefined, 'the write back');
    },
  },
  {
    name: 'when its section is deleted the side editor says so and refuses to save into another section',
    timeoutMs: 30_000,
    async fn() {
      assert.ok(json && side);
      const body = JSON.parse(json.getText()) as typeof original;
      body.sections.splice(1, 1);
      await replaceAll(json, JSON.stringify(body, null, 2) + '\n');
      await waitForDiagnostics(side.uri, (ds) => ds.some((d) => /Not linked to the JSON/.test(d.message)), 'the not-linked warning');
      const before = json.getText();
      await replaceAll(side, 'This must not land in the Plan section.');
      const saved = await Promise.resolve(side.save()).catch(() => false);
      assert.equal(saved, false, 'the save is refused');
      assert.equal(json.getText(), before, 'the JSON is untouched');
      await revert(side);
      assert.equal(side.isDirty, false);
    },
  },
  {
    name: 'when its section is deleted, another section with the same text is not taken for it: the save is refused, nothing written',
    timeoutMs: 30_000,
    async fn() {
      const body = { ...original, sections: [{ title: 'Allergies', text: 'N/A' }, { title: 'Family history', text: 'N/A' }] };
      json = await freshJson('same-text.clinikdoc.json', JSON.stringify(body, null, 2) + '\n');
      side = await openSide(json, ['sections', 0, 'text']);
      // Delete the Allergies section as the editor would: its lines, up to the next section.
      const text = json.getText();
      const start = text.lastIndexOf('{', text.indexOf('"Allergies"'));
      const end = text.lastIndexOf('{', text.indexOf('"Family history"'));
      const edit = new vscode.WorkspaceEdit();
      edit.delete(json.uri, new vscode.Range(json.positionAt(start), json.positionAt(end)));
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.deepEqual(value(json, ['sections']), [{ title: 'Family history', text: 'N/A' }]);
      await waitForDiagnostics(side.uri, (ds) => ds.some((d) => /Not linked to the JSON.*deleted or replaced/.test(d.message)), 'the not-linked warning');
      const before = json.getText();
      await replaceAll(side, 'Penicillin: rash.');
      const saved = await Promise.resolve(side.save()).catch(() => false);
      assert.equal(saved, false, 'the save is refused');
      assert.equal(json.getText(), before, 'nothing is written into "Family history"');
      assert.equal(side.getText(), 'Penicillin: rash.', 'the typed text stays in the side editor');
      await revert(side);
    },
  },
  {
    name: 'the side editor shows the over-the-limit diagnostic in ClinikAPI\'s unit (an emoji counts 2)',
    timeoutMs: 30_000,
    async fn() {
      json = await freshJson('long.clinikdoc.json');
      side = await openSide(json);
      await replaceAll(side, 'a'.repeat(49_999) + '😀');
      const ds = await waitForDiagnostics(side.uri, (d) => d.some((x) => (typeof x.code === 'object' ? x.code.value : x.code) === 'too-long'), 'the too-long diagnostic');
      const d = ds.find((x) => /characters long/.test(x.message))!;
      assert.match(d.message, /50,001 characters long; ClinikAPI allows at most 50,000/, describeDiagnostic(d));
      await replaceAll(side, 'short again');
      await waitForDiagnostics(side.uri, (d) => d.length === 0, 'no diagnostic under the limit');
    },
  },
  {
    name: 'an empty section text can be opened and filled',
    timeoutMs: 30_000,
    async fn() {
      json = await freshJson('empty.clinikdoc.json');
      side = await openSide(json, ['sections', 2, 'text']);
      assert.equal(side.getText(), '');
      await replaceAll(side, 'Follow up in clinic.\nReturn if fever.');
      assert.ok(await side.save());
      await waitFor(() => value(json!, ['sections', 2, 'text']) === 'Follow up in clinic.\nReturn if fever.' || undefined, 'the filled text in the JSON');
    },
  },
  {
    name: 'works in a document with a syntax error elsewhere, leaving the error alone',
    timeoutMs: 30_000,
    async fn() {
      const broken = originalText.replace('"title": "Discharge Summary",', '"title": "Discharge Summary",,');
      json = await freshJson('broken.clinikdoc.json', broken);
      side = await openSide(json);
      await replaceAll(side, 'Rewritten "course".');
      assert.ok(await side.save());
      await waitFor(() => json!.getText().includes('"text": "Rewritten \\"course\\"."') || undefined, 'the write back');
      assert.ok(json.getText().includes('"Discharge Summary",,'), 'the syntax error is left for the user');
    },
  },
  {
    name: 'with clinikapi.sectionText.writeBackOnType the text reaches the JSON while typing, without a save',
    timeoutMs: 30_000,
    async fn() {
      const config = vscode.workspace.getConfiguration('clinikapi');
      await config.update('sectionText.writeBackOnType', true, vscode.ConfigurationTarget.Global);
      try {
        json = await freshJson('on-type.clinikdoc.json');
        side = await openSide(json);
        const edit = new vscode.WorkspaceEdit();
        edit.insert(side.uri, side.positionAt(side.getText().length), '\nTyped "live".');
        assert.ok(await vscode.workspace.applyEdit(edit));
        const expected = `${original.sections[1]!.text}\nTyped "live".`;
        await waitFor(() => value(json!, COURSE) === expected || undefined, 'the JSON to follow the typing');
        await waitFor(() => !side!.isDirty || undefined, 'the side editor to be clean again');
      } finally {
        await config.update('sectionText.writeBackOnType', undefined, vscode.ConfigurationTarget.Global);
      }
    },
  },
  {
    name: 'paste inside a JSON string inserts the text escaped; outside a string as is',
    timeoutMs: 30_000,
    async fn() {
      json = await freshJson('paste.clinikdoc.json');
      const editor = await vscode.window.showTextDocument(json, vscode.ViewColumn.One);
      const at = json.getText().indexOf('Community-acquired') + 'Community-acquired'.length;
      editor.selection = new vscode.Selection(json.positionAt(at), json.positionAt(at));
      const pasted = 'copied "from" a letter\r\nsecond\tline';
      assert.equal(await vscode.commands.executeCommand(PASTE, { text: pasted }), true);
      await waitFor(() => value(json!, ['sections', 0, 'text']) === `Community-acquired${pasted} pneumonia.` || undefined, 'the escaped paste');

      const between = json.getText().indexOf('"status"');
      editor.selection = new vscode.Selection(json.positionAt(between), json.positionAt(between));
      assert.equal(await vscode.commands.executeCommand(PASTE, { text: 'a "b"\n' }), false);
      await waitFor(() => json!.getText().includes('a "b"\n"status"') || undefined, 'the plain paste outside a string');
    },
  },
];

/** Reverts `document` (the active editor's command) so closing it asks nothing. */
async function revert(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

/**
 * Leaves nothing of this suite changed or open: side editors reverted first (saving one would
 * change its JSON again), then this suite's JSON documents, then their editors closed.
 */
export async function cleanUpSectionTextSuite(): Promise<void> {
  const ours = (d: vscode.TextDocument) => d.uri.scheme === 'clinikdoc-text' || d.uri.path.includes('/section-text-checks/');
  const sidesFirst = vscode.workspace.textDocuments.filter(ours).sort((a, b) => Number(b.uri.scheme === 'clinikdoc-text') - Number(a.uri.scheme === 'clinikdoc-text'));
  for (const d of sidesFirst) if (d.isDirty) await revert(d).catch(() => undefined);
  for (const group of vscode.window.tabGroups.all) {
    const tabs = group.tabs.filter((t) => {
      const uri = (t.input as { uri?: vscode.Uri } | undefined)?.uri;
      return uri && (uri.scheme === 'clinikdoc-text' || uri.path.includes('/section-text-checks/'));
    });
    await vscode.window.tabGroups.close(tabs);
  }
  await vscode.workspace.fs.delete(folder(), { recursive: true }).then(undefined, () => undefined);
}
