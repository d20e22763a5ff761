import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { STRICT_PARSE_OPTIONS } from '../../shared/protocol';
import { strictParseTree } from '../../server/src/parse/strictTree';
import { fixture } from '../support/documents';

/** Every field of every node, parents as the path to them, so two trees compare exactly. */
function plain(node: Node | undefined, parentType = 'none'): unknown {
  if (!node) return undefined;
  return {
    keys: Object.keys(node).sort(),
    type: node.type,
    value: Object.is(node.value, -0) ? '-0' : node.value,
    offset: node.offset,
    length: node.length,
    colonOffset: node.colonOffset,
    parent: node.parent ? node.parent.type : parentType,
    children: node.children?.map((c) => {
      assert.equal(c.parent, node, 'child points to its parent');
      return plain(c, node.type);
    }),
  };
}

function reference(text: string): { root: Node | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  return { root: parseTree(text, errors, STRICT_PARSE_OPTIONS), errors };
}

describe('strictParseTree', () => {
  it('builds the tree parseTree builds, for any JSON value in any layout', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 0, 1, 2, '\t', ' \r\n '), (value, indent) => {
        const text = JSON.stringify(value, null, indent as string | number | undefined).replace(/\n/g, typeof indent === 'string' && indent.includes('\r') ? '\r\n' : '\n');
        const strict = strictParseTree(text);
        assert.notEqual(strict, undefined, text);
        assert.deepEqual(plain(strict), plain(reference(text).root));
      }),
      { numRuns: 500 },
    );
  });

  it('the fixture and escapes, surrogates and numbers of every shape', () => {
    for (const text of [fixture('discharge-summary.clinikdoc.json'), '"a\\u00e9\\ud83d\\ude00\\ud800\\n\\"\\\\\\/"', '[0, -0, 1.5e3, -2E-2, 1e+2, 123456789012345678901234567890]', ' { "a\\"b" : { } , "c" : [ ] } ', 'true', 'null']) {
      assert.deepEqual(plain(strictParseTree(text)), plain(reference(text).root), text);
    }
  });

  it('gives up on anything that is not strict JSON, and only then', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '"a"', '1', '-', '0', '.5', 'e', 'true', 'nul', ' ', '\n', '\t', '\v', '\\', '\\u12', '\u00a0', '//', '/*', '*/', '\u0001', 'x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        const { root, errors } = reference(text);
        const strict = strictParseTree(text);
        if (strict) {
          assert.equal(errors.length, 0, `strict tree for a text with errors: ${JSON.stringify(text)}`);
          assert.deepEqual(plain(strict), plain(root));
        } else if (errors.length === 0 && root) {
          // parseTree accepted it: then it is JSON (the options forbid comments and trailing commas).
          assert.throws(() => JSON.parse(text), `no strict tree for valid JSON ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
