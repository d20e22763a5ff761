import { applyEdits, findNodeAtOffset, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { byCloseness } from '../common/editDistance';
import { editorStyle } from '../common/editorStyle';
import { modifyFormatted } from '../common/safeFormat';
import { splitAtBoundary } from '../common/splitAtBoundary';
import { formatCount, serverLength } from '../common/textLength';
import { nodeAtPath, propertyNode } from '../parse/nodes';
import type { ParsedDocument } from '../parse/parsedDocument';
import { fieldName, schemaAt, type JsonPath } from '../schema/documentSchema';
import { placeholderValue } from '../schema/placeholder';
import { DIAGNOSTIC_SOURCE, STRICT_PARSE_OPTIONS } from '../protocol';
import { DiagnosticCode } from './diagnosticCodes';
import type { DiagnosticData } from './diagnostics';

/** A rename is offered only when the key is this close to a known one (edits per letter of the key). */
const RENAME_DISTANCE_PER_CHAR = 0.4;
const MAX_RENAME_SUGGESTIONS = 3;

/**
 * Quick fixes for the diagnostics in `context`: add the missing required properties, replace an
 * invalid enum value, rename an unknown key to a known one, remove a duplicate key, and move the
 * overflow of a too-long section text into a new section. Every edit is checked to leave the JSON
 * at least as valid as it was.
 */
export function computeCodeActions(document: TextDocument, parsed: ParsedDocument, context: CodeActionContext): CodeAction[] {
  if (context.only && !context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  if (!parsed.root) return [];
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    switch (diagnostic.code) {
      case DiagnosticCode.MissingProperty: {
        // One action per object, adding every missing property at once.
        const key = `missing:${JSON.stringify(data?.path)}`;
        if (!data || seen.has(key)) break;
        seen.add(key);
        const related = context.diagnostics.filter((d) => d.code === DiagnosticCode.MissingProperty && JSON.stringify((d.data as DiagnosticData | undefined)?.path) === JSON.stringify(data.path));
        push(actions, addMissingProperties(document, parsed, data.path, related));
        break;
      }
      case DiagnosticCode.InvalidEnumValue:
        if (data) actions.push(...replaceEnumValue(document, parsed, data.path, diagnostic));
        break;
      case DiagnosticCode.UnknownProperty:
        if (data?.property !== undefined) actions.push(...renameUnknownKey(document, parsed, data.path, data.property, diagnostic));
        break;
      case DiagnosticCode.DuplicateKey:
        push(actions, removeDuplicateKey(document, parsed, diagnostic));
        break;
      case DiagnosticCode.TooLong:
        if (data?.limit !== undefined) push(actions, moveOverflowToNewSection(document, parsed, data.path, data.limit, diagnostic));
        break;
      default:
        break;
    }
  }
  return actions;
}

function push(actions: CodeAction[], action: CodeAction | undefined): void {
  if (action) actions.push(action);
}

function addMissingProperties(document: TextDocument, parsed: ParsedDocument, path: JsonPath, diagnostics: Diagnostic[]): CodeAction | undefined {
  const node = nodeAtPath(parsed.root, path);
  const schema = schemaAt(path);
  if (node?.type !== 'object' || !schema?.required) return undefined;
  const missing = schema.required.filter((key) => !propertyNode(node, key));
  if (missing.length === 0) return undefined;
  const edit = modified(document, parsed, node, missing.map((key) => ({ path: [...path, key], value: placeholderValue(schema.properties?.[key]) })));
  if (!edit) return undefined;
  const owner = path.length === 0 ? '' : ` to ${fieldName(path)}`;
  const title = missing.length === 1
    ? `Add the missing "${missing[0]}"${owner}`
    : `Add the ${missing.length} missing properties${owner}: ${missing.join(', ')}`;
  return quickFix(document, title, [edit], diagnostics, true);
}

function replaceEnumValue(document: TextDocument, parsed: ParsedDocument, path: JsonPath, diagnostic: Diagnostic): CodeAction[] {
  const node = nodeAtPath(parsed.root, path);
  const allowed = schemaAt(path)?.enum;
  if (!node || !allowed) return [];
  const current = node.type === 'string' ? String(node.value) : parsed.text.slice(node.offset, node.offset + node.length);
  const ranked = byCloseness(current, allowed);
  // Preferred only when one value is clearly the closest and not a wild guess.
  const unambiguous = ranked.length > 0 && (ranked.length === 1 || ranked[0]!.distance < ranked[1]!.distance) && ranked[0]!.distance <= Math.max(1, Math.floor(current.length / 2));
  return ranked.map(({ value }, i) =>
    quickFix(document, `Change to "${value}"`, [replace(document, node, JSON.stringify(value))], [diagnostic], unambiguous && i === 0),
  );
}

function renameUnknownKey(document: TextDocument, parsed: ParsedDocument, path: JsonPath, property: string, diagnostic: Diagnostic): CodeAction[] {
  const object = nodeAtPath(parsed.root, path);
  const known = Object.keys(schemaAt(path)?.properties ?? {});
  if (object?.type !== 'object') return [];
  const key = propertyNode(object, property)?.children?.[0];
  if (!key) return [];
  const threshold = Math.max(2, Math.ceil(property.length * RENAME_DISTANCE_PER_CHAR));
  // Renaming onto a key that is already there would only make a duplicate.
  const candidates = byCloseness(property, known.filter((k) => !propertyNode(object, k)))
    .filter((c) => c.distance <= threshold)
    .slice(0, MAX_RENAME_SUGGESTIONS);
  const unambiguous = candidates.length === 1 || (candidates.length > 1 && candidates[0]!.distance < candidates[1]!.distance);
  return candidates.map(({ value }, i) =>
    quickFix(document, `Rename "${property}" to "${value}"`, [replace(document, key, JSON.stringify(value))], [diagnostic], unambiguous && i === 0),
  );
}

function removeDuplicateKey(document: TextDocument, parsed: ParsedDocument, diagnostic: Diagnostic): CodeAction | undefined {
  const key = findNodeAtOffset(parsed.root!, document.offsetAt(diagnostic.range.start) + 1);
  const property = key?.parent;
  const siblings = property?.parent?.children;
  if (key?.type !== 'string' || property?.type !== 'property' || property.children?.[0] !== key || !siblings) return undefined;
  const index = siblings.indexOf(property);
  // Take the comma with it: up to the next property, or from the end of the previous one.
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  const [start, end] = next
    ? [property.offset, next.offset]
    : previous
      ? [previous.offset + previous.length, property.offset + property.length]
      : [property.offset, property.offset + property.length];
  const edit: TextEdit = { range: { start: document.positionAt(start), end: document.positionAt(end) }, newText: '' };
  if (!keepsJsonValid(parsed, applyEdits(parsed.text, [{ offset: start, length: end - start, content: '' }]))) return undefined;
  return quickFix(document, `Remove this duplicate "${key.value}" (the later one is what ClinikAPI keeps)`, [edit], [diagnostic], true);
}

/**
 * A section's text over the limit: keep what fits (cut at a paragraph or sentence boundary) and
 * move the rest into a new section right after it, titled "<title> (continued)". Offered only for
 * a top-level section's text, and only while the document stays within its section limit; other
 * too-long strings get no fix, since cutting them would silently lose meaning.
 */
function moveOverflowToNewSection(document: TextDocument, parsed: ParsedDocument, path: JsonPath, limit: number, diagnostic: Diagnostic): CodeAction | undefined {
  if (path.length !== 3 || path[0] !== 'sections' || typeof path[1] !== 'number' || path[2] !== 'text') return undefined;
  const index = path[1];
  const sections = nodeAtPath(parsed.root, ['sections']);
  const textNode = nodeAtPath(parsed.root, path);
  const maxSections = schemaAt(['sections'])?.maxItems ?? Infinity;
  if (sections?.type !== 'array' || textNode?.type !== 'string') return undefined;
  if ((sections.children?.length ?? 0) + 1 > maxSections) return undefined;
  const [kept, overflow] = splitAtBoundary(String(textNode.value), limit);
  if (overflow === '') return undefined;
  const titleNode = nodeAtPath(parsed.root, ['sections', index, 'title']);
  const title = continuedTitle(titleNode?.type === 'string' ? String(titleNode.value) : '', schemaAt(['sections', index, 'title'])?.maxLength);
  const edit = modified(document, parsed, sections, [
    { path, value: kept },
    { path: ['sections', index + 1], value: { title, text: overflow }, isArrayInsertion: true },
  ]);
  if (!edit) return undefined;
  return quickFix(document, `Move the last ${formatCount(serverLength(overflow))} characters into a new section "${title}"`, [edit], [diagnostic], true);
}

function continuedTitle(title: string, maxLength = Infinity): string {
  const suffix = ' (continued)';
  if (title.trim() === '') return 'Continued';
  return title.length + suffix.length <= maxLength ? title + suffix : title.slice(0, Math.max(0, maxLength - suffix.length)).trimEnd() + suffix;
}

interface Modification {
  path: JsonPath;
  value: unknown;
  isArrayInsertion?: boolean;
}

/**
 * Applies jsonc-parser modifications inside `container` one after another in the document's own
 * style (a container written on one line stays on one line), and returns the change as one edit
 * (the text between the unchanged prefix and suffix), or undefined when the result would have
 * more syntax errors than the document has now.
 */
function modified(document: TextDocument, parsed: ParsedDocument, container: Node, modifications: Modification[]): TextEdit | undefined {
  const oneLine = !/[\r\n]/.test(parsed.text.slice(container.offset, container.offset + container.length));
  const formattingOptions = oneLine ? undefined : editorStyle(parsed.text);
  let text = parsed.text;
  for (const m of modifications) {
    // Not jsonc-parser's modify with formatting: unbounded on broken, deeply nested text (safeFormat.ts).
    text = modifyFormatted(text, m.path, m.value, { formattingOptions, isArrayInsertion: m.isArrayInsertion });
  }
  if (!keepsJsonValid(parsed, text)) return undefined;
  return differenceEdit(document, parsed.text, text);
}

function differenceEdit(document: TextDocument, before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return {
    range: { start: document.positionAt(start), end: document.positionAt(before.length - end) },
    newText: after.slice(start, after.length - end),
  };
}

function keepsJsonValid(parsed: ParsedDocument, after: string): boolean {
  const errors: ParseError[] = [];
  parseTree(after, errors, STRICT_PARSE_OPTIONS);
  return errors.length <= parsed.syntaxErrors.length;
}

function replace(document: TextDocument, node: Node, newText: string): TextEdit {
  return { range: { start: document.positionAt(node.offset), end: document.positionAt(node.offset + node.length) }, newText };
}

function quickFix(document: TextDocument, title: string, edits: TextEdit[], diagnostics: Diagnostic[], isPreferred: boolean): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    ...(isPreferred ? { isPreferred } : {}),
    edit: { changes: { [document.uri]: edits } },
  };
}
