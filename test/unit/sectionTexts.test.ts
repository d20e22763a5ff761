import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeWriteBack,
  findSectionTexts,
  hasMixedLineBreaks,
  locateSectionText,
  normalizeLineBreaks,
  relink,
  sectionTextAt,
  sectionTextRef,
  type SectionTextRef,
} from '../../client/src/sectionText/sectionTexts';
import { trackChanges, type TextChange } from '../../client/src/sectionText/sectionTracking';
import { fixture, json, minimalDocument } from '../support/documents';

const discharge = fixture('discharge-summary.clinikdoc.json');

function doc(sections: unknown[]): string {
  return json({ ...minimalDocument(), sections });
}

/** Applies a write back as the side editor does (`ref` then follows the edit) and returns the new document text. */
function apply(text: string, ref: SectionTextRef, value: string): string {
  const result = computeWriteBack(text, ref, value);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  Object.assign(ref, { ...sectionTextRef(result.site), value });
  return changed(ref, text, { offset: result.offset, length: result.length, text: result.newText });
}

function refOf(text: string, title: string, occurrence = 0): SectionTextRef {
  const site = findSectionTexts(text).filter((s) => s.title === title)[occurrence];
  assert.ok(site?.value !== undefined, `section ${title}`);
  return sectionTextRef({ ...site, value: site.value });
}

/**
 * The JSON goes from `before` to `after` in one change of the whole text (what a WorkspaceEdit
 * of the whole document, a revert or a reload from disk reports); `ref` follows it.
 */
function replaced(ref: SectionTextRef, before: string, after: string): string {
  trackChanges(ref, before, [{ offset: 0, length: before.length, text: after }]);
  return after;
}

/** One change as an editor reports it (`length` characters at `offset` replaced); `ref` follows it. */
function changed(ref: SectionTextRef, before: string, change: TextChange): string {
  trackChanges(ref, before, [change]);
  return before.slice(0, change.offset) + change.text + before.slice(change.offset + change.length);
}

/**
 * The change deleting the `index`-th top-level section of a document of flat sections: its object
 * with the comma after it (the one before it, for the last).
 */
function deletion(text: string, index: number): TextChange {
  const sites = findSectionTexts(text).filter((s) => s.path.length === 3);
  const objectStart = text.lastIndexOf('{', sites[index]!.offset);
  const objectEnd = text.indexOf('}', sites[index]!.offset) + 1;
  const next = sites[index + 1] ? text.lastIndexOf('{', sites[index + 1]!.offset) : undefined;
  const start = next === undefined && index > 0 ? text.lastIndexOf('}', objectStart) + 1 : objectStart;
  const end = next ?? objectEnd;
  return { offset: start, length: end - start, text: '' };
}

