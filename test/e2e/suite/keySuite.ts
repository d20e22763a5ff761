// Checks run after a UI journey has set an API key: the key lives in SecretStorage only and
// never reaches settings (user, workspace or folder), in any `clinikapi.*` setting.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestCase } from './harness';

function settingValues(): Array<{ where: string; value: unknown }> {
  const config = vscode.workspace.getConfiguration('clinikapi');
  const out: Array<{ where: string; value: unknown }> = [];
  const keys = Object.keys(config).filter((k) => typeof (config as unknown as Record<string, unknown>)[k] !== 'function');
  for (const key of keys) {
    const i = config.inspect(key);
    if (!i) continue;
    out.push(
      { where: `user ${key}`, value: i.globalValue },
      { where: `workspace ${key}`, value: i.workspaceValue },
      { where: `folder ${key}`, value: i.workspaceFolderValue },
    );
  }
  return out;
}

async function readIfExists(uri: vscode.Uri): Promise<string> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return '';
  }
}

export function keySuite(params: { key: string }): TestCase[] {
  return [
    {
      name: 'the API key set through the command never reaches any clinikapi setting',
      async fn() {
        assert.ok(params.key.startsWith('clk_test_'));
        for (const { where, value } of settingValues()) {
          assert.ok(!JSON.stringify(value ?? null).includes(params.key), `the key is in the ${where} setting`);
        }
        const folder = vscode.workspace.workspaceFolders?.[0];
        assert.ok(folder);
        const workspaceSettings = await readIfExists(vscode.Uri.joinPath(folder.uri, '.vscode/settings.json'));
        assert.ok(!workspaceSettings.includes(params.key), 'the key is in .vscode/settings.json');
      },
    },
  ];
}
