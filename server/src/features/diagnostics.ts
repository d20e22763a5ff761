import type { ErrorObject } from 'ajv';
import { printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { quoteKey } from '../common/quoteKey';
import { rangeOf } from '../common/ranges';
import { formatCount, serverLength } from '../../../shared/textLength';
import { MAX_NESTING, type ParsedDocument } from '../parse/parsedDocument';
import { nodeAtPath, propertiesByKey, propertyNode } from '../parse/nodes';
import { fieldName, schemaAt, type JsonPath } from '../../../shared/documentSchema';
import { pointerToPath, validateValue } from '../schema/validateValue';
import { DIAGNOSTIC_SOURCE } from '../../../shared/protocol';
import { DiagnosticCode, tooLongMessage } from '../../../shared/diagnosticCodes';

/** Extra facts a diagnostic carries for quick fixes (in `Diagnostic.data`). */
export interface DiagnosticData {
  path: JsonPath;
  /** The property the rule is about (a missing or duplicate key; an unknown key is at the diagnostic's range). */
  property?: string;
  limit?: number;
}

/** Every problem ClinikAPI would reject (Error) or silently lose (Warning) in this document. */
export function computeDiagnostics(document: TextDocument, parsed: ParsedDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = syntaxDiagnostics(document, parsed.text, parsed.syntaxErrors);
  if (parsed.tooDeepAt !== undefined) {
    const at = parsed.tooDeepAt;
    return [diagnostic(document, at, at + 1, `The document nests more than ${MAX_NESTING} levels deep here; a ClinikAPI document never nests more than a few levels, so it is not checked further.`, DiagnosticCode.SyntaxError, DiagnosticSeverity.Error)];
  }
  if (!parsed.root) {
    if (diagnostics.length === 0) {
      diagnostics.push(diagnostic(document, 0, 0, 'The document is empty: ClinikAPI expects a JSON object.', DiagnosticCode.SyntaxError, DiagnosticSeverity.Error));
    }
    return diagnostics;
  }
  duplicateKeys(document, parsed.root, diagnostics);
  const value = parsed.value();
  for (const error of validateValue(value)) {
    const d = schemaDiagnostic(document, parsed, error, value);
    if (d) diagnostics.push(d);
  }
  return diagnostics;
}

function schemaDiagnostic(document: TextDocument, parsed: ParsedDocument, error: ErrorObject, value: unknown): Diagnostic | undefined {
  const path = pointerToPath(error.instancePath, value);
  const node = nodeAtPath(parsed.root, path);
  if (!node) return undefined;
  const field = fieldName(path);
  const data: DiagnosticData = { path };
  const make = (target: Node | Range, message: string, code: DiagnosticCode, severity: DiagnosticSeverity = DiagnosticSeverity.Error, withData = true): Diagnostic => ({
    range: 'offset' in target ? rangeOf(document, target.offset, target.offset + target.length) : target,
    message,
    code,
    severity,
    source: DIAGNOSTIC_SOURCE,
    ...(withData ? { data } : {}),
  });

  switch (error.keyword) {
    case 'required': {
      const property = (error.params as { missingProperty: string }).missingProperty;
      // With a syntax error the key may be present without a value: the syntax error says it.
      if (propertyNode(node, property)) return undefined;
      data.property = property;
      return make(objectAnchor(document, node), `${field} is missing "${property}", which ClinikAPI requires.`, DiagnosticCode.MissingProperty);
    }
    case 'additionalProperties': {
      const property = (error.params as { additionalProperty: string }).additionalProperty;
      const key = propertyNode(node, property)?.children?.[0];
      if (!key) return undefined;
      // No data: the key is where the diagnostic is, and its object is the key's (quick fixes find
      // both there). A document can hold 60,000 of these, and every byte is in every answer.
      const owner = path.length === 0 ? 'a ClinikAPI document' : field;
      return make(key, `${quoteKey(property)} is not a property of ${owner}: ClinikAPI silently drops it, so its value would be lost.`, DiagnosticCode.UnknownProperty, DiagnosticSeverity.Warning, false);
    }
    case 'type':
      return make(node, `${field} must be ${article((error.params as { type: string }).type)}, not ${describeNode(node)}.`, DiagnosticCode.WrongType);
    case 'enum': {
      const allowed = (error.params as { allowedValues: string[] }).allowedValues;
      return make(node, `${field} must be one of ${allowed.map((v) => `"${v}"`).join(', ')}.`, DiagnosticCode.InvalidEnumValue);
    }
    case 'maxLength': {
      const limit = (error.params as { limit: number }).limit;
      data.limit = limit;
      const length = serverLength(String(node.value));
      return make(node, tooLongMessage(field, length, limit), DiagnosticCode.TooLong);
    }
    case 'maxItems': {
      const limit = (error.params as { limit: number }).limit;
      data.limit = limit;
      const items = node.children ?? [];
      const first = items[limit]!;
      const last = items[items.length - 1]!;
      const range = rangeOf(document, first.offset, last.offset + last.length);
      return make(range, `${field} has ${formatCount(items.length)} ${noun(path, items.length)}; ClinikAPI allows at most ${formatCount(limit)}.`, DiagnosticCode.TooManyItems);
    }
    case 'minItems': {
      const limit = (error.params as { limit: number }).limit;
      data.limit = limit;
      const count = node.children?.length ?? 0;
      return make(node, `${field} has ${count} ${noun(path, count)}; ClinikAPI requires at least ${limit}.`, DiagnosticCode.TooFewItems);
    }
    case 'pattern': {
      const schema = schemaAt(path);
      if (schema?.['x-clinikapi-format'] === 'date-time') {
        return make(node, `${field} is not a valid date: ClinikAPI expects an RFC 3339 date-time such as 2025-01-15T09:30:00Z, or a date such as 2025-01-15.`, DiagnosticCode.InvalidDate);
      }
      return make(node, `${field} does not have the format ClinikAPI expects.`, DiagnosticCode.InvalidFormat);
    }
    default:
      return make(node, `${field}: ${error.message ?? 'does not match the ClinikAPI contract'}.`, DiagnosticCode.Other);
  }
}

/**
 * Earlier occurrences of a repeated key: JSON.parse (and so ClinikAPI) keeps only the last. No
 * data: the key is where the diagnostic is, and its object is the key's (the quick fix and the
 * submission check find both there). A document can hold 60,000 of these.
 */
function duplicateKeys(document: TextDocument, root: Node, out: Diagnostic[]): void {
  for (const key of duplicateKeyNodes(root)) {
    out.push({
      range: rangeOf(document, key.offset, key.offset + key.length),
      message: `${quoteKey(key.value as string)} appears more than once here; ClinikAPI keeps only the last one, so this value is ignored.`,
      code: DiagnosticCode.DuplicateKey,
      severity: DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
    });
  }
}

/** The key nodes of the earlier occurrences of repeated keys in this tree (in the diagnostics' order). */
export function duplicateKeyNodes(root: Node): readonly Node[] {
  let keys = duplicateKeysOfTree.get(root);
  if (!keys) {
    keys = findDuplicateKeys(root);
    duplicateKeysOfTree.set(root, keys);
  }
  return keys;
}

/**
 * The key nodes found by findDuplicateKeys, per tree. A tree lives on across versions only while
 * edits stay inside string values (parse/applyEdits.ts), which never changes a key.
 */
const duplicateKeysOfTree = new WeakMap<Node, Node[]>();

function findDuplicateKeys(root: Node): Node[] {
  const found: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'object' && node.children && node.children.length > 1) {
      const properties = node.children;
      if (properties.length <= 16) {
        // Most objects are small: compare keys pairwise rather than build a Map for each.
        for (let i = 0; i < properties.length; i++) {
          const key = properties[i]!.children?.[0];
          if (!key) continue;
          for (let j = i + 1; j < properties.length; j++) {
            if (properties[j]!.children?.[0]?.value === key.value) {
              found.push(key);
              break;
            }
          }
        }
      } else {
        // The object's key → last property map, which lookups in it share (parse/nodes.ts).
        const last = propertiesByKey(node);
        if (last.size < properties.length) {
          for (const property of properties) {
            const key = property.children?.[0];
            if (key && last.get(key.value as string) !== property) found.push(key);
          }
        }
      }
    }
    if (node.children) {
      for (const child of node.children) {
        // Only objects, arrays and properties hold objects.
        if (child.children) stack.push(child);
      }
    }
  }
  return found;
}

