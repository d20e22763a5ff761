// Text that is not ours (ClinikAPI's answers, ids from the file, the base URL) placed into the
// Markdown of a hover or a tooltip. VS Code renders that Markdown by CommonMark's rules, so a name
// with a backtick, an asterisk or a bracket would otherwise end a code span, start emphasis or
// make a link. Plain: no vscode import.

/**
 * Plain text as Markdown that renders as exactly that text: every ASCII punctuation character is
 * backslash-escaped (CommonMark lets any of them be), and line breaks become spaces, so the text
 * can start no block (heading, list, quote, code block) and no inline markup or link.
 */
export function markdownText(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/**
 * Text as one inline code span. Its fence is one backtick longer than the longest run of backticks
 * in the text, so no run inside can close it (CommonMark: a span closes only on a run of equal
 * length). A space pads both sides when the text starts or ends with a backtick or a space, which
 * the renderer strips again. Line breaks become spaces (a code span renders them so anyway, and a
 * blank line would end the paragraph).
 */
export function markdownCode(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ');
  const longest = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  // An empty span is no span, and renderers disagree on an all-space one (VS Code's markdown-it
  // collapses it): both are one space.
  if (/^ *$/.test(flat)) return `${fence} ${fence}`;
  const pad = /^[` ]|[` ]$/.test(flat) && !/^ +$/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
