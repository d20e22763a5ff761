import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Node } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { ParsedDocumentCache } from '../../server/src/parse/documentCache';
import { MAX_NESTING, parseDocument, type ParsedDocument } from '../../server/src/parse/parsedDocument';
import { json, minimalDocument } from '../support/documents';

/** The tree without parent links, so two parses can be compared. */
function plain(node: Node | undefined): unknown {
  if (!node) return undefined;
  for (const child of node.children ?? []) assert.equal(child.parent, node, 'every child points to its parent');
  return { type: node.type, value: node.value, offset: node.offset, length: node.length, colonOffset: node.colonOffset, children: node.children?.map(plain) };
}

function snapshot(parsed: ParsedDocument) {
  return { text: parsed.text, root: plain(parsed.root), errors: parsed.syntaxErrors.map((e) => ({ ...e })), value: parsed.value() };
}

const uri = 'file:///tmp/cache/doc.clinikdoc.json';

/** A document whose strings hold escapes, a repeated key and several sections. */
const START = json({
  ...minimalDocument(),
  title: 'Discharge \\ "Summary"\n',
  sections: [
    { title: 'Diagnosis', text: 'Pneumonia.\tRight lower lobe \u00e9.' },
    { title: 'Course', text: 'Fever, cough.', sections: [{ title: 'Day 1', text: 'Cultures.' }] },
  ],
}).replace('"patientId"', '"patientId": "pat_0",\n  "patientId"');

/** Replaces [start, end) through the cache's TextDocuments hook, as the editor's change would. */
function edit(cache: ParsedDocumentCache, document: TextDocument, start: number, end: number, text: string): void {
  const range = { start: document.positionAt(start), end: document.positionAt(end) };
  cache.textDocuments.update(document, [{ range, text }], document.version + 1);
}

