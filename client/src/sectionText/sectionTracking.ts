/**
 * Follows one section text's string literal through the edits of its JSON document, the way an
 * editor follows a marker: edits before it move it, edits inside it change its content, an edit
 * across it (deleting or replacing the section) loses it. Once lost, it is found again only in
 * text inserted afterwards (an undo, a paste of the cut section), never merely because another
 * section has the same text. No `vscode` import.
 */

/** [offset, offset + length) of a text. */
export interface Span {
  offset: number;
  length: number;
}

/** One change of a text, as editors report them: `length` characters at `offset` replaced by `text`. */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

/** Where a side editor's section text is, kept up to date by trackChanges. */
export interface Tracking {
  /** The string literal (quotes included) in the text as last seen; undefined once an edit went across it. */
  literal: Span | undefined;
  /** Since the literal was lost: the spans of text inserted since, where it may come back. */
  inserted: Span[];
}

/** Spans of inserted text kept while lost; past this, the oldest are forgotten (it is then only found less often). */
const MAX_INSERTED = 64;

/**
 * Applies `changes` (made one after another, each to the text the previous one left, starting
 * from `before`) to `tracking`. Each change is first narrowed to what it really changes (the text
 * it removed against the text it inserted), so that replacing the whole document with a text
 * that differs in one place is seen as that one place, as a person would see it. Where that place
 * is ambiguous (one of two identical sections removed: the first, or the second?), the string is
 * kept only if no reading of the change goes across it.
 */
export function trackChanges(tracking: Tracking, before: string, changes: readonly TextChange[]): void {
  let text = before;
  for (const [i, change] of changes.entries()) {
    apply(tracking, readings(text, change));
    // Only a batch of several changes needs the text in between.
    if (i < changes.length - 1) text = text.slice(0, change.offset) + change.text + text.slice(change.offset + change.length);
  }
}

/**
 * The narrowest forms of `change`: the common start and end of the removed and the inserted text
 * taken off, the start first and the end first (which differ when the change repeats what is
 * beside it: removing one of two identical sections).
 */
function readings(text: string, change: TextChange): TextChange[] {
  const removed = text.slice(change.offset, change.offset + change.length);
  const inserted = change.text;
  const most = Math.min(removed.length, inserted.length);
  const same = (a: number, b: number) => removed.charCodeAt(a) === inserted.charCodeAt(b);
  const cut = (start: number, end: number): TextChange => ({ offset: change.offset + start, length: removed.length - start - end, text: inserted.slice(start, inserted.length - end) });
  let start = 0;
  while (start < most && same(start, start)) start++;
  let end = 0;
  while (end < most - start && same(removed.length - 1 - end, inserted.length - 1 - end)) end++;
  const startFirst = cut(start, end);
  end = 0;
  while (end < most && same(removed.length - 1 - end, inserted.length - 1 - end)) end++;
  start = 0;
  while (start < most - end && same(start, start)) start++;
  const endFirst = cut(start, end);
  return endFirst.offset === startFirst.offset && endFirst.length === startFirst.length ? [startFirst] : [startFirst, endFirst];
}

type Effect = 'before' | 'after' | 'inside' | 'whole' | 'across';

function effectOn(literal: Span, change: TextChange): Effect {
  const start = change.offset;
  const end = change.offset + change.length;
  const literalEnd = literal.offset + literal.length;
  if (end <= literal.offset) return 'before'; // an insertion right before its opening quote too
  if (start >= literalEnd) return 'after';
  if (start > literal.offset && end < literalEnd) return 'inside'; // within its quotes: its content, edited in the JSON
  // The whole string replaced by another string (a write back).
  if (start === literal.offset && end === literalEnd && isOneStringLiteral(change.text)) return 'whole';
  return 'across';
}

/** One change, in each of its readings (the same change: equal lengths removed and inserted). */
function apply(tracking: Tracking, readings: TextChange[]): void {
  const change = readings[0]!;
  const delta = change.text.length - change.length;
  const literal = tracking.literal;
  if (literal) {
    const effects = new Set(readings.map((r) => effectOn(literal, r)));
    const [effect] = effects;
    if (effects.size === 1 && effect !== 'across') {
      if (effect === 'before') literal.offset += delta;
      else if (effect === 'inside') literal.length += delta;
      else if (effect === 'whole') literal.length = change.text.length;
      return;
    }
    // Across a quote (in some reading): the section, or at least its text's string, was deleted or replaced.
    tracking.literal = undefined;
    tracking.inserted = readings.filter((r) => r.text.length > 0).map((r) => ({ offset: r.offset, length: r.text.length }));
    return;
  }
  let spans = withInsertion(tracking.inserted, change);
  // What another reading inserts is in the same text after the change: add it as it is.
  for (const other of readings.slice(1)) if (other.text.length > 0) spans = withInsertion(spans, { offset: other.offset, length: other.text.length, text: other.text });
  tracking.inserted = spans;
}

/** The spans of inserted text after one more change: moved by it, joined with what it inserts. */
function withInsertion(spans: readonly Span[], change: TextChange): Span[] {
  const start = change.offset;
  const end = change.offset + change.length;
  const delta = change.text.length - change.length;
  const kept: Span[] = [];
  let from = start;
  let to = start + change.text.length;
  for (const span of spans) {
    const spanEnd = span.offset + span.length;
    if (spanEnd < start) kept.push(span);
    else if (span.offset > end) kept.push({ offset: span.offset + delta, length: span.length });
    else {
      // Touching or overlapping the change: one span with it.
      from = Math.min(from, span.offset);
      to = Math.max(to, spanEnd > end ? spanEnd + delta : to);
    }
  }
  if (to > from) kept.push({ offset: from, length: to - from });
  kept.sort((a, b) => a.offset - b.offset);
  return kept.length > MAX_INSERTED ? kept.slice(kept.length - MAX_INSERTED) : kept;
}

function isOneStringLiteral(text: string): boolean {
  if (text.length < 2 || text[0] !== '"') return false;
  let i = 1;
  while (i < text.length - 1) {
    if (text[i] === '\\') i += 2; // an escape: the next character, whatever it is
    else if (text[i] === '"') return false;
    else i++;
  }
  // At the last character, and it is a quote no backslash escaped.
  return i === text.length - 1 && text[i] === '"';
}

/** Whether `span` lies within one of the spans inserted since the literal was lost. */
export function withinInserted(tracking: Tracking, span: Span): boolean {
  return tracking.inserted.some((s) => s.offset <= span.offset && span.offset + span.length <= s.offset + s.length);
}
