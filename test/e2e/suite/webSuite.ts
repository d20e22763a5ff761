// The web pass's proof of where it runs: ClinikDoc and this suite are in VS Code's web worker
// extension host (the user setting remote.extensionKind put them there), not in Node.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestCase } from './harness';

const EXTENSION_ID = 'clinikapi.clinikdoc';

export const webSuite: TestCase[] = [
  {
    name: 'this extension host is the web worker (typeof WorkerGlobalScope), without Node (typeof process), and ClinikDoc runs in it',
    async fn() {
      const scope = globalThis as { WorkerGlobalScope?: unknown; process?: unknown; self?: unknown };
      assert.equal(typeof scope.WorkerGlobalScope, 'function', 'WorkerGlobalScope exists here');
      assert.ok(scope.self instanceof (scope.WorkerGlobalScope as new () => unknown), 'self is a WorkerGlobalScope');
      assert.equal(typeof scope.process, 'undefined', 'there is no Node process here');
      assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is in this extension host`);
      assert.ok(extension.isActive, `${EXTENSION_ID} is active here`);
      assert.equal((extension.packageJSON as { browser?: string }).browser, './dist/extension.js');
    },
  },
];

/** Points submissions at another emulator (a user setting, as a person would change it). */
export function pointSubmissionsAt(baseUrl: string): TestCase {
  return {
    name: `clinikapi.baseUrl (user setting) set to ${baseUrl}`,
    async fn() {
      assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      await vscode.workspace.getConfiguration('clinikapi').update('baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
      assert.equal(vscode.workspace.getConfiguration('clinikapi').inspect<string>('baseUrl')?.globalValue, baseUrl);
    },
  };
}
