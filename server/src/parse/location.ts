import { getLocation, type JSONPath, type Location, type Node, type Segment } from 'jsonc-parser';
import type { ParsedDocument } from './parsedDocument';
import { childContaining, pathOf } from './nodes';

/**
 * What jsonc-parser's `getLocation(parsed.text, offset)` answers (the path at the cursor, the key
 * or value just before it, whether a key is being typed), without scanning the text from its
 * start: the scan starts at the innermost object or list around the cursor, found in the tree,
 * and in an object at the property at (or before) the cursor (objectWindow). In a 2.5 MB document
 * that is the difference between scanning the whole text and one property: a key typed at the end
 * of the document used to scan all of it (27 ms on the deep benchmark document; now 0.06 ms).
 *
 * Exact because jsonc-parser parses an object or a list the same way wherever it stands, and the
 * tree is trusted only up to the first syntax error: a container that opens before it is where a
 * scan from the start would find it, with the same path.
 */
export function locationAt(parsed: ParsedDocument, offset: number): Location {
  const limit = firstErrorOffset(parsed);
  const container = parsed.root ? innermostContainer(parsed.root, offset, limit) : undefined;
  if (!container) return getLocation(parsed.text, offset);
  const window = (container.type === 'object' && objectWindow(parsed.text, container, offset, limit)) || {
    text: parsed.text.slice(container.offset),
    shift: container.offset,
  };
  const inner = getLocation(window.text, offset - window.shift);
  let isAtPropertyKey = inner.isAtPropertyKey;
  // A list does not set getLocation's key flag: scanned from its `[`, it starts cleared, where a
  // scan from the start would carry what came before (an earlier `{}` leaves it set).
  if (container.type === 'array' && keyFlagBefore(container)) {
    if (offset > limit) return getLocation(parsed.text, offset); // the items before the cursor are not all in the tree
    const items = container.children ?? [];
    if (!items.some((item) => item.offset + item.length <= offset && keyFlagAfter(item) !== undefined)) isAtPropertyKey = true;
  }
  const segments: JSONPath = [...pathOf(container), ...inner.path];
  const previous = inner.previousNode;
  return {
    path: segments,
    previousNode: previous && {
      ...previous,
      offset: previous.offset + window.shift,
      colonOffset: previous.colonOffset === undefined ? undefined : previous.colonOffset + window.shift,
    },
    isAtPropertyKey,
    matches: (pattern: Segment[]) => matches(segments, pattern),
  };
}

/**
 * A short text that getLocation scans to the same answer as the object `container` scanned from
 * its `{`. It starts at the container's last property `p` that starts at or before the cursor
 * (and before the first syntax error, up to which the tree is exactly what a scan finds): `{` and
 * the text from `p` on, so the properties before `p` are not scanned again (the scanner is in the
 * same state at the start of every property: after `{` or a comma, expecting a key). When the
 * cursor is past the end of `p` and `p`'s value is an object or a list, that value is stood in for
 * by `{}` or `[]`, whichever leaves the scanner's key flag as the value does (keyFlagAfter): a
 * cursor after `"sections": [… 1 MB …]` is answered without scanning the sections.
 *
 * The text ends at the end of the line of the first token after the cursor's line: tokens never
 * span lines (but block comments, which then take the scan from the container's start), and the
 * scan stops at the token holding the cursor or the first one after it.
 * `shift` maps the scanned text's offsets back to the document (those from `p`'s value end on
 * when it was stood in for, from `p` on otherwise: the only ones getLocation can answer with).
 */
