import { findNodeAtOffset, type Node } from 'jsonc-parser';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeRange } from '../common/ranges';
import { formatCount, serverLength, visibleLength } from '../../../shared/textLength';
import type { ParsedDocument } from '../parse/parsedDocument';
import { pathOf } from '../parse/nodes';
import { enumDescription, schemaAt, type JsonSchema } from '../../../shared/documentSchema';
import { itemNoun, propertyDocumentation } from '../schema/schemaDocs';

/**
 * Hover on a key or a value: the property's documentation and limits from the schema, the
 * current size where a limit applies, and the meaning of an enum value.
 */
export function computeHover(document: TextDocument, parsed: ParsedDocument, position: Position): Hover | null {
  if (!parsed.root) return null;
  const offset = document.offsetAt(position);
  const node = findNodeAtOffset(parsed.root, offset, false);
  if (!node) return null;

  // The value node the hover is about, and the node to highlight.
  let value: Node | undefined;
  let target: Node;
  const parent = node.parent;
  if (parent?.type === 'property' && parent.children?.[0] === node) {
    value = parent.children[1];
    target = node;
  } else if (node.type === 'property') {
    value = node.children?.[1];
    target = node.children?.[0] ?? node;
  } else {
    value = node;
    target = node;
  }
  const path = value ? pathOf(value) : pathOf(node.type === 'property' ? node.children![0]! : node).slice(0, -1);
  if (!value && target.type === 'string' && target.parent?.type === 'property') path.push(target.value as string);
  const schema = schemaAt(path);
  if (!schema) return null;

  const last = path[path.length - 1];
  const parentSchema = schemaAt(path.slice(0, -1));
  const name = typeof last === 'string' ? last : `${String(path[path.length - 2] ?? 'item')}[${last ?? ''}]`;
  const required = typeof last === 'string' && (parentSchema?.required?.includes(last) ?? false);
  const parts = [propertyDocumentation(name, schema, required)];
  const size = value ? currentSize(value, schema, last) : undefined;
  if (size) parts.push(size);
  if (value?.type === 'string' && schema.enum) {
    const meaning = enumDescription(schema, value.value as string);
    if (meaning) parts.push(`Current value: ${meaning}`);
  }
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: nodeRange(document, target) };
}

/** "Current length: 512 / 500 characters", or "Current: 12 / 50 sections". */
function currentSize(value: Node, schema: JsonSchema, last: string | number | undefined): string | undefined {
  if (value.type === 'string' && schema.maxLength !== undefined) {
    const text = value.value as string;
    const length = serverLength(text);
    const over = length > schema.maxLength ? ' — **over the limit**' : '';
    let line = `Current length: ${formatCount(length)} / ${formatCount(schema.maxLength)} characters${over}`;
    const visible = visibleLength(text);
    if (visible !== length) {
      line += `\n\nClinikAPI counts UTF-16 code units: ${formatCount(visible)} visible characters count as ${formatCount(length)} (an emoji or a letter with a combining accent counts 2 or more).`;
    }
    return line;
  }
  if (value.type === 'array' && (schema.maxItems !== undefined || schema.minItems !== undefined)) {
    const count = value.children?.length ?? 0;
    const limit = schema.maxItems !== undefined ? ` / ${formatCount(schema.maxItems)}` : '';
    return `Current: ${formatCount(count)}${limit} ${itemNoun(last)}`;
  }
  return undefined;
}
