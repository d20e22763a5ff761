import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../../shared/protocol';
import { fileTemplates, findTemplate } from './fileTemplates';

/**
 * `ClinikAPI: New Document`: an untitled clinikdoc document filled from a template snippet, its
 * placeholders as tab stops. Given a type (`operative-report`, or a template's name; the
 * walkthrough's link and tests pass one), it asks nothing. Once a document is written it sets the
 * context key `clinikapi.createdDocument`, which the walkthrough's step waits for.
 */
export function registerNewDocument(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand('clinikapi.newDocument', async (type?: unknown) => {
    const uri = vscode.Uri.joinPath(context.extensionUri, 'snippets', 'clinikdoc.code-snippets');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const templates = fileTemplates(text);
    const template =
      findTemplate(templates, type) ??
      (
        await vscode.window.showQuickPick(
          templates.map((t) => ({ label: t.name, description: t.id === 'other-document' ? undefined : t.id, detail: t.description, template: t })),
          { title: 'ClinikAPI: New Document', placeHolder: 'Which kind of document?', matchOnDescription: true },
        )
      )?.template;
    if (!template) return;
    const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: '' });
    const editor = await vscode.window.showTextDocument(document);
    if (await editor.insertSnippet(new vscode.SnippetString(template.body))) {
      void vscode.commands.executeCommand('setContext', 'clinikapi.createdDocument', true);
    }
  });
}
