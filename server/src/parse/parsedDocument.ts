import { parseTree, getNodeValue, type Node, type ParseError } from 'jsonc-parser';
import { STRICT_PARSE_OPTIONS } from '../../../shared/protocol';
import { strictParseTree } from './strictTree';

/**
 * One parse of one version of a document, shared by every feature. ClinikDoc files are the
 * exact request body, so comments and trailing commas are syntax errors.
 */
export interface ParsedDocument {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  /** Error-tolerant syntax tree; undefined only for empty text. */
  readonly root: Node | undefined;
  readonly syntaxErrors: readonly ParseError[];
  /**
   * Set when the text nests too deep to parse into a tree (the parser would exhaust the stack):
   * the offset of the first bracket past the limit. No ClinikAPI document nests more than a few
   * levels, so the tree-based features are off for such a text and only this is reported.
   */
  readonly tooDeepAt?: number;
  /** The value as JSON.parse would see it (last duplicate key wins); computed once, on demand. */
  value(): unknown;
}

/** Deeper than this is reported instead of parsed (the schema's deepest value is 5 levels down). */
export const MAX_NESTING = 256;

export function parseDocument(uri: string, version: number, text: string): ParsedDocument {
  let syntaxErrors: ParseError[] = [];
  let root: Node | undefined;
  // Checked before parsing, not only when the parser overflows: a tree a few thousand levels deep
  // parses, but the features that walk it, and the serialization of their nested answers (symbols,
  // selection ranges), then exhaust the stack (found by the fuzzer, test/lsp/fuzz.test.ts).
  let tooDeepAt = offsetPastNesting(text, MAX_NESTING);
  if (tooDeepAt === undefined) {
    try {
      // Strict JSON (the usual case) has a faster builder of the same tree; the rest goes to jsonc-parser.
      root = strictParseTree(text) ?? parseTree(text, syntaxErrors, STRICT_PARSE_OPTIONS);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      root = undefined;
      syntaxErrors = [];
      tooDeepAt = 0;
    }
  }
  let value: unknown;
  let computed = false;
  return {
    uri,
    version,
    text,
    root,
    syntaxErrors,
    tooDeepAt,
    value() {
      if (!computed) {
        computed = true;
        value = root ? valueOf(root, syntaxErrors.length === 0 ? text : undefined) : undefined;
      }
      return value;
    },
  };
}

function valueOf(root: Node, strictText: string | undefined): unknown {
  if (strictText !== undefined) {
    // Strict JSON: the native parser is several times faster than walking the tree.
    try {
      return JSON.parse(strictText);
    } catch {
      // Fall through: e.g. a lone surrogate escape that the tree accepted.
    }
  }
  return getNodeValue(root);
}

/**
 * The offset of the first `{` or `[` (outside strings) that opens level `limit + 1`. Strings end
 * where the parser's scanner ends them, at a line break too (an unterminated string), and an
 * unmatched closing bracket never counts below zero: the count is never lower than the parser's.
 */
export function offsetPastNesting(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Inside a string only a quote, a line break or an escape matters. Short strings (keys, ids)
      // are read a character at a time; past 64 characters the regex engine finds the stop (a
      // 2.5 MB document is mostly long strings, which a loop per character crawls through).
      for (;;) {
        let j = i + 1;
        const short = Math.min(j + 64, text.length);
        while (j < short) {
          const d = text.charCodeAt(j);
          if (d === 0x22 || d === 0x5c || d === 0x0a || d === 0x0d) break;
          j++;
        }
        if (j === short) {
          STRING_STOP.lastIndex = j;
          const stop = STRING_STOP.exec(text);
          if (!stop) return undefined; // the string runs to the end of the text
          j = stop.index;
        }
        i = j;
        if (text.charCodeAt(i) !== 0x5c) break;
        i++; // an escape: skip the escaped character, whatever it is
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if ((c === 0x7d || c === 0x5d) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

const STRING_STOP = /["\\\n\r]/g;
