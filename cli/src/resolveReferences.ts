import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
// The reads are the client's plain-node modules: the CLI is not the language server, and reads
// ClinikAPI under the same budget rules as the editor.
import { ClinikApiReads, DEFAULT_BASE_URL, sendRequest, type ReadsState } from '../../client/src/api/index';
import { findReferenceProblems, ReferenceResolver, stateSentence } from '../../client/src/ids/index';
import { referencesInText } from '../../server/src/index';
import { SERVER_DIAGNOSTIC_SOURCE } from '../../shared/protocol';
import { toProblem, type FileResult } from './checkFiles';
import { readText } from './readText';

/** The variable the official SDK's README names for the key. */
export const KEY_VARIABLE = 'CLINIKAPI_SECRET_KEY';
export const BASE_URL_VARIABLE = 'CLINIKAPI_BASE_URL';

/**
 * `clinikdoc check --resolve`: adds ClinikAPI's warnings about the ids of each readable file
 * (unknown, another patient's, inactive) to its problems, each distinct id read once for the whole
 * run. What cannot be resolved (offline, rate limited, a key without read scope) is said once on
 * stderr (`note`), never per id; nothing read is printed but ids and ClinikAPI's verdicts.
 */
export async function addReferenceProblems(
  paths: readonly string[],
  results: FileResult[],
  options: { secretKey: string; baseUrl: string | undefined; strict: boolean; note: (text: string) => void },
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
  let unresolved = 0;
  for (let i = 0; i < paths.length; i++) {
    const result = results[i]!;
    if (!('problems' in result)) continue;
    const uri = pathToFileURL(paths[i]!).href;
    const text = readText(paths[i]!);
    const references = referencesInText(uri, text);
    const resolutions = await resolver.resolveAll(references);
    for (const r of resolutions.values()) if (r.state === 'notResolved') unresolved++;
    const environment = reads.environment;
    if (!environment) continue;
    for (const f of findReferenceProblems(references, resolutions, environment)) {
      result.problems.push(toProblem({ range: f.reference.range, severity, code: f.code, source: SERVER_DIAGNOSTIC_SOURCE, message: f.message }));
    }
    result.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  }
  reads.dispose();
  if (unresolved > 0) options.note(`clinikdoc check: ${unresolved} id${unresolved === 1 ? ' was' : 's were'} not resolved (no answer from ClinikAPI).`);
}
