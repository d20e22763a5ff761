// The file against the server's copy, as Compare and Amend see it: narrative XHTML compared as
// text, and the in-place update carrying only what differs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { narrativeText, sameText } from '../../client/src/afterSubmit/narrative';
import { amendInPlaceUpdate, compareWithSubmitted, sameDocument, sameTitledDocument } from '../../client/src/afterSubmit/compareWithSubmitted';
import { asComposition, type Composition } from '../../client/src/api/composition';
import { replacementEdits } from '../../client/src/afterSubmit/replacement';
import { searchFrom } from '../../client/src/afterSubmit/createdCheck';

const body = {
  status: 'final',
  type: 'discharge-summary',
  patientId: 'pat_123',
  practitionerId: 'prac_789',
  title: 'Discharge Summary',
  date: '2025-01-15',
  attester: [{ mode: 'professional', partyId: 'prac_789', time: '2025-01-15T10:00:00Z' }],
  sections: [
    { title: 'Diagnosis', text: 'Fever <38.5> & "chills"\nSecond line' },
    { title: 'Plan', text: 'Home.' },
  ],
};

function composition(overrides: Partial<Composition> = {}): Composition {
  return {
    resourceType: 'Composition',
    id: 'comp_1',
    status: 'final',
    type: { coding: [{ code: 'discharge-summary' }], text: 'discharge-summary' },
    subject: { reference: 'Patient/pat_123' },
    author: [{ reference: 'Practitioner/prac_789' }],
    date: '2025-01-15',
    title: 'Discharge Summary',
    attester: [{ mode: 'professional', time: '2025-01-15T10:00:00.000Z', party: { reference: 'Practitioner/prac_789' } }],
    section: [
      { title: 'Diagnosis', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Fever &lt;38.5&gt; &amp; &quot;chills&quot;<br/>Second line</div>' } },
      { title: 'Plan', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Home.</p></div>' } },
    ],
    ...overrides,
  };
}

describe('narrative text', () => {
  it('decodes XHTML: line breaks, paragraphs, character references', () => {
    assert.equal(narrativeText('<div xmlns="http://www.w3.org/1999/xhtml">a &lt;b&gt; &amp; &#233;&#x1F600;<br/>c</div>'), 'a <b> & é😀\nc');
    assert.equal(narrativeText('<div><p>one</p><p>two</p></div>'), 'one\ntwo');
    assert.equal(narrativeText('<div>&unknown; stays</div>'), '&unknown; stays');
  });
  it('compares as text: white space XHTML does not keep is not a difference, words are', () => {
    assert.ok(sameText('a\r\n b', 'a\nb'));
    assert.ok(!sameText('a b', 'a c'));
  });
});

describe('compare with submitted', () => {
  it('finds no difference in a faithful copy (text as narrative, times in another notation)', () => {
    const diffs = compareWithSubmitted(body, composition()).filter((c) => !c.same);
    assert.deepEqual(diffs, []);
    assert.ok(sameDocument(body, composition()));
  });

  it('names each differing field, section by section', () => {
    const server = composition({
      title: 'Old title',
      section: [composition().section![0], { title: 'Plan', text: { div: '<div>Stay.</div>' } }, { title: 'Extra', text: { div: '<div>x</div>' } }],
    });
    const differing = compareWithSubmitted(body, server).filter((c) => !c.same);
    assert.deepEqual(
      differing.map((c) => c.path),
      ['title', 'sections', 'sections[1].text', 'sections[2].title', 'sections[2].text'],
    );
    const text = differing.find((c) => c.path === 'sections[1].text')!;
    assert.equal(text.label, 'Section 2 text');
    assert.equal(text.local, 'Home.');
    assert.equal(text.server, 'Stay.');
    assert.ok(!sameDocument(body, server));
  });

  it('tells another patient, type or practitioner apart even when the text is the same', () => {
    assert.ok(!sameDocument(body, composition({ subject: { reference: 'Patient/pat_999' } })));
    assert.ok(!sameDocument(body, composition({ type: { coding: [{ code: 'progress-note' }] } })));
    assert.ok(!sameDocument(body, composition({ author: [{ reference: 'Practitioner/prac_1' }] })));
    assert.ok(sameTitledDocument(body, composition({ section: [] })), 'a colleague’s copy: same patient, type, title');
    assert.ok(!sameTitledDocument(body, composition({ title: 'Other' })));
  });
});

describe('amend in place', () => {
  it('sends only the changed fields, with status amended', () => {
    const server = composition({ title: 'Old title' });
    const { update, changed } = amendInPlaceUpdate(body, server);
    assert.deepEqual(update, { title: 'Discharge Summary', status: 'amended' });
    assert.deepEqual(changed, ['title', 'status']);
  });
  it('sends the whole sections when one section changed, and nothing but status when nothing did', () => {
    const server = composition({ section: [composition().section![0]] });
    assert.deepEqual(Object.keys(amendInPlaceUpdate(body, server).update).sort(), ['sections', 'status']);
    assert.deepEqual(amendInPlaceUpdate(body, composition()).update, { status: 'amended' });
    assert.deepEqual(amendInPlaceUpdate({ ...body, status: 'amended' }, composition({ status: 'amended' })).changed, []);
  });
});

describe('replacement', () => {
  const apply = (text: string, id: string) => {
    const edits = replacementEdits(text, id);
    assert.ok(Array.isArray(edits));
    let out = text;
    for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
    return out;
  };
  it('sets status amended and adds relatesTo replaces, keeping the rest of the text', () => {
    const text = JSON.stringify(body, null, 4) + '\n';
    const out = apply(text, 'comp_1');
    const value = JSON.parse(out);
    assert.equal(value.status, 'amended');
    assert.deepEqual(value.relatesTo, [{ code: 'replaces', targetId: 'comp_1' }]);
    assert.deepEqual({ ...value, status: body.status, relatesTo: undefined }, { ...body, relatesTo: undefined });
    assert.ok(out.includes('\n    "relatesTo"'), 'the file’s indentation');
  });
  it('appends to an existing relatesTo once', () => {
    const text = JSON.stringify({ ...body, relatesTo: [{ code: 'appends', targetId: 'comp_0' }] }, null, 2);
    const once = apply(text, 'comp_1');
    assert.deepEqual(JSON.parse(once).relatesTo, [{ code: 'appends', targetId: 'comp_0' }, { code: 'replaces', targetId: 'comp_1' }]);
    assert.equal(apply(once, 'comp_1'), once);
  });
});

describe('search window', () => {
  it('starts a day before the earlier of the sending time and the document’s own date', () => {
    assert.equal(searchFrom(new Date('2026-12-01T10:00:00Z'), undefined), '2026-11-30');
    assert.equal(searchFrom(new Date('2026-12-01T10:00:00Z'), '2025-01-15'), '2025-01-14');
    assert.equal(searchFrom(new Date('2026-12-01T10:00:00Z'), 'not a date'), '2026-11-30');
  });
});

describe('what is taken from an answer', () => {
  it('a Composition only with an id of the SDK’s shape (anything else is never shown, logged or linked)', () => {
    assert.equal(asComposition({ resourceType: 'Composition', id: 'comp_1' })?.id, 'comp_1');
    for (const id of ['', 'comp\n2026-12-01 forged log line', '../comp', 'x'.repeat(129), 7]) {
      assert.equal(asComposition({ resourceType: 'Composition', id }), undefined, String(id));
    }
    assert.equal(asComposition({ resourceType: 'Patient', id: 'pat_1' }), undefined);
  });
});
