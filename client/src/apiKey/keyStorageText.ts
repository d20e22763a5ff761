import * as vscode from 'vscode';

/**
 * Where SecretStorage keeps the key, in the words the Set API Key messages and the status bar
 * tooltip use, from what VS Code reports: desktop VS Code keeps secrets on this computer (its
 * keychain); in a browser (VS Code for the Web, code-server, Codespaces) they are kept by the
 * workbench in that browser, and depending on the host (`vscode.env.appHost`) possibly only for
 * the browser session. Never a fallback to settings or state: there is no other place.
 */
export function keyStorageText(env: { uiKind: vscode.UIKind; appHost: string } = vscode.env): string {
  if (env.uiKind === vscode.UIKind.Web) {
    return `Kept in the secret storage of VS Code in this browser (${env.appHost || 'web'}); depending on how this VS Code is hosted, possibly only until the browser session ends.`;
  }
  return "Kept in VS Code's secret storage on this computer (the system keychain).";
}
