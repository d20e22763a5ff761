import * as vscode from 'vscode';
import { registerClearApiKey } from './clearApiKeyCommand';
import { createKeyStatusBar, type TooltipSource } from './keyStatusBar';
import type { KeyStore } from './keyStore';
import { registerSetApiKey } from './setApiKeyCommand';

/** The API key's VS Code side: Set and Clear API Key, and the status bar item that says which key is set. */
export function registerApiKey(keys: KeyStore, tooltip?: TooltipSource): vscode.Disposable {
  return vscode.Disposable.from(createKeyStatusBar(keys, tooltip), registerSetApiKey(keys), registerClearApiKey(keys));
}
