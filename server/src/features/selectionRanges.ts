import { findNodeAtOffset, type Node } from 'jsonc-parser';
import type { Position, Range, SelectionRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from '../parse/parsedDocument';

/**
 * Expand selection: the word inside a string, the string, the whole `"key": value`, the inside
 * of the enclosing object or list, the object or list with its brackets, and so on out to the
 * whole document.
 */
export function computeSelectionRanges(document: TextDocument, parsed: ParsedDocument, positions: Position[]): SelectionRange[] {
  return positions.map((position) => selectionAt(document, parsed, document.offsetAt(position)));
}

function selectionAt(document: TextDocument, parsed: ParsedDocument, offset: number): SelectionRange {
  const spans: [number, number][] = [];
  let node: Node | undefined = parsed.root ? findNodeAtOffset(parsed.root, offset, true) : undefined;
  if (node?.type === 'string' && offset > node.offset && offset < node.offset + node.length) {
    spans.push([node.offset + 1, node.offset + node.length - 1]);
  }
  while (node) {
    if ((node.type === 'object' || node.type === 'array') && node.length >= 2) {
      const inner = innerSpan(parsed.text, node);
      if (inner) spans.push(inner);
    }
    spans.push([node.offset, node.offset + node.length]);
    node = node.parent;
  }
  let result: SelectionRange | undefined;
  let last: [number, number] | undefined;
  // Innermost first in `spans`; build the chain outermost first, keeping only strictly growing spans.
  const growing = spans.filter((span) => {
    const grows = !last || (span[0] <= last[0] && span[1] >= last[1] && (span[0] < last[0] || span[1] > last[1]));
    if (grows) last = span;
    return grows && span[0] <= offset && offset <= span[1];
  });
  for (let i = growing.length - 1; i >= 0; i--) {
    result = { range: rangeOf(document, growing[i]!), ...(result ? { parent: result } : {}) };
  }
  return result ?? { range: { start: document.positionAt(offset), end: document.positionAt(offset) } };
}

/** The content between the brackets, without the surrounding whitespace. */
function innerSpan(text: string, node: Node): [number, number] | undefined {
  let start = node.offset + 1;
  let end = node.offset + node.length - 1;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? [start, end] : undefined;
}

function rangeOf(document: TextDocument, [start, end]: [number, number]): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}
