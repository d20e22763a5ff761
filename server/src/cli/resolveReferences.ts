import type { TextDocument } from 'vscode-languageserver-textdocument';
// The reads are the client's plain-node modules: the CLI is not the language server, and reads
// ClinikAPI under the same budget rules as the editor.
import { ClinikApiReads, type ReadsState } from '../../../client/src/references/clinikApiReads';
import { findReferenceProblems } from '../../../client/src/references/referenceFindings';
import { ReferenceResolver } from '../../../client/src/references/referenceResolver';
import { stateSentence } from '../../../client/src/references/referenceText';
import { sendRequest } from '../../../client/src/submission/httpClient';
import type { LanguageService } from '../languageService';

/** The variable the official SDK's README names for the key. */
export const KEY_VARIABLE = 'CLINIKAPI_SECRET_KEY';
export const BASE_URL_VARIABLE = 'CLINIKAPI_BASE_URL';
export const DEFAULT_BASE_URL = 'https://api.clinikapi.com';

export interface ReferenceProblem {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code: string;
  message: string;
}

/**
 * `clinikdoc check --resolve`: ClinikAPI's warnings about the ids of each document (unknown,
 * another patient's, inactive), each distinct id read once for the whole run. What cannot be
 * resolved (offline, rate limited, a key without read scope) is said once on stderr, never per id.
 */
export function createReferenceCheck(secretKey: string, baseUrl: string, note: (text: string) => void) {
  const said = new Set<string>();
  const reads = new ClinikApiReads({
    transport: sendRequest,
    log: () => undefined,
    userAgent: 'clinikdoc-cli',
    onStateChange: (state: ReadsState) => {
      if (state.kind !== 'ready' && !said.has(state.kind)) {
        said.add(state.kind);
        note(`clinikdoc check: ids are not resolved: ${stateSentence(state)}`);
      }
    },
  });
  reads.configure(secretKey, baseUrl);
  const resolver = new ReferenceResolver(reads);
  let unresolved = 0;
  return {
    async problems(document: TextDocument, service: LanguageService): Promise<ReferenceProblem[]> {
      const references = service.references(document);
      const resolutions = await resolver.resolveAll(references);
      for (const r of resolutions.values()) if (r.state === 'notResolved') unresolved++;
      const environment = reads.environment;
      return environment ? findReferenceProblems(references, resolutions, environment).map((f) => ({ range: f.reference.range, code: f.code, message: f.message })) : [];
    },
    /** Said at the end when some ids got no answer. */
    finish(): void {
      if (unresolved > 0) note(`clinikdoc check: ${unresolved} id${unresolved === 1 ? ' was' : 's were'} not resolved (no answer from ClinikAPI).`);
    },
  };
}
