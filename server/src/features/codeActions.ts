import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { byCloseness } from '../common/editDistance';
import { editorStyle } from '../common/editorStyle';
import { quoteKey } from '../common/quoteKey';
import { modifyFormatted } from '../common/safeFormat';
import { splitAtBoundary } from '../common/splitAtBoundary';
import { formatCount, serverLength } from '../../../shared/textLength';
import { childIndexAt, keyAt, nodeAtPath, pathOf, propertyNode } from '../parse/nodes';
import type { ParsedDocument } from '../parse/parsedDocument';
import { fieldName, schemaAt, type JsonPath } from '../../../shared/documentSchema';
import { placeholderValue } from '../schema/placeholder';
import { DIAGNOSTIC_SOURCE, STRICT_PARSE_OPTIONS } from '../../../shared/protocol';
import { DiagnosticCode } from '../../../shared/diagnosticCodes';
import { hiddenDiagnostics, type HiddenDiagnosticsData } from './diagnosticLimit';
import { duplicateKeyNodes, type DiagnosticData } from './diagnostics';

/** A rename is offered only when the key is this close to a known one (edits per letter of the key). */
const RENAME_DISTANCE_PER_CHAR = 0.4;
const MAX_RENAME_SUGGESTIONS = 3;

/**
 * Characters of rewritten text a request may check (each fix that rewrites the whole text, and
 * checks it, counts the document's length): a selection over thousands of problems of a large
 * document gets the fixes that fit (for a 1 MB document, the first few), instead of a request
 * that runs for minutes. Fixes that need no such check (renames, enum values, the removal of a
 * duplicate in valid JSON) are always offered.
 */
const REWRITE_BUDGET = 4_000_000;

/** Whole-text rewrites left to this request; see REWRITE_BUDGET. */
interface Budget {
  /** Takes one whole-text rewrite of the document from the budget; false when none is left. */
  take(): boolean;
}

/**
 * Quick fixes for the diagnostics in `context`: add the missing required properties, replace an
 * invalid enum value, rename an unknown key to a known one, remove a duplicate key, and move the
 * overflow of a too-long section text into a new section. Every edit is checked to leave the JSON
 * at least as valid as it was. A diagnostic that stands for others not listed one by one
 * (features/diagnosticLimit.ts) gets the fixes of all of them.
 */
