import * as vscode from 'vscode';
import { DEFAULT_BASE_URL } from '../api/endpoint';
import { DEFAULT_SETTLE, type SettleSettings } from '../record/submissionRecords';
import { timeoutSeconds, userLevelValue } from './settingsPolicy';

/** The submission settings, read when a submission starts. */
export interface SubmissionSettings {
  /** From user settings only: a workspace cannot send the key elsewhere. */
  baseUrl: string;
  /** True when a workspace or folder tried to set `clinikapi.baseUrl` (and was ignored). */
  ignoredWorkspaceBaseUrl: boolean;
  timeoutSeconds: number;
  confirmLiveSubmissions: boolean;
  /** How long an unknown outcome takes to settle (record/submissionRecords.ts `settleTime`). */
  settle: SettleSettings;
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
    // User level too: a workspace must not shorten the wait after which "not found" means "not created".
    settle: {
      serverWorkSeconds: seconds(userLevelValue(config.inspect<number>('createdCheck.serverWorkSeconds'), DEFAULT_SETTLE.serverWorkSeconds).value, DEFAULT_SETTLE.serverWorkSeconds),
      searchLagSeconds: seconds(userLevelValue(config.inspect<number>('createdCheck.searchLagSeconds'), DEFAULT_SETTLE.searchLagSeconds).value, DEFAULT_SETTLE.searchLagSeconds),
    },
  };
}

/** A whole number of seconds from 0 to an hour; anything else is the default. */
function seconds(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 3600 ? Math.round(value) : fallback;
}
