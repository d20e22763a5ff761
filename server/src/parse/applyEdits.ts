import { createScanner, ScanError, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import { MAX_NESTING, offsetPastNesting, type ParsedDocument } from './parsedDocument';
import { childContaining, nodeAtPath, pathOf } from './nodes';
import { strictParseTree } from './strictTree';

/** One change of a document's text: the offsets [start, end) of the text it had just before. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The text [start, end) held before the edit; undefined when long (it is only ever checked for layout). */
  readonly removed: string | undefined;
}

type MutableNode = { -readonly [K in keyof Node]: Node[K] };

/**
 * The parse of the next version of a document, made from the previous one without parsing the
 * whole text again: edits inside string values (typing in a section's text, the common case in a
 * large document) and layout between tokens only patch the tree; one other edit inside an object
 * or list of a valid document re-parses just that object or list (reparseContainer). Undefined
 * otherwise, and then the caller parses the text afresh.
 *
 * Why string edits are exact: each touched string, scanned in the new text from where it starts,
 * is again one well-formed string token ending where the edits moved its end, and the text
 * between tokens is unchanged (or only its layout), so the new token stream is the old one with
 * those tokens' values changed. The parser is a function of the token stream, so the tree, the
 * syntax errors and the value are the old ones with those values changed and the offsets after
 * them shifted.
 *
 * The previous parse is patched in place and must no longer be used (the cache replaces it).
 * String and layout edits never change keys or the shape of the tree, and keep the root node, so
 * whatever is derived from them alone (such as duplicate keys) can be kept per root node; any
 * other edit gives the tree a new root.
 */
export function applyEdits(previous: ParsedDocument, edits: readonly TextEdit[], version: number, text: string): ParsedDocument | undefined {
  const root = previous.root;
  if (!root || previous.tooDeepAt !== undefined || edits.length === 0) return undefined;
  // Reading the value first means it is computed (or kept) for the old text, then patched.
  const value = previous.value();
  let syntaxErrors: ParseError[] = [...previous.syntaxErrors];
  const touched = new Set<MutableNode>();

  let length = previous.text.length;
  for (const edit of edits) {
    const delta = edit.text.length - (edit.end - edit.start);
    length += delta;
    const node = stringValueAround(root, edit.start, edit.end);
    if (node) {
      const tokenEnd = node.offset + node.length;
      // A syntax error at or in the string (say, a missing comma before it) may depend on it.
      if (syntaxErrors.some((e) => e.offset <= tokenEnd && e.offset + e.length >= node.offset)) return undefined;
      if (delta !== 0) {
        shift(root, node, node.offset, tokenEnd, delta);
        syntaxErrors = syntaxErrors.map((e) => (e.offset >= tokenEnd ? { ...e, offset: e.offset + delta } : e));
      }
      touched.add(node);
      continue;
    }
    // Layout between tokens (a line break and its indentation): the tokens only move.
    if (syntaxErrors.length === 0 && edit.removed !== undefined && WHITESPACE.test(edit.removed) && WHITESPACE.test(edit.text) && !insideToken(root, edit.start)) {
      if (delta !== 0) shift(root, containerAround(root, edit.start, edit.end), edit.start, edit.end, delta);
      continue;
    }
    // Anything else (a key, a comma, a new property) inside one object or list of valid JSON.
    return edits.length === 1 && syntaxErrors.length === 0 ? reparseContainer(previous, root, value, edit, version, text) : undefined;
  }
  // The edits were noted as the editor sent them: they must at least give a text this long.
  if (length !== text.length) return undefined;

  const scanner = createScanner(text, false);
  for (const node of touched) {
    scanner.setPosition(node.offset);
    if (scanner.scan() !== SyntaxKind.StringLiteral || scanner.getTokenError() !== ScanError.None || scanner.getTokenOffset() !== node.offset || scanner.getTokenLength() !== node.length) {
      return undefined;
    }
  }
  for (const node of touched) {
    // JSON.parse copies the characters: a slice of the text would keep that whole version alive.
    let fresh: string;
    try {
      fresh = JSON.parse(text.slice(node.offset, node.offset + node.length)) as string;
    } catch {
      fresh = scannedValue(scanner, node.offset);
    }
    node.value = fresh;
    if (!setValueAt(value, root, node, fresh)) return undefined;
  }
  return {
    uri: previous.uri,
    version,
    text,
    root,
    syntaxErrors,
    value: () => value,
  };
}

/**
 * One edit inside an object or list of a document that was valid JSON: when that object or list
 * is still valid JSON, it is parsed again on its own and put in place of the old one. Valid JSON
 * with one value replaced by another is valid JSON, with the tree of the old one but for that
 * value. The tree gets a new root node, so what was kept per root (duplicate keys) is redone.
 */
