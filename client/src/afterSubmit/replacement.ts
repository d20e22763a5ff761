import { modify, parseTree, findNodeAtLocation, type Edit, type FormattingOptions } from 'jsonc-parser';
import { STRICT_PARSE_OPTIONS } from '../../../shared/protocol';

/**
 * A replacement of a submitted document, prepared in the file itself: `status: "amended"` and a
 * `relatesTo` entry `{ "code": "replaces", "targetId": <id> }` (kept once). The edits are returned
 * for the editor to apply as one undoable change; the file is then checked and submitted like
 * any other document.
 */
export function replacementEdits(text: string, targetId: string): Edit[] | { error: string } {
  const root = parseTree(text, [], STRICT_PARSE_OPTIONS);
  if (!root || root.type !== 'object') return { error: 'The document is not one JSON object.' };
  const formatting = detectFormatting(text);
  // Applied one after another, then folded into one edit of the whole difference.
  let current = text;
  const apply = (path: (string | number)[], value: unknown, isArrayInsertion = false) => {
    current = applyAll(current, modify(current, path, value, { formattingOptions: formatting, isArrayInsertion }));
  };
  apply(['status'], 'amended');
  const tree = parseTree(current, [], STRICT_PARSE_OPTIONS);
  const relatesTo = tree ? findNodeAtLocation(tree, ['relatesTo']) : undefined;
  if (!relatesTo || relatesTo.type !== 'array') apply(['relatesTo'], [{ code: 'replaces', targetId }]);
  else {
    const items = relatesTo.children ?? [];
    const already = items.some((n) => {
      const code = findNodeAtLocation(n, ['code'])?.value;
      const target = findNodeAtLocation(n, ['targetId'])?.value;
      return code === 'replaces' && target === targetId;
    });
    if (!already) apply(['relatesTo', items.length], { code: 'replaces', targetId }, true);
  }
  return diffEdit(text, current);
}

/** One edit turning `before` into `after` (the changed middle only). */
function diffEdit(before: string, after: string): Edit[] {
  if (before === after) return [];
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) endB--, endA--;
  return [{ offset: start, length: endB - start, content: after.slice(start, endA) }];
}

function applyAll(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
  return out;
}

function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /\n([ \t]+)\S/.exec(text);
  if (indented && indented[1].startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indented ? indented[1].length : 2, eol };
}
