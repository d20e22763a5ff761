import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { placeIssues, splitIssue } from '../../client/src/submit/issueRanges';

const text = `{
  "status": "done",
  "sections": [
    { "title": "A", "text": "x" },
    { "text": "y" }
  ],
  "attester": [{ "mode": "personal" }]
}`;

function marked(diagnostics: string): string {
  const [p] = placeIssues(text, [{ severity: 'error', code: 'invalid', diagnostics }]);
  return text.slice(p.offset, p.offset + p.length);
}

describe('splitIssue', () => {
  it('splits path and message', () => {
    assert.deepEqual(splitIssue('sections.0.title: Required'), { path: ['sections', 0, 'title'], message: 'Required' });
    assert.deepEqual(splitIssue('status: Invalid enum value. Expected a: b'), { path: ['status'], message: 'Invalid enum value. Expected a: b' });
    assert.deepEqual(splitIssue('Body is not an object'), { path: [], message: 'Body is not an object' });
  });
});

describe('placeIssues', () => {
  it('marks an existing value', () => {
    assert.equal(marked('status: Invalid enum value'), '"done"');
    assert.equal(marked('sections.0.text: too long'), '"x"');
    assert.equal(marked('attester.0.mode: Invalid'), '"personal"');
  });
  it('marks the key of an object or array it names', () => {
    assert.equal(marked('sections: Array must contain at most 50 element(s)'), '"sections"');
  });
  it('marks the opening bracket of the object missing a property', () => {
    const [p] = placeIssues(text, [{ severity: 'error', code: 'required', diagnostics: 'sections.1.title: Required' }]);
    assert.equal(text[p.offset], '{');
    assert.equal(p.offset, text.indexOf('{ "text": "y" }'));
    assert.equal(p.length, 1);
  });
  it('marks the key of the nearest ancestor property when a deeper path is missing', () => {
    assert.equal(marked('attester.3.mode: Required'), '"attester"');
  });
  it('a root-level missing property marks the opening brace', () => {
    const [p] = placeIssues(text, [{ severity: 'error', code: 'required', diagnostics: 'patientId: Required' }]);
    assert.deepEqual([p.offset, p.length], [0, 1]);
  });
  it('keeps the message and path of each issue, in order', () => {
    const placed = placeIssues(text, [
      { severity: 'error', code: 'invalid', diagnostics: 'status: Bad' },
      { severity: 'error', code: 'required', diagnostics: 'title: Required' },
    ]);
    assert.deepEqual(placed.map((p) => [p.path, p.message]), [[['status'], 'Bad'], [['title'], 'Required']]);
  });
});
