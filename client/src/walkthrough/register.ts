import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../../shared/protocol';
import { isClinikDoc } from '../editor/clinikDocDocument';
import { FirstStart, WALKTHROUGH_ID } from './firstStart';
import { ProblemsFixed } from './problemsFixed';

/**
 * The walkthrough (package.json `contributes.walkthroughs`): opened beside the editor on
 * ClinikDoc's first start, never again by itself; and the context key its "fix its problems"
 * step waits for. The other steps wait for keys their features set when the real thing happens
 * (`clinikapi.testKeySet`, `clinikapi.createdDocument`, `clinikapi.submittedToSandbox`) or for VS
 * Code's own events (the preview command, the Submissions view).
 */
export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable {
  void (async () => {
    const openOnInstall = vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true);
    if (await new FirstStart(context.globalState).claim(openOnInstall)) {
      // To the side: the document that started ClinikDoc stays where it was, and keeps the focus
      // (the walkthrough's page takes it when it opens).
      const editor = vscode.window.activeTextEditor;
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, true);
      if (editor && !editor.document.isClosed) await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
    }
  })();

  const fixed = new ProblemsFixed();
  const onDiagnostics = vscode.languages.onDidChangeDiagnostics((e) => {
    for (const uri of e.uris) {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (!document || !isClinikDoc(document)) continue;
      const errors = vscode.languages
        .getDiagnostics(uri)
        .filter((d) => d.severity === vscode.DiagnosticSeverity.Error && d.source === DIAGNOSTIC_SOURCE).length;
      if (fixed.observe(uri.toString(), errors)) void vscode.commands.executeCommand('setContext', 'clinikapi.fixedProblems', true);
    }
  });
  const onClose = vscode.workspace.onDidCloseTextDocument((d) => fixed.forget(d.uri.toString()));
  return vscode.Disposable.from(onDiagnostics, onClose);
}
