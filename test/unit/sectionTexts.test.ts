import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeWriteBack,
  findSectionTexts,
  hasMixedLineBreaks,
  locateSectionText,
  normalizeLineBreaks,
  sectionTextAt,
  type SectionTextRef,
} from '../../client/src/sectionText/sectionTexts';
import { fixture, json, minimalDocument } from '../support/documents';

const discharge = fixture('discharge-summary.clinikdoc.json');

function doc(sections: unknown[]): string {
  return json({ ...minimalDocument(), sections });
}

/** Applies a write back and returns the new document text. */
function apply(text: string, ref: SectionTextRef, value: string): string {
  const result = computeWriteBack(text, ref, value);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return text.slice(0, result.offset) + result.newText + text.slice(result.offset + result.length);
}

function refOf(text: string, title: string): SectionTextRef {
  const site = findSectionTexts(text).find((s) => s.title === title);
  assert.ok(site?.value !== undefined, `section ${title}`);
  return { path: site.path, value: site.value, title: site.title };
}

describe('findSectionTexts', () => {
  it('finds every section text and nested section text with its path, title, key and exact literal range', () => {
    const text = doc([
      { title: 'Hospital Course', text: 'Line 1\nLine "2"', sections: [{ title: 'Day 1', text: '' }] },
      { title: 'Plan', code: 'x' },
      { title: 'Follow-up', text: 'See GP.' },
    ]);
    const sites = findSectionTexts(text);
    assert.deepEqual(
      sites.map((s) => [s.path, s.title, s.value]),
      [
        [['sections', 0, 'text'], 'Hospital Course', 'Line 1\nLine "2"'],
        [['sections', 0, 'sections', 0, 'text'], 'Day 1', ''],
        [['sections', 2, 'text'], 'Follow-up', 'See GP.'],
      ],
    );
    for (const s of sites) {
      assert.equal(text.slice(s.offset, s.offset + s.length), JSON.stringify(s.value));
      assert.equal(text.slice(s.keyOffset, s.keyOffset + 6), '"text"');
    }
  });

  it('still finds them when the document has a syntax error elsewhere', () => {
    const text = discharge.replace('"title": "Discharge Summary",', '"title": "Discharge Summary",,');
    assert.deepEqual(
      findSectionTexts(text).map((s) => s.title),
      findSectionTexts(discharge).map((s) => s.title),
    );
    assert.deepEqual(findSectionTexts(text).map((s) => s.title).slice(0, 2), ['Diagnosis', 'Hospital Course']);
  });

  it('marks a text whose own string is broken, and offers no value for it', () => {
    const text = '{"sections": [{"title": "A", "text": "bad \\x escape"}, {"title": "B", "text": "open\n}]}';
    const [a, b] = findSectionTexts(text);
    assert.equal(a?.value, undefined);
    assert.match(a?.problem ?? '', /unknown escape/);
    assert.equal(b?.value, undefined);
    assert.ok(b?.problem);
  });

  it('returns nothing (and does not throw) for a document nested too deep to parse', () => {
    assert.deepEqual(findSectionTexts('['.repeat(100_000)), []);
  });
});

describe('sectionTextAt', () => {
  const text = doc([
    { title: 'A', text: 'aaa', sections: [{ title: 'A.1', text: 'nested' }] },
    { title: 'B' },
  ]);
  it('picks the innermost section around the cursor', () => {
    const at = (needle: string) => sectionTextAt(text, text.indexOf(needle));
    assert.deepEqual((at('"aaa"') as { site: { path: unknown } }).site.path, ['sections', 0, 'text']);
    assert.deepEqual((at('"A"') as { site: { path: unknown } }).site.path, ['sections', 0, 'text']);
    assert.deepEqual((at('"nested"') as { site: { path: unknown } }).site.path, ['sections', 0, 'sections', 0, 'text']);
    assert.deepEqual((at('"A.1"') as { site: { path: unknown } }).site.path, ['sections', 0, 'sections', 0, 'text']);
  });
  it('says why when there is no text to open', () => {
    assert.match((sectionTextAt(text, text.indexOf('"B"')) as { missing: string }).missing, /no "text" string yet/);
    assert.match((sectionTextAt(text, text.indexOf('"status"')) as { missing: string }).missing, /Put the cursor in a section/);
  });
});

