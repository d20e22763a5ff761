import * as vscode from 'vscode';
import { DEFAULT_BASE_URL } from '../api/endpoint';
import { timeoutSeconds, userLevelValue } from './settingsPolicy';


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
  // The confirmation and the timeout are read at user level too: a workspace must not switch
  // the confirmation off.
  const confirm = userLevelValue(config.inspect<boolean>('confirmLiveSubmissions'), true);
  return {
    baseUrl: base.value,
    ignoredWorkspaceBaseUrl: base.ignoredWorkspaceValue,
    timeoutSeconds: timeoutSeconds(userLevelValue(config.inspect<number>('requestTimeoutSeconds'), 30).value),
    confirmLiveSubmissions: confirm.value,
  };
}
