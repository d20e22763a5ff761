import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { JsonPath } from '../../../shared/documentSchema';
import { STRICT_PARSE_OPTIONS } from '../../../shared/protocol';
import { decodeJsonStringLiteral, jsonStringLiteral } from './jsonString';
import { withinInserted, type Tracking } from './sectionTracking';

/**
 * Where a section's `text` is in a document's text, found again after edits. A side editor is
 * tied to its section's string literal, followed through the JSON's edits (sectionTracking.ts):
 * it follows the section when others are inserted, deleted or moved around it, and when its own
 * section is deleted or replaced it says so, and never writes into another section — not even one
 * with the same text. No `vscode` import.
 */

/** One section's (or nested section's) `text` string in a document. */
export interface SectionTextSite {
  /** `['sections', 1, 'text']` or `['sections', 0, 'sections', 2, 'text']`. */
  path: JsonPath;
  /** The string literal, quotes included: [offset, offset + length). */
  offset: number;
  length: number;
  /** Offset of the `"text"` key (where a code lens goes). */
  keyOffset: number;
  /** The decoded value; undefined when the literal itself is broken (see `problem`). */
  value: string | undefined;
  problem?: string;
  /** The section's title when it is a string. */
  title: string | undefined;
}

/** What the side editor remembers about its section: where its string is, and what it held. */
export interface SectionTextRef extends Tracking {
  /** Where it was last seen (the path changes as sections are inserted or deleted before it). */
  path: JsonPath;
  /** The value as last synced between the JSON and the side editor. */
  value: string;
  title: string | undefined;
}

/** The ref of a section text just read from the document's current text. */
export function sectionTextRef(site: SectionTextSite & { value: string }): SectionTextRef {
  return { path: site.path, value: site.value, title: site.title, literal: { offset: site.offset, length: site.length }, inserted: [] };
}

export type Located =
  /** Its string, followed through the edits, with the remembered content. */
  | { kind: 'found'; site: SectionTextSite & { value: string } }
  /** Its section was cut and has come back (an undo, a paste), once, with the same title and text. */
  | { kind: 'moved'; site: SectionTextSite & { value: string } }
  /** Its string, followed through the edits, with new content: it was edited in the JSON. */
  | { kind: 'changed'; site: SectionTextSite & { value: string } }
  /** Nowhere to write: `reason` says why, in the clinician's words. */
  | { kind: 'missing'; reason: string };

interface Parsed {
  root: Node | undefined;
  errors: ParseError[];
}

function parse(text: string): Parsed | undefined {
  const errors: ParseError[] = [];
  try {
    return { root: parseTree(text, errors, STRICT_PARSE_OPTIONS), errors };
  } catch (error) {
    if (error instanceof RangeError) return undefined; // nested too deep to parse
    throw error;
  }
}

/** The property `key` of an object node; the last one when it occurs twice, as `JSON.parse` keeps it. */
function propertyNode(object: Node, key: string): Node | undefined {
  const properties = object.children ?? [];
  for (let i = properties.length - 1; i >= 0; i--) if (properties[i]!.children?.[0]?.value === key) return properties[i];
  return undefined;
}

function siteOf(parsed: Parsed, text: string, section: Node, path: JsonPath): SectionTextSite | undefined {
  const property = propertyNode(section, 'text');
  const node = property?.children?.[1];
  if (!property || !node || node.type !== 'string') return undefined;
  const titleNode = propertyNode(section, 'title')?.children?.[1];
  const literal = text.slice(node.offset, node.offset + node.length);
  const decoded = decodeJsonStringLiteral(literal);
  // jsonc-parser ends an unterminated string at the line break and reports it: refuse those.
  const broken = parsed.errors.some((e) => e.offset >= node.offset && e.offset < node.offset + node.length);
  const site: SectionTextSite = {
    path: [...path, 'text'],
    offset: node.offset,
    length: node.length,
    keyOffset: property.offset,
    value: decoded.ok && !broken ? decoded.value : undefined,
    title: titleNode?.type === 'string' ? (titleNode.value as string) : undefined,
  };
  if (!decoded.ok) site.problem = `The text has a syntax error (${decoded.problem}); fix it in the JSON first.`;
  else if (broken) site.problem = 'The text string is not closed; fix it in the JSON first.';
  return site;
}

