import * as vscode from 'vscode';
import { registerClearApiKey } from './clearApiKeyCommand';
import { createKeyStatusBar, type TooltipSource } from './keyStatusBar';
import type { KeyStore } from './keyStore';
import type { LatestQuota } from '../api/quota';
import { registerSetApiKey } from './setApiKeyCommand';

/**
 * The API key's VS Code side: Set and Clear API Key, and the status bar item that says which key
 * is set and what is left of its limits.
 */
export function registerApiKey(keys: KeyStore, tooltip?: TooltipSource, quota?: LatestQuota): vscode.Disposable {
  return vscode.Disposable.from(createKeyStatusBar(keys, tooltip, quota), registerSetApiKey(keys), registerClearApiKey(keys));
}
