import * as vscode from 'vscode';
import type { KeyStore } from './keyStore';
import { keyStorageText } from './keyStorageText';
import type { LatestQuota } from '../api/quota';
import { quotaView } from './quotaText';

/** The setting: below this share (percent) of a limit left, the item warns. */
export const QUOTA_WARNING_SETTING = 'clinikapi.quotaWarningPercent';

function warningThreshold(): number {
  const value = vscode.workspace.getConfiguration().get<number>(QUOTA_WARNING_SETTING, 10);
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(100, Math.max(0, value)) / 100 : 0.1;
}

/** What the tooltip adds about resolving ids (the reference service). */
export interface TooltipSource {
  describe(): string;
  onDidChange: vscode.Event<void>;
}

/**
 * Shows which key is set (test, live, none); clicking it sets one. The tooltip says whether ids
 * are resolved and what is left of ClinikAPI's limits as of the last answer; below the
 * `clinikapi.quotaWarningPercent` threshold the item warns. It also sets the context key
 * `clinikapi.testKeySet` (a test key is stored), which the walkthrough's first step waits for.
 */
export function createKeyStatusBar(keys: KeyStore, references?: TooltipSource, quota?: LatestQuota): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('clinikapi.keyStatus', vscode.StatusBarAlignment.Right, 100);
  item.name = 'ClinikAPI key';
  item.command = 'clinikapi.setApiKey';

  let refresh: ReturnType<typeof setTimeout> | undefined;
  const update = async () => {
    const kind = await keys.kind();
    void vscode.commands.executeCommand('setContext', 'clinikapi.testKeySet', kind === 'test');
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
    if (quota && kind) {
      const now = Date.now();
      const snapshot = quota.current();
      const view = quotaView(snapshot, { threshold: warningThreshold(), now });
      item.tooltip = `${item.tooltip}\n\n${view.lines.join('\n')}`;
      if (view.short) {
        item.text = `$(warning) ${item.text.replace(/^\$\([a-z-]+\) /, '')} · ${view.short}`;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      }
      // A per-minute window that ends lifts its warning: look again then.
      clearTimeout(refresh);
      const rateReset = view.low.includes('rate') ? snapshot?.rate?.resetsAt : undefined;
      if (rateReset !== undefined) refresh = setTimeout(() => void update(), Math.max(0, rateReset - now) + 50);
    }
    item.show();
  };
  void update();
  const sub = keys.onDidChange(() => {
    // Another key is another account's limits.
    quota?.clear();
    void update();
  });
  const refs = references?.onDidChange(() => void update());
  const answers = quota?.onDidChange(() => void update());
  const setting = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(QUOTA_WARNING_SETTING)) void update();
  });
  return vscode.Disposable.from(item, sub, setting, ...(refs ? [refs] : []), ...(answers ? [answers] : []), { dispose: () => clearTimeout(refresh) });
}
