import type { Node } from 'jsonc-parser';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from '../parse/parsedDocument';

/**
 * A fold for every object and list that spans lines, from its opening line to the line before
 * its closing bracket (so the bracket stays visible). At most `rangeLimit` folds, outermost first.
 */
export function computeFoldingRanges(document: TextDocument, parsed: ParsedDocument, rangeLimit = Number.MAX_SAFE_INTEGER): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const queue: Node[] = parsed.root ? [parsed.root] : [];
  // Breadth first (outermost folds first); an index, not shift(), keeps it linear.
  for (let next = 0; next < queue.length && ranges.length < rangeLimit; next++) {
    const node = queue[next]!;
    if (node.type === 'object' || node.type === 'array') {
      const startLine = document.positionAt(node.offset).line;
      const close = document.positionAt(node.offset + node.length);
      // When the bracket is on its own line (maybe after the last item) keep it out of the fold.
      const endLine = close.character > 0 && closesOwnLine(document, node) ? close.line - 1 : close.line;
      if (endLine > startLine) ranges.push({ startLine, endLine, kind: FoldingRangeKind.Region });
    }
    for (const child of node.children ?? []) queue.push(child);
  }
  return ranges;
}

function closesOwnLine(document: TextDocument, node: Node): boolean {
  const end = node.offset + node.length;
  const close = document.positionAt(end);
  const lineStart = document.offsetAt({ line: close.line, character: 0 });
  return document.getText().slice(lineStart, end - 1).trim() === '';
}
