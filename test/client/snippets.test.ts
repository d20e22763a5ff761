// Every snippet, expanded with its defaults, is a document (or section) ClinikAPI accepts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileTemplates } from '../../client/src/newDocument/fileTemplates';

const root = join(__dirname, '..', '..');
const snippetsText = readFileSync(join(root, 'snippets/clinikdoc.code-snippets'), 'utf8');
const schema = JSON.parse(readFileSync(join(root, 'schemas/document-create.schema.json'), 'utf8'));

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
  it('offers three whole-document templates to New Document', () => {
    assert.deepEqual(fileTemplates(snippetsText).map((t) => t.name), ['Discharge summary', 'Referral letter', 'Care plan']);
  });

  it('every template expands to a valid document of its type', async () => {
    const validate = await validator();
    for (const t of fileTemplates(snippetsText)) {
      const text = expand(t.body);
      assert.doesNotMatch(text, /\$/, `${t.name} left snippet syntax behind`);
      const doc = JSON.parse(text);
      assert.ok(validate(doc), `${t.name}: ${JSON.stringify(validate.errors)}`);
      assert.equal(doc.date, '2025-01-15');
      assert.ok(doc.sections.length >= 3);
    }
  });

  it('the section snippet is a valid section', async () => {
    const validate = await validator();
    const all = JSON.parse(snippetsText);
    const section = JSON.parse(expand(all.Section.body.join('\n')));
    const doc = { status: 'final', type: 'care-plan', patientId: 'p', practitionerId: 'q', title: 't', sections: [section] };
    assert.ok(validate(doc), JSON.stringify(validate.errors));
  });

  it('a broken snippets file yields no templates rather than a crash', () => {
    assert.deepEqual(fileTemplates('{ "x": '), []);
  });
});