/** Where `ref` is now: relinked as the side editor is when found. */
function locate(text: string, ref: SectionTextRef) {
  const located = locateSectionText(text, ref);
  if (located.kind !== 'missing') relink(ref, located.site);
  return located;
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
    const result = computeWriteBack(discharge, refOf(discharge, 'Hospital Course'), value);
    assert.ok(result.ok);
    assert.equal(after.slice(0, result.offset), discharge.slice(0, result.offset));
    assert.equal(after.slice(result.offset + result.newText.length), discharge.slice(result.offset + result.length));
  });

  it('works for an empty text, both ways', () => {
    const text = doc([{ title: 'Plan', text: '' }]);
    const ref = refOf(text, 'Plan');
    const filled = apply(text, ref, 'First line\nSecond');
    assert.equal(JSON.parse(filled).sections[0].text, 'First line\nSecond');
    const emptied = apply(filled, ref, '');
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
    const site = findSectionTexts(text)[0]!;
    const result = computeWriteBack(text, { path: site.path, value: 'x', title: 'A', literal: { offset: site.offset, length: site.length }, inserted: [] }, 'y');
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /syntax error.*unknown escape/);
  });

  it('follows the section when sections are reordered (the JSON rewritten in one edit)', () => {
    const text = doc([
      { title: 'A', text: 'alpha' },
      { title: 'B', text: 'beta' },
    ]);
    const ref = refOf(text, 'B');
    const swapped = replaced(ref, text, doc([
      { title: 'B', text: 'beta' },
      { title: 'A', text: 'alpha' },
    ]));
    const located = locate(swapped, ref);
    assert.equal(located.kind, 'moved');
    if (located.kind === 'moved') assert.deepEqual(located.site.path, ['sections', 0, 'text']);
    const after = apply(swapped, ref, 'BETA');
    assert.deepEqual(JSON.parse(after).sections.map((s: { text: string }) => s.text), ['BETA', 'alpha']);
  });

  it('follows the section when it is cut and pasted elsewhere', () => {
    const text = doc([{ title: 'A', text: 'alpha' }, { title: 'B', text: 'beta' }, { title: 'C', text: 'gamma' }]);
    const ref = refOf(text, 'A');
    const cut = deletion(text, 0);
    const withoutA = changed(ref, text, cut);
    assert.equal(locate(withoutA, ref).kind, 'missing', 'while cut, not linked');
    const pasteAt = withoutA.lastIndexOf('{', findSectionTexts(withoutA)[1]!.offset);
    const pasted = changed(ref, withoutA, { offset: pasteAt, length: 0, text: text.slice(cut.offset, cut.offset + cut.length) });
    assert.deepEqual(JSON.parse(pasted).sections.map((s: { title: string }) => s.title), ['B', 'A', 'C']);
    const located = locate(pasted, ref);
    assert.equal(located.kind, 'moved');
    if (located.kind === 'moved') assert.deepEqual(located.site.path, ['sections', 1, 'text']);
    assert.deepEqual(JSON.parse(apply(pasted, ref, 'ALPHA')).sections.map((s: { text: string }) => s.text), ['beta', 'ALPHA', 'gamma']);
  });

  it('follows the section when one is inserted before it', () => {
    const text = doc([{ title: 'A', text: 'alpha' }]);
    const ref = refOf(text, 'A');
    const inserted = replaced(ref, text, doc([{ title: 'New', text: '' }, { title: 'A', text: 'alpha' }]));
    assert.equal(locate(inserted, ref).kind, 'found');
    const after = apply(inserted, ref, 'ALPHA');
    assert.deepEqual(JSON.parse(after).sections.map((s: { text: string }) => s.text), ['', 'ALPHA']);
  });

  it('follows its own section among others with the same text (two empty texts, one inserted before them)', () => {
    const text = doc([{ title: 'A', text: '' }, { title: 'B', text: '' }]);
    const ref = refOf(text, 'B');
    const inserted = replaced(ref, text, doc([{ title: 'New', text: '' }, { title: 'A', text: '' }, { title: 'B', text: '' }]));
    const located = locate(inserted, ref);
    assert.equal(located.kind, 'found');
    if (located.kind === 'found') assert.deepEqual(located.site.path, ['sections', 2, 'text']);
  });

  it('reports a text edited in the JSON as changed (same string) and refuses to overwrite it', () => {
    const text = doc([{ title: 'A', text: 'alpha' }]);
    const ref = refOf(text, 'A');
    const edited = replaced(ref, text, doc([{ title: 'A', text: 'alpha, edited in the JSON' }]));
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
    const deleted = replaced(ref, text, doc([{ title: 'B', text: 'beta' }]));
    const located = locateSectionText(deleted, ref);
    assert.equal(located.kind, 'missing');
    if (located.kind === 'missing') assert.match(located.reason, /deleted or replaced.*reopen/i);
    const result = computeWriteBack(deleted, ref, 'ALPHA');
    assert.equal(result.ok, false);
    const gone = locateSectionText(doc([{ title: 'C', text: 'c' }]).replace('"sections"', '"sectionz"'), ref);
    assert.equal(gone.kind, 'missing');
  });

  // The side editor used to re-link to any section with the same text.
  for (const [what, same] of [['an empty text', ''], ['"N/A"', 'N/A']] as const) {
    it(`does not link to another section with the same text when its own is deleted (${what})`, () => {
      const text = doc([{ title: 'Allergies', text: same }, { title: 'Family history', text: same }]);
      for (const [kind, edit] of [
        ['deleted in the editor', (ref: SectionTextRef) => changed(ref, text, deletion(text, 0))],
        ['the JSON rewritten in one edit', (ref: SectionTextRef) => replaced(ref, text, doc([{ title: 'Family history', text: same }]))],
      ] as const) {
        const ref = refOf(text, 'Allergies');
        const after = edit(ref);
        assert.deepEqual(JSON.parse(after).sections, [{ title: 'Family history', text: same }], kind);
        assert.equal(locateSectionText(after, ref).kind, 'missing', kind);
        const result = computeWriteBack(after, ref, 'Penicillin.');
        assert.equal(result.ok, false, `${kind}: nothing is written into "Family history"`);
        if (!result.ok) assert.match(result.reason, /deleted or replaced.*reopen/i);
      }
    });
  }

  it('does not link to the twin of a deleted section (the section snippet inserted twice: same title, same text)', () => {
    const twin = { title: 'Section title', text: 'Section text' };
    const text = doc([{ title: 'Diagnosis', text: 'Pneumonia.' }, twin, twin]);
    for (const occurrence of [0, 1]) {
      const ref = refOf(text, 'Section title', occurrence);
      const after = changed(ref, text, deletion(text, 1 + occurrence));
      assert.deepEqual(JSON.parse(after).sections, [{ title: 'Diagnosis', text: 'Pneumonia.' }, twin]);
      assert.equal(locateSectionText(after, ref).kind, 'missing', `the ${occurrence === 0 ? 'first' : 'second'} one deleted`);
      assert.equal(computeWriteBack(after, ref, 'Mine.').ok, false);
    }
    // Rewritten in one edit, which of the two went is anyone's guess: neither is taken for it.
    for (const occurrence of [0, 1]) {
      const ref = refOf(text, 'Section title', occurrence);
      const after = replaced(ref, text, doc([{ title: 'Diagnosis', text: 'Pneumonia.' }, twin]));
      assert.equal(locateSectionText(after, ref).kind, 'missing', `occurrence ${occurrence}, rewritten`);
    }
  });

  it('links again when the deletion is undone, even with its twin still there', () => {
    const twin = { title: 'Section title', text: 'Section text' };
    const text = doc([twin, { title: 'Plan', text: 'Rest.' }, twin]);
    const ref = refOf(text, 'Section title', 0);
    const cut = deletion(text, 0);
    const deleted = changed(ref, text, cut);
    assert.equal(locate(deleted, ref).kind, 'missing');
    // Undo puts the deleted text back where it was.
    const undone = changed(ref, deleted, { offset: cut.offset, length: 0, text: text.slice(cut.offset, cut.offset + cut.length) });
    assert.equal(undone, text);
    const located = locate(undone, ref);
    assert.equal(located.kind, 'moved');
    if (located.kind === 'moved') assert.deepEqual(located.site.path, ['sections', 0, 'text']);
    assert.deepEqual(JSON.parse(apply(undone, ref, 'Mine.')).sections.map((s: { text: string }) => s.text), ['Mine.', 'Rest.', 'Section text']);
  });

  it('links again when a deletion made by rewriting the JSON is undone', () => {
    const text = doc([{ title: 'A', text: 'alpha' }, { title: 'B', text: 'beta' }]);
    const ref = refOf(text, 'B');
    const deleted = replaced(ref, text, doc([{ title: 'A', text: 'alpha' }]));
    assert.equal(locate(deleted, ref).kind, 'missing');
    const undone = replaced(ref, deleted, text);
    assert.equal(locate(undone, ref).kind, 'moved');
    assert.equal(locate(undone, ref).kind, 'found', 'and from then on followed as before');
  });

  it('does not take a section pasted twice for the cut one', () => {
    const text = doc([{ title: 'A', text: 'alpha' }, { title: 'B', text: 'beta' }]);
    const ref = refOf(text, 'A');
    const cut = deletion(text, 0);
    const section = text.slice(cut.offset, cut.offset + cut.length);
    let after = changed(ref, text, cut);
    const end = after.lastIndexOf(']');
    after = changed(ref, after, { offset: end, length: 0, text: `, ${section.replace(/,\s*$/, '')}` });
    after = changed(ref, after, { offset: after.lastIndexOf(']'), length: 0, text: `, ${section.replace(/,\s*$/, '')}` });
    assert.deepEqual(JSON.parse(after).sections.map((s: { title: string }) => s.title), ['B', 'A', 'A']);
    const located = locateSectionText(after, ref);
    assert.equal(located.kind, 'missing');
    if (located.kind === 'missing') assert.match(located.reason, /several places/);
  });

  it('keeps following a section whose title was renamed in the JSON', () => {
    const text = doc([{ title: 'A', text: 'alpha' }]);
    const ref = refOf(text, 'A');
    const renamed = replaced(ref, text, doc([{ title: 'A (renamed)', text: 'alpha' }]));
    assert.equal(locate(renamed, ref).kind, 'found');
    assert.equal(ref.title, 'A (renamed)');
  });

  it('keeps its string while the JSON around it is broken, and is linked again once it is mended', () => {
    const text = doc([{ title: 'A', text: 'alpha' }]);
    const ref = refOf(text, 'A');
    const key = text.indexOf('"text"');
    const broken = changed(ref, text, { offset: key + 1, length: 4, text: 'texx' });
    assert.equal(locateSectionText(broken, ref).kind, 'missing');
    const mended = changed(ref, broken, { offset: key + 1, length: 4, text: 'text' });
    assert.equal(locateSectionText(mended, ref).kind, 'found');
  });

  it('follows its own write back, and an undo of it', () => {
    const text = doc([{ title: 'A', text: 'alpha' }, { title: 'B', text: 'beta' }]);
    const ref = refOf(text, 'B');
    const result = computeWriteBack(text, ref, 'BETA, longer');
    assert.ok(result.ok);
    // As the file system provider does: tied to the string as it is, then the edit comes in.
    Object.assign(ref, { ...sectionTextRef(result.site), value: 'BETA, longer' });
    const written = changed(ref, text, { offset: result.offset, length: result.length, text: result.newText });
    assert.equal(locate(written, ref).kind, 'found');
    const undone = changed(ref, written, { offset: result.offset, length: result.newText.length, text: text.slice(result.offset, result.offset + result.length) });
    const located = locate(undone, ref);
    assert.equal(located.kind, 'changed', 'the undo is a change in the JSON');
    if (located.kind === 'changed') assert.equal(located.site.value, 'beta');
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
