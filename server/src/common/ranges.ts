import type { Node } from 'jsonc-parser';
import type { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** The LSP range of the offsets [start, end) of a document. */
export function rangeOf(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/** The LSP range a syntax-tree node covers. */
export function nodeRange(document: TextDocument, node: Node): Range {
  return rangeOf(document, node.offset, node.offset + node.length);
}
