import type * as vscode from 'vscode';

/**
 * The one client bundle, dist/extension.js, for both extension hosts (package.json `main` and
 * `browser`): desktop VS Code's Node host and VS Code for the Web's web worker host. One bundle,
 * so the .vsix carries vscode-languageclient and the shared client once, not twice. Each host
 * loads only its own entry: the Node one (node/main.ts: a child process, node:http) is never
 * evaluated in the web worker, where `require` knows only `vscode`; the browser one is exactly
 * what test/unit/browserBundles.test.ts bundles without a Node built-in.
 */
interface HostEntry {
  activate(context: vscode.ExtensionContext): Promise<void>;
  deactivate(): Promise<void> | undefined;
}

/** Defined in a web worker's global scope only. */
declare const WorkerGlobalScope: unknown;

let entry: HostEntry | undefined;

function hostEntry(): HostEntry {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  entry ??= (typeof WorkerGlobalScope !== 'undefined' ? require('./browser/main') : require('./node/main')) as HostEntry;
  return entry;
}

export function activate(context: vscode.ExtensionContext): Promise<void> {
  return hostEntry().activate(context);
}

export function deactivate(): Promise<void> | undefined {
  return entry?.deactivate();
}
