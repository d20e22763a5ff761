// The file against the server's copy, as Compare and Amend see it: every field of the create body
// (the schema's), narrative XHTML compared as text, and the in-place update carrying only what
// differs and what PATCH can take.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { narrativeText, sameText } from '../../client/src/afterSubmit/narrative';
import { amendInPlaceUpdate, compareWithSubmitted, differenceSummary, differencesUpdateCannotMake, sameDocument, sameTitledDocument } from '../../client/src/afterSubmit/compareWithSubmitted';
import { documentSchema, schemaAt, type JsonSchema } from '../../shared/documentSchema';
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

describe('compare sees every field of the create body', () => {
  type Path = (string | number)[];
  // The emulator's model of ClinikAPI's answer: the create body turned into a Composition.
  let toComposition: (id: string, body: unknown, createdAt: string) => Composition;
  before(async () => {
    // A dynamic import: the emulator is an ES module run by plain node, these tests are CommonJS.
    const emulator: typeof import('../../emulator/composition.mjs', { with: { 'resolution-mode': 'import' } }) = await import('../../emulator/composition.mjs');
    toComposition = (id, value, createdAt) => emulator.toComposition(id, value, createdAt) as Composition;
  });

  /** A body with a value in every field the schema has (one item in each list), and the schema path of each leaf. */
  function fullBody(schema: JsonSchema = documentSchema): { value: Record<string, unknown>; leaves: Path[] } {
    const leaves: Path[] = [];
    let n = 0;
    const fill = (s: JsonSchema, path: Path): unknown => {
      if (s.type === 'object') return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, c]) => [k, fill(c, [...path, k])]));
      if (s.type === 'array' && s.items?.type === 'object') return [fill(s.items, [...path, 0])];
      leaves.push(path);
      if (s.type === 'array') return [`item_${++n}`];
      return leafValue(s, n++);
    };
    return { value: fill(schema, []) as Record<string, unknown>, leaves };
  }
  const leafValue = (s: JsonSchema, i: number): string =>
    s.enum ? s.enum[0] : s['x-clinikapi-format'] === 'date-time' ? `2025-01-${String(10 + (i % 15)).padStart(2, '0')}T09:30:00Z` : `value_${i}`;
  const changed = (s: JsonSchema, value: unknown): unknown =>
    Array.isArray(value) ? [...value, 'another'] : s.enum ? s.enum[1] : s['x-clinikapi-format'] === 'date-time' ? '2026-06-01T00:00:00Z' : `${String(value)}_changed`;
  const at = (root: unknown, path: Path): Record<string | number, unknown> =>
    path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root) as Record<string | number, unknown>;
  const text = (path: Path) => path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

  it('a full body read back from ClinikAPI matches in every field, and every schema field is compared', () => {
    const { value, leaves } = fullBody();
    assert.ok(leaves.length >= 30, `the schema's leaves: ${leaves.length}`);
    const comparisons = compareWithSubmitted(value, toComposition('comp_1', value, '2025-01-01T00:00:00.000Z'));
    assert.deepEqual(comparisons.filter((c) => !c.same), []);
    assert.deepEqual(comparisons.map((c) => c.path).sort(), leaves.map(text).sort(), 'one comparison per field of the schema');
    for (const c of comparisons) assert.ok(c.local !== undefined && c.server !== undefined, `${c.path}: both sides read`);
  });

  it('a change to any one field of the schema is a difference at that field, and not the same document', () => {
    const { value, leaves } = fullBody();
    const server = toComposition('comp_1', value, '2025-01-01T00:00:00.000Z');
    for (const leaf of leaves) {
      const file = structuredClone(value);
      const parent = at(file, leaf.slice(0, -1));
      const name = leaf[leaf.length - 1] as string;
      parent[name] = changed(schemaAt(leaf.filter((s) => typeof s === 'string')) ?? {}, parent[name]);
      const differing = compareWithSubmitted(file, server).filter((c) => !c.same);
      assert.deepEqual(differing.map((c) => c.path), [text(leaf)], text(leaf));
      assert.equal(differing[0].updatable, ['status', 'title', 'sections', 'confidentiality', 'attester'].includes(String(leaf[0])), `${text(leaf)}: updatable`);
      assert.ok(!sameDocument(file, server), `${text(leaf)}: sameDocument`);
    }
  });

  it('a field the schema gains is compared without a change to the comparison', () => {
    const schema: JsonSchema = { ...documentSchema, properties: { ...documentSchema.properties, priority: { type: 'string' } } };
    const { value } = fullBody();
    const server = toComposition('comp_1', value, '2025-01-01T00:00:00.000Z');
    const differing = compareWithSubmitted({ ...value, priority: 'urgent' }, server, schema).filter((c) => !c.same);
    assert.deepEqual(differing.map((c) => [c.path, c.local, c.server]), [['priority', 'urgent', undefined]]);
  });

  it('reads ClinikAPI’s shapes: references, codes, narrative, typed entry references; a date ClinikAPI filled in is no difference', () => {
    const file = {
      ...body,
      date: undefined,
      encounterId: 'enc_1',
      custodianId: 'org_1',
      category: ['inpatient'],
      relatesTo: [{ code: 'appends', targetId: 'comp_0' }],
      event: [{ code: [{ system: 'http://snomed.info/sct', code: '32485007', display: 'Hospital admission' }], period: { start: '2025-01-12', end: '2025-01-15' }, detailIds: ['enc_1'] }],
      sections: [{ title: 'Diagnosis', code: '29548-5', text: 'Pneumonia.', authorId: 'prac_790', resourceIds: ['cond_1'], mode: 'snapshot' }],
    };
    const server = composition({
      date: '2025-03-01T08:00:00Z',
      encounter: { reference: 'Encounter/enc_1' },
      custodian: { reference: 'Organization/org_1' },
      category: [{ coding: [{ code: 'inpatient' }] }],
      relatesTo: [{ code: 'appends', targetReference: { reference: 'Composition/comp_0' } }],
      section: [
        {
          title: 'Diagnosis',
          code: { coding: [{ system: 'http://loinc.org', code: '29548-5' }] },
          text: { div: '<div xmlns="http://www.w3.org/1999/xhtml">Pneumonia.</div>' },
          ...({ author: [{ reference: 'Practitioner/prac_790' }], entry: [{ reference: 'Condition/cond_1' }], mode: 'snapshot' } as object),
        },
      ],
      ...({ event: [{ code: [{ coding: [{ system: 'http://snomed.info/sct', code: '32485007', display: 'Hospital admission' }] }], period: { start: '2025-01-12', end: '2025-01-15' }, detail: [{ reference: 'Encounter/enc_1' }] }] } as object),
    });
    assert.deepEqual(compareWithSubmitted(file, server).filter((c) => !c.same), []);
    const moved = compareWithSubmitted({ ...file, patientId: 'pat_second' }, server).filter((c) => !c.same);
    assert.deepEqual(moved.map((c) => [c.path, c.label, c.server, c.local, c.updatable]), [['patientId', 'Patient', 'pat_123', 'pat_second', false]]);
    const dated = compareWithSubmitted({ ...file, date: '2025-01-15' }, server).filter((c) => !c.same);
    assert.deepEqual(dated.map((c) => c.path), ['date'], 'a date in the file is compared');
  });

  it('names nested fields as a clinician reads them', () => {
    const file = { ...body, sections: [{ title: 'A', text: 'a', sections: [{ title: 'Sub', text: 's' }, { title: 'Two', text: 't' }] }] };
    const server = composition({ section: [{ title: 'A', text: { div: '<div>a</div>' }, section: [{ title: 'Sub', text: { div: '<div>s</div>' } }] }] });
    const differing = compareWithSubmitted(file, server).filter((c) => !c.same);
    assert.deepEqual(differing.map((c) => [c.path, c.label]), [
      ['sections[0].sections', 'Number of sub-sections of section 1'],
      ['sections[0].sections[1].title', 'Section 1.2 title'],
      ['sections[0].sections[1].text', 'Section 1.2 text'],
    ]);
  });
});

