import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CopyForwardIndex } from '../../client/src/patientText/copyForward';
import { normalizeParagraph, paragraphsOf } from '../../client/src/patientText/paragraphs';
import { cyrb53 } from '../../client/src/patientText/stringHash';

// Long enough to count (80 normalized characters and more), and written about one patient.
const history = 'Mrs Patel is a 45-year-old woman with type 2 diabetes, hypertension and a previous left mastectomy in 2015.';
const plan = 'Plan: continue metformin 1 g twice daily, repeat HbA1c in three months and refer to the diabetes nurse specialist.';
const a = 'file:///work/a.clinikdoc.json';
const b = 'file:///work/b.clinikdoc.json';
const c = 'file:///work/c.clinikdoc.json';

function section(text: string, id = 'sections[0].text') {
  return [{ id, text }];
}

describe('CopyForwardIndex', () => {
  it('finds a paragraph that a file of another patient holds, with where it is', () => {
    const index = new CopyForwardIndex();
    index.update(a, 'pat_a', section(`${history}\n${plan}`));
    const text = `Admitted with hyperglycaemia.\n\n  ${history}  \nShe is a 45-year-old woman.`;
    const found = index.matches(b, 'pat_b', section(text, 'sections[2].text'));
    assert.deepEqual(found, [{ segment: 'sections[2].text', start: text.indexOf(history), end: text.indexOf(history) + history.length, otherFile: a }]);
  });

  it('does not count files of the same patient, nor the file itself', () => {
    const index = new CopyForwardIndex();
    index.update(a, 'pat_a', section(history));
    assert.deepEqual(index.matches(b, 'pat_a', section(history)), []);
    assert.deepEqual(index.matches(a, 'pat_b', section(history)), []);
  });

  it('follows updates: the old text is forgotten, the new one found, a changed patient counted', () => {
    const index = new CopyForwardIndex();
    index.update(a, 'pat_a', section(history));
    index.update(a, 'pat_a', section(plan));
    assert.deepEqual(index.matches(b, 'pat_b', section(history)), []);
    assert.equal(index.matches(b, 'pat_b', section(plan)).length, 1);
    index.update(a, 'pat_b', section(plan)); // the patientId was corrected to b's patient
    assert.deepEqual(index.matches(b, 'pat_b', section(plan)), []);
    assert.equal(index.size, 1);
  });

  it('forgets a removed file, and files without a patient', () => {
    const index = new CopyForwardIndex();
    index.update(a, 'pat_a', section(history));
    index.update(c, 'pat_c', section(history));
    index.remove(a);
    assert.deepEqual(index.matches(b, 'pat_b', section(history)).map((m) => m.otherFile), [c]);
    index.remove(c);
    index.remove(c); // twice is harmless
    assert.deepEqual(index.matches(b, 'pat_b', section(history)), []);
    index.update(a, undefined, section(history));
    assert.equal(index.size, 0);
    index.update(a, 'pat_a', section(history));
    assert.deepEqual(index.matches(b, undefined, section(history)), []);
  });

  it('keeps count when one file holds a paragraph twice and others hold it too', () => {
    const index = new CopyForwardIndex({ templateAcrossPatients: 0 });
    index.update(a, 'pat_a', section(`${history}\n${history}`));
    index.update(c, 'pat_c', section(history));
    index.update(a, 'pat_a', section(`${history}\n${history}`));
    index.remove(a);
    assert.deepEqual(index.matches(b, 'pat_b', section(history)).map((m) => m.otherFile), [c]);
    index.remove(c);
    assert.deepEqual(index.matches(b, 'pat_b', section(history)), []);
  });

  it('names the first other file in URI order when several hold the paragraph', () => {
    const index = new CopyForwardIndex({ templateAcrossPatients: 0 });
    index.update(c, 'pat_c', section(history));
    index.update(a, 'pat_a', section(history));
    assert.deepEqual(index.matches(b, 'pat_b', section(history)).map((m) => m.otherFile), [a]);
  });

  it('compares paragraphs whatever their spacing, case, quotes, dashes or list marker', () => {
    const index = new CopyForwardIndex();
    index.update(a, 'pat_a', section(`- ${history}`));
    const variant = `  ${history.toUpperCase().replace(/ /g, '   ')}`;
    assert.equal(index.matches(b, 'pat_b', section(variant)).length, 1);
    assert.equal(normalizeParagraph('1. It’s   “fine” – really'), 'it\'s "fine" - really');
  });

  it('skips paragraphs shorter than 80 normalized characters (or the length chosen)', () => {
    const short = 'She is a 45-year-old woman with type 2 diabetes and hypertension, on metformin.';
    assert.equal(normalizeParagraph(short).length, 79);
    const index = new CopyForwardIndex();
    index.update(a, 'pat_a', section(short));
    assert.deepEqual(index.matches(b, 'pat_b', section(short)), []);
    const lenient = new CopyForwardIndex({ minLength: 40 });
    lenient.update(a, 'pat_a', section(short));
    assert.equal(lenient.matches(b, 'pat_b', section(short)).length, 1);
    const exactly = short.replace('on metformin', 'on metformin!');
    assert.equal(normalizeParagraph(exactly).length, 80);
    index.update(a, 'pat_a', section(exactly));
    assert.equal(index.matches(b, 'pat_b', section(exactly)).length, 1);
  });

  it('skips paragraphs made of common boilerplate, but not a paragraph with enough of its own', () => {
    const boilerplate = 'No known drug allergies. Observations stable. Chest clear. Heart sounds normal. Abdomen soft and non-tender. Safety netting advice given.';
    assert.ok(normalizeParagraph(boilerplate).length > 80);
    const index = new CopyForwardIndex();
    index.update(a, 'pat_a', section(boilerplate));
    assert.deepEqual(index.matches(b, 'pat_b', section(boilerplate)), []);
    const mixed = `No known drug allergies. ${history}`;
    index.update(a, 'pat_a', section(mixed));
    assert.equal(index.matches(b, 'pat_b', section(mixed)).length, 1);
  });

  it('skips the phrases a user adds to the boilerplate', () => {
    const template = 'The patient was seen in the Tuesday virtual fracture clinic and the imaging was reviewed by the on-call team.';
    const plain = new CopyForwardIndex();
    plain.update(a, 'pat_a', section(template));
    assert.equal(plain.matches(b, 'pat_b', section(template)).length, 1);
    const withPhrase = new CopyForwardIndex({ extraBoilerplate: ['The patient was seen in the Tuesday virtual fracture clinic and the imaging was reviewed by the on-call team.'] });
    withPhrase.update(a, 'pat_a', section(template));
    assert.deepEqual(withPhrase.matches(b, 'pat_b', section(template)), []);
  });

  it('treats a paragraph that the files of three patients share as a template', () => {
    const index = new CopyForwardIndex();
    index.update(a, 'pat_a', section(history));
    index.update(c, 'pat_c', section(history));
    assert.deepEqual(index.matches(b, 'pat_b', section(history)), []);
    assert.equal(index.matches(b, 'pat_a', section(history)).length, 1, 'two patients (a and c) only: c is another');
    const never = new CopyForwardIndex({ templateAcrossPatients: 0 });
    never.update(a, 'pat_a', section(history));
    never.update(c, 'pat_c', section(history));
    assert.equal(never.matches(b, 'pat_b', section(history)).length, 1);
  });

  it('keeps no text: nothing it holds contains a word of what it indexed', () => {
    const index = new CopyForwardIndex();
    index.update(a, 'pat_a', section(`${history}\n${plan}`));
    const strings: string[] = [];
    const seen = new Set<unknown>();
    const walk = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      if (value === null || typeof value !== 'object' || seen.has(value)) return;
      seen.add(value);
      if (value instanceof Map) for (const [k, v] of value) (walk(k), walk(v));
      else if (value instanceof RegExp) return; // the boilerplate phrases, not the text
      else for (const v of Object.values(value)) walk(v);
    };
    walk(index);
    assert.ok(strings.includes(a) && strings.includes('pat_a'));
    assert.deepEqual(strings.filter((s) => /mastectomy|metformin|patel/i.test(s)), []);
  });
});

