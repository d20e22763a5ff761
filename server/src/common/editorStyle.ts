import type { FormattingOptions } from 'jsonc-parser';

/**
 * How the document is already written — indentation and line ending — so that edits made without
 * the editor's formatting options (quick fixes) look like the text around them.
 */
export function editorStyle(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let tabSize = 2;
  let insertSpaces = true;
  let smallest = Infinity;
  // The smallest indentation of a line that starts a property or a value is one indent unit.
  for (const match of text.matchAll(/\n([ \t]+)["{[]/g)) {
    const indent = match[1]!;
    if (indent.startsWith('\t')) {
      insertSpaces = false;
      break;
    }
    if (indent.length < smallest) smallest = indent.length;
    if (smallest === 1) break;
  }
  if (insertSpaces && smallest !== Infinity) tabSize = smallest;
  return { tabSize, insertSpaces, eol };
}
