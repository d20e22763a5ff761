import type { Node } from 'jsonc-parser';
import type { JsonPath } from '../schema/documentSchema';

/**
 * The node of the value at `path`. Where an object repeats a key, the last one wins, as in
 * JSON.parse and so on the server.
 */
export function nodeAtPath(root: Node | undefined, path: JsonPath): Node | undefined {
  let node = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      node = node.type === 'array' ? node.children?.[segment] : undefined;
    } else {
      node = node.type === 'object' ? propertyNode(node, segment)?.children?.[1] : undefined;
    }
  }
  return node;
}

/** The last `property` node with this key in an object node. */
export function propertyNode(object: Node, key: string): Node | undefined {
  const children = object.children ?? [];
  for (let i = children.length - 1; i >= 0; i--) {
    const property = children[i]!;
    if (property.children?.[0]?.value === key) return property;
  }
  return undefined;
}

/** The path from the root to `node` (numbers for array items). */
export function pathOf(node: Node): JsonPath {
  const path: JsonPath = [];
  let current: Node | undefined = node;
  while (current?.parent) {
    const parent: Node = current.parent;
    if (parent.type === 'property') {
      path.unshift(parent.children![0]!.value as string);
      current = parent.parent;
    } else if (parent.type === 'array') {
      path.unshift(parent.children!.indexOf(current));
      current = parent;
    } else {
      current = parent;
    }
  }
  return path;
}

/** The child whose span holds `offset`, by binary search (children are in text order). */
export function childContaining(children: readonly Node[], offset: number): Node | undefined {
  let low = 0;
  let high = children.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const child = children[mid]!;
    if (offset < child.offset) high = mid - 1;
    else if (offset >= child.offset + child.length) low = mid + 1;
    else return child;
  }
  return undefined;
}
