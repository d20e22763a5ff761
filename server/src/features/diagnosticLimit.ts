import type { Node } from 'jsonc-parser';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatCount } from '../../../shared/textLength';
import { keyAt } from '../parse/nodes';
import type { ParsedDocument } from '../parse/parsedDocument';
import { DiagnosticCode } from '../../../shared/diagnosticCodes';

/**
 * What the editor gets by default: VS Code's extension host passes at most 1,000 diagnostics of a
 * file on to the editor (`_maxDiagnosticsPerFile` in extHostDiagnostics.ts) and drops the rest,
 * after they were computed, serialized and sent for nothing. A client sets another bound, or none,
 * with the `maxDiagnosticsPerDocument` initialization option (README.md).
 */
export const DEFAULT_DIAGNOSTICS_LIMIT = 1000;

/** A client may not set the bound below this: a summary for each kind of problem must still fit. */
const MIN_DIAGNOSTICS_LIMIT = 100;

/**
 * How many diagnostics of a document the editor gets (limitDiagnostics below), from the
 * `maxDiagnosticsPerDocument` initialization option: a number (at least MIN_DIAGNOSTICS_LIMIT),
 * or `null` or 0 for every one of them; VS Code's own bound when it is not given.
 */
export function diagnosticsLimitOf(initializationOptions: unknown): number | undefined {
  const option = (initializationOptions as { maxDiagnosticsPerDocument?: unknown } | null | undefined)?.maxDiagnosticsPerDocument;
  if (option === null || option === 0) return undefined;
  if (typeof option === 'number' && Number.isFinite(option) && option > 0) return Math.max(MIN_DIAGNOSTICS_LIMIT, Math.floor(option));
  return DEFAULT_DIAGNOSTICS_LIMIT;
}

/**
 * `data` of a diagnostic that stands for itself and `hidden` more diagnostics of its code, which
 * are not listed one by one: in the object that holds its key (`object`), or anywhere in the
 * document (`document`). Its quick fixes act on all of them (features/codeActions.ts).
 */
export interface HiddenDiagnosticsData {
  hidden: number;
  scope: 'object' | 'document';
}

/** The HiddenDiagnosticsData of a diagnostic that stands for others, if it is one. */
export function hiddenDiagnostics(diagnostic: Diagnostic): HiddenDiagnosticsData | undefined {
  const data = diagnostic.data as Partial<HiddenDiagnosticsData> | undefined;
  return typeof data?.hidden === 'number' && (data.scope === 'object' || data.scope === 'document') ? (data as HiddenDiagnosticsData) : undefined;
}

/**
 * At most `limit` of `diagnostics` (all of them when they fit): errors first, then warnings and so
 * on, each in the list's order, as VS Code chooses them when it has to. Where a kind of problem
 * does not fit, its first diagnostic that does not stands for the others of its code in the same
 * object (or, when there are too many such objects, in the document): its message says how many
 * more there are, and its `data` (HiddenDiagnosticsData) lets the quick fix act on all of them.
 * Only for the editor: `clinikdoc check` and the submission check count every diagnostic.
 */
export function limitDiagnostics(document: TextDocument, parsed: ParsedDocument, diagnostics: readonly Diagnostic[], limit: number): Diagnostic[] {
  if (diagnostics.length <= limit) return [...diagnostics];
  let groups = groupsOf(document, parsed, diagnostics, 'object');
  let isShown = listed(diagnostics, groups, limit);
  if (isShown === undefined) {
    // So many objects have a problem that listing one per object would crowd out the rest.
    groups = groupsOf(document, parsed, diagnostics, 'document');
    isShown = listed(diagnostics, groups, limit) ?? new Uint8Array(diagnostics.length);
  }
  const hiddenIn = new Uint32Array(groups.count);
  for (let i = 0; i < diagnostics.length; i++) if (!isShown[i]) hiddenIn[groups.ids[i]!]!++;
  const out: Diagnostic[] = [];
  const summarized = new Uint8Array(groups.count);
  for (let i = 0; i < diagnostics.length; i++) {
    const diagnostic = diagnostics[i]!;
    if (isShown[i]) {
      out.push(diagnostic);
      continue;
    }
    const group = groups.ids[i]!;
    if (summarized[group]) continue;
    summarized[group] = 1;
    const hidden = hiddenIn[group]! - 1;
    if (hidden === 0) {
      out.push(diagnostic);
      continue;
    }
    const where = groups.inObject[i] ? 'object' : 'document';
    const data: HiddenDiagnosticsData = { hidden, scope: where };
    out.push({
      ...diagnostic,
      message: `${diagnostic.message} And ${formatCount(hidden)} more ${nounOf(diagnostic.code)} in this ${where}, not listed one by one: ClinikDoc lists at most ${formatCount(limit)} problems of a document, and the quick fix here acts on all of them.`,
      data: { ...(typeof diagnostic.data === 'object' && diagnostic.data !== null ? diagnostic.data : {}), ...data },
    });
  }
  return out;
}

