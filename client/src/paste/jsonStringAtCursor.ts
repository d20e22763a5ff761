import { createScanner, ScanError, SyntaxKind } from 'jsonc-parser';

/**
 * Whether a position is inside a JSON string literal, looking at its line only: a JSON string
 * cannot contain a raw line break, and jsonc-parser ends an unterminated one at the line's end,
 * so the line decides. No `vscode` import.
 */
export interface StringSpan {
  /** Character offsets in the line: the opening quote, and just past the closing one. */
  start: number;
  end: number;
  terminated: boolean;
}

/** The string literal of `line` that has `character` strictly after its opening quote and not past its closing quote. */
export function jsonStringAt(line: string, character: number): StringSpan | undefined {
  const scanner = createScanner(line, false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const start = scanner.getTokenOffset();
    if (start >= character) return undefined;
    if (kind !== SyntaxKind.StringLiteral) continue;
    const end = start + scanner.getTokenLength();
    const terminated = scanner.getTokenError() !== ScanError.UnexpectedEndOfString;
    const lastInside = terminated ? end - 1 : end;
    if (character <= lastInside) return { start, end, terminated };
  }
  return undefined;
}

/**
 * Whether inserting at `character` would split an escape (`"a\|n"`): pasting there would change
 * the escape's meaning, so the escaped paste is not offered.
 */
export function splitsEscape(line: string, span: StringSpan, character: number): boolean {
  let backslashes = 0;
  for (let i = character - 1; i > span.start && line[i] === '\\'; i--) backslashes++;
  if (backslashes % 2 === 1) return true;
  // Inside the hex digits of a \uXXXX escape?
  for (let i = Math.max(span.start + 1, character - 5); i < character; i++) {
    if (line[i] === 'u' && line[i - 1] === '\\' && character - i <= 4) {
      let before = 0;
      for (let j = i - 2; j > span.start && line[j] === '\\'; j--) before++;
      if (before % 2 === 0) return true;
    }
  }
  return false;
}

/** A paste target: the text of its line, and the range's start and end characters on it (`end` undefined when the range spans lines). */
export interface PasteTarget {
  line: string;
  start: number;
  end: number | undefined;
}

/**
 * Whether a paste at every target goes inside a JSON string, each target within one string and
 * splitting no escape: only then is the escaped paste offered.
 */
export function canPasteEscaped(targets: readonly PasteTarget[]): boolean {
  if (targets.length === 0) return false;
  return targets.every(({ line, start, end }) => {
    if (end === undefined) return false;
    const span = jsonStringAt(line, start);
    if (!span || span.start !== jsonStringAt(line, end)?.start) return false;
    return !splitsEscape(line, span, start) && !splitsEscape(line, span, end);
  });
}
