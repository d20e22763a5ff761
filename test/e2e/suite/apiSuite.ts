// The API-level end-to-end suite: ClinikDoc as installed, in a real VS Code extension host,
// exercised through the `vscode` API the way the workbench uses it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emptyDocument, emptyStatus, twoErrors } from './documents';
import type { TestCase } from './harness';
import { describeDiagnostic, waitFor, waitForDiagnostics } from './wait';

export const EXTENSION_ID = 'clinikapi.clinikdoc';
export const LANGUAGE_ID = 'clinikdoc';

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the suite needs a folder open in VS Code');
  return vscode.Uri.joinPath(f.uri, 'api-checks');
}

async function writeDocument(name: string, text: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(folder(), name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

/** The range of the first occurrence of `snippet` in the document (the whole JSON token). */
function rangeOf(document: vscode.TextDocument, snippet: string): vscode.Range {
  const offset = document.getText().indexOf(snippet);
  assert.ok(offset >= 0, `${snippet} not in the document`);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + snippet.length));
}

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

function label(item: vscode.CompletionItem): string {
  return (typeof item.label === 'string' ? item.label : item.label.label).replace(/^"|"$/g, '');
}

function symbolNames(symbols: Array<vscode.DocumentSymbol | vscode.SymbolInformation>): string[] {
  const out: string[] = [];
  const walk = (s: vscode.DocumentSymbol | vscode.SymbolInformation): void => {
    out.push(s.name);
    if ('children' in s) s.children.forEach(walk);
  };
  symbols.forEach(walk);
  return out;
}

let errorsDoc: vscode.TextDocument | undefined;

