import type { Node } from 'jsonc-parser';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatCount } from '../../../shared/textLength';
import { propertyNode } from '../parse/nodes';
import type { ParsedDocument } from '../parse/parsedDocument';
import { schemaAt } from '../../../shared/documentSchema';

/** How the outline names each top-level field: the clinician's words, not the JSON keys. */
const LABELS: Record<string, { name: string; kind: SymbolKind }> = {
  title: { name: 'Title', kind: SymbolKind.String },
  status: { name: 'Status', kind: SymbolKind.EnumMember },
  type: { name: 'Type', kind: SymbolKind.Class },
  patientId: { name: 'Patient', kind: SymbolKind.Key },
  practitionerId: { name: 'Author', kind: SymbolKind.Key },
  encounterId: { name: 'Encounter', kind: SymbolKind.Key },
  custodianId: { name: 'Custodian', kind: SymbolKind.Key },
  date: { name: 'Date', kind: SymbolKind.Event },
  confidentiality: { name: 'Confidentiality', kind: SymbolKind.EnumMember },
  category: { name: 'Categories', kind: SymbolKind.Array },
  attester: { name: 'Attesters', kind: SymbolKind.Array },
  relatesTo: { name: 'Related documents', kind: SymbolKind.Array },
  event: { name: 'Events', kind: SymbolKind.Array },
  sections: { name: 'Sections', kind: SymbolKind.Array },
};

/**
 * The outline: one entry per field in document order, named for what it is ("Patient: pat_123"
 * shows as name Patient, detail pat_123), sections by their titles with their sub-sections
 * nested, attesters by mode, related documents by relation, events by what they code.
 */
export function computeDocumentSymbols(document: TextDocument, parsed: ParsedDocument): DocumentSymbol[] {
  const root = parsed.root;
  if (root?.type !== 'object') return [];
  const symbols: DocumentSymbol[] = [];
  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key) continue;
    const name = String(key.value);
    const label = LABELS[name] ?? { name: name || '(empty key)', kind: SymbolKind.Property };
    const symbol = make(document, label.name, label.kind, property, key, detailOf(value));
    if (value?.type === 'array') {
      const items = value.children ?? [];
      symbol.children = childrenOf(document, name, items);
      const max = schemaAt([name])?.maxItems;
      if (max !== undefined) symbol.detail = `${formatCount(items.length)} / ${formatCount(max)}`;
      else if (name !== 'category') symbol.detail = formatCount(items.length);
    }
    symbols.push(symbol);
  }
  return symbols;
}

function childrenOf(document: TextDocument, key: string, items: Node[]): DocumentSymbol[] {
  switch (key) {
    case 'sections':
      return items.map((item, i) => sectionSymbol(document, item, i));
    case 'attester':
      return items.map((item, i) => itemSymbol(document, item, stringField(item, 'mode') ?? `Attester ${i + 1}`, SymbolKind.Object, stringField(item, 'partyId')));
    case 'relatesTo':
      return items.map((item, i) => itemSymbol(document, item, stringField(item, 'code') ?? `Relation ${i + 1}`, SymbolKind.Object, stringField(item, 'targetId')));
    case 'event':
      return items.map((item, i) => itemSymbol(document, item, eventName(item) ?? `Event ${i + 1}`, SymbolKind.Event, periodOf(item)));
    case 'category':
      return items.map((item, i) => itemSymbol(document, item, item.type === 'string' && String(item.value).trim() !== '' ? String(item.value) : `Category ${i + 1}`, SymbolKind.String, undefined));
    default:
      return [];
  }
}

function sectionSymbol(document: TextDocument, section: Node, index: number): DocumentSymbol {
  const titleProperty = section.type === 'object' ? propertyNode(section, 'title') : undefined;
  const titleValue = titleProperty?.children?.[1];
  const title = titleValue?.type === 'string' && String(titleValue.value).trim() !== '' ? String(titleValue.value) : `Section ${index + 1} (untitled)`;
  const symbol = make(document, title, SymbolKind.Module, section, titleValue ?? section, undefined);
  const nested = section.type === 'object' ? propertyNode(section, 'sections')?.children?.[1] : undefined;
  if (nested?.type === 'array') symbol.children = (nested.children ?? []).map((child, i) => sectionSymbol(document, child, i));
  return symbol;
}

function itemSymbol(document: TextDocument, item: Node, name: string, kind: SymbolKind, detail: string | undefined): DocumentSymbol {
  return make(document, name, kind, item, item, detail);
}

function eventName(event: Node): string | undefined {
  const codes = event.type === 'object' ? propertyNode(event, 'code')?.children?.[1] : undefined;
  const first = codes?.type === 'array' ? codes.children?.[0] : undefined;
  return first ? stringField(first, 'display') ?? stringField(first, 'code') : undefined;
}

function periodOf(event: Node): string | undefined {
  const period = event.type === 'object' ? propertyNode(event, 'period')?.children?.[1] : undefined;
  if (period?.type !== 'object') return undefined;
  const start = stringField(period, 'start');
  const end = stringField(period, 'end');
  return start || end ? `${start ?? '…'} – ${end ?? '…'}` : undefined;
}

function stringField(object: Node, key: string): string | undefined {
  if (object.type !== 'object') return undefined;
  const value = propertyNode(object, key)?.children?.[1];
  return value?.type === 'string' && String(value.value).trim() !== '' ? String(value.value) : undefined;
}

function detailOf(value: Node | undefined): string | undefined {
  if (!value) return undefined;
  switch (value.type) {
    case 'string': return oneLine(String(value.value));
    case 'number':
    case 'boolean': return String(value.value);
    case 'null': return 'null';
    default: return undefined;
  }
}

/** Outline details are one short line. */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function make(document: TextDocument, name: string, kind: SymbolKind, whole: Node, selection: Node, detail: string | undefined): DocumentSymbol {
  const range = rangeOf(document, whole);
  return { name: oneLine(name) || '(empty)', kind, range, selectionRange: rangeOf(document, selection), ...(detail ? { detail } : {}) };
}

function rangeOf(document: TextDocument, node: Node): Range {
  return { start: document.positionAt(node.offset), end: document.positionAt(node.offset + node.length) };
}