function objectWindow(text: string, container: Node, offset: number, limit: number): { text: string; shift: number } | undefined {
  const children = container.children ?? [];
  const k = lastStartingBefore(children, Math.min(offset, limit));
  if (k < 0) return undefined;
  const property = children[k]!;
  const end = lineEndAfterNextToken(text, offset);
  // A block comment (a syntax error, but the scan reads past it) may span lines: scan as before.
  const comment = text.indexOf('/*', offset);
  if (comment >= 0 && comment < end) return undefined;
  const value = property.children?.[1];
  const propertyEnd = property.offset + property.length;
  const big = value !== undefined && (value.type === 'object' || value.type === 'array');
  if (big && offset >= propertyEnd && propertyEnd <= limit) {
    const head = `{${text.slice(property.offset, value.offset)}${keyFlagAfter(value) === true ? '{}' : '[]'}`;
    return { text: head + text.slice(propertyEnd, end), shift: propertyEnd - head.length };
  }
  // The cursor is on this property (or past a plain value). A list or object value that opens at
  // or after the cursor ends the scan at its first character.
  const stop = big && offset <= value.offset ? Math.min(end, value.offset + 1) : end;
  return { text: `{${text.slice(property.offset, stop)}`, shift: property.offset - 1 };
}

/** Past the line break that ends the line of the first token after the line of `offset` (or the text's end). */
function lineEndAfterNextToken(text: string, offset: number): number {
  LINE_BREAK.lastIndex = offset;
  if (!LINE_BREAK.exec(text)) return text.length;
  NOT_BLANK.lastIndex = LINE_BREAK.lastIndex;
  if (!NOT_BLANK.exec(text)) return text.length;
  LINE_BREAK.lastIndex = NOT_BLANK.lastIndex;
  return LINE_BREAK.exec(text) ? LINE_BREAK.lastIndex : text.length;
}

const LINE_BREAK = /\r\n?|\n/g;
const NOT_BLANK = /[^ \t\r\n]/g;

/** getLocation's key flag just before `node` opens, from what precedes it (see keyFlagAfter). */
function keyFlagBefore(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false; // getLocation starts with it cleared
  if (parent.type === 'property') return false; // cleared by the colon before the value
  if (parent.type === 'array') {
    const siblings = parent.children ?? [];
    for (let i = siblings.indexOf(node) - 1; i >= 0; i--) {
      const after = keyFlagAfter(siblings[i]!);
      if (after !== undefined) return after;
    }
  }
  return keyFlagBefore(parent);
}

/** The index of the last child that starts at or before `offset`, or -1 (children are in text order). */
function lastStartingBefore(children: readonly Node[], offset: number): number {
  let low = 0;
  let high = children.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (children[mid]!.offset <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/**
 * What scanning a value leaves getLocation's `isAtPropertyKey` at, or undefined when the value
 * does not touch it: an object's `{` sets it, a colon clears it, a comma between properties sets
 * it; lists and plain values leave it alone. So an object ends with its last property's colon
 * (then that value's effect), or with its `{` when empty; a list with its last item that has an effect.
 */
function keyFlagAfter(node: Node): boolean | undefined {
  const children = node.children ?? [];
  if (node.type === 'object') {
    const last = children[children.length - 1];
    if (!last) return true;
    const value = last.children?.[1];
    const after = value ? keyFlagAfter(value) : undefined;
    return after ?? false;
  }
  if (node.type === 'array') {
    for (let i = children.length - 1; i >= 0; i--) {
      const after = keyFlagAfter(children[i]!);
      if (after !== undefined) return after;
    }
  }
  return undefined;
}

function firstErrorOffset(parsed: ParsedDocument): number {
  let first = Infinity;
  for (const error of parsed.syntaxErrors) first = Math.min(first, error.offset);
  return first;
}

/** The deepest object or list that opens before `offset` (and before `limit`) and is still open at it. */
function innermostContainer(root: Node, offset: number, limit: number): Node | undefined {
  let found: Node | undefined;
  let node: Node | undefined = root;
  while (node) {
    if (node.type === 'object' || node.type === 'array') {
      if (!(node.offset < offset && offset < node.offset + node.length && node.offset < limit)) break;
      found = node;
    }
    node = node.children ? childContaining(node.children, offset) : undefined;
  }
  return found;
}

/** jsonc-parser's Location.matches: `*` matches one segment, `**` any number. */
function matches(segments: JSONPath, pattern: Segment[]): boolean {
  let k = 0;
  for (let i = 0; k < pattern.length && i < segments.length; i++) {
    if (pattern[k] === segments[i] || pattern[k] === '*') k++;
    else if (pattern[k] !== '**') return false;
  }
  return k === pattern.length;
}
