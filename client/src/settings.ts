import * as vscode from 'vscode';
import { timeoutSeconds, userLevelValue } from './submission/settingsPolicy';

export const DEFAULT_BASE_URL = 'https://api.clinikapi.com';

/** The submission settings, read when a submission starts. */
export interface SubmissionSettings {
  /** From user settings only: a workspace cannot send the key elsewhere. */
  baseUrl: string;
  /** True when a workspace or folder tried to set `clinikapi.baseUrl` (and was ignored). */
  ignoredWorkspaceBaseUrl: boolean;
  timeoutSeconds: number;
  confirmLiveSubmissions: boolean;
}

export function readSubmissionSettings(): SubmissionSettings {
  const config = vscode.workspace.getConfiguration('clinikapi');
  const base = userLevelValue(config.inspect<string>('baseUrl'), DEFAULT_BASE_URL);
  // The confirmation is also read at user level: a workspace must not switch it off.
  const confirm = userLevelValue(config.inspect<boolean>('confirmLiveSubmissions'), true);
  return {
    baseUrl: base.value,
    ignoredWorkspaceBaseUrl: base.ignoredWorkspaceValue,
    timeoutSeconds: timeoutSeconds(config.get('requestTimeoutSeconds')),
    confirmLiveSubmissions: confirm.value,
  };
}
