import type { Node } from 'jsonc-parser';
import type { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** The LSP range of the offsets [start, end) of a document. */
export function rangeOf(document: TextDocument, start: number, end: number): Range {
  const from = document.positionAt(start);
  // A short span on one line (a key, a value: most diagnostics) ends on the line it starts on;
  // a document with 60,000 of them is spared as many line searches.
  if (end - start <= SHORT_SPAN && end <= document.getText().length && !LINE_BREAK.test(document.getText().slice(start, end))) {
    return { start: from, end: { line: from.line, character: from.character + (end - start) } };
  }
  return { start: from, end: document.positionAt(end) };
}

const SHORT_SPAN = 256;
const LINE_BREAK = /[\r\n]/;

/** The LSP range a syntax-tree node covers. */
export function nodeRange(document: TextDocument, node: Node): Range {
  return rangeOf(document, node.offset, node.offset + node.length);
}
