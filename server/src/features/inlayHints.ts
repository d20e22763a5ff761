import type { Node } from 'jsonc-parser';
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatCount, serverLength } from '../common/textLength';
import { pathOf } from '../parse/nodes';
import type { ParsedDocument } from '../parse/parsedDocument';
import { schemaAt } from '../schema/documentSchema';

/**
 * A string with a maximum length gets its size (`1,234 / 50,000`) once it has used this share of
 * it. Section texts are the exception: they always show it, since they are where documents run
 * long and the room left is worth seeing while writing.
 */
export const SIZE_HINT_THRESHOLD = 0.5;

/**
 * Sizes where they matter, counted as ClinikAPI counts them (serverLength): before the value of
 * a long string that has a limit, and after the `[` of a list with a maximum number of items
 * (`sections`: `12 / 50`). Only hints placed inside `range` are returned.
 */
export function computeInlayHints(document: TextDocument, parsed: ParsedDocument, range: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  if (!parsed.root) return hints;
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const stack: Node[] = [parsed.root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.offset > end || node.offset + node.length < start) continue;
    if (node.type === 'string' && isValue(node)) {
      const path = pathOf(node);
      const limit = schemaAt(path)?.maxLength;
      const length = serverLength(String(node.value));
      const isSectionText = path.length === 3 && path[0] === 'sections' && path[2] === 'text';
      if (limit !== undefined && (isSectionText || length >= limit * SIZE_HINT_THRESHOLD)) {
        hints.push({
          position: document.positionAt(node.offset),
          label: `${formatCount(length)} / ${formatCount(limit)}`,
          kind: InlayHintKind.Type,
          paddingRight: true,
          tooltip: `${formatCount(length)} of the ${formatCount(limit)} characters ClinikAPI allows here (UTF-16 code units: an emoji counts 2).`,
        });
      }
    } else if (node.type === 'array') {
      const limit = schemaAt(pathOf(node))?.maxItems;
      if (limit !== undefined) {
        const count = node.children?.length ?? 0;
        hints.push({
          position: document.positionAt(node.offset + 1),
          label: `${formatCount(count)} / ${formatCount(limit)}`,
          kind: InlayHintKind.Type,
          paddingLeft: true,
          tooltip: `${formatCount(count)} of the ${formatCount(limit)} items ClinikAPI allows here.`,
        });
      }
    }
    for (const child of node.children ?? []) stack.push(child);
  }
  return hints
    .filter((h) => {
      const at = document.offsetAt(h.position);
      return at >= start && at <= end;
    })
    .sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}

/** A string that is a value (not a property's key). */
function isValue(node: Node): boolean {
  return !(node.parent?.type === 'property' && node.parent.children?.[0] === node);
}