describe('paragraphsOf', () => {
  it('is each non-empty line, trimmed, with its offsets', () => {
    const text = 'First line.\r\n\r\n   Second line.  \nThird';
    assert.deepEqual(
      paragraphsOf(text).map((p) => text.slice(p.start, p.end)),
      ['First line.', 'Second line.', 'Third'],
    );
  });
});

describe("CopyForwardIndex: a user's phrases, and the matches of an indexed file", () => {
  it("a user's phrase takes effect at once for the texts checked, without indexing again, and can be taken back", () => {
    const index = new CopyForwardIndex();
    index.update(a, 'pat_a', section(plan));
    assert.equal(index.matches(b, 'pat_b', section(plan)).length, 1);
    index.setCheckedPhrases(['Plan: continue metformin 1 g twice daily']);
    assert.deepEqual(index.matches(b, 'pat_b', section(plan)), [], 'what is left is under 80 characters');
    index.setCheckedPhrases([]);
    assert.equal(index.matches(b, 'pat_b', section(plan)).length, 1, 'the file was indexed with its whole paragraph');
  });

  it('matchesOf answers for an indexed file from its hashes as matches does from its text', () => {
    const index = new CopyForwardIndex();
    const text = `Short line.\n${history}\n${plan}`;
    index.update(a, 'pat_a', section(text, 'sections.0.text'));
    index.update(b, 'pat_b', section(plan));
    index.update(c, 'pat_a', section(history));
    assert.deepEqual(index.matchesOf(a), index.matches(a, 'pat_a', section(text, 'sections.0.text')));
    assert.deepEqual(index.matchesOf(a).map((m) => [text.slice(m.start, m.end), m.otherFile]), [[plan, b]]);
    assert.deepEqual(index.matchesOf('file:///work/never-indexed.clinikdoc.json'), []);
  });
});

describe('cyrb53', () => {
  it('gives the published values of the reference implementation', () => {
    assert.equal(cyrb53('a'), 7929297801672961);
    assert.equal(cyrb53('b'), 8684336938537663);
    assert.equal(cyrb53('revenge'), 4051478007546757);
    assert.equal(cyrb53('revenue'), 8309097637345594);
  });

  it('is a safe integer of 53 bits, different with another seed', () => {
    for (const s of ['', 'x', history, plan]) {
      const h = cyrb53(s);
      assert.ok(Number.isSafeInteger(h) && h >= 0, s);
      assert.notEqual(cyrb53(s, 1), h);
    }
  });
});
