import type { Node } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from '../parse/parsedDocument';
import { documentSchema, type JsonPath, type JsonSchema } from '../../../shared/documentSchema';
import type { DocumentReference } from '../../../shared/protocol';
import { formatPath } from './submissionCheck';

/**
 * Every id of another ClinikAPI resource in the document (`clinikdoc/references`): the string
 * values of the fields the schema marks with `x-clinikapi-reference`, in document order, each
 * with the range of its string token. Every occurrence of a repeated key is listed: each is in
 * the editor, and each may be wrong.
 */
export function computeReferences(document: TextDocument, parsed: ParsedDocument): DocumentReference[] {
  const out: DocumentReference[] = [];
  if (!parsed.root) return out;
  const visit = (node: Node, schema: JsonSchema | undefined, path: JsonPath): void => {
    if (!schema) return;
    const kind = schema['x-clinikapi-reference'];
    if (kind && node.type === 'string') {
      out.push({
        kind,
        id: String(node.value),
        range: { start: document.positionAt(node.offset), end: document.positionAt(node.offset + node.length) },
        path: formatPath(path),
      });
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((item, i) => visit(item, schema.items, [...path, i]));
    } else if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) visit(value, schema.properties?.[String(key.value)], [...path, String(key.value)]);
      }
    }
  };
  visit(parsed.root, documentSchema, []);
  return out;
}
