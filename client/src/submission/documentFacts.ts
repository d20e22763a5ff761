import { parseTree, type Node, type ParseError } from 'jsonc-parser';

/** What the submission needs to know of a document before sending it. */
export type DocumentFacts =
  | { ok: true; patientId?: string; title?: string }
  | { ok: false; reason: string };

/**
 * Reads the patient id and title for the live-key confirmation. The text must be strict JSON (no
 * comments, no trailing commas): it is sent byte for byte, and ClinikAPI parses it with JSON.parse.
 */
export function readDocumentFacts(text: string): DocumentFacts {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) return { ok: false, reason: 'The document is not valid JSON.' };
  if (root.type !== 'object') return { ok: false, reason: 'The document must be one JSON object.' };
  return { ok: true, patientId: stringProperty(root, 'patientId'), title: stringProperty(root, 'title') };
}

function stringProperty(obj: Node, name: string): string | undefined {
  for (const prop of obj.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (key?.value === name && value?.type === 'string') return String(value.value);
  }
  return undefined;
}
