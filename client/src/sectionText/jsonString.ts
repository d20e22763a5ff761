/**
 * JSON string literals, exactly. `escapeJsonString` and `decodeJsonString` are inverse for every
 * JavaScript string, including lone UTF-16 surrogates (written as `\uXXXX` escapes, which
 * JSON.parse and ClinikAPI read back as the same code unit; a raw lone surrogate could not be
 * saved as UTF-8). No `vscode` import: tested in plain node.
 */

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

// Quote, backslash, C0 controls, and any surrogate (checked for pairing below).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function hex4(code: number): string {
  return '\\u' + code.toString(16).padStart(4, '0');
}

/** The content of a JSON string literal (without the quotes) whose value is `value`. */
export function escapeJsonString(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    let replacement: string | undefined;
    if (code < 0x20 || code === 0x22 || code === 0x5c) {
      replacement = SHORT_ESCAPES[value[i]!] ?? hex4(code);
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a proper pair: kept as is
        continue;
      }
      replacement = hex4(code);
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      replacement = hex4(code); // a low surrogate without its high one
    }
    if (replacement !== undefined) {
      parts.push(value.slice(start, i), replacement);
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts.join('');
}

/** The JSON string literal, quotes included, whose value is `value`. */
export function jsonStringLiteral(value: string): string {
  return `"${escapeJsonString(value)}"`;
}

export type DecodeResult = { ok: true; value: string } | { ok: false; offset: number; problem: string };

const DECODED: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * The value of the content of a JSON string literal (without the quotes). Strict, like the
 * server's JSON.parse: a raw control character, an unknown escape or a bad `\u` is an error
 * at `offset` (within the content), never guessed around.
 */
export function decodeJsonString(content: string): DecodeResult {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code < 0x20) return { ok: false, offset: i, problem: 'a raw control character (line break or tab) inside a string' };
    if (code === 0x22) return { ok: false, offset: i, problem: 'an unescaped quote inside a string' };
    if (code !== 0x5c) continue;
    parts.push(content.slice(start, i));
    const kind = content[i + 1];
    if (kind === undefined) return { ok: false, offset: i, problem: 'a backslash at the end of a string' };
    if (kind === 'u') {
      const digits = content.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(digits)) return { ok: false, offset: i, problem: 'an incomplete \\u escape' };
      parts.push(String.fromCharCode(parseInt(digits, 16)));
      i += 5;
    } else {
      const decoded = DECODED[kind];
      if (decoded === undefined) return { ok: false, offset: i, problem: `an unknown escape \\${kind}` };
      parts.push(decoded);
      i += 1;
    }
    start = i + 1;
  }
  parts.push(content.slice(start));
  return { ok: true, value: parts.join('') };
}

/** The value of a whole literal, quotes included (`"a\nb"`). */
export function decodeJsonStringLiteral(literal: string): DecodeResult {
  if (literal.length < 2 || literal[0] !== '"' || literal[literal.length - 1] !== '"') {
    return { ok: false, offset: 0, problem: 'an unterminated string' };
  }
  const result = decodeJsonString(literal.slice(1, -1));
  return result.ok ? result : { ...result, offset: result.offset + 1 };
}

/** Whether `value` holds a UTF-16 surrogate without its partner (it cannot be saved as UTF-8). */
export function loneSurrogateAt(value: string): number | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return i;
    }
  }
  return undefined;
}

/**
 * Where each code unit of a well-formed literal's value (quotes included, `"a\nb"`) starts in the
 * literal, and at the end where its closing quote is: `[1, 2, 4, 5]` for `"a\nb"`. For putting a
 * diagnostic on words of a decoded text exactly, escapes and all.
 */
export function literalOffsets(literal: string): number[] {
  const out: number[] = [];
  const end = literal.length - 1;
  for (let i = 1; i < end; i++) {
    out.push(i);
    if (literal.charCodeAt(i) !== 0x5c) continue;
    i += literal[i + 1] === 'u' ? 5 : 1;
  }
  out.push(end);
  return out;
}
