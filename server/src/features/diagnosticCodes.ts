/** The `source` of every diagnostic the language server reports. */
export const DIAGNOSTIC_SOURCE = 'ClinikDoc';

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
}
