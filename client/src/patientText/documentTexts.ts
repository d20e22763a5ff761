/**
 * A ClinikDoc document's text as the checks of its text read it: its patient, its date, the ids
 * of its practitioners, and its title and section texts (nested sections too) decoded, each with
 * where its words are in the document, escapes and all. Plain code (jsonc-parser, no `vscode`, no
 * Node built-in), for the extension, the web build and the CLI alike; it keeps nothing.
 */
import { parseTree, type Node } from 'jsonc-parser';
import { schemaAt, type JsonPath } from '../../../shared/documentSchema';
import { STRICT_PARSE_OPTIONS } from '../../../shared/protocol';
import { literalOffsets } from '../sectionText/jsonString';
import { findSectionTexts } from '../sectionText/sectionTexts';

/** The title or one section's text, decoded. */
export interface DocumentSegment {
  /** `title`, or the text's path as ClinikAPI names fields (`sections.0.sections.1.text`). */
  id: string;
  text: string;
  /** Where each code unit of `text` starts in the document, and where the string's closing quote is. */
  offsets: readonly number[];
}

export interface DocumentTexts {
  /** The top-level `patientId` (the last one, as ClinikAPI's `JSON.parse` reads it). */
  patientId?: string;
  /** The top-level `date` as written. */
  date?: string;
  /** Every practitioner id the document holds (author, attesters, section authors), each once. */
  practitionerIds: string[];
  /** The title, then every section text in document order; broken strings left out. */
  segments: DocumentSegment[];
}

/** Where a segment's [start, end) is in the document. */
export function documentRange(segment: DocumentSegment, start: number, end: number): { start: number; end: number } {
  const at = (i: number) => segment.offsets[Math.max(0, Math.min(i, segment.offsets.length - 1))]!;
  return { start: at(start), end: at(end) };
}

export function documentTexts(text: string): DocumentTexts {
  let root: Node | undefined;
  try {
    root = parseTree(text, [], STRICT_PARSE_OPTIONS);
  } catch (error) {
    if (error instanceof RangeError) return { practitionerIds: [], segments: [] }; // nested too deep to read
    throw error;
  }
  const out: DocumentTexts = { practitionerIds: [], segments: [] };
  if (root?.type !== 'object') return out;
  const patientId = topLevelString(root, 'patientId');
  const date = topLevelString(root, 'date');
  if (patientId !== undefined) out.patientId = patientId.value;
  if (date !== undefined) out.date = date.value;
  const title = topLevelString(root, 'title');
  if (title) out.segments.push(segmentOf('title', text, title.node));
  for (const site of findSectionTexts(text)) {
    if (site.value === undefined) continue;
    const literal = text.slice(site.offset, site.offset + site.length);
    out.segments.push({ id: site.path.join('.'), text: site.value, offsets: literalOffsets(literal).map((o) => o + site.offset) });
  }
  out.practitionerIds = [...new Set(practitionerIds(root))];
  return out;
}

function segmentOf(id: string, text: string, node: Node): DocumentSegment {
  const literal = text.slice(node.offset, node.offset + node.length);
  return { id, text: node.value as string, offsets: literalOffsets(literal).map((o) => o + node.offset) };
}

/** A top-level string property, the last one when it occurs twice. */
function topLevelString(root: Node, key: string): { value: string; node: Node } | undefined {
  const properties = root.children ?? [];
  for (let i = properties.length - 1; i >= 0; i--) {
    const [name, value] = properties[i]!.children ?? [];
    if (name?.value !== key) continue;
    return value?.type === 'string' ? { value: value.value as string, node: value } : undefined;
  }
  return undefined;
}

/** The string values of the fields the schema marks as practitioner ids (`x-clinikapi-reference`). */
function practitionerIds(root: Node): string[] {
  const out: string[] = [];
  const walk = (node: Node, path: JsonPath, depth: number) => {
    if (depth > 8) return; // deeper than the contract's nesting
    if (node.type === 'string') {
      if (schemaAt(path)?.['x-clinikapi-reference'] === 'practitioner') out.push(node.value as string);
    } else if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [name, value] = property.children ?? [];
        if (typeof name?.value === 'string' && value) walk(value, [...path, name.value], depth + 1);
      }
    } else if (node.type === 'array') {
      node.children?.forEach((item, i) => walk(item, [...path, i], depth + 1));
    }
  };
  walk(root, [], 0);
  return out.filter((id) => id !== '');
}
