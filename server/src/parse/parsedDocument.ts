import { parseTree, getNodeValue, type Node, type ParseError } from 'jsonc-parser';

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
  /** The value as JSON.parse would see it (last duplicate key wins); computed once, on demand. */
  value(): unknown;
}

export const PARSE_OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

export function parseDocument(uri: string, version: number, text: string): ParsedDocument {
  const syntaxErrors: ParseError[] = [];
  const root = parseTree(text, syntaxErrors, PARSE_OPTIONS);
  let value: unknown;
  let computed = false;
  return {
    uri,
    version,
    text,
    root,
    syntaxErrors,
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