describe('what an update in place cannot make', () => {
  it('a changed patient, type, date or section author: the patient and the type are outside the update, the section is in it', () => {
    const server = composition();
    assert.deepEqual(differencesUpdateCannotMake(compareWithSubmitted({ ...body, patientId: 'pat_second' }, server)).map((c) => c.path), ['patientId']);
    assert.deepEqual(differencesUpdateCannotMake(compareWithSubmitted({ ...body, type: 'referral-letter', date: '2025-02-01' }, server)).map((c) => c.path), ['type', 'date']);
    const authored = { ...body, sections: [{ ...body.sections[0], authorId: 'prac_790' }, body.sections[1]] };
    assert.deepEqual(differencesUpdateCannotMake(compareWithSubmitted(authored, server)), []);
    assert.deepEqual(Object.keys(amendInPlaceUpdate(authored, server).update).sort(), ['sections', 'status']);
    assert.deepEqual(amendInPlaceUpdate({ ...body, patientId: 'pat_second' }, server).update, { status: 'amended' }, 'the patient is never in the update');
  });
  it('Compare says which differences an update cannot make', () => {
    const server = composition();
    assert.equal(
      differenceSummary('comp_1', compareWithSubmitted({ ...body, patientId: 'pat_second', title: 'New' }, server)),
      '2 fields differ from comp_1: Patient, Title. An update in place cannot change patientId: that takes a new document.',
    );
    assert.equal(differenceSummary('comp_1', compareWithSubmitted(body, server)), 'The file matches comp_1 in every field of the document.');
  });
});
