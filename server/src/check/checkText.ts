import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { computeDiagnostics } from '../features/diagnostics';
import { MAX_NESTING, parseDocument } from '../parse/parsedDocument';
import validateDocument from '../schema/generated/validateDocument';
import { LANGUAGE_ID } from '../../../shared/protocol';

/** Parsed documents are never looked up by URI here; the diagnostics do not read it. */
const URI = 'clinikdoc-check:document';

/**
 * The editor's diagnostics for one text, for `clinikdoc check`: what LanguageService.diagnostics
 * returns for the text opened as a new document, without the cache, the edit log or the URI the
 * editor needs (each text is checked once, and then dropped).
 *
 * Most documents of a repository are clean, and for those the editor's path does more than the
 * answer needs: it builds a syntax tree to place diagnostics there are none of. A text that is
 * strict JSON (JSON.parse takes it), that the compiled validator passes and that repeats no key
 * has no diagnostic of any kind, and is answered without a tree; anything else takes the editor's
 * path. test/cli/fastPath.test.ts checks the two agree on every fixture and a generated batch.
 */
export function checkText(text: string): Diagnostic[] {
  if (isClean(text)) return [];
  return computeDiagnostics(TextDocument.create(URI, LANGUAGE_ID, 1, text), parseDocument(URI, 1, text));
}

/**
 * True only when the editor's path would report nothing: no syntax error (JSON.parse accepts only
 * strict JSON, and strict JSON gives jsonc-parser nothing to report), nesting within MAX_NESTING,
 * no schema error (the same validator on the same value, JSON.parse's, as ParsedDocument.value
 * gives), and no duplicate key (as many keys written as the parsed value has properties: a
 * repeated key is one property fewer).
 */
function isClean(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (!validateDocument(value)) return false;
  const keys = keysWritten(text);
  return keys >= 0 && keys === propertyCount(value);
}

/**
 * The number of keys in a text that is strict JSON, or -1 past MAX_NESTING levels: each colon
 * outside strings follows exactly one key. Strings are skipped with indexOf, which runs through a
 * section's long text far faster than a loop per character.
 */
function keysWritten(text: string): number {
  let colons = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end < 0) return -1; // not strict JSON after all: let the editor's path say so
        // The quote ends the string unless an odd number of backslashes escapes it.
        let slash = end - 1;
        while (text.charCodeAt(slash) === 0x5c) slash--;
        if ((end - 1 - slash) % 2 === 0) break;
      }
      i = end;
    } else if (c === 0x3a) {
      colons++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_NESTING) return -1;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return colons;
}

/** Properties of every object in a value JSON.parse returned (so no cycles, at most MAX_NESTING deep). */
function propertyCount(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) if (item !== null && typeof item === 'object') count += propertyCount(item);
    return count;
  }
  for (const key in value) {
    count++;
    const item = (value as Record<string, unknown>)[key];
    if (item !== null && typeof item === 'object') count += propertyCount(item);
  }
  return count;
}
