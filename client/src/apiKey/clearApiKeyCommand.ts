import * as vscode from 'vscode';
import type { KeyStore } from './keyStore';

/** `ClinikAPI: Clear API Key`: removes the key from secret storage. */
export function registerClearApiKey(keys: KeyStore): vscode.Disposable {
  return vscode.commands.registerCommand('clinikapi.clearApiKey', async () => {
    await keys.clear();
    void vscode.window.showInformationMessage('ClinikAPI key removed.');
  });
}
