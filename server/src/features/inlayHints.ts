import type { Node } from 'jsonc-parser';
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatCount, serverLength } from '../../../shared/textLength';
import type { ParsedDocument } from '../parse/parsedDocument';
import { documentSchema, type JsonPath, type JsonSchema } from '../../../shared/documentSchema';

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
  const inRange = (offset: number) => offset >= start && offset <= end;
  // Walk the tree and the schema together, skipping what lies outside the range or the schema.
  const visit = (node: Node, schema: JsonSchema | undefined, path: JsonPath): void => {
    if (!schema || node.offset > end || node.offset + node.length < start) return;
    if (node.type === 'string' && schema.maxLength !== undefined && inRange(node.offset)) {
      const limit = schema.maxLength;
      const length = serverLength(String(node.value));
      const isSectionText = path.length === 3 && path[0] === 'sections' && path[2] === 'text';
      if (isSectionText || length >= limit * SIZE_HINT_THRESHOLD) {
        hints.push({
          position: document.positionAt(node.offset),
          label: `${formatCount(length)} / ${formatCount(limit)}`,
          kind: InlayHintKind.Type,
          paddingRight: true,
          tooltip: `${formatCount(length)} of the ${formatCount(limit)} characters ClinikAPI allows here (UTF-16 code units: an emoji counts 2).`,
        });
      }
    } else if (node.type === 'array') {
      const limit = schema.maxItems;
      if (limit !== undefined && inRange(node.offset + 1)) {
        const count = node.children?.length ?? 0;
        hints.push({
          position: document.positionAt(node.offset + 1),
          label: `${formatCount(count)} / ${formatCount(limit)}`,
          kind: InlayHintKind.Type,
          paddingLeft: true,
          tooltip: `${formatCount(count)} of the ${formatCount(limit)} items ClinikAPI allows here.`,
        });
      }
      (node.children ?? []).forEach((item, i) => visit(item, schema.items, [...path, i]));
    } else if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) visit(value, schema.properties?.[String(key.value)], [...path, String(key.value)]);
      }
    }
  };
  visit(parsed.root, documentSchema, []);
  return hints;
}
