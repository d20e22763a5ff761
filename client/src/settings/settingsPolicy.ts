/** The values of one setting at each level, as `WorkspaceConfiguration.inspect` returns them. */
export interface InspectedSetting<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/**
 * The value a workspace cannot choose: the user's own (user settings), else the default.
 * `clinikapi.baseUrl` is declared with `application` scope, so VS Code already ignores it in a
 * workspace's .vscode/settings.json; reading only the user level here keeps that true even if
 * the declaration ever changes. `ignoredWorkspaceValue` says a workspace tried to set it.
 */
export function userLevelValue<T>(inspected: InspectedSetting<T> | undefined, fallback: T): { value: T; ignoredWorkspaceValue: boolean } {
  const value = inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
  const ignoredWorkspaceValue =
    (inspected?.workspaceValue !== undefined && inspected.workspaceValue !== value) ||
    (inspected?.workspaceFolderValue !== undefined && inspected.workspaceFolderValue !== value);
  return { value, ignoredWorkspaceValue };
}

/** A timeout in seconds, clamped to something sensible whatever the settings say. */
export function timeoutSeconds(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : 30;
  return Math.min(300, Math.max(1, Math.round(n)));
}
