import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
// The reads are the client's plain-node modules: the CLI is not the language server, and reads
// ClinikAPI under the same budget rules as the editor.
import { ClinikApiReads, DEFAULT_BASE_URL, sendRequest, type ReadsState } from '../../client/src/api/index';
import {
  COPY_FORWARD_CODE,
  CopyForwardIndex,
  documentTexts,
  findReferenceProblems,
  placeCopyForwardMatches,
  ReferenceResolver,
  resolvePatientTextProblems,
  stateSentence,
} from '../../client/src/ids/index';
import { referencesInText } from '../../server/src/index';
import { SERVER_DIAGNOSTIC_SOURCE } from '../../shared/protocol';
import { toProblem, type FileResult } from './checkFiles';
import { readText } from './readText';

/** The variable the official SDK's README names for the key. */
export const KEY_VARIABLE = 'CLINIKAPI_SECRET_KEY';
export const BASE_URL_VARIABLE = 'CLINIKAPI_BASE_URL';

/**
 * `clinikdoc check --resolve`: adds ClinikAPI's warnings about the ids of each readable file
 * (unknown, another patient's, inactive) and about its text against its resolved patient (an age,
 * a sex, a date of birth, a surname that is not theirs) to its problems, each distinct id read once
 * for the whole run; and, as information, each paragraph that a file of another patient in the run
 * also holds. What cannot be resolved (offline, rate limited, a key without read scope) is said once
 * on stderr (`note`), never per id; nothing read is printed but ids, file names and ClinikAPI's
 * verdicts: no name, no date, no words of a text.
 */
export async function addReferenceProblems(
  paths: readonly string[],
  results: FileResult[],
  options: {
    secretKey: string;
    baseUrl: string | undefined;
    strict: boolean;
    note: (text: string) => void;
    /** How a file is named in the output (by its index in `paths`). */
    label?: (index: number) => string;
  },
): Promise<void> {
  const said = new Set<string>();
  const reads = new ClinikApiReads({
    transport: sendRequest,
    log: () => undefined,
    userAgent: 'clinikdoc-cli',
    onStateChange: (state: ReadsState) => {
      if (state.kind !== 'ready' && !said.has(state.kind)) {
        said.add(state.kind);
        options.note(`clinikdoc check: ids are not resolved: ${stateSentence(state)}`);
      }
    },
  });
  reads.configure(options.secretKey, options.baseUrl || DEFAULT_BASE_URL);
  const resolver = new ReferenceResolver(reads);
  const severity = options.strict ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
  const today = new Date();
  // Hashes and offsets of every file's paragraphs, for copy-forward across the files of the run.
  const copies = new CopyForwardIndex();
  const uris = paths.map((p) => pathToFileURL(p).href);
  let unresolved = 0;
  for (let i = 0; i < paths.length; i++) {
    const result = results[i]!;
    if (!('problems' in result)) continue;
    const uri = uris[i]!;
    const text = readText(paths[i]!);
    const texts = documentTexts(text);
    copies.update(uri, texts.patientId, texts.segments);
    const references = referencesInText(uri, text);
    const resolutions = await resolver.resolveAll(references);
    for (const r of resolutions.values()) if (r.state === 'notResolved') unresolved++;
    const environment = reads.environment;
    if (!environment) continue;
    for (const f of findReferenceProblems(references, resolutions, environment)) {
      result.problems.push(toProblem({ range: f.reference.range, severity, code: f.code, source: SERVER_DIAGNOSTIC_SOURCE, message: f.message }));
    }
    const document = TextDocument.create(uri, 'clinikdoc', 1, text);
    for (const p of await resolvePatientTextProblems(texts, resolver, today)) {
      const range = { start: document.positionAt(p.start), end: document.positionAt(p.end) };
      result.problems.push(toProblem({ range, severity, code: p.code, source: SERVER_DIAGNOSTIC_SOURCE, message: p.message }));
    }
  }
  reads.dispose();
  // Only a file with a paragraph of another patient's is read again, to place it.
  const labelOf = new Map(uris.map((u, i) => [u, options.label?.(i) ?? paths[i]!]));
  for (let i = 0; i < paths.length; i++) {
    const result = results[i]!;
    if (!('problems' in result)) continue;
    const matches = copies.matchesOf(uris[i]!);
    if (matches.length === 0) continue;
    const text = readText(paths[i]!);
    const document = TextDocument.create(uris[i]!, 'clinikdoc', 1, text);
    for (const p of placeCopyForwardMatches(documentTexts(text), matches, (other) => labelOf.get(other) ?? other)) {
      const range = { start: document.positionAt(p.start), end: document.positionAt(p.end) };
      result.problems.push(toProblem({ range, severity: DiagnosticSeverity.Information, code: COPY_FORWARD_CODE, message: p.message }));
    }
  }
  for (const result of results) if ('problems' in result) result.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  if (unresolved > 0) options.note(`clinikdoc check: ${unresolved} id${unresolved === 1 ? ' was' : 's were'} not resolved (no answer from ClinikAPI).`);
}
