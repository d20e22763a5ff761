import * as vscode from 'vscode';
import type { KeyStore } from './keyStore';
import { keyStorageText } from './keyStorageText';

/** What the tooltip adds about resolving ids (the reference service). */
export interface TooltipSource {
  describe(): string;
  onDidChange: vscode.Event<void>;
}

/** Shows which key is set (test, live, none); clicking it sets one. The tooltip says whether ids are resolved. */
export function createKeyStatusBar(keys: KeyStore, references?: TooltipSource): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('clinikapi.keyStatus', vscode.StatusBarAlignment.Right, 100);
  item.name = 'ClinikAPI key';
  item.command = 'clinikapi.setApiKey';

  const update = async () => {
    const kind = await keys.kind();
    if (kind === 'live') {
      item.text = '$(key) ClinikAPI: live key';
      item.tooltip = `A production key (clk_live_…) is set: submissions create real clinical records. ${keyStorageText()} Click to change it.`;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else if (kind === 'test') {
      item.text = '$(key) ClinikAPI: test key';
      item.tooltip = `A sandbox key (clk_test_…) is set. ${keyStorageText()} Click to change it.`;
      item.backgroundColor = undefined;
    } else {
      item.text = '$(circle-slash) ClinikAPI: no key';
      item.tooltip = 'No ClinikAPI key is set. Click to set one.';
      item.backgroundColor = undefined;
    }
    if (references) item.tooltip = `${item.tooltip}\n${references.describe()}`;
    item.show();
  };
  void update();
  const sub = keys.onDidChange(() => void update());
  const refs = references?.onDidChange(() => void update());
  return vscode.Disposable.from(item, sub, ...(refs ? [refs] : []));
}
