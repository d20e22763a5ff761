import type { Node } from 'jsonc-parser';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { rangeOf } from '../common/ranges';
import type { ParsedDocument } from '../parse/parsedDocument';
import { locationAt } from '../parse/location';
import { nodeAtPath } from '../parse/nodes';
import { enumDescription, schemaAt, type JsonPath, type JsonSchema } from '../../../shared/documentSchema';
import { stripSnippet } from '../schema/placeholder';
import { propertyDocumentation } from '../schema/schemaDocs';

/**
 * Completion from the schema: property keys not yet present (with a value placeholder), enum
 * values, suggested document types, and whole snippets for list items (a section, a sub-section,
 * an attester, an event, a relationship).
 */
export function computeCompletion(document: TextDocument, parsed: ParsedDocument, position: Position): CompletionList {
  // getLocation re-scans the text up to the cursor, recursively: not for text too deep to parse.
  if (parsed.tooDeepAt !== undefined) return list([]);
  const offset = document.offsetAt(position);
  const text = parsed.text;
  const location = locationAt(parsed, offset);
  const previous = location.previousNode;
  const items: CompletionItem[] = [];

  if (location.isAtPropertyKey) {
    const objectPath = location.path.slice(0, -1);
    const schema = schemaAt(objectPath);
    if (schema?.type !== 'object' || !schema.properties) return list(items);
    // getLocation reports the key being typed as a 'property' node spanning the quoted key.
    const replacing = (previous?.type === 'string' || previous?.type === 'property') && previous.offset <= offset && offset <= previous.offset + previous.length ? previous : undefined;
    const range = replacing ? rangeOf(document, replacing.offset, replacing.offset + replacing.length) : wordRange(document, text, offset);
    const present = presentKeys(parsed.root, objectPath, replacing?.offset);
    const after = replacing ? replacing.offset + replacing.length : offset;
    const hasColon = /^\s*:/.test(text.slice(after, after + 200));
    const needsComma = !hasColon && /^\s*"/.test(text.slice(after, after + 200));
    for (const [name, propertySchema] of Object.entries(schema.properties)) {
      if (present.has(name)) continue;
      const required = schema.required?.includes(name) ?? false;
      const insert = hasColon ? `"${name}"` : `"${name}": ${valuePlaceholder(propertySchema)}${needsComma ? ',' : ''}`;
      items.push({
        label: name,
        kind: CompletionItemKind.Property,
        detail: required ? 'required' : 'optional',
        documentation: { kind: MarkupKind.Markdown, value: propertyDocumentation(name, propertySchema, required) },
        filterText: `"${name}"`,
        // Required properties first, then in the schema's order.
        sortText: `${required ? 0 : 1}${String(items.length).padStart(3, '0')}`,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: insert },
        ...(hasColon ? {} : { command: retrigger(propertySchema) }),
      });
    }
    return list(items);
  }

  const path = location.path;
  const schema = schemaAt(path);
  if (!schema) return list(items);
  const replacing = previous && previous.type !== 'property' && previous.type !== 'object' && previous.type !== 'array' && previous.offset <= offset && offset <= previous.offset + previous.length ? previous : undefined;
  const range = replacing ? rangeOf(document, replacing.offset, replacing.offset + replacing.length) : wordRange(document, text, offset);

  for (const value of schema.enum ?? []) {
    const meaning = enumDescription(schema, value);
    items.push({
      label: JSON.stringify(value),
      kind: CompletionItemKind.EnumMember,
      detail: meaning?.replace(/^[^:]+:\s*/, '').split('. ')[0],
      documentation: meaning ? { kind: MarkupKind.Markdown, value: meaning } : undefined,
      filterText: JSON.stringify(value),
      sortText: String(items.length).padStart(3, '0'),
      textEdit: { range, newText: JSON.stringify(value) },
    });
  }
  for (const [value, meaning] of Object.entries(schema['x-clinikapi-suggestions'] ?? {})) {
    items.push({
      label: JSON.stringify(value),
      kind: CompletionItemKind.Value,
      detail: 'known document type',
      documentation: { kind: MarkupKind.Markdown, value: `${meaning}\n\nFree text is allowed too.` },
      filterText: JSON.stringify(value),
      sortText: String(items.length).padStart(3, '0'),
      textEdit: { range, newText: JSON.stringify(value) },
    });
  }
  // Inside a list: whole items from the list's snippets.
  const parentSchema = typeof path[path.length - 1] === 'number' ? schemaAt(path.slice(0, -1)) : undefined;
  for (const snippet of parentSchema?.defaultSnippets ?? []) {
    const body = Array.isArray(snippet.body) ? snippet.body[0] : snippet.body;
    if (body === undefined) continue;
    items.push({
      label: snippet.label,
      kind: CompletionItemKind.Snippet,
      detail: snippet.description,
      documentation: { kind: MarkupKind.Markdown, value: '```json\n' + snippetText(stripSnippet(body)) + '\n```' },
      sortText: `0${snippet.label}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: snippetText(body) },
    });
  }
  // The value of an empty list property: the list with its first item.
  if (!replacing && typeof path[path.length - 1] === 'string') {
    for (const snippet of schema.defaultSnippets ?? []) {
      items.push({
        label: `[${snippet.label}]`,
        kind: CompletionItemKind.Snippet,
        detail: snippet.description,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: snippetText(snippet.body) },
      });
    }
  }
  return list(items);
}

function list(items: CompletionItem[]): CompletionList {
  return { isIncomplete: false, items };
}

/** Keys already in the object at `path`, except the one being typed. */
function presentKeys(root: Node | undefined, path: JsonPath, typingAt: number | undefined): Set<string> {
  const object = nodeAtPath(root, path);
  const keys = new Set<string>();
  for (const property of object?.type === 'object' ? object.children ?? [] : []) {
    const key = property.children?.[0];
    if (key && key.offset !== typingAt) keys.add(key.value as string);
  }
  return keys;
}

/** The snippet inserted after `"key": `, from the schema. */
export function valuePlaceholder(schema: JsonSchema): string {
  if (schema.enum) return `"\${1|${schema.enum.join(',')}|}"`;
  if (schema.defaultSnippets?.[0]) return snippetText(schema.defaultSnippets[0].body);
  switch (schema.type) {
    case 'array': return '[$1]';
    case 'object': return '{$1}';
    default: {
      const example = schema.examples?.[0];
      return typeof example === 'string' ? `"\${1:${example}}"` : '"$1"';
    }
  }
}

/** A snippet body (JSON with ${n:…} placeholders in its strings) as snippet text, tab-indented. */
export function snippetText(body: unknown): string {
  return JSON.stringify(body, null, '\t');
}

/** After inserting a key with suggested free-text values (the document type), suggest them. */
function retrigger(schema: JsonSchema): CompletionItem['command'] {
  return schema['x-clinikapi-suggestions'] ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined;
}

function wordRange(document: TextDocument, text: string, offset: number): Range {
  let start = offset;
  while (start > 0 && /[\w-]/.test(text[start - 1]!)) start--;
  return rangeOf(document, start, offset);
}
