import type { Node } from 'jsonc-parser';
import type { JsonPath } from '../../../shared/documentSchema';

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

/**
 * The last `property` node with this key in an object node. Small objects are scanned; a larger
 * one gets a key → property map, built on its first lookup and kept as long as the node is (a tree
 * lives on across versions only while edits leave its keys alone: parse/applyEdits.ts), so a
 * lookup per diagnostic or per quick fix stays constant time however many keys the object has.
 */
export function propertyNode(object: Node, key: string): Node | undefined {
  const children = object.children;
  if (!children) return undefined;
  if (children.length <= SCAN_AT_MOST) {
    for (let i = children.length - 1; i >= 0; i--) {
      const property = children[i]!;
      if (property.children?.[0]?.value === key) return property;
    }
    return undefined;
  }
  return propertiesByKey(object).get(key);
}

/**
 * An object node's properties by key, the last one of a repeated key (as JSON.parse keeps it);
 * built once per node. For the lookups of propertyNode and the duplicate-key check of a large
 * object; a small one is cheaper to scan.
 */
export function propertiesByKey(object: Node): ReadonlyMap<string, Node> {
  let byKey = propertyMaps.get(object);
  if (!byKey) {
    byKey = new Map();
    // In text order, so the last occurrence of a repeated key is the one kept.
    for (const property of object.children ?? []) {
      const name = property.children?.[0]?.value;
      if (typeof name === 'string') byKey.set(name, property);
    }
    propertyMaps.set(object, byKey);
  }
  return byKey;
}

/** Objects up to this many properties (every object of a usual document) are scanned. */
const SCAN_AT_MOST = 16;

const propertyMaps = new WeakMap<Node, Map<string, Node>>();

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
  const index = childIndexAt(children, offset);
  return index < 0 ? undefined : children[index];
}

/** The index of the child whose span holds `offset`, or -1; by binary search. */
export function childIndexAt(children: readonly Node[], offset: number): number {
  let low = 0;
  let high = children.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const child = children[mid]!;
    if (offset < child.offset) high = mid - 1;
    else if (offset >= child.offset + child.length) low = mid + 1;
    else return mid;
  }
  return -1;
}

/** The key node (of a property) that starts at `offset`, found by descending the tree. */
export function keyAt(root: Node, offset: number): Node | undefined {
  let node: Node | undefined = root;
  while (node?.children) {
    const index = childIndexAt(node.children, offset);
    if (index < 0) return undefined;
    const child: Node = node.children[index]!;
    if (node.type === 'property' && index === 0) return child.offset === offset ? child : undefined;
    node = child;
  }
  return undefined;
}