function reparseContainer(previous: ParsedDocument, root: Node, value: unknown, edit: TextEdit, version: number, text: string): ParsedDocument | undefined {
  const delta = edit.text.length - (edit.end - edit.start);
  if (previous.text.length + delta !== text.length) return undefined;
  // The innermost object or list whose brackets the edit leaves alone.
  let container: Node | undefined;
  for (let node: Node | undefined = root; node; node = node.children ? childContaining(node.children, edit.start) : undefined) {
    if (node.type === 'object' || node.type === 'array') {
      if (!(node.offset < edit.start && edit.end <= node.offset + node.length - 1)) break;
      container = node;
    }
  }
  if (!container) return undefined;
  const slice = text.slice(container.offset, container.offset + container.length + delta);
  // No deeper than a whole document may be (a pasted tower of brackets): parseDocument refuses it.
  let level = 0;
  for (let n = container.parent; n; n = n.parent) if (n.type === 'object' || n.type === 'array') level++;
  if (offsetPastNesting(slice, MAX_NESTING - level) !== undefined) return undefined;
  const fresh = strictParseTree(slice) as MutableNode | undefined;
  if (!fresh || fresh.type !== container.type) return undefined;
  const part = JSON.parse(slice) as unknown;

  let newValue = part;
  if (container !== root) {
    const path = pathOf(container);
    newValue = value;
    // Unless an earlier duplicate key hides this object or list from the value.
    if (nodeAtPath(root, path) === container) {
      let holder: unknown = value;
      for (const segment of path.slice(0, -1)) holder = holder !== null && typeof holder === 'object' ? (holder as Record<string | number, unknown>)[segment] : undefined;
      if (holder === null || typeof holder !== 'object') return undefined;
      (holder as Record<string | number, unknown>)[path[path.length - 1]!] = part;
    }
  }

  relocate(fresh, container.offset);
  let newRoot: MutableNode = fresh;
  if (container !== root) {
    const parent = container.parent as MutableNode;
    shift(root, parent, container.offset, container.offset + container.length, delta);
    parent.children![parent.children!.indexOf(container)] = fresh;
    fresh.parent = parent;
    newRoot = { ...(root as MutableNode) };
    for (const child of newRoot.children ?? []) (child as MutableNode).parent = newRoot;
  }
  return { uri: previous.uri, version, text, root: newRoot, syntaxErrors: [], value: () => newValue };
}

/** Moves a tree parsed from a part of the text to where that part starts. */
function relocate(root: MutableNode, base: number): void {
  const stack: MutableNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    n.offset += base;
    if (n.colonOffset !== undefined) n.colonOffset += base;
    if (n.children) for (const child of n.children) stack.push(child as MutableNode);
  }
}

/** The string value node (not a key) whose inside (between its quotes) holds [start, end). */
function stringValueAround(root: Node, start: number, end: number): MutableNode | undefined {
  let node: Node = root;
  while (node.children) {
    const child = childContaining(node.children, start);
    if (!child) return undefined;
    node = child;
  }
  if (node === root || node.type !== 'string' || start <= node.offset || end > node.offset + node.length - 1) return undefined;
  const parent = node.parent;
  if (parent?.type === 'property' && parent.children?.[0] === node) return undefined;
  return node as MutableNode;
}

/**
 * For an edit of [start, end) that changes the length by `delta`: grows `grown` (the innermost
 * node around the edit, if any) and its ancestors, and moves every node from `end` on.
 */
function shift(root: Node, grown: MutableNode | undefined, start: number, end: number, delta: number): void {
  for (let n: MutableNode | undefined = grown; n; n = n.parent as MutableNode | undefined) n.length += delta;
  const stack: MutableNode[] = [root as MutableNode];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.offset + n.length <= start && n !== grown) continue; // wholly before the edit
    if (n.offset >= end) {
      n.offset += delta;
      if (n.colonOffset !== undefined) n.colonOffset += delta;
    } else if (n.colonOffset !== undefined && n.colonOffset >= end) {
      n.colonOffset += delta;
    }
    if (n.children) for (const child of n.children) stack.push(child as MutableNode);
  }
}

const WHITESPACE = /^[ \t\r\n]*$/;

/** Whether `offset` is inside a key or a value token (a string, number, true, false or null). */
function insideToken(root: Node, offset: number): boolean {
  let node: Node | undefined = root;
  while (node) {
    if (!node.children) return node.offset < offset && offset < node.offset + node.length;
    node = childContaining(node.children, offset);
  }
  return false;
}

/** The innermost object, list or property whose span holds [start, end) strictly inside. */
function containerAround(root: Node, start: number, end: number): MutableNode | undefined {
  let found: Node | undefined;
  let node: Node | undefined = root;
  while (node?.children && node.offset < start && end < node.offset + node.length) {
    found = node;
    node = childContaining(node.children, start);
  }
  return found as MutableNode | undefined;
}

function scannedValue(scanner: ReturnType<typeof createScanner>, offset: number): string {
  scanner.setPosition(offset);
  scanner.scan();
  return scanner.getTokenValue();
}

/** Writes `fresh` where the value holds this node, unless an earlier duplicate key hides it. */
function setValueAt(value: unknown, root: Node, node: Node, fresh: string): boolean {
  const path = pathOf(node);
  if (nodeAtPath(root, path) !== node) return true; // a repeated key's earlier value: not in the value
  let container: unknown = value;
  for (const segment of path.slice(0, -1)) {
    if (container === null || typeof container !== 'object') return false;
    container = (container as Record<string | number, unknown>)[segment];
  }
  const last = path[path.length - 1];
  if (last === undefined || container === null || typeof container !== 'object') return false;
  (container as Record<string | number, unknown>)[last] = fresh;
  return true;
}
