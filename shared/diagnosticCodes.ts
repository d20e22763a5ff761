import { formatCount } from './textLength';

/** Stable codes, so quick fixes, tests and users can name a rule. */
export enum DiagnosticCode {
  SyntaxError = 'syntax-error',
  MissingProperty = 'missing-property',
  UnknownProperty = 'unknown-property',
  DuplicateKey = 'duplicate-key',
  WrongType = 'wrong-type',
  InvalidEnumValue = 'invalid-enum-value',
  TooLong = 'too-long',
  TooManyItems = 'too-many-items',
  TooFewItems = 'too-few-items',
  InvalidDate = 'invalid-date',
  InvalidFormat = 'invalid-format',
  Other = 'contract',
  /** The check itself failed (a bug in ClinikDoc): the document is not known to be valid. */
  NotChecked = 'not-checked',
}

/** The one diagnostic reported when checking a document failed: an error, so it blocks Submit and never looks clean. */
export const NOT_CHECKED_MESSAGE =
  'ClinikDoc could not check this document (an internal error, logged in the "ClinikDoc Language Server" output). It cannot be submitted until it is checked: edit it, or reload the window.';

/**
 * The one wording of a string over its limit, for the language server's diagnostic and the side
 * editor's count alike: `title is 512 characters long; ClinikAPI allows at most 500.`
 * `field` is how messages name the path (documentSchema.ts `fieldName`); sizes are ClinikAPI's
 * (textLength.ts `serverLength`).
 */
export function tooLongMessage(field: string, length: number, limit: number): string {
  return `${field} is ${formatCount(length)} characters long; ClinikAPI allows at most ${formatCount(limit)}.`;
}
