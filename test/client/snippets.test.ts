// Every snippet, expanded with its defaults, is a document (or section) ClinikAPI accepts, and
// New Document offers one of each type ClinikAPI's guide names, plus one for any other type.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { fileTemplates, findTemplate } from '../../client/src/newDocument/fileTemplates';
import { checkText } from '../../server/src/index';

const root = join(__dirname, '..', '..');
const snippetsText = readFileSync(join(root, 'snippets/clinikdoc.code-snippets'), 'utf8');
const schema = JSON.parse(readFileSync(join(root, 'schemas/document-create.schema.json'), 'utf8'));
const GUIDE_TYPES = ['discharge-summary', 'referral-letter', 'care-plan', 'operative-report', 'transfer-summary', 'consultation-report'];

/** Expands snippet syntax as VS Code would with every default taken (on 2025-01-15). */
function expand(body: string): string {
  const vars: Record<string, string> = { CURRENT_YEAR: '2025', CURRENT_MONTH: '01', CURRENT_DATE: '15' };
  let out = body;
  for (let i = 0; i < 5; i++) {
    out = out
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\{\d+:([^{}]*)\}/g, '$1')
      .replace(/\$(CURRENT_[A-Z]+)/g, (_m, v: string) => vars[v] ?? '')
      .replace(/\$\d+/g, '');
  }
  return out;
}

async function validator() {
  const { createAjv } = await import('../../scripts/validatorSource.mjs' as string);
  return createAjv().compile(schema);
}

describe('snippets', () => {
  it('offers New Document a template for each of the six types of the guide, and one for any other', () => {
    const templates = fileTemplates(snippetsText);
    assert.deepEqual(templates.map((t) => t.id), [...GUIDE_TYPES, 'other-document']);
    assert.deepEqual(templates.map((t) => t.name), ['Discharge summary', 'Referral letter', 'Care plan', 'Operative report', 'Transfer summary', 'Consultation report', 'Other document']);
    assert.equal(findTemplate(templates, 'operative-report')?.name, 'Operative report');
    assert.equal(findTemplate(templates, 'Care plan')?.id, 'care-plan');
    assert.equal(findTemplate(templates, 'progress-note'), undefined);
    assert.equal(findTemplate(templates, 42), undefined);
  });

  it('every template expands to a valid document of its type, with sections coded as slugs', async () => {
    const validate = await validator();
    for (const t of fileTemplates(snippetsText)) {
      const text = expand(t.body);
      assert.doesNotMatch(text, /\$/, `${t.name} left snippet syntax behind`);
      const doc = JSON.parse(text);
      assert.ok(validate(doc), `${t.name}: ${JSON.stringify(validate.errors)}`);
      assert.equal(doc.date, '2025-01-15');
      if (t.id === 'other-document') continue;
      assert.equal(doc.type, t.id);
      assert.ok(doc.sections.length >= 4, `${t.name} has the sections customary for it`);
      for (const s of doc.sections) assert.match(s.code, /^[a-z]+(-[a-z]+)*$/, `${t.name}: ${s.title}`);
      assert.equal(new Set(doc.sections.map((s: { code: string }) => s.code)).size, doc.sections.length, `${t.name}: codes are distinct`);
    }
  });

  it('the language server reports nothing on any template as New Document writes it', () => {
    for (const t of fileTemplates(snippetsText)) {
      const diagnostics = checkText(expand(t.body));
      assert.deepEqual(diagnostics.map((d) => d.message), [], t.name);
    }
  });

  it('each placeholder is a tab stop: every section text, the ids, the title and the date', () => {
    for (const t of fileTemplates(snippetsText)) {
      const stops = new Set([...t.body.matchAll(/\$\{(\d+)[:|]/g)].map((m) => Number(m[1])));
      const doc = JSON.parse(expand(t.body));
      // status, patientId, practitionerId, title, date, confidentiality, and each section's text
      // (the other type's also its type and section title).
      const expected = 6 + doc.sections.length + (t.id === 'other-document' ? 2 : 0);
      assert.equal(stops.size, expected, t.name);
      assert.deepEqual([...stops].sort((a, b) => a - b), Array.from({ length: expected }, (_, i) => i + 1), `${t.name}: tab stops 1..${expected} in order`);
    }
  });

  it('cites the HL7 C-CDA document templates its sections come from', () => {
    assert.match(snippetsText, /HL7 C-CDA/);
    assert.match(snippetsText, /Consolidated CDA Templates for Clinical Notes/);
  });

  it('the section snippet is a valid section', async () => {
    const validate = await validator();
    const all = parse(snippetsText) as Record<string, { body: string[] }>;
    const section = JSON.parse(expand(all.Section!.body.join('\n')));
    const doc = { status: 'final', type: 'care-plan', patientId: 'p', practitionerId: 'q', title: 't', sections: [section] };
    assert.ok(validate(doc), JSON.stringify(validate.errors));
  });

  it('a broken snippets file yields no templates rather than a crash', () => {
    assert.deepEqual(fileTemplates('{ "x": '), []);
  });
});
