import type { Node } from 'jsonc-parser';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../parse/parsedDocument';
import type { JsonPath } from '../../../shared/documentSchema';
import type { SubmissionCheckResult, SubmissionFacts } from '../../../shared/protocol';
import { DiagnosticCode } from '../../../shared/diagnosticCodes';
import { duplicateKeyNodes } from './diagnostics';
import { pathOf } from '../parse/nodes';

/**
 * The answer to `clinikdoc/submissionCheck` for one parsed version: its errors, its duplicate
 * keys (a document with any is not submittable: the editor shows the first occurrence, ClinikAPI
 * keeps the last), and the facts the confirmation shows, read as `JSON.parse` reads the body.
 */
export async function computeSubmissionCheck(parsed: ParsedDocument, diagnostics: readonly Diagnostic[]): Promise<SubmissionCheckResult> {
  const errorCount = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length;
  // The duplicate-key diagnostics' keys, from the same tree (they carry no data), in document order.
  const duplicateKeys: string[] = [];
  const seen = new Set<string>();
  const reported = diagnostics.some((d) => d.code === DiagnosticCode.DuplicateKey);
  const keys = reported && parsed.root ? [...duplicateKeyNodes(parsed.root)].sort((a, b) => a.offset - b.offset) : [];
  const objectPaths = new Map<Node, JsonPath>();
  for (const key of keys) {
    const object = key.parent?.parent;
    if (!object) continue;
    let objectPath = objectPaths.get(object);
    if (!objectPath) objectPaths.set(object, (objectPath = pathOf(object)));
    const path = formatPath([...objectPath, key.value as string]);
    if (!seen.has(path)) {
      seen.add(path);
      duplicateKeys.push(path);
    }
  }
  return {
    checked: true,
    version: parsed.version,
    sha256: await sha256Hex(parsed.text),
    errorCount,
    duplicateKeys,
    facts: errorCount === 0 ? factsOf(parsed.value()) : {},
  };
}

function factsOf(value: unknown): SubmissionFacts {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const { patientId, title } = value as Record<string, unknown>;
  return {
    ...(typeof patientId === 'string' ? { patientId } : {}),
    ...(typeof title === 'string' ? { title } : {}),
  };
}

/** `patientId`, `sections[1].title`, `attester[0]["odd key"]`. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Web Crypto, so the same code runs in Node and in a web worker. */
async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