/** Where a missing property is reported: the key of the property holding the object, or its `{`. */
function objectAnchor(document: TextDocument, node: Node): Range {
  const parent = node.parent;
  if (parent?.type === 'property' && parent.children?.[0]) {
    const key = parent.children[0];
    return rangeOf(document, key.offset, key.offset + key.length);
  }
  return rangeOf(document, node.offset, node.offset + 1);
}

/** One diagnostic per syntax problem; a trailing comma (two parser errors) is reported once, on the comma. */
function syntaxDiagnostics(document: TextDocument, text: string, errors: readonly ParseError[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reported = new Set<number>();
  for (const error of errors) {
    const comma = trailingCommaBefore(text, error);
    if (comma !== undefined) {
      if (!reported.has(comma)) {
        reported.add(comma);
        out.push(diagnostic(document, comma, comma + 1, 'Trailing comma: JSON allows no comma before a closing } or ].', DiagnosticCode.SyntaxError, DiagnosticSeverity.Error));
      }
      continue;
    }
    if (reported.has(error.offset)) continue;
    reported.add(error.offset);
    out.push(diagnostic(document, error.offset, error.offset + Math.max(error.length, 1), syntaxMessage(error), DiagnosticCode.SyntaxError, DiagnosticSeverity.Error));
  }
  return out;
}

/** The offset of the comma when `error` is the parser's complaint about a trailing comma. */
function trailingCommaBefore(text: string, error: ParseError): number | undefined {
  const name = printParseErrorCode(error.error);
  if (name !== 'PropertyNameExpected' && name !== 'ValueExpected') return undefined;
  const closer = text[error.offset];
  if (closer !== '}' && closer !== ']') return undefined;
  let i = error.offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return text[i] === ',' ? i : undefined;
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol: this is not JSON.',
  InvalidNumberFormat: 'Invalid number.',
  PropertyNameExpected: 'A property name in double quotes is expected here.',
  ValueExpected: 'A value is expected here.',
  ColonExpected: 'A colon (:) is expected after the property name.',
  CommaExpected: 'A comma is expected here.',
  CloseBraceExpected: 'A closing brace (}) is expected.',
  CloseBracketExpected: 'A closing bracket (]) is expected.',
  EndOfFileExpected: 'Nothing may follow the document\'s closing brace.',
  InvalidCommentToken: 'Comments are not allowed: ClinikAPI receives the file exactly as it is, and JSON has no comments.',
  UnexpectedEndOfComment: 'Unterminated comment.',
  UnexpectedEndOfString: 'Unterminated string: a closing double quote is missing.',
  UnexpectedEndOfNumber: 'Unexpected end of number.',
  InvalidUnicode: 'Invalid \\u escape: four hexadecimal digits are expected.',
  InvalidEscapeCharacter: 'Invalid escape: JSON allows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX.',
  InvalidCharacter: 'Invalid character in a string: control characters such as tabs and line breaks must be escaped (\\t, \\n).',
};

function syntaxMessage(error: ParseError): string {
  const name = printParseErrorCode(error.error);
  return SYNTAX_MESSAGES[name] ?? `JSON syntax error (${name}).`;
}

function diagnostic(document: TextDocument, start: number, end: number, message: string, code: DiagnosticCode, severity: DiagnosticSeverity): Diagnostic {
  return { range: rangeOf(document, start, end), message, code, severity, source: DIAGNOSTIC_SOURCE };
}


function article(type: string): string {
  return type === 'object' || type === 'array' ? `an ${type === 'array' ? 'array (a list in [ ])' : 'object (in { })'}` : `a ${type}`;
}

function describeNode(node: Node): string {
  switch (node.type) {
    case 'object': return 'an object';
    case 'array': return 'an array';
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    case 'null': return 'null';
    default: return 'a value of another type';
  }
}

function noun(path: JsonPath, count: number): string {
  const last = path[path.length - 1];
  const singular = last === 'sections' ? (path.length > 1 ? 'sub-section' : 'section') : 'item';
  return count === 1 ? singular : `${singular}s`;
}
