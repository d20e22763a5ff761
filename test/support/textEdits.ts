import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';

/** The text after applying LSP edits (as an editor would: all ranges refer to the original text). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'json', 1, text), edits);
}

/** The part of `text` that an LSP range covers. */
export function textInRange(text: string, range: Range): string {
  return TextDocument.create('file:///x', 'json', 1, text).getText(range);
}

/** The edits a workspace edit makes to one document. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  const edits = edit?.changes?.[uri];
  if (!edits) throw new Error(`the edit does not change ${uri}: ${JSON.stringify(edit)}`);
  return edits;
}
