/**
 * The protocol between ClinikDoc's client and its language server: every message they exchange
 * beyond standard LSP, and the constants both sides need. It is in shared/, which is neither
 * side's: the client reaches the server only through this folder (test/unit/importBoundaries.test.ts).
 * Nothing here does I/O, imports `vscode` or a Node built-in, so every bundle (and the browser
 * build) can take it.
 */
import { RequestType, type DocumentSelector, type Range } from 'vscode-languageserver-protocol';
import type { ReferenceKind } from './documentSchema';

export type { ReferenceKind };

// ---------------------------------------------------------------------------------------------
// Constants both sides need

/** Language id of ClinikDoc documents (package.json `contributes.languages`). */
export const LANGUAGE_ID = 'clinikdoc';

/** File name suffix of ClinikDoc documents; matched without regard to letter case, as VS Code's language association does. */
export const FILE_SUFFIX = '.clinikdoc.json';

/** `source` of every diagnostic the language server reports (the contract's rules). */
export const DIAGNOSTIC_SOURCE = 'ClinikDoc';

/**
 * `source` of diagnostics that come from ClinikAPI itself, shown by the client: a 422's issues
 * (and what ClinikAPI says about the ids in a document). Never counted as the language server's
 * verdict on the current text.
 */
export const SERVER_DIAGNOSTIC_SOURCE = 'ClinikAPI';

/**
 * jsonc-parser options for a ClinikDoc document: strict JSON, since the file is the request body
 * byte for byte and ClinikAPI reads it with `JSON.parse` (no comments, no trailing commas).
 */
export const STRICT_PARSE_OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

/** Is this a ClinikDoc document? Its language id says so, or its file name does (any letter case). */
export function isClinikDocDocument(document: { languageId: string; uri: string }): boolean {
  if (document.languageId === LANGUAGE_ID) return true;
  return document.uri.toLowerCase().replace(/[?#].*$/, '').endsWith(FILE_SUFFIX);
}

/**
 * The documents the client hands to the server (a VS Code / LSP document selector): by language
 * id, which VS Code gives every `*.clinikdoc.json` file, and by file name for one whose language
 * was changed by hand.
 */
export const DOCUMENT_SELECTOR = [{ language: LANGUAGE_ID }, { pattern: `**/*${FILE_SUFFIX}` }] satisfies DocumentSelector;

// ---------------------------------------------------------------------------------------------
// Custom requests

/**
 * `clinikdoc/submissionCheck` — sent by the client right before a submission, answered by the
 * server from the text it has for that version (the client has synced it). It is the check that
 * decides whether the text may be sent, so it never looks clean when it is not: a failure on the
 * server's side answers `checked: false`.
 *
 * The client captures the text and version it will send *before* asking, and sends only if the
 * answer is for that same version and the same text (`sha256`); if the document changed
 * meanwhile, it asks again.
 */
export const SubmissionCheckRequest = {
  method: 'clinikdoc/submissionCheck',
  type: /* @__PURE__ */ new RequestType<SubmissionCheckParams, SubmissionCheckResult, void>('clinikdoc/submissionCheck'),
} as const;

export interface SubmissionCheckParams {
  textDocument: { uri: string };
  /** The version the client is about to send; the server answers `versionMismatch` if it has another. */
  version: number;
}

export type SubmissionCheckResult =
  | {
      checked: true;
      /** The version the answer is about. */
      version: number;
      /** Hex SHA-256 of the UTF-8 text that was checked. */
      sha256: string;
      /** Diagnostics of severity Error (the contract, syntax). */
      errorCount: number;
      /**
       * Keys that occur more than once in one object, as paths (`patientId`, `sections[1].title`),
       * in document order, each once. The editor shows the first occurrence, ClinikAPI keeps the
       * last: a document with any is not submittable.
       */
      duplicateKeys: string[];
      /** What the confirmation shows, read as ClinikAPI reads the body (`JSON.parse`: the last duplicate wins). */
      facts: SubmissionFacts;
    }
  | {
      checked: false;
      /**
       * `notOpen`: the server has no such document; `versionMismatch`: it has another version
       * (ask again); `failed`: the check itself failed (a bug: nothing may be sent).
       */
      reason: 'notOpen' | 'versionMismatch' | 'failed';
    };

export interface SubmissionFacts {
  /** Top-level `patientId` when it is a string. */
  patientId?: string;
  /** Top-level `title` when it is a string. */
  title?: string;
}

/**
 * `clinikdoc/references` — sent by the client (when a ClinikDoc document opens or changes, and
 * before a live confirmation) to learn where the ids of other ClinikAPI resources are in it, so
 * that it can resolve them against ClinikAPI itself: the server has no network and no key. The
 * server answers from the text it has (the client has synced it), for that text's version.
 *
 * Which fields are references comes from the schema (`x-clinikapi-reference`). Every string value
 * of such a field is listed, in document order, with the exact range of the string token (quotes
 * included), even when the id is empty or not the SDK's shape: the client decides what it reads.
 * `resourceIds[]` and `detailIds[]` name no kind and are not listed.
 */
export const ReferencesRequest = {
  method: 'clinikdoc/references',
  type: /* @__PURE__ */ new RequestType<ReferencesParams, ReferencesResult, void>('clinikdoc/references'),
} as const;

export interface ReferencesParams {
  textDocument: { uri: string };
}

/** `null` when the server has no such ClinikDoc document open. */
export type ReferencesResult = { version: number; references: DocumentReference[] } | null;

export interface DocumentReference {
  /** What the id points at. */
  kind: ReferenceKind;
  /** The string's value (decoded JSON). */
  id: string;
  /** The string token, quotes included. */
  range: Range;
  /** Where it is, as ClinikDoc names paths elsewhere: `patientId`, `attester[0].partyId`. */
  path: string;
}
