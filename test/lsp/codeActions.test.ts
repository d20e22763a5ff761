import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient';
import { json, minimalDocument, nextUri } from '../support/documents';
import { applyTextEdits, editsFor } from '../support/textEdits';

describe('quick fixes over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.stop());

  /** Opens `text`, and returns its diagnostics and the quick fixes offered for those with `code`. */
  async function fixesFor(text: string, code: string, only?: string[]) {
    const uri = nextUri('fix');
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri);
    const targeted = diagnostics.filter((d) => d.code === code);
    assert.ok(targeted.length > 0, `no ${code} diagnostic in ${JSON.stringify(diagnostics.map((d) => d.message))}`);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: targeted[0]!.range,
      context: { diagnostics: targeted, ...(only ? { only } : {}) },
    });
    return { uri, diagnostics, targeted, actions };
  }

  /** Applies an action's edit, sends the new text to the server and returns it with its diagnostics. */
  async function apply(uri: string, text: string, action: CodeAction): Promise<{ text: string; diagnostics: Diagnostic[] }> {
    assert.equal(action.kind, 'quickfix');
    const next = applyTextEdits(text, editsFor(action.edit, uri));
    await client.replace(uri, next);
    return { text: next, diagnostics: await client.diagnostics(uri) };
  }

  describe('missing required properties', () => {
    it('adds all six to an empty document, in the schema\'s order, and the document becomes valid', async () => {
      const text = '{}';
      const { uri, targeted, actions } = await fixesFor(text, 'missing-property');
      assert.equal(targeted.length, 6);
      assert.equal(actions.length, 1, 'one action for all the missing properties of an object');
      const [action] = actions;
      assert.equal(action!.title, 'Add the 6 missing properties: status, type, patientId, practitionerId, title, sections');
      assert.equal(action!.isPreferred, true);
      assert.equal(action!.diagnostics?.length, 6);
      const result = await apply(uri, text, action!);
      assert.deepEqual(result.diagnostics, []);
      const value = JSON.parse(result.text);
      assert.deepEqual(Object.keys(value), ['status', 'type', 'patientId', 'practitionerId', 'title', 'sections']);
      // Placeholders come from the schema: examples, and the sections default snippet without its $1.
      assert.equal(value.status, 'final');
      assert.deepEqual(value.sections, [{ title: 'Section title', text: 'Section text' }]);
    });

    it('adds only what is missing, after the existing properties, in the document\'s indentation', async () => {
      const text = '{\n    "title": "Referral",\n    "status": "preliminary"\n}\n';
      const { uri, actions } = await fixesFor(text, 'missing-property');
      assert.equal(actions.length, 1);
      assert.equal(actions[0]!.title, 'Add the 4 missing properties: type, patientId, practitionerId, sections');
      const result = await apply(uri, text, actions[0]!);
      assert.deepEqual(result.diagnostics, []);
      assert.deepEqual(Object.keys(JSON.parse(result.text)), ['title', 'status', 'type', 'patientId', 'practitionerId', 'sections']);
      assert.match(result.text, /^\{\n {4}"title": "Referral",\n {4}"status": "preliminary",\n {4}"type": /);
      assert.ok(result.text.endsWith('}\n'), 'what follows the object is untouched');
    });

    it('adds a missing text to the section that lacks it', async () => {
      const doc = minimalDocument();
      doc.sections = [{ title: 'A', text: 'a' }, { title: 'B' }];
      const text = json(doc);
      const { uri, actions } = await fixesFor(text, 'missing-property');
      assert.deepEqual(actions.map((a) => a.title), ['Add the missing "text" to sections.1']);
      const result = await apply(uri, text, actions[0]!);
      assert.deepEqual(result.diagnostics, []);
      assert.deepEqual(JSON.parse(result.text).sections[1], { title: 'B', text: '' });
    });

    it('keeps an object written on one line on one line (a minified document stays minified)', async () => {
      const doc = minimalDocument();
      doc.sections = [{ title: 'A' }];
      const text = JSON.stringify(doc);
      const { uri, actions } = await fixesFor(text, 'missing-property');
      const result = await apply(uri, text, actions[0]!);
      assert.deepEqual(result.diagnostics, []);
      assert.equal(result.text, text.replace('{"title":"A"}', '{"title":"A","text": ""}'));
    });

    it('adds a missing attester mode with a valid value', async () => {
      const text = json({ ...minimalDocument(), attester: [{ partyId: 'prac_9' }] });
      const { uri, actions } = await fixesFor(text, 'missing-property');
      const result = await apply(uri, text, actions[0]!);
      assert.deepEqual(result.diagnostics, []);
    });
  });

  describe('invalid enum values', () => {
    it('offers every valid status, closest first; none is preferred when none is clearly meant', async () => {
      const text = json({ ...minimalDocument(), status: 'draft' });
      const { uri, actions } = await fixesFor(text, 'invalid-enum-value');
      assert.deepEqual(actions.map((a) => a.title).sort(), ['Change to "amended"', 'Change to "final"', 'Change to "preliminary"']);
      assert.equal(actions[0]!.title, 'Change to "final"', 'final is the closest to draft');
      assert.ok(actions.every((a) => !a.isPreferred));
      for (const action of actions) {
        const result = await apply(uri, text, action);
        assert.deepEqual(result.diagnostics, [], action.title);
        await client.replace(uri, text);
      }
    });

    it('prefers the one value that is clearly meant', async () => {
      const text = json({ ...minimalDocument(), status: 'Finale' });
      const { uri, actions } = await fixesFor(text, 'invalid-enum-value');
      assert.equal(actions[0]!.title, 'Change to "final"');
      assert.equal(actions[0]!.isPreferred, true);
      assert.equal(actions.filter((a) => a.isPreferred).length, 1);
      const result = await apply(uri, text, actions[0]!);
      assert.deepEqual(result.diagnostics, []);
      assert.equal(JSON.parse(result.text).status, 'final');
    });

    it('works in nested places: a section mode', async () => {
      const doc = minimalDocument();
      doc.sections = [{ title: 'Meds', text: 'x', mode: 'snapshots' }];
      const text = json(doc);
      const { uri, actions } = await fixesFor(text, 'invalid-enum-value');
      assert.equal(actions[0]!.title, 'Change to "snapshot"');
      assert.deepEqual((await apply(uri, text, actions[0]!)).diagnostics, []);
    });
  });

  describe('unknown keys', () => {
    it('renames confidentialty to confidentiality, keeping the value', async () => {
      const text = json({ ...minimalDocument(), confidentialty: 'R' });
      const { uri, actions } = await fixesFor(text, 'unknown-property');
      assert.equal(actions[0]!.title, 'Rename "confidentialty" to "confidentiality"');
      assert.equal(actions[0]!.isPreferred, true);
      const result = await apply(uri, text, actions[0]!);
      assert.deepEqual(result.diagnostics, []);
      assert.equal(JSON.parse(result.text).confidentiality, 'R');
    });

    it('renames a misspelt key in a section (letters swapped)', async () => {
      const doc = minimalDocument();
      doc.sections = [{ title: 'A', text: 'a', mdoe: 'working' }];
      const text = json(doc);
      const { uri, actions } = await fixesFor(text, 'unknown-property');
      assert.equal(actions[0]!.title, 'Rename "mdoe" to "mode"');
      assert.deepEqual((await apply(uri, text, actions[0]!)).diagnostics, []);
    });

    it('offers nothing for a key unlike any known one, nor a rename onto a key that is already there', async () => {
      assert.deepEqual((await fixesFor(json({ ...minimalDocument(), zzzzzz: 1 }), 'unknown-property')).actions, []);
      assert.deepEqual((await fixesFor(json({ ...minimalDocument(), titel: 'x' }), 'unknown-property')).actions, []);
    });
  });

  describe('duplicate keys', () => {
    it('removes the earlier occurrence with its comma; the later value stays', async () => {
      const text = '{\n  "status": "final",\n  "title": "first",\n  "type": "t",\n  "patientId": "p",\n  "practitionerId": "q",\n  "title": "second",\n  "sections": [{"title": "a", "text": "b"}]\n}';
      const { uri, actions } = await fixesFor(text, 'duplicate-key');
      assert.equal(actions.length, 1);
      assert.equal(actions[0]!.isPreferred, true);
      const result = await apply(uri, text, actions[0]!);
      assert.deepEqual(result.diagnostics, []);
      assert.equal(result.text, text.replace('  "title": "first",\n', ''));
    });

    it('works when the duplicate is the first property of a one-line object', async () => {
      const doc = minimalDocument();
      const text = json(doc).replace('"title": "Diagnosis"', '"text": "old", "title": "Diagnosis"');
      const { uri, actions } = await fixesFor(text, 'duplicate-key');
      const result = await apply(uri, text, actions[0]!);
      assert.deepEqual(result.diagnostics, []);
      assert.equal(JSON.parse(result.text).sections[0].text, 'Pneumonia.');
    });
  });

  describe('too-long section text', () => {
    const paragraph = `${'The patient recovered well. '.repeat(100).trim()}`; // 2,799 characters
    const longText = Array.from({ length: 20 }, () => paragraph).join('\n\n'); // 56,018 characters

    it('moves the overflow, cut at a paragraph break, into a new "(continued)" section right after it', async () => {
      const doc = minimalDocument();
      doc.sections = [{ title: 'Hospital Course', text: longText }, { title: 'Plan', text: 'Home.' }];
      const text = json(doc);
      const { uri, actions } = await fixesFor(text, 'too-long');
      assert.equal(actions.length, 1);
      assert.match(actions[0]!.title, /^Move the last [\d,]+ characters into a new section "Hospital Course \(continued\)"$/);
      const result = await apply(uri, text, actions[0]!);
      assert.deepEqual(result.diagnostics, []);
      const sections = JSON.parse(result.text).sections as { title: string; text: string }[];
      assert.deepEqual(sections.map((s) => s.title), ['Hospital Course', 'Hospital Course (continued)', 'Plan']);
      assert.ok(sections[0]!.text.length <= 50_000);
      assert.ok(sections[0]!.text.endsWith('well.'), 'cut at a boundary');
      assert.ok(sections[1]!.text.startsWith('The patient'), 'the new section starts at a paragraph');
      assert.equal(`${sections[0]!.text}\n\n${sections[1]!.text}`, longText, 'nothing is lost');
    });

    it('cuts at a sentence when there is no paragraph break', async () => {
      const doc = minimalDocument();
      const oneParagraph = 'Stable. '.repeat(6_300).trim();
      doc.sections = [{ title: 'Notes', text: oneParagraph }];
      const text = json(doc);
      const { uri, actions } = await fixesFor(text, 'too-long');
      const result = await apply(uri, text, actions[0]!);
      assert.deepEqual(result.diagnostics, []);
      const sections = JSON.parse(result.text).sections as { text: string }[];
      assert.ok(sections[0]!.text.endsWith('Stable.'));
      assert.equal(`${sections[0]!.text} ${sections[1]!.text}`, oneParagraph);
    });

    it('is not offered when the document already has 50 sections', async () => {
      const doc = minimalDocument();
      doc.sections = Array.from({ length: 50 }, (_, i) => ({ title: `S${i}`, text: i === 0 ? longText : 't' }));
      assert.deepEqual((await fixesFor(json(doc), 'too-long')).actions, []);
    });

    it('no fix for other too-long strings (a title): cutting them would lose meaning', async () => {
      assert.deepEqual((await fixesFor(json({ ...minimalDocument(), title: 'x'.repeat(501) }), 'too-long')).actions, []);
    });
  });

  it('answers nothing when only other kinds of action are asked for', async () => {
    assert.deepEqual((await fixesFor(json({ ...minimalDocument(), status: 'draft' }), 'invalid-enum-value', ['refactor'])).actions, []);
  });
});
