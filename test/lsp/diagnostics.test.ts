import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, positionAt } from '../support/lspClient';
import { fixture, json, minimalDocument, nextUri } from '../support/documents';
import { textInRange } from '../support/textEdits';

const ERROR = 1;
const WARNING = 2;

describe('diagnostics over LSP (pull)', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.stop());

  async function check(text: string): Promise<Diagnostic[]> {
    const uri = nextUri();
    await client.open(uri, text);
    return client.diagnostics(uri);
  }

  function only(diagnostics: Diagnostic[]): Diagnostic {
    assert.equal(diagnostics.length, 1, `expected one diagnostic, got ${JSON.stringify(diagnostics.map((d) => d.message))}`);
    return diagnostics[0]!;
  }

  /** The text a diagnostic's range covers. */
  function covered(text: string, d: Diagnostic): string {
    return textInRange(text, d.range);
  }

  it('advertises pull diagnostics', () => {
    assert.deepEqual(client.initializeResult?.capabilities.diagnosticProvider, { interFileDependencies: false, workspaceDiagnostics: false });
  });

  it('a complete discharge summary using every property is clean', async () => {
    assert.deepEqual(await check(fixture('discharge-summary.clinikdoc.json')), []);
  });

  it("the official guide's example with a plain date is clean", async () => {
    const doc = { ...minimalDocument(), date: '2025-01-15' };
    assert.deepEqual(await check(json(doc)), []);
  });

  it('reports each missing required property on the document, as an error', async () => {
    const text = '{\n  "status": "final"\n}';
    const diagnostics = await check(text);
    const missing = diagnostics.filter((d) => d.code === 'missing-property').map((d) => d.message);
    assert.deepEqual(missing, ['type', 'patientId', 'practitionerId', 'title', 'sections'].map((p) => `The document is missing "${p}", which ClinikAPI requires.`));
    for (const d of diagnostics) {
      assert.equal(d.severity, ERROR);
      assert.equal(d.source, 'ClinikDoc');
      assert.equal(covered(text, d), '{');
    }
  });

  it('reports a missing section text on that section', async () => {
    const doc = minimalDocument();
    doc.sections = [{ title: 'A', text: 'a' }, { title: 'B' }];
    const text = json(doc);
    const d = only(await check(text));
    assert.equal(d.message, 'sections.1 is missing "text", which ClinikAPI requires.');
    assert.equal(d.range.start.line, positionAt(text, text.indexOf('{\n      "title": "B"')).line);
  });

  it('reports a missing attester mode and relatesTo fields on the property key for named objects', async () => {
    const doc = { ...minimalDocument(), attester: [{ partyId: 'p' }], relatesTo: [{ code: 'replaces' }] };
    const messages = (await check(json(doc))).map((d) => d.message).sort();
    assert.deepEqual(messages, ['attester.0 is missing "mode", which ClinikAPI requires.', 'relatesTo.0 is missing "targetId", which ClinikAPI requires.']);
  });

  describe('maxLength: exactly at the limit is clean, one over is an error on the value', () => {
    const cases: [string, (doc: Record<string, unknown>, s: string) => void, number][] = [
      ['title', (d, s) => { d.title = s; }, 500],
      ['type', (d, s) => { d.type = s; }, 100],
      ['category.0', (d, s) => { d.category = [s]; }, 200],
      ['sections.0.title', (d, s) => { d.sections = [{ title: s, text: 't' }]; }, 200],
      ['sections.0.text', (d, s) => { d.sections = [{ title: 't', text: s }]; }, 50_000],
    ];
    for (const [field, set, limit] of cases) {
      it(field, async () => {
        const atLimit = minimalDocument();
        set(atLimit, 'x'.repeat(limit));
        assert.deepEqual(await check(json(atLimit)), []);
        const over = minimalDocument();
        set(over, 'x'.repeat(limit + 1));
        const text = json(over);
        const d = only(await check(text));
        assert.equal(d.severity, ERROR);
        assert.equal(d.code, 'too-long');
        assert.equal(d.message, `${field} is ${(limit + 1).toLocaleString('en-US')} characters long; ClinikAPI allows at most ${limit.toLocaleString('en-US')}.`);
        assert.equal(covered(text, d), JSON.stringify('x'.repeat(limit + 1)));
      });
    }
  });

  it('counts length in UTF-16 code units, as the server does (an emoji counts 2)', async () => {
    const at = minimalDocument();
    at.title = '😀'.repeat(250);
    assert.deepEqual(await check(json(at)), []);
    const over = minimalDocument();
    over.title = '😀'.repeat(250) + 'a';
    assert.equal(only(await check(json(over))).message, 'title is 501 characters long; ClinikAPI allows at most 500.');
  });

  it('counts escapes by their decoded length', async () => {
    const text = json({ ...minimalDocument(), title: 'x' }).replace('"title": "x"', `"title": "${'\\n'.repeat(500)}"`);
    assert.deepEqual(await check(text), []);
  });

  it('sections: 1 and 50 are clean, 0 and 51 are errors', async () => {
    const section = { title: 'S', text: 'T' };
    for (const n of [1, 50]) {
      assert.deepEqual(await check(json({ ...minimalDocument(), sections: Array.from({ length: n }, () => section) })), [], `${n} sections`);
    }
    const empty = json({ ...minimalDocument(), sections: [] });
    const d0 = only(await check(empty));
    assert.equal(d0.message, 'sections has 0 sections; ClinikAPI requires at least 1.');
    assert.equal(covered(empty, d0), '[]');
    const text = json({ ...minimalDocument(), sections: Array.from({ length: 51 }, (_, i) => ({ title: `S${i}`, text: 'T' })) });
    const d = only(await check(text));
    assert.equal(d.message, 'sections has 51 sections; ClinikAPI allows at most 50.');
    assert.equal(d.code, 'too-many-items');
    assert.match(covered(text, d), /^\{\n\s+"title": "S50",\n\s+"text": "T"\n\s+\}$/);
  });

  it('enums: status, confidentiality, attester mode, relatesTo code, section mode', async () => {
    const doc = {
      ...minimalDocument(),
      status: 'draft',
      confidentiality: 'X',
      attester: [{ mode: 'robot' }],
      relatesTo: [{ code: 'eats', targetId: 't' }],
      sections: [{ title: 'a', text: 'b', mode: 'live' }],
    };
    const text = json(doc);
    const diagnostics = await check(text);
    assert.deepEqual(diagnostics.map((d) => [d.message, covered(text, d)]).sort(), [
      ['attester.0.mode must be one of "personal", "professional", "legal", "official".', '"robot"'],
      ['confidentiality must be one of "N", "R", "V".', '"X"'],
      ['relatesTo.0.code must be one of "replaces", "transforms", "signs", "appends".', '"eats"'],
      ['sections.0.mode must be one of "working", "snapshot", "changes".', '"live"'],
      ['status must be one of "preliminary", "final", "amended".', '"draft"'],
    ]);
    assert.ok(diagnostics.every((d) => d.severity === ERROR && d.code === 'invalid-enum-value'));
  });

  it('free-text document types are allowed', async () => {
    assert.deepEqual(await check(json({ ...minimalDocument(), type: 'progress-note' })), []);
  });

  it('dates: RFC 3339 date-times and plain dates are clean, anything else is an error', async () => {
    for (const date of ['2025-01-15', '2025-01-15T09:30:00Z', '2025-01-15T09:30:00.123+02:00', '2025-01-15T09:30Z']) {
      assert.deepEqual(await check(json({ ...minimalDocument(), date, attester: [{ mode: 'legal', time: date }] })), [], date);
    }
    for (const date of ['15/01/2025', '2025-13-01', '2025-01-15 09:30', 'yesterday', '2025-01-15T25:00:00Z']) {
      const text = json({ ...minimalDocument(), date });
      const d = only(await check(text));
      assert.equal(d.code, 'invalid-date', date);
      assert.equal(covered(text, d), JSON.stringify(date));
    }
    const d = only(await check(json({ ...minimalDocument(), attester: [{ mode: 'legal', time: 'noon' }] })));
    assert.match(d.message as string, /^attester\.0\.time is not a valid date/);
  });

  it('types: a wrong type is an error on the value', async () => {
    const text = json({ ...minimalDocument(), title: 42, category: 'inpatient', sections: [{ title: 'a', text: 'b', resourceIds: [1] }] });
    const diagnostics = await check(text);
    assert.deepEqual(diagnostics.map((d) => [d.message, covered(text, d)]).sort(), [
      ['category must be an array (a list in [ ]), not a string.', '"inpatient"'],
      ['sections.0.resourceIds.0 must be a string, not a number.', '1'],
      ['title must be a string, not a number.', '42'],
    ]);
  });

  it('a document that is not an object is an error', async () => {
    const d = only(await check('[]'));
    assert.equal(d.code, 'wrong-type');
  });

  it('nested sections: checked for types and unknown keys', async () => {
    const doc = minimalDocument();
    doc.sections = [{ title: 'a', text: 'b', sections: [{ title: 'n', text: 7, sections: [] }] }];
    const text = json(doc);
    const diagnostics = await check(text);
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.message]).sort(), [
      [ERROR, 'sections.0.sections.0.text must be a string, not a number.'],
      [WARNING, '"sections" is not a property of sections.0.sections.0: ClinikAPI silently drops it, so its value would be lost.'],
    ]);
  });

  it('unknown properties are warnings on the key (the server drops them silently)', async () => {
    const text = json({ ...minimalDocument(), confidentialty: 'R' });
    const d = only(await check(text));
    assert.equal(d.severity, WARNING);
    assert.equal(d.code, 'unknown-property');
    assert.equal(covered(text, d), '"confidentialty"');
    assert.equal(d.message, '"confidentialty" is not a property of a ClinikAPI document: ClinikAPI silently drops it, so its value would be lost.');
  });

  it('duplicate keys: the earlier one is flagged, the last one is validated', async () => {
    const text = '{\n  "status": "final",\n  "type": "t",\n  "patientId": "p",\n  "practitionerId": "q",\n  "title": "first",\n  "title": 5,\n  "sections": [{"title": "a", "text": "b"}]\n}';
    const diagnostics = await check(text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]).sort(), [['duplicate-key', 5], ['wrong-type', 6]]);
    const nested = json({ ...minimalDocument(), sections: [{ title: 'a', text: 'b' }] }).replace('"title": "a",', '"title": "a", "title": "c",');
    const duplicate = (await check(nested)).find((d) => d.code === 'duplicate-key');
    assert.equal(covered(nested, duplicate!), '"title"');
    // Its object is the key's: no data repeats it in every answer (60,000 of them in a hostile document).
    assert.equal(duplicate?.data, undefined);
  });

  it('syntax errors are reported with recovery: schema problems elsewhere still show', async () => {
    const text = '{\n  "status": "draft",\n  "type": "t",,\n  "patientId": "p",\n  "practitionerId": "q",\n  "title": "x",\n  "sections": [{"title": "a", "text": "b"}]\n}';
    const diagnostics = await check(text);
    assert.ok(diagnostics.some((d) => d.code === 'syntax-error' && d.range.start.line === 2), JSON.stringify(diagnostics));
    assert.ok(diagnostics.some((d) => d.code === 'invalid-enum-value' && d.range.start.line === 1));
  });

  it('comments and trailing commas are errors: the file is the body as sent', async () => {
    const withComment = json(minimalDocument()).replace('{', '{\n  // draft');
    assert.match(only(await check(withComment)).message as string, /^Comments are not allowed/);
    const trailing = json(minimalDocument()).replace(/\n}$/, ',\n}');
    assert.equal(only(await check(trailing)).code, 'syntax-error');
  });

  it('an empty file is one error, not a crash', async () => {
    assert.equal(only(await check('')).severity, ERROR);
    assert.equal(only(await check('   \n')).severity, ERROR);
  });

  it('documents that are not ClinikDoc get no diagnostics', async () => {
    const uri = 'file:///tmp/other.json';
    await client.open(uri, '{}', 'json');
    assert.deepEqual(await client.diagnostics(uri), []);
  });

  it('serves any URI ending in .clinikdoc.json whatever the language id', async () => {
    const uri = nextUri();
    await client.open(uri, '{}', 'json');
    assert.ok((await client.diagnostics(uri)).length > 0);
  });

  it('re-validates after an edit', async () => {
    const uri = nextUri();
    await client.open(uri, json({ ...minimalDocument(), status: 'draft' }));
    assert.equal((await client.diagnostics(uri)).length, 1);
    await client.replace(uri, json(minimalDocument()));
    assert.deepEqual(await client.diagnostics(uri), []);
  });
});

describe('diagnostics over LSP (push, for clients without pull)', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ pull: false });
  });
  after(() => client.stop());

  it('pushes on open and after each change, and clears on close', async () => {
    const uri = nextUri();
    await client.open(uri, json({ ...minimalDocument(), status: 'draft' }));
    const first = await client.waitForPush(uri, 1);
    assert.equal(first.diagnostics.length, 1);
    assert.equal(first.diagnostics[0]!.code, 'invalid-enum-value');
    const version = await client.replace(uri, json(minimalDocument()));
    assert.deepEqual((await client.waitForPush(uri, version)).diagnostics, []);
    await client.replace(uri, '{');
    await client.close(uri);
    assert.deepEqual((await client.waitForPush(uri)).diagnostics, []);
  });
});
