import { DiagnosticCode, tooLongMessage } from '../../../shared/diagnosticCodes';
import { fieldName, schemaAt, type JsonPath } from '../../../shared/documentSchema';
import { DIAGNOSTIC_SOURCE } from '../../../shared/protocol';
import { formatCount, serverLength, visibleLength } from '../../../shared/textLength';

/**
 * The size of a section text as the side editor shows it: in ClinikAPI's unit (serverLength),
 * against the limit the schema gives that path, with the same wording as the server's
 * diagnostic. No `vscode` import.
 */
export interface TextCount {
  length: number;
  limit: number | undefined;
  over: boolean;
  /** `12,345 / 50,000` */
  label: string;
  tooltip: string;
}

export function textCount(value: string, path: JsonPath): TextCount {
  const length = serverLength(value);
  const limit = schemaAt(path)?.maxLength;
  const over = limit !== undefined && length > limit;
  const label = limit === undefined ? `${formatCount(length)} characters` : `${formatCount(length)} / ${formatCount(limit)}`;
  const lines = [
    limit === undefined
      ? `${formatCount(length)} characters, as ClinikAPI counts them; the contract sets no limit for ${fieldName(path)}.`
      : `${formatCount(length)} of the ${formatCount(limit)} characters ClinikAPI allows in ${fieldName(path)}${over ? ': over the limit' : ''}.`,
  ];
  const visible = visibleLength(value);
  if (visible !== length) {
    lines.push(`ClinikAPI counts UTF-16 code units: the ${formatCount(visible)} characters you see count as ${formatCount(length)} (an emoji or a letter with a combining accent counts 2 or more).`);
  }
  return { length, limit, over, label, tooltip: lines.join('\n') };
}

export interface OverLimit {
  /** Offset in the text where the part past the limit starts; the problem runs to the end. */
  start: number;
  message: string;
  code: DiagnosticCode;
  source: string;
}

/** The over-the-limit problem of a section text, worded as the JSON editor's diagnostic. */
export function overLimit(value: string, path: JsonPath): OverLimit | undefined {
  const { length, limit, over } = textCount(value, path);
  if (!over || limit === undefined) return undefined;
  return {
    // serverLength counts UTF-16 code units, which are also editor offsets.
    start: limit,
    message: tooLongMessage(fieldName(path), length, limit),
    code: DiagnosticCode.TooLong,
    source: DIAGNOSTIC_SOURCE,
  };
}
