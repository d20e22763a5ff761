import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canPasteEscaped, jsonStringAt, splitsEscape } from '../../client/src/paste/jsonStringAtCursor';

/** `|` marks the cursor. */
function at(marked: string) {
  const character = marked.indexOf('|');
  const line = marked.slice(0, character) + marked.slice(character + 1);
  return { line, character, span: jsonStringAt(line, character) };
}

describe('jsonStringAt', () => {
  it('is inside a string between its quotes, including just after the opening and just before the closing quote', () => {
    for (const marked of ['  "text": "|abc",', '  "text": "ab|c",', '  "text": "abc|",', '  "te|xt": "abc"', '"|"']) {
      assert.ok(at(marked).span, marked);
    }
    const { span, line } = at('  "text": "a|bc",');
    assert.equal(line.slice(span!.start, span!.end), '"abc"');
  });

  it('is outside before the opening quote, after the closing quote, and between tokens', () => {
    for (const marked of ['  "text": |"abc",', '  "text": "abc"|,', '  "text":| "abc"', '|  "a": 1', '  "a": 1|', '  "a": tr|ue']) {
      assert.equal(at(marked).span, undefined, marked);
    }
  });

  it('sees escaped quotes as part of the string', () => {
    assert.ok(at('  "text": "say \\"hi|\\" now",').span);
    assert.equal(at('  "text": "a\\\\"|, "b"').span, undefined);
  });

  it('treats an unterminated string as running to the end of the line', () => {
    const { span } = at('  "text": "open and typ|ing');
    assert.ok(span);
    assert.equal(span.terminated, false);
    assert.ok(at('  "text": "open|').span);
  });
});

describe('splitsEscape', () => {
  it('refuses to paste between a backslash and what it escapes', () => {
    for (const marked of ['"a\\|n"', '"a\\u|00e9"', '"a\\u00|e9"', '"a\\u00e|9"']) {
      const { line, character, span } = at(marked);
      assert.equal(splitsEscape(line, span!, character), true, marked);
    }
  });
  it('allows pasting next to complete escapes', () => {
    for (const marked of ['"a\\n|b"', '"a\\\\|b"', '"a\\u00e9|b"', '"|a"', '"a\\\\u|00"']) {
      const { line, character, span } = at(marked);
      assert.equal(splitsEscape(line, span!, character), false, marked);
    }
  });
});

describe('canPasteEscaped', () => {
  const line = '    "text": "Admitted \\"here\\" with fever", "code": "x"';
  const at = (needle: string, offset = 0) => line.indexOf(needle) + offset;
  it('offers the escaped paste at a cursor or a selection inside one string, at every cursor', () => {
    assert.equal(canPasteEscaped([{ line, start: at('Admitted'), end: at('Admitted') }]), true);
    assert.equal(canPasteEscaped([{ line, start: at('Admitted'), end: at('with') }]), true);
    assert.equal(canPasteEscaped([{ line, start: at('fever'), end: at('fever') }, { line, start: at('"x"', 1), end: at('"x"', 2) }]), true);
  });
  it('does not when any target is outside a string, spans two strings or lines, or splits an escape', () => {
    assert.equal(canPasteEscaped([]), false);
    assert.equal(canPasteEscaped([{ line, start: at('"text"') - 1, end: at('"text"') - 1 }]), false);
    assert.equal(canPasteEscaped([{ line, start: at('fever'), end: at('fever') }, { line, start: at(', "code"'), end: at(', "code"') }]), false);
    assert.equal(canPasteEscaped([{ line, start: at('fever'), end: at('"x"', 1) }]), false);
    assert.equal(canPasteEscaped([{ line, start: at('Admitted'), end: undefined }]), false);
    assert.equal(canPasteEscaped([{ line, start: at('"here', 0), end: at('"here', 0) }]), false);
  });
});