export const apiSuite: TestCase[] = [
  {
    name: 'opening a .clinikdoc.json gives language id clinikdoc and activates ClinikDoc',
    timeoutMs: 60_000,
    async fn() {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is installed`);
      errorsDoc = await writeDocument('two-errors.clinikdoc.json', twoErrors);
      assert.equal(errorsDoc.languageId, LANGUAGE_ID);
      await waitFor(() => extension.isActive || undefined, `${EXTENSION_ID} to activate`, 45_000);
    },
  },
  {
    name: 'getDiagnostics shows each contract error on the exact range of the offending value',
    timeoutMs: 60_000,
    async fn() {
      const doc = errorsDoc ?? (await writeDocument('two-errors.clinikdoc.json', twoErrors));
      const status = rangeOf(doc, '"draft"');
      const date = rangeOf(doc, '"15/01/2025"');
      const diagnostics = await waitForDiagnostics(doc.uri, (ds) => ds.length >= 2, 'the two contract errors', 45_000);
      assert.equal(diagnostics.length, 2, `exactly two diagnostics:\n${diagnostics.map(describeDiagnostic).join('\n')}`);
      const onStatus = diagnostics.find((d) => d.range.isEqual(status));
      const onDate = diagnostics.find((d) => d.range.isEqual(date));
      assert.ok(onStatus, `a diagnostic on "draft" (${describeDiagnostic({ range: status } as vscode.Diagnostic)}); got:\n${diagnostics.map(describeDiagnostic).join('\n')}`);
      assert.ok(onDate, `a diagnostic on the date; got:\n${diagnostics.map(describeDiagnostic).join('\n')}`);
      for (const d of [onStatus, onDate]) {
        assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
        assert.equal(d.source, 'ClinikDoc');
      }
      assert.equal(codeOf(onStatus), 'invalid-enum-value');
      assert.equal(codeOf(onDate), 'invalid-date');
      assert.match(onStatus.message, /preliminary/);
    },
  },
  {
    name: 'executeCodeActionProvider offers a quick fix for the invalid status',
    async fn() {
      const doc = errorsDoc ?? (await writeDocument('two-errors.clinikdoc.json', twoErrors));
      const status = rangeOf(doc, '"draft"');
      await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => d.range.isEqual(status)), 'the status diagnostic');
      // Asked again until answered: once in a clean run the first request, right after the
      // diagnostic showed, came back empty (a race in the editor, not seen twice in a row).
      let actions: Array<vscode.CodeAction | vscode.Command> = [];
      const quickFixes = () => actions.filter((a): a is vscode.CodeAction => 'kind' in a && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
      const fixes = await waitFor(async () => {
        actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          status,
          vscode.CodeActionKind.QuickFix.value,
        );
        return quickFixes().length > 0 ? quickFixes() : undefined;
      }, 'a quick fix for the invalid status', 10_000).catch(() => quickFixes());
      assert.ok(fixes.length > 0, `a quick fix; got: ${actions.map((a) => a.title).join(', ') || '(none)'}`);
      assert.ok(
        fixes.some((f) => /preliminary|final|amended/.test(f.title)),
        `a fix naming an allowed status; got: ${fixes.map((f) => f.title).join(', ')}`,
      );
    },
  },
  {
    name: 'diagnostics clear as each error is fixed',
    timeoutMs: 45_000,
    async fn() {
      const doc = errorsDoc ?? (await writeDocument('two-errors.clinikdoc.json', twoErrors));
      const fix = async (from: string, to: string): Promise<void> => {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(doc.uri, rangeOf(doc, from), to);
        assert.ok(await vscode.workspace.applyEdit(edit), `edit ${from} → ${to}`);
      };
      await fix('"draft"', '"final"');
      const left = await waitForDiagnostics(doc.uri, (ds) => ds.length === 1, 'one diagnostic left after fixing status');
      assert.equal(codeOf(left[0]!), 'invalid-date');
      assert.ok(left[0]!.range.isEqual(rangeOf(doc, '"15/01/2025"')), describeDiagnostic(left[0]!));
      await fix('"15/01/2025"', '"2025-01-15"');
      await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no diagnostics after fixing the date');
    },
  },
  {
    name: 'executeCompletionItemProvider offers the allowed status values',
    async fn() {
      const doc = await writeDocument('empty-status.clinikdoc.json', emptyStatus);
      const inside = doc.positionAt(doc.getText().indexOf('""') + 1);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, inside);
      const labels = list.items.map(label);
      for (const value of ['preliminary', 'final', 'amended']) assert.ok(labels.includes(value), `${value} in ${labels.join(', ')}`);
    },
  },
  {
    name: 'executeHoverProvider explains a field from the contract',
    async fn() {
      const doc = await writeDocument('empty-status.clinikdoc.json', emptyStatus);
      const onKey = doc.positionAt(doc.getText().indexOf('"status"') + 3);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, onKey);
      assert.match(hoverText(hovers), /Where the document is in its workflow/);
    },
  },
  {
    name: 'executeDocumentSymbolProvider outlines the sections by title',
    async fn() {
      const doc = await writeDocument('outline.clinikdoc.json', twoErrors);
      const symbols = await vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation>>(
        'vscode.executeDocumentSymbolProvider',
        doc.uri,
      );
      const names = symbolNames(symbols ?? []);
      for (const title of ['Diagnosis', 'Hospital Course']) {
        assert.ok(names.some((n) => n.includes(title)), `a symbol for ${title}; got: ${names.join(', ')}`);
      }
    },
  },
  {
    name: 'the snippets are contributed for clinikdoc and offered in an empty document',
    async fn() {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension);
      const contributed = (extension.packageJSON as { contributes?: { snippets?: Array<{ language: string; path: string }> } }).contributes?.snippets ?? [];
      const ours = contributed.filter((s) => s.language === LANGUAGE_ID);
      assert.ok(ours.length > 0, 'contributes.snippets has an entry for clinikdoc');
      for (const s of ours) await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, s.path));
      const doc = await writeDocument('empty.clinikdoc.json', emptyDocument);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 0));
      const snippets = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet);
      assert.ok(snippets.length > 0, `snippet completions; got: ${list.items.map(label).join(', ') || '(none)'}`);
    },
  },
];

/** Closes the suite's editors and removes its documents. */
export async function cleanUpApiSuite(): Promise<void> {
  await closeAllEditorsWithoutSaving();
  try {
    await vscode.workspace.fs.delete(folder(), { recursive: true, useTrash: false });
  } catch {
    /* nothing written */
  }
}

/**
 * Reverts every changed document, then closes all editors: closing a changed editor would ask
 * the (absent) person whether to save, in a modal dialog that nothing answers.
 */
export async function closeAllEditorsWithoutSaving(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    try {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } catch {
      /* closed meanwhile */
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
