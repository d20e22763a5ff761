import * as vscode from 'vscode';
import type { KeyStore } from './keyStore';
import { keyStorageText } from './keyStorageText';
import { apiKeyKind, apiKeyProblem } from '../api/apiKey';

/** `ClinikAPI: Set API Key`: a password box; only clk_test_… / clk_live_… keys are stored. */
export function registerSetApiKey(keys: KeyStore): vscode.Disposable {
  return vscode.commands.registerCommand('clinikapi.setApiKey', async () => {
    const key = await vscode.window.showInputBox({
      title: 'ClinikAPI: Set API Key',
      prompt: `Your ClinikAPI key: clk_test_… (sandbox) or clk_live_… (production). ${keyStorageText()}`,
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'clk_test_…',
      validateInput: (value) => apiKeyProblem(value),
    });
    if (key === undefined) return;
    const trimmed = key.trim();
    if (apiKeyProblem(trimmed)) return;
    await keys.set(trimmed);
    const kind = apiKeyKind(trimmed);
    void vscode.window.showInformationMessage(
      `${kind === 'live' ? 'ClinikAPI live (production) key saved. Submissions will create real clinical records.' : 'ClinikAPI test (sandbox) key saved.'} ${keyStorageText()}`,
    );
  });
}
