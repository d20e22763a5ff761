import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../../shared/protocol';
import { fileTemplates } from './fileTemplates';

/** `ClinikAPI: New Document`: an untitled clinikdoc document filled from a template snippet. */
export function registerNewDocument(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand('clinikapi.newDocument', async () => {
    const uri = vscode.Uri.joinPath(context.extensionUri, 'snippets', 'clinikdoc.code-snippets');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const templates = fileTemplates(text);
    const picked = await vscode.window.showQuickPick(
      templates.map((t) => ({ label: t.name, detail: t.description, template: t })),
      { title: 'ClinikAPI: New Document', placeHolder: 'Which kind of document?' },
    );
    if (!picked) return;
    const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: '' });
    const editor = await vscode.window.showTextDocument(document);
    await editor.insertSnippet(new vscode.SnippetString(picked.template.body));
  });
}
