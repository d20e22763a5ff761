import { createScanner, format, modify, SyntaxKind, type Edit, type FormattingOptions, type JSONPath, type Range } from 'jsonc-parser';

/**
 * jsonc-parser's formatter, kept bounded on any text (found by the fuzzer, test/lsp/fuzz.test.ts):
 *
 * - It indents by the nesting it counts from the tokens, so a broken text nested a thousand levels
 *   "deep" (unbalanced brackets, strings cut short) gets O(n²) spaces, and `modify` with
 *   formatting options then applies each of thousands of edits by copying the whole text again
 *   (seconds, a stuck request). Texts nested deeper than MAX_FORMAT_DEPTH are not formatted.
 * - Its cache of "line break + indentation" strings has an off-by-one: an indentation of exactly
 *   200 spaces (50 levels at tab size 4, 100 at 2) comes back `undefined`, which `modify` then
 *   dereferences. The line break is passed as a marker no cache knows, and put back after.
 */
export const MAX_FORMAT_DEPTH = 64;

/** A range starting on a line indented deeper than this is not formatted. */
const MAX_INITIAL_INDENT = 1_000;

/** Not one of jsonc-parser's cached line endings; only ever in text the formatter generates. */
const EOL_MARKER = '\u2028';

/** The formatter's edits, or undefined when the text nests too deep to format. */
export function formatEdits(text: string, range: Range | undefined, options: FormattingOptions): Edit[] | undefined {
  // What the formatter scans: the whole text, or the lines the range touches, indented as the
  // first of them is (a line indented by a million spaces would indent every line it makes so).
  let scanned = text;
  if (range) {
    let start = range.offset;
    while (start > 0 && !isEol(text, start - 1)) start--;
    let end = range.offset + range.length;
    while (end < text.length && !isEol(text, end)) end++;
    scanned = text.slice(start, end);
    if (/^[ \t]*/.exec(scanned)![0].length > MAX_INITIAL_INDENT) return undefined;
  }
  if (tokenDepth(scanned) > MAX_FORMAT_DEPTH) return undefined;
  const eol = options.eol ?? (text.includes('\r\n') ? '\r\n' : text.includes('\r') ? '\r' : '\n');
  // Every edit's content is whitespace the formatter generated: replacing the marker is exact.
  return format(text, range, { ...options, eol: EOL_MARKER }).map((e) => ({ ...e, content: e.content.split(EOL_MARKER).join(eol) }));
}

/**
 * `modify` then, with formatting options, the lines it touched re-formatted as jsonc-parser's own
 * `withFormatting` does, with formatEdits and a single pass over the text. Returns the new text.
 */
export function modifyFormatted(
  text: string,
  path: JSONPath,
  value: unknown,
  options: { formattingOptions?: FormattingOptions; isArrayInsertion?: boolean },
): string {
  const raw = modify(text, path, value, { isArrayInsertion: options.isArrayInsertion });
  const modified = applyInOnePass(text, raw);
  if (!options.formattingOptions || raw.length !== 1) return modified;
  const edit = raw[0]!;
  let begin = edit.offset;
  let end = edit.offset + edit.content.length;
  if (edit.length === 0 || edit.content.length === 0) {
    while (begin > 0 && !isEol(modified, begin - 1)) begin--;
    while (end < modified.length && !isEol(modified, end)) end++;
  }
  const edits = formatEdits(modified, { offset: begin, length: end - begin }, { ...options.formattingOptions, keepLines: false });
  return edits ? applyInOnePass(modified, edits) : modified;
}

/** Applies non-overlapping edits in one pass (jsonc-parser's applyEdits copies the text per edit). */
export function applyInOnePass(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.offset < at) throw new Error('overlapping edits');
    parts.push(text.slice(at, e.offset), e.content);
    at = e.offset + e.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** The deepest nesting of brackets as the formatter's scanner sees the tokens. */
function tokenDepth(text: string): number {
  const scanner = createScanner(text, true);
  let depth = 0;
  let max = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > MAX_FORMAT_DEPTH) return max;
      }
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      depth--;
    }
  }
  return max;
}

function isEol(text: string, offset: number): boolean {
  const c = text.charCodeAt(offset);
  return c === 10 || c === 13;
}