interface Groups {
  /** The group of each diagnostic (0 … count - 1): its code and severity, and the object its key is in when grouped by object. */
  ids: Uint32Array;
  count: number;
  /** Whether diagnostic i was grouped by the object of its key. */
  inObject: Uint8Array;
}

/** Codes reported on a key, whose object is the key's (so the quick fix finds the others there). */
const ON_A_KEY = new Set<unknown>([DiagnosticCode.UnknownProperty, DiagnosticCode.DuplicateKey]);

function groupsOf(document: TextDocument, parsed: ParsedDocument, diagnostics: readonly Diagnostic[], scope: 'object' | 'document'): Groups {
  const byKind = new Map<string, Map<Node | undefined, number>>();
  const ids = new Uint32Array(diagnostics.length);
  const inObject = new Uint8Array(diagnostics.length);
  let count = 0;
  // Diagnostics come in long runs of one code and severity: the last run's groups are at hand.
  let code: Diagnostic['code'] | null = null;
  let severity: Diagnostic['severity'] | null = null;
  let objects = new Map<Node | undefined, number>();
  for (let i = 0; i < diagnostics.length; i++) {
    const diagnostic = diagnostics[i]!;
    let object: Node | undefined;
    if (scope === 'object' && parsed.root && ON_A_KEY.has(diagnostic.code)) {
      object = keyAt(parsed.root, document.offsetAt(diagnostic.range.start))?.parent?.parent;
    }
    if (diagnostic.code !== code || diagnostic.severity !== severity) {
      code = diagnostic.code;
      severity = diagnostic.severity;
      const kind = `${String(code)}\u0000${severity ?? 1}`;
      objects = byKind.get(kind) ?? new Map();
      byKind.set(kind, objects);
    }
    let id = objects.get(object);
    if (id === undefined) objects.set(object, (id = count++));
    ids[i] = id;
    inObject[i] = object ? 1 : 0;
  }
  return { ids, count, inObject };
}

/**
 * Which diagnostics are listed: the first ones in the order of severity (the list's order within
 * one), as many as leave room for one more per group that does not fit (it stands for that
 * group's others). Undefined when that leaves fewer than half the bound listed one by one.
 */
function listed(diagnostics: readonly Diagnostic[], groups: Groups, limit: number): Uint8Array | undefined {
  // By severity, each in the list's order; a missing severity is an error to VS Code.
  const ranked: number[] = [];
  for (let severity = 1; severity <= 4; severity++) {
    for (let i = 0; i < diagnostics.length; i++) if ((diagnostics[i]!.severity ?? 1) === severity) ranked.push(i);
  }
  // groupsAfter[s]: how many groups have a diagnostic at rank s or later (only s <= limit matters).
  const groupsAfter = new Uint32Array(limit + 1);
  const seen = new Uint8Array(groups.count);
  let distinct = 0;
  for (let s = ranked.length - 1; s >= 0; s--) {
    const group = groups.ids[ranked[s]!]!;
    if (!seen[group]) {
      seen[group] = 1;
      distinct++;
    }
    if (s <= limit) groupsAfter[s] = distinct;
  }
  let shown = limit;
  // One more listed diagnostic never frees more than one group's summary: the first that fits is the most.
  while (shown > 0 && shown + groupsAfter[shown]! > limit) shown--;
  if (shown < limit / 2) return undefined;
  const isShown = new Uint8Array(diagnostics.length);
  for (let s = 0; s < shown; s++) isShown[ranked[s]!] = 1;
  return isShown;
}

function nounOf(code: Diagnostic['code']): string {
  switch (code) {
    case DiagnosticCode.UnknownProperty:
      return 'unknown properties';
    case DiagnosticCode.DuplicateKey:
      return 'repeated keys';
    default:
      return 'problems of this kind';
  }
}
