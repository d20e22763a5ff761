import type { SubmissionCheckResult, SubmissionFacts } from '../../../shared/protocol';

/** The document a Submit is about, as the flow needs it; the VS Code layer supplies one per Submit. */
export interface SubmissionDocument {
  /** Names the document (its URI): one submission of it at a time. */
  readonly key: string;
  /** How the user knows it (its file name), for messages. */
  readonly label: string;
  /** The text and the version as they are now, read together (synchronously). */
  snapshot(): { text: string; version: number };
  /**
   * The language server's `clinikdoc/submissionCheck` of that version; `undefined` when it gave no
   * answer (not running, the request failed or timed out).
   */
  check(version: number): Promise<SubmissionCheckResult | undefined>;
}

/** A version of the document, its bytes, and the language server's verdict on exactly those bytes. */
export interface CheckedText {
  text: string;
  version: number;
  /** The UTF-8 bytes that would be sent. */
  body: Uint8Array;
  /** Hex SHA-256 of `body`, as the language server computed it too. */
  sha256: string;
  errorCount: number;
  duplicateKeys: string[];
  facts: SubmissionFacts;
}

export type CheckAttempt =
  | { kind: 'checked'; checked: CheckedText }
  /** The document changed between the snapshot and the answer (or the server had another version): check again. */
  | { kind: 'changed' }
  | { kind: 'notChecked'; reason: 'noAnswer' | 'notOpen' | 'failed' };

/** A snapshot taken, hashed, but not yet checked: the caller may refuse it first (size, in flight). */
export interface Snapshot {
  text: string;
  version: number;
  body: Uint8Array;
  sha256: string;
}

/** Takes the text and version together and hashes the bytes that would be sent. */
export async function takeSnapshot(document: SubmissionDocument): Promise<Snapshot> {
  const { text, version } = document.snapshot();
  const body = new TextEncoder().encode(text);
  return { text, version, body, sha256: await sha256Hex(body) };
}

/**
 * Asks the language server about the snapshot's version, and accepts the answer only if it is
 * about that version and those very bytes (its `sha256`): the check is of what would be sent.
 */
export async function checkSnapshot(document: SubmissionDocument, snapshot: Snapshot): Promise<CheckAttempt> {
  const answer = await document.check(snapshot.version);
  if (!answer) return { kind: 'notChecked', reason: 'noAnswer' };
  if (!answer.checked) return answer.reason === 'versionMismatch' ? { kind: 'changed' } : { kind: 'notChecked', reason: answer.reason };
  if (answer.version !== snapshot.version || answer.sha256 !== snapshot.sha256) return { kind: 'changed' };
  return {
    kind: 'checked',
    checked: { ...snapshot, errorCount: answer.errorCount, duplicateKeys: answer.duplicateKeys, facts: answer.facts },
  };
}

/** Is the document still exactly at the checked version? Synchronous: nothing can change in between. */
export function unchangedSince(document: SubmissionDocument, checked: { text: string; version: number }): boolean {
  const now = document.snapshot();
  return now.version === checked.version && now.text === checked.text;
}

/** Web Crypto, so the same code runs in Node and in a browser's extension host. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // TextEncoder's bytes are never over a SharedArrayBuffer, which is all the DOM's type rules out.
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