export function computeCodeActions(document: TextDocument, parsed: ParsedDocument, context: CodeActionContext): CodeAction[] {
  if (context.only && !context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  if (!parsed.root) return [];
  const actions: CodeAction[] = [];
  let rewritten = 0;
  const budget: Budget = { take: () => (rewritten += parsed.text.length) <= Math.max(REWRITE_BUDGET, parsed.text.length) };
  // Per object: the known keys it lacks (what an unknown key may be renamed to), found once.
  const absentKnownKeys = new Map<Node, string[]>();
  // Keys whose renames are offered already: a listed key may also be among those a summary stands for.
  const renamed = new Set<Node>();
  // One action per object, adding every missing property at once: its diagnostics, grouped once.
  const missingByObject = new Map<string, Diagnostic[]>();
  for (const diagnostic of context.diagnostics) {
    const path = (diagnostic.data as DiagnosticData | undefined)?.path;
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code !== DiagnosticCode.MissingProperty || !path) continue;
    const key = JSON.stringify(path);
    const group = missingByObject.get(key);
    if (group) group.push(diagnostic);
    else missingByObject.set(key, [diagnostic]);
  }
  for (const diagnostic of context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    switch (diagnostic.code) {
      case DiagnosticCode.MissingProperty: {
        const key = data && JSON.stringify(data.path);
        const related = key !== undefined ? missingByObject.get(key) : undefined;
        // The first diagnostic of the object stands for the group.
        if (!data || related?.[0] !== diagnostic) break;
        push(actions, addMissingProperties(document, parsed, data.path, related, budget));
        break;
      }
      case DiagnosticCode.InvalidEnumValue:
        if (data) actions.push(...replaceEnumValue(document, parsed, data.path, diagnostic));
        break;
      case DiagnosticCode.UnknownProperty: {
        const hidden = hiddenDiagnostics(diagnostic);
        const keys = hidden ? unknownKeysIn(parsed, objectsOf(document, parsed, diagnostic, hidden.scope)) : [unknownKeyAt(document, parsed, diagnostic)];
        for (const key of keys) {
          if (!key || renamed.has(key)) continue;
          renamed.add(key);
          actions.push(...renameUnknownKey(document, key, diagnostic, absentKnownKeys));
        }
        break;
      }
      case DiagnosticCode.DuplicateKey: {
        push(actions, removeDuplicateKey(document, parsed, diagnostic, budget));
        const hidden = hiddenDiagnostics(diagnostic);
        if (hidden) push(actions, removeDuplicateKeysIn(document, parsed, diagnostic, hidden, budget));
        break;
      }
      case DiagnosticCode.TooLong:
        if (data?.limit !== undefined) push(actions, moveOverflowToNewSection(document, parsed, data.path, data.limit, diagnostic, budget));
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

function addMissingProperties(document: TextDocument, parsed: ParsedDocument, path: JsonPath, diagnostics: Diagnostic[], budget: Budget): CodeAction | undefined {
  const node = nodeAtPath(parsed.root, path);
  const schema = schemaAt(path);
  if (node?.type !== 'object' || !schema?.required) return undefined;
  const missing = schema.required.filter((key) => !propertyNode(node, key));
  if (missing.length === 0) return undefined;
  const edit = modified(document, parsed, node, missing.map((key) => ({ path: [...path, key], value: placeholderValue(schema.properties?.[key]) })), budget);
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

/** The unknown key a diagnostic is on: it starts where the diagnostic does (the diagnostic carries no data). */
function unknownKeyAt(document: TextDocument, parsed: ParsedDocument, diagnostic: Diagnostic): Node | undefined {
  const key = keyAt(parsed.root!, document.offsetAt(diagnostic.range.start));
  return key?.type === 'string' && key.parent?.children?.[0] === key && key.parent.parent?.type === 'object' ? key : undefined;
}

/**
 * The objects a diagnostic that stands for others covers: the object of its key, or (scope
 * `document`) every object of the tree.
 */
function objectsOf(document: TextDocument, parsed: ParsedDocument, diagnostic: Diagnostic, scope: HiddenDiagnosticsData['scope']): Node[] {
  if (scope === 'object') {
    const object = keyAt(parsed.root!, document.offsetAt(diagnostic.range.start))?.parent?.parent;
    return object?.type === 'object' ? [object] : [];
  }
  const objects: Node[] = [];
  const stack: Node[] = [parsed.root!];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'object') objects.push(node);
    for (const child of node.children ?? []) if (child.children) stack.push(child);
  }
  return objects.reverse();
}

/** The keys of these objects that their schema does not allow: what the unknown-property diagnostics are on. */
function unknownKeysIn(parsed: ParsedDocument, objects: readonly Node[]): Node[] {
  const keys: Node[] = [];
  for (const object of objects) {
    const schema = object === parsed.root ? schemaAt([]) : schemaAt(pathOf(object));
    if (schema?.additionalProperties !== false) continue;
    const known = schema.properties ?? {};
    for (const property of object.children ?? []) {
      const key = property.children?.[0];
      if (key?.type === 'string' && !Object.hasOwn(known, key.value as string)) keys.push(key);
    }
  }
  return keys;
}

/** The renames of an unknown key to known keys its object lacks, offered for `diagnostic`. */
function renameUnknownKey(document: TextDocument, key: Node, diagnostic: Diagnostic, absentKnownKeys: Map<Node, string[]>): CodeAction[] {
  const object = key.parent!.parent!;
  const property = key.value as string;
  let absent = absentKnownKeys.get(object);
  if (!absent) {
    // Renaming onto a key that is already there would only make a duplicate.
    absent = Object.keys(schemaAt(pathOf(object))?.properties ?? {}).filter((k) => !propertyNode(object, k));
    absentKnownKeys.set(object, absent);
  }
  const threshold = Math.max(2, Math.ceil(property.length * RENAME_DISTANCE_PER_CHAR));
  const candidates = byCloseness(property, absent, threshold).slice(0, MAX_RENAME_SUGGESTIONS);
  const unambiguous = candidates.length === 1 || (candidates.length > 1 && candidates[0]!.distance < candidates[1]!.distance);
  return candidates.map(({ value }, i) =>
    quickFix(document, `Rename ${quoteKey(property)} to "${value}"`, [replace(document, key, JSON.stringify(value))], [diagnostic], unambiguous && i === 0),
  );
}

function removeDuplicateKey(document: TextDocument, parsed: ParsedDocument, diagnostic: Diagnostic, budget: Budget): CodeAction | undefined {
  const key = keyAt(parsed.root!, document.offsetAt(diagnostic.range.start));
  const property = key?.parent;
  const siblings = property?.parent?.children;
  if (key?.type !== 'string' || property?.type !== 'property' || property.children?.[0] !== key || !siblings) return undefined;
  const index = childIndexAt(siblings, property.offset);
  // Take the comma with it: up to the next property, or from the end of the previous one.
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  const [start, end] = next
    ? [property.offset, next.offset]
    : previous
      ? [previous.offset + previous.length, property.offset + property.length]
      : [property.offset, property.offset + property.length];
  const edit: TextEdit = { range: { start: document.positionAt(start), end: document.positionAt(end) }, newText: '' };
  // In valid JSON, a whole property taken out with one of the commas beside it leaves valid JSON;
  // in a broken text the parser's idea of where the property ends is checked.
  if (parsed.syntaxErrors.length > 0 && !(budget.take() && keepsJsonValid(parsed, parsed.text.slice(0, start) + parsed.text.slice(end)))) return undefined;
  return quickFix(document, `Remove this duplicate ${quoteKey(key.value as string)} (the later one is what ClinikAPI keeps)`, [edit], [diagnostic], true);
}

/**
 * For a diagnostic that stands for repeated keys not listed one by one: one fix that removes every
 * earlier occurrence of a repeated key in its object (or document), each with the comma after it.
 */
function removeDuplicateKeysIn(document: TextDocument, parsed: ParsedDocument, diagnostic: Diagnostic, hidden: HiddenDiagnosticsData, budget: Budget): CodeAction | undefined {
  const object = hidden.scope === 'object' ? keyAt(parsed.root!, document.offsetAt(diagnostic.range.start))?.parent?.parent : undefined;
  if (hidden.scope === 'object' && !object) return undefined;
  const keys = duplicateKeyNodes(parsed.root!).filter((key) => !object || key.parent?.parent === object);
  const removals: [number, number][] = [];
  for (const key of [...keys].sort((a, b) => a.offset - b.offset)) {
    const property = key.parent!;
    const siblings = property.parent?.children;
    // A key inside a property removed already goes with it.
    if (!siblings || (removals.length > 0 && property.offset < removals[removals.length - 1]![1])) continue;
    // An earlier occurrence always has a later property (the one kept): up to it, comma included.
    const next = siblings[childIndexAt(siblings, property.offset) + 1];
    if (next) removals.push([property.offset, next.offset]);
  }
  if (removals.length === 0) return undefined;
  if (parsed.syntaxErrors.length > 0) {
    let after = '';
    let at = 0;
    for (const [start, end] of removals) {
      after += parsed.text.slice(at, start);
      at = end;
    }
    if (!(budget.take() && keepsJsonValid(parsed, after + parsed.text.slice(at)))) return undefined;
  }
  const edits = removals.map(([start, end]): TextEdit => ({ range: { start: document.positionAt(start), end: document.positionAt(end) }, newText: '' }));
  const title = `Remove the ${formatCount(removals.length)} earlier occurrences of repeated keys in this ${hidden.scope} (ClinikAPI keeps the last of each)`;
  return quickFix(document, title, edits, [diagnostic], false);
}

/**
 * A section's text over the limit: keep what fits (cut at a paragraph or sentence boundary) and
 * move the rest into a new section right after it, titled "<title> (continued)". Offered only for
 * a top-level section's text, and only while the document stays within its section limit; other
 * too-long strings get no fix, since cutting them would silently lose meaning.
 */
function moveOverflowToNewSection(document: TextDocument, parsed: ParsedDocument, path: JsonPath, limit: number, diagnostic: Diagnostic, budget: Budget): CodeAction | undefined {
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
  ], budget);
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
function modified(document: TextDocument, parsed: ParsedDocument, container: Node, modifications: Modification[], budget: Budget): TextEdit | undefined {
  if (!budget.take()) return undefined;
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