function sitesOf(parsed: Parsed, text: string): SectionTextSite[] {
  const out: SectionTextSite[] = [];
  const walk = (sections: Node | undefined, path: JsonPath, depth: number) => {
    if (sections?.type !== 'array') return;
    sections.children?.forEach((section, i) => {
      if (section.type !== 'object') return;
      const sectionPath = [...path, i];
      const site = siteOf(parsed, text, section, sectionPath);
      if (site) out.push(site);
      // The contract nests sections one level (`sections[].sections[]`).
      if (depth === 0) walk(propertyNode(section, 'sections')?.children?.[1], [...sectionPath, 'sections'], 1);
    });
  };
  if (parsed.root?.type === 'object') walk(propertyNode(parsed.root, 'sections')?.children?.[1], ['sections'], 0);
  return out;
}

/** Every section's and nested section's `text` string, in document order. */
export function findSectionTexts(text: string): SectionTextSite[] {
  const parsed = parse(text);
  return parsed ? sitesOf(parsed, text) : [];
}

/**
 * The section text the cursor is in: the innermost section whose object contains `offset`.
 * `missing` says why there is none (not in a section, or the section has no text yet).
 */
export function sectionTextAt(text: string, offset: number): { site: SectionTextSite } | { missing: string } {
  const parsed = parse(text);
  if (!parsed) return { missing: 'The document nests too deep to be read.' };
  const sites = sitesOf(parsed, text);
  let best: { site: SectionTextSite; size: number } | undefined;
  let sectionWithoutText = false;
  const consider = (sections: Node | undefined, path: JsonPath, depth: number) => {
    if (sections?.type !== 'array') return;
    sections.children?.forEach((section, i) => {
      if (section.type !== 'object' || offset < section.offset || offset > section.offset + section.length) return;
      const textPath = JSON.stringify([...path, i, 'text']);
      const site = sites.find((s) => JSON.stringify(s.path) === textPath);
      if (site && (!best || section.length < best.size)) best = { site, size: section.length };
      if (!site) sectionWithoutText = true;
      if (depth === 0) consider(propertyNode(section, 'sections')?.children?.[1], [...path, i, 'sections'], 1);
    });
  };
  if (parsed.root?.type === 'object') consider(propertyNode(parsed.root, 'sections')?.children?.[1], ['sections'], 0);
  if (best) return { site: best.site };
  return {
    missing: sectionWithoutText
      ? 'This section has no "text" string yet: add "text": "" to it first.'
      : 'Put the cursor in a section (an item of "sections") to edit its text.',
  };
}

function usable(site: SectionTextSite): site is SectionTextSite & { value: string } {
  return site.value !== undefined;
}

/** Said when a side editor's section is gone; the person's text stays in the side editor. */
export const SECTION_GONE = 'The section this text was opened from was deleted or replaced. Copy your text if you need it, and reopen the section from the JSON to edit it here.';

/**
 * Where the section text `ref` is now in `text` (which `ref` has been kept up to date with, by
 * trackChanges). Its string, where the edits have left it; once an edit went across that string
 * (the section was deleted, cut or replaced), only a section with the same title and text that
 * came back in text inserted since (an undo, a paste of the cut section), and only when exactly
 * one did. Another section that merely has the same text (an empty one, "N/A", a snippet's
 * "Section text") is never taken for it.
 */