describe('locateSectionText and computeWriteBack', () => {
  it('writes exactly the string literal, escaped, and nothing else changes', () => {
    const ref = refOf(discharge, 'Hospital Course');
    const value = 'Admitted with "fever".\nTreated with IV antibiotics.\n\tDay 3: oral.';
    const after = apply(discharge, ref, value);
    const parsed = JSON.parse(after);
    assert.equal(parsed.sections[1].text, value);
    assert.equal(parsed.sections[0].text, JSON.parse(discharge).sections[0].text);
    const result = computeWriteBack(discharge, ref, value);
    assert.ok(result.ok);
    assert.equal(after.slice(0, result.offset), discharge.slice(0, result.offset));
    assert.equal(after.slice(result.offset + result.newText.length), discharge.slice(result.offset + result.length));
  });

  it('works for an empty text, both ways', () => {
    const text = doc([{ title: 'Plan', text: '' }]);
    const ref = refOf(text, 'Plan');
    const filled = apply(text, ref, 'First line\nSecond');
    assert.equal(JSON.parse(filled).sections[0].text, 'First line\nSecond');
    const emptied = apply(filled, { ...ref, value: 'First line\nSecond' }, '');
    assert.equal(emptied, text);
  });

  it('writes into a nested section text', () => {
    const text = doc([{ title: 'A', text: 'a', sections: [{ title: 'A.1', text: 'old' }] }]);
    const after = apply(text, refOf(text, 'A.1'), 'new\nvalue');
    assert.equal(JSON.parse(after).sections[0].sections[0].text, 'new\nvalue');
    assert.equal(JSON.parse(after).sections[0].text, 'a');
  });

  it('works in a document with a syntax error elsewhere, leaving the error alone', () => {
    const broken = discharge.replace('"confidentiality": "N",', '"confidentiality": "N",,');
    const ref = refOf(broken, 'Hospital Course');
    const after = apply(broken, ref, 'Rewritten.');
    assert.ok(after.includes('"confidentiality": "N",,'));
    assert.ok(after.includes('"text": "Rewritten."'));
  });

  it('refuses to write into a text whose own string is broken, saying why', () => {
    const text = '{"sections": [{"title": "A", "text": "bad \\q"}]}';
    const result = computeWriteBack(text, { path: ['sections', 0, 'text'], value: 'x', title: 'A' }, 'y');
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /syntax error.*unknown escape/);
  });

  it('follows the section when sections are reordered (same content elsewhere)', () => {
    const text = doc([
      { title: 'A', text: 'alpha' },
      { title: 'B', text: 'beta' },
    ]);
    const ref = refOf(text, 'B');
    const swapped = doc([
      { title: 'B', text: 'beta' },
      { title: 'A', text: 'alpha' },
    ]);
    const located = locateSectionText(swapped, ref);
    assert.equal(located.kind, 'moved');
    if (located.kind === 'moved') assert.deepEqual(located.site.path, ['sections', 0, 'text']);
    const after = apply(swapped, ref, 'BETA');
    assert.deepEqual(JSON.parse(after).sections.map((s: { text: string }) => s.text), ['BETA', 'alpha']);
  });

  it('follows the section when one is inserted before it', () => {
    const text = doc([{ title: 'A', text: 'alpha' }]);
    const ref = refOf(text, 'A');
    const inserted = doc([{ title: 'New', text: '' }, { title: 'A', text: 'alpha' }]);
    const after = apply(inserted, ref, 'ALPHA');
    assert.deepEqual(JSON.parse(after).sections.map((s: { text: string }) => s.text), ['', 'ALPHA']);
  });

  it('uses the title to tell apart sections with the same text (two empty texts)', () => {
    const text = doc([{ title: 'A', text: '' }, { title: 'B', text: '' }]);
    const ref = refOf(text, 'B');
    const inserted = doc([{ title: 'New', text: '' }, { title: 'A', text: '' }, { title: 'B', text: '' }]);
    const located = locateSectionText(inserted, ref);
    assert.equal(located.kind, 'moved');
    if (located.kind === 'moved') assert.deepEqual(located.site.path, ['sections', 2, 'text']);
  });

  it('reports a text edited in the JSON as changed (same place, same title) and refuses to overwrite it', () => {
    const text = doc([{ title: 'A', text: 'alpha' }]);
    const ref = refOf(text, 'A');
    const edited = doc([{ title: 'A', text: 'alpha, edited in the JSON' }]);
    const located = locateSectionText(edited, ref);
    assert.equal(located.kind, 'changed');
    if (located.kind === 'changed') assert.equal(located.site.value, 'alpha, edited in the JSON');
    const result = computeWriteBack(edited, ref, 'from the side editor');
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /changed in the JSON/);
  });

  it('reports a deleted section instead of writing into the one that took its place', () => {
    const text = doc([{ title: 'A', text: 'alpha' }, { title: 'B', text: 'beta' }]);
    const ref = refOf(text, 'A');
    const deleted = doc([{ title: 'B', text: 'beta' }]);
    const located = locateSectionText(deleted, ref);
    assert.equal(located.kind, 'missing');
    if (located.kind === 'missing') assert.match(located.reason, /deleted or replaced/);
    const result = computeWriteBack(deleted, ref, 'ALPHA');
    assert.equal(result.ok, false);
    const gone = locateSectionText(doc([{ title: 'C', text: 'c' }]).replace('"sections"', '"sectionz"'), ref);
    assert.equal(gone.kind, 'missing');
  });

  it('finds the section again when the deletion is undone', () => {
    const text = doc([{ title: 'A', text: 'alpha' }, { title: 'B', text: 'beta' }]);
    const ref = refOf(text, 'B');
    assert.equal(locateSectionText(doc([{ title: 'A', text: 'alpha' }]), ref).kind, 'missing');
    assert.equal(locateSectionText(text, ref).kind, 'found');
  });

  it('keeps following a section whose title was renamed in the JSON', () => {
    const text = doc([{ title: 'A', text: 'alpha' }]);
    const ref = refOf(text, 'A');
    const renamed = doc([{ title: 'A (renamed)', text: 'alpha' }]);
    assert.equal(locateSectionText(renamed, ref).kind, 'found');
  });

  it('refuses when the content now appears in several other sections', () => {
    const text = doc([{ title: 'A', text: 'same' }, { title: 'B', text: 'other' }]);
    const ref = refOf(text, 'B');
    const moved = doc([{ title: 'X', text: 'other' }, { title: 'Z', text: 'z' }, { title: 'Y', text: 'other' }]);
    const located = locateSectionText(moved, ref);
    assert.equal(located.kind, 'missing');
  });

  it('reports an unchanged write back as such (nothing to apply)', () => {
    const ref = refOf(discharge, 'Diagnosis');
    const result = computeWriteBack(discharge, ref, ref.value);
    assert.ok(result.ok && result.unchanged);
    const changed = computeWriteBack(discharge, ref, ref.value + '!');
    assert.ok(changed.ok && !changed.unchanged);
  });

  it('round-trips a 50,000-character text with CRLF and a lone surrogate through the document', () => {
    const text = doc([{ title: 'Long', text: 'x' }]);
    const value = ('Line with "quotes"\r\n').repeat(2500) + '\ud800';
    const after = apply(text, refOf(text, 'Long'), value);
    assert.equal(JSON.parse(after).sections[0].text, value);
    assert.equal(findSectionTexts(after)[0]?.value, value);
  });
});

describe('line breaks from the side editor', () => {
  it('writes \\n unless the text used CRLF throughout', () => {
    assert.equal(normalizeLineBreaks('a\r\nb\r\n', 'x\ny'), 'a\nb\n');
    assert.equal(normalizeLineBreaks('a\r\nb', ''), 'a\nb');
    assert.equal(normalizeLineBreaks('a\nb', 'x\r\ny'), 'a\r\nb');
    assert.equal(normalizeLineBreaks('a\r\nb', 'x\r\ny'), 'a\r\nb');
    assert.equal(normalizeLineBreaks('a\nb', 'x\r\ny\nz'), 'a\nb');
  });
  it('detects texts whose mixed line breaks an editor would unify', () => {
    assert.equal(hasMixedLineBreaks('a\nb\nc'), false);
    assert.equal(hasMixedLineBreaks('a\r\nb\r\n'), false);
    assert.equal(hasMixedLineBreaks('no breaks'), false);
    assert.equal(hasMixedLineBreaks('a\r\nb\nc'), true);
    assert.equal(hasMixedLineBreaks('a\rb\nc'), true);
  });
});
