import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatEdits } from '../common/safeFormat';

/**
 * Formats the whole document, or only `range`, with the editor's tab size and spaces/tabs, in the
 * document's own line ending. A final newline is added only when the editor asks
 * (`insertFinalNewline`).
 */
export function computeFormatting(document: TextDocument, options: FormattingOptions, range?: Range): TextEdit[] {
  const text = document.getText();
  const offsets = range ? { offset: document.offsetAt(range.start), length: document.offsetAt(range.end) - document.offsetAt(range.start) } : undefined;
  // Undefined for a text nested too deep to format in bounded time (see safeFormat.ts).
  const edits = formatEdits(text, offsets, {
    tabSize: options.tabSize,
    insertSpaces: options.insertSpaces,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    insertFinalNewline: !range && options.insertFinalNewline === true,
    keepLines: false,
  });
  return (edits ?? []).map((e) => ({
    range: { start: document.positionAt(e.offset), end: document.positionAt(e.offset + e.length) },
    newText: e.content,
  }));
}