export function locateSectionText(text: string, ref: SectionTextRef): Located {
  const parsed = parse(text);
  if (!parsed) return { kind: 'missing', reason: 'The document nests too deep to be read.' };
  const sites = sitesOf(parsed, text);
  const literal = ref.literal;
  if (literal) {
    const site = sites.find((s) => s.offset === literal.offset && s.length === literal.length);
    // Kept: once the JSON around it is mended (a key, a bracket), it is a section text again.
    if (!site) return { kind: 'missing', reason: 'Its text is no longer a section\'s "text" in the JSON (the JSON around it changed or is broken); mend the JSON, or reopen the section from it.' };
    if (!usable(site)) return { kind: 'missing', reason: site.problem ?? 'The text cannot be read.' };
    return { kind: site.value === ref.value ? 'found' : 'changed', site };
  }
  const returned = sites.filter(usable).filter((s) => s.value === ref.value && s.title === ref.title && withinInserted(ref, s));
  if (returned.length === 1) return { kind: 'moved', site: returned[0]! };
  if (returned.length > 1) {
    return { kind: 'missing', reason: 'The section this text was opened from was deleted or replaced, and a section like it came back in several places: reopen the one you mean from the JSON.' };
  }
  return { kind: 'missing', reason: SECTION_GONE };
}

/** Ties `ref` to `site`, where it was located (its path, title and string as they are now). */
export function relink(ref: SectionTextRef, site: SectionTextSite): void {
  ref.path = site.path;
  ref.title = site.title;
  ref.literal = { offset: site.offset, length: site.length };
  ref.inserted = [];
}

export type WriteBack =
  | { ok: true; site: SectionTextSite & { value: string }; offset: number; length: number; newText: string; unchanged: boolean }
  | { ok: false; reason: string };

/**
 * The one edit that puts `value` into the section text `ref`: the range of its string literal
 * and the new literal. Refuses when the text was changed in the JSON since the last sync
 * (`changed`), so an edit made there is never silently overwritten.
 */
export function computeWriteBack(text: string, ref: SectionTextRef, value: string): WriteBack {
  const located = locateSectionText(text, ref);
  if (located.kind === 'missing') return { ok: false, reason: located.reason };
  if (located.kind === 'changed') {
    return { ok: false, reason: 'The text was changed in the JSON since it was opened here; reopen it to continue from the JSON.' };
  }
  const { site } = located;
  const newText = jsonStringLiteral(value);
  return { ok: true, site, offset: site.offset, length: site.length, newText, unchanged: newText === text.slice(site.offset, site.offset + site.length) };
}

/**
 * The side editor writes its text with one kind of line break. Keep CRLF only when the value
 * used CRLF; otherwise every line break becomes `\n` (what a Windows editor inserts must not
 * turn a `\n` document into `\r\n`).
 */
export function normalizeLineBreaks(edited: string, original: string): string {
  if (/\r\n/.test(original) && !/(^|[^\r])\n/.test(original)) return edited.replace(/\r?\n/g, '\r\n');
  return edited.replace(/\r\n?/g, '\n');
}

/** Whether the value mixes line-break kinds (an editor would unify them: they cannot round-trip). */
export function hasMixedLineBreaks(value: string): boolean {
  const crlf = /\r\n/.test(value);
  const lf = /(^|[^\r])\n/.test(value);
  const cr = /\r(?!\n)/.test(value);
  return Number(crlf) + Number(lf) + Number(cr) > 1;
}

/**
 * The side editor's file name, which VS Code shows as the tab title: `Hospital Course — text`
 * (`Section 2 — text` for a section without a title). package.json gives names ending in
 * ` — text` the `clinikdoc-text` language and its settings.
 */
export function sideEditorFileName(site: Pick<SectionTextSite, 'path' | 'title'>): string {
  const index = site.path[site.path.length - 2];
  const title = site.title?.trim().replace(/\s+/g, ' ') || `Section ${typeof index === 'number' ? index + 1 : ''}`.trim();
  // A path separator in a title would make a directory of it.
  return `${title.replace(/[/\\]/g, '∕').slice(0, 80)} — text`;
}
