import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTree } from 'jsonc-parser';
import {
  decodeJsonString,
  decodeJsonStringLiteral,
  escapeJsonString,
  jsonStringLiteral,
  loneSurrogateAt,
} from '../../client/src/sectionText/jsonString';

/** The value JSON.parse (and so ClinikAPI) reads from the literal. */
const parsed = (literal: string) => JSON.parse(literal) as string;

describe('escapeJsonString / decodeJsonString', () => {
  it('writes every short JSON escape and reads it back', () => {
    const value = 'quote " backslash \\ bs \b ff \f nl \n cr \r tab \t';
    const content = escapeJsonString(value);
    assert.equal(content, 'quote \\" backslash \\\\ bs \\b ff \\f nl \\n cr \\r tab \\t');
    assert.deepEqual(decodeJsonString(content), { ok: true, value });
    assert.equal(parsed(jsonStringLiteral(value)), value);
  });

  it('writes other control characters as \\u00XX and leaves / and non-ASCII as they are', () => {
    assert.equal(escapeJsonString('\u0000\u0001\u001f\u007f/é😀'), '\\u0000\\u0001\\u001f\u007f/é😀');
  });

  it('reads the escapes JSON allows that it never writes (\\/, \\uXXXX of any letter case)', () => {
    assert.deepEqual(decodeJsonString('\\/\\u0041\\u00e9\\u00E9\\ud83d\\ude00'), { ok: true, value: '/Aéé😀' });
  });

  it('keeps a lone surrogate as a \\uXXXX escape, both ways, as JSON.parse reads it', () => {
    for (const value of ['\ud800', 'a\udfffb', '\udc00\ud800', 'x\ud83d', '\ude00y', '😀\ud800😀']) {
      const content = escapeJsonString(value);
      assert.ok(!/[\ud800-\udfff]/.test(content.replace(/\ud83d\ude00/g, '')), `no raw lone surrogate in ${JSON.stringify(content)}`);
      assert.deepEqual(decodeJsonString(content), { ok: true, value });
      assert.equal(parsed(`"${content}"`), value);
    }
    assert.equal(escapeJsonString('a\ud800b'), 'a\\ud800b');
    assert.equal(loneSurrogateAt('ok 😀'), undefined);
    assert.equal(loneSurrogateAt('ok \ud800'), 3);
    assert.equal(loneSurrogateAt('\udc00'), 0);
  });

  it('keeps CRLF, lone CR and LF apart', () => {
    const value = 'a\r\nb\rc\nd\r\n';
    assert.equal(escapeJsonString(value), 'a\\r\\nb\\rc\\nd\\r\\n');
    assert.deepEqual(decodeJsonString(escapeJsonString(value)), { ok: true, value });
  });

  it('round-trips 50,000 characters of prose with line breaks and quotes, and JSON.parse agrees', () => {
    const line = 'Admitted with "fever" and cough;\ttreated with IV antibiotics \\ day 3.\r\n';
    const value = line.repeat(Math.ceil(50_000 / line.length)).slice(0, 50_000);
    assert.equal(value.length, 50_000);
    const literal = jsonStringLiteral(value);
    assert.ok(!literal.includes('\n') && !literal.includes('\r'), 'one line in the JSON');
    assert.deepEqual(decodeJsonStringLiteral(literal), { ok: true, value });
    assert.equal(parsed(literal), value);
  });

  it('round-trips any string (property): decode(escape(s)) === s === JSON.parse, and jsonc-parser reads the same', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 100 }), (a, b) => {
        for (const value of [a, b, a + b]) {
          const literal = jsonStringLiteral(value);
          assert.deepEqual(decodeJsonStringLiteral(literal), { ok: true, value });
          assert.equal(parsed(literal), value);
          assert.equal(parseTree(literal)?.value, value);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what JSON.parse refuses instead of guessing', () => {
    for (const [content, problem] of [
      ['a\nb', /raw control/],
      ['tab\there', /raw control/],
      ['a"b', /unescaped quote/],
      ['end\\', /backslash at the end/],
      ['\\x41', /unknown escape \\x/],
      ['\\u12', /incomplete \\u/],
      ['\\u12g4', /incomplete \\u/],
    ] as const) {
      const result = decodeJsonString(content);
      assert.equal(result.ok, false, content);
      if (!result.ok) assert.match(result.problem, problem);
      assert.throws(() => JSON.parse(`"${content}"`), `JSON.parse refuses ${JSON.stringify(content)} too`);
    }
    assert.equal(decodeJsonStringLiteral('"open').ok, false);
    assert.equal(decodeJsonStringLiteral('"').ok, false);
  });
});
