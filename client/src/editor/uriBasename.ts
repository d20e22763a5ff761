import type * as vscode from 'vscode';

/** The file name of a URI (its path always uses `/`, whatever the platform or scheme). */
export function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