describe('parse cache across edits', () => {
  it('typing inside a section text reuses the tree, and equals a fresh parse', () => {
    const cache = new ParsedDocumentCache();
    const document = cache.textDocuments.create(uri, 'clinikdoc', 1, START);
    const first = cache.get(document);
    first.value();
    const at = document.getText().indexOf('Fever') + 2;
    edit(cache, document, at, at, 'X');
    edit(cache, document, at + 1, at + 2, '\\n');
    const patched = cache.get(document);
    assert.equal(patched.root, first.root, 'the tree is reused');
    assert.deepEqual(snapshot(patched), snapshot(parseDocument(uri, document.version, document.getText())));
    assert.equal((patched.value() as { sections: { text: string }[] }).sections[1]!.text, 'FeX\ner, cough.');
  });

  it('a line break with indentation between properties reuses the tree, and equals a fresh parse', () => {
    const cache = new ParsedDocumentCache();
    const document = cache.textDocuments.create(uri, 'clinikdoc', 1, START);
    const first = cache.get(document);
    first.value();
    const at = document.getText().indexOf('"title": "Course"') + '"title": "Course",'.length;
    edit(cache, document, at, at, '\n      ');
    edit(cache, document, 0, 0, '\n');
    const afterKey = document.getText().indexOf('"status"') + '"status"'.length;
    edit(cache, document, afterKey, afterKey, ' ');
    const patched = cache.get(document);
    assert.equal(patched.root, first.root, 'the tree is reused');
    assert.deepEqual(snapshot(patched), snapshot(parseDocument(uri, document.version, document.getText())));
    assert.equal(computeDiagnostics(document, patched).length, computeDiagnostics(document, parseDocument(uri, document.version, document.getText())).length);
  });

  it('a structural edit inside one object of a valid document re-parses only that object, and equals a fresh parse', () => {
    const cases: [string, (text: string) => [number, number, string]][] = [
      ['a key renamed', (t) => [t.indexOf('"Course"') - 8, t.indexOf('"Course"') - 7, 'x']],
      ['a key renamed into a duplicate', (t) => { const at = t.indexOf('"title": "Day 1"'); return [at + 1, at + 6, 'text']; }],
      ['a property added', (t) => { const at = t.indexOf('"Cultures."') + '"Cultures."'.length; return [at, at, ', "code": "x"']; }],
      ['a sub-section deleted', (t) => { const a = t.indexOf('[', t.indexOf('"Course"')); return [a + 1, t.indexOf(']', a), '']; }],
      ['a number for a string', (t) => { const at = t.indexOf('"Day 1"'); return [at, at + 7, '12']; }],
    ];
    for (const [name, where] of cases) {
      const cache = new ParsedDocumentCache();
      const document = cache.textDocuments.create(uri, 'clinikdoc', 1, START.replace('"patientId": "pat_0",\n  ', ''));
      const first = cache.get(document);
      first.value();
      const before = computeDiagnostics(document, first).length;
      const [start, end, text] = where(document.getText());
      edit(cache, document, start, end, text);
      const patched = cache.get(document);
      const fresh = parseDocument(uri, document.version, document.getText());
      assert.equal(fresh.syntaxErrors.length, 0, name);
      assert.notEqual(patched.root, first.root, name);
      assert.deepEqual(snapshot(patched), snapshot(fresh), name);
      const diagnostics = computeDiagnostics(document, patched);
      assert.deepEqual(diagnostics, computeDiagnostics(TextDocument.create(uri, 'clinikdoc', document.version, document.getText()), fresh), name);
      if (name.includes('duplicate')) assert.equal(diagnostics.length, before + 1, 'the new duplicate key is reported');
    }
  });

  it('a pasted tower of brackets deeper than a document may be is refused as in a fresh parse', () => {
    const cache = new ParsedDocumentCache();
    const document = cache.textDocuments.create(uri, 'clinikdoc', 1, START);
    cache.get(document).value();
    const at = document.getText().indexOf('"Cultures."');
    edit(cache, document, at, at + '"Cultures."'.length, '['.repeat(300) + ']'.repeat(300));
    const parsed = cache.get(document);
    const fresh = parseDocument(uri, document.version, document.getText());
    assert.notEqual(fresh.tooDeepAt, undefined);
    assert.equal(parsed.tooDeepAt, fresh.tooDeepAt);
    assert.equal(parsed.root, undefined);
    // At the limit exactly (the value sits 5 levels down): both sides of it as a fresh parse has them.
    for (const k of [MAX_NESTING - 5, MAX_NESTING - 4]) {
      const other = new ParsedDocumentCache();
      const doc = other.textDocuments.create(uri, 'clinikdoc', 1, START);
      other.get(doc).value();
      edit(other, doc, at, at + '"Cultures."'.length, '['.repeat(k) + ']'.repeat(k));
      assert.equal(other.get(doc).tooDeepAt, parseDocument(uri, doc.version, doc.getText()).tooDeepAt, `${k} levels`);
    }
  });

  it('an edit that closes a string early is parsed afresh', () => {
    const cache = new ParsedDocumentCache();
    const document = cache.textDocuments.create(uri, 'clinikdoc', 1, START);
    const first = cache.get(document);
    const at = document.getText().indexOf('Fever');
    edit(cache, document, at, at, '", "x": "');
    const next = cache.get(document);
    assert.notEqual(next.root, first.root);
    assert.deepEqual(snapshot(next), snapshot(parseDocument(uri, document.version, document.getText())));
  });

  it('any sequence of edits gives what a fresh parse gives, diagnostics included', () => {
    const alphabet = ['a', ' ', '"', '\\', 'n', 'u', '0', '{', '}', ',', ':', '\n', 'é', '[', ']', '\\"', '\t', '\r\n', '  '];
    const step = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      remove: fc.integer({ min: 0, max: 3 }),
      insert: fc.array(fc.constantFrom(...alphabet), { maxLength: 3 }).map((parts) => parts.join('')),
      // Whether the features read this version (so a later parse patches several edits at once, or not).
      read: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const cache = new ParsedDocumentCache();
        const document = cache.textDocuments.create(uri, 'clinikdoc', 1, START);
        cache.get(document).value();
        for (const s of steps) {
          const length = document.getText().length;
          const start = Math.min(Math.floor(s.at * length), length);
          edit(cache, document, start, Math.min(start + s.remove, length), s.insert);
          if (!s.read) continue;
          const parsed = cache.get(document);
          const fresh = parseDocument(uri, document.version, document.getText());
          assert.deepEqual(snapshot(parsed), snapshot(fresh));
          const other = TextDocument.create(uri, 'clinikdoc', document.version, document.getText());
          assert.deepEqual(computeDiagnostics(document, parsed), computeDiagnostics(other, fresh));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random layout edits (whitespace in, whitespace out) match a fresh parse', () => {
    const space = fc.constantFrom(' ', '\n', '\t', '\r\n', '\n    ');
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), insert: space, remove: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 8 }), (steps) => {
        const cache = new ParsedDocumentCache();
        const document = cache.textDocuments.create(uri, 'clinikdoc', 1, START);
        cache.get(document).value();
        for (const s of steps) {
          const text = document.getText();
          const start = Math.floor(s.at * text.length);
          let end = start;
          while (end < start + s.remove && end < text.length && /\s/.test(text[end]!)) end++;
          edit(cache, document, start, end, s.insert);
          assert.deepEqual(snapshot(cache.get(document)), snapshot(parseDocument(uri, document.version, document.getText())));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random edits inside string values (the path that patches) match a fresh parse', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ pick: fc.nat(), insert: fc.string({ maxLength: 3 }), remove: fc.integer({ min: 0, max: 2 }) }), { minLength: 1, maxLength: 10 }), (steps) => {
        const cache = new ParsedDocumentCache();
        const document = cache.textDocuments.create(uri, 'clinikdoc', 1, START);
        cache.get(document).value();
        for (const s of steps) {
          // A place strictly inside a string value's quotes, found in a fresh parse.
          const fresh = parseDocument(uri, document.version, document.getText());
          const strings: Node[] = [];
          const visit = (n: Node) => {
            if (n.type === 'string' && !(n.parent?.type === 'property' && n.parent.children?.[0] === n)) strings.push(n);
            n.children?.forEach(visit);
          };
          if (fresh.root) visit(fresh.root);
          if (strings.length === 0) return;
          const target = strings[s.pick % strings.length]!;
          const start = target.offset + 1 + (s.pick % Math.max(1, target.length - 2));
          const end = Math.min(start + s.remove, target.offset + target.length - 1);
          edit(cache, document, start, Math.max(start, end), s.insert);
          const parsed = cache.get(document);
          assert.deepEqual(snapshot(parsed), snapshot(parseDocument(uri, document.version, document.getText())));
        }
      }),
      { numRuns: 300 },
    );
  });
});
