import type * as vscode from 'vscode';
import { DOCUMENT_SELECTOR, isClinikDocDocument } from '../../../shared/protocol';

/** Is this editor document a ClinikDoc document? The protocol module's rule, for VS Code's types. */
export function isClinikDoc(document: vscode.TextDocument): boolean {
  return isClinikDocDocument({ languageId: document.languageId, uri: document.uri.toString() });
}

/** ClinikDoc documents, as VS Code's features (code lenses, paste, the language client) select them. */
export const CLINIKDOC_SELECTOR: vscode.DocumentFilter[] = DOCUMENT_SELECTOR.map((filter) => ({ ...filter }));
