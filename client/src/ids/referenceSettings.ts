import * as vscode from 'vscode';
import { userLevelValue } from '../settings/settingsPolicy';

/** The reference settings, read at user level: a workspace cannot turn them on behind the user's back. */
export interface ReferenceSettings {
  /** `clinikapi.references.resolve`: read what the ids are at all. */
  resolve: boolean;
  /** `clinikapi.references.inlayHints`: names after the ids (off for shared screens). */
  inlayHints: boolean;
}

export function readReferenceSettings(): ReferenceSettings {
  const config = vscode.workspace.getConfiguration('clinikapi.references');
  return {
    resolve: userLevelValue(config.inspect<boolean>('resolve'), true).value,
    inlayHints: userLevelValue(config.inspect<boolean>('inlayHints'), true).value,
  };
}
