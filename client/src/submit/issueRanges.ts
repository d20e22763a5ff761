import { findNodeAtLocation, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import type { ServerIssue } from '../api/outcome';

/** A server issue placed in the text: offsets into the document, as the editor will show it. */
export interface PlacedIssue {
  issue: ServerIssue;
  /** The path the issue names (`sections.0.title` → ['sections', 0, 'title']). */
  path: JSONPath;
  /** The message without its path prefix (`Required`). */
  message: string;
  offset: number;
  length: number;
}

/** Splits `sections.0.title: Required` into its path and its message. */
export function splitIssue(diagnostics: string): { path: JSONPath; message: string } {
  const m = /^([^\s:]+(?:\.[^\s:]+)*):\s*(.*)$/s.exec(diagnostics);
  if (!m) return { path: [], message: diagnostics };
  const path = m[1].split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
  return { path, message: m[2] };
}

/**
 * Places each issue on the node its path names. A missing node (`Required`) is placed on the
 * nearest existing ancestor: on the key of the property holding it, or on the opening bracket.
 */
export function placeIssues(text: string, issues: readonly ServerIssue[]): PlacedIssue[] {
  const root = parseTree(text, [], { disallowComments: false, allowTrailingComma: true });
  return issues.map((issue) => {
    const { path, message } = splitIssue(issue.diagnostics);
    const range = root ? rangeFor(root, path) : { offset: 0, length: Math.min(1, text.length) };
    return { issue, path, message, ...range };
  });
}

function rangeFor(root: Node, path: JSONPath): { offset: number; length: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? root : findNodeAtLocation(root, path.slice(0, n));
    if (!node) continue;
    if (n === path.length) return keyOrValue(node);
    // An ancestor: point at its property key if it has one, else at its opening bracket.
    const key = propertyKey(node);
    return key ? { offset: key.offset, length: key.length } : { offset: node.offset, length: 1 };
  }
  return { offset: root.offset, length: 1 };
}

/** Scalars are marked where they are; objects and arrays on their property key (a whole object is too big a squiggle). */
function keyOrValue(node: Node): { offset: number; length: number } {
  if (node.type === 'object' || node.type === 'array') {
    const key = propertyKey(node);
    return key ? { offset: key.offset, length: key.length } : { offset: node.offset, length: 1 };
  }
  return { offset: node.offset, length: node.length };
}

function propertyKey(node: Node): Node | undefined {
  const parent = node.parent;
  if (parent?.type === 'property' && parent.children?.[1] === node) return parent.children[0];
  return undefined;
}
