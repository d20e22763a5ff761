import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ReferencesRequest, type DocumentReference, type ReferencesResult } from '../../shared/protocol';
import { documentSchema, REFERENCE_KINDS, type JsonSchema } from '../../shared/documentSchema';
import { LspTestClient } from '../support/lspClient';
import { nextUri } from '../support/documents';
import { textInRange } from '../support/textEdits';

/** Every field the schema marks as a reference, as a path (`attester[].partyId`). */
function referenceFields(schema: JsonSchema, prefix = ''): string[] {
  const out: string[] = [];
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${name}`;
    if (child['x-clinikapi-reference']) out.push(`${path}:${child['x-clinikapi-reference']}`);
    if (child.type === 'object') out.push(...referenceFields(child, `${path}.`));
    if (child.type === 'array' && child.items) out.push(...referenceFields(child.items, `${path}[].`));
  }
  return out;
}

describe('clinikdoc/references', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.stop());

  const references = (uri: string) => client.request<ReferencesResult>(ReferencesRequest.method, { textDocument: { uri } });

  it('the schema marks exactly the fields of REFERENCES.md, with its kinds', () => {
    assert.deepEqual(referenceFields(documentSchema).sort(), [
      'attester[].partyId:practitioner',
      'custodianId:organization',
      'encounterId:encounter',
      'patientId:patient',
      'practitionerId:practitioner',
      'relatesTo[].targetId:document',
      'sections[].authorId:practitioner',
    ]);
    for (const field of referenceFields(documentSchema)) assert.ok((REFERENCE_KINDS as readonly string[]).includes(field.split(':')[1]!));
  });

  it('lists every id with its kind, path and the exact range of its string, in document order', async () => {
    const uri = nextUri();
    const text = `{
  "status": "final",
  "type": "discharge-summary",
  "patientId": "pat_123",
  "encounterId": "enc_456",
  "practitionerId": "prac_789",
  "custodianId": "org_1",
  "title": "Discharge Summary",
  "attester": [{ "mode": "legal", "partyId": "prac_790" }, { "mode": "professional", "partyId": "prac_100" }],
  "relatesTo": [{ "code": "replaces", "targetId": "comp_100" }],
  "sections": [
    { "title": "A", "text": "x", "authorId": "prac_789", "resourceIds": ["obs_1"] },
    { "title": "B", "text": "y", "sections": [{ "title": "C", "text": "z", "authorId": "prac_x" }] }
  ],
  "event": [{ "code": ["x"], "detailIds": ["obs_2"] }]
}`;
    await client.open(uri, text);
    const result = await references(uri);
    assert.ok(result);
    assert.equal(result.version, 1);
    const seen = result.references.map((r: DocumentReference) => [r.kind, r.id, r.path, textInRange(text, r.range)]);
    assert.deepEqual(seen, [
      ['patient', 'pat_123', 'patientId', '"pat_123"'],
      ['encounter', 'enc_456', 'encounterId', '"enc_456"'],
      ['practitioner', 'prac_789', 'practitionerId', '"prac_789"'],
      ['organization', 'org_1', 'custodianId', '"org_1"'],
      ['practitioner', 'prac_790', 'attester[0].partyId', '"prac_790"'],
      ['practitioner', 'prac_100', 'attester[1].partyId', '"prac_100"'],
      ['document', 'comp_100', 'relatesTo[0].targetId', '"comp_100"'],
      ['practitioner', 'prac_789', 'sections[0].authorId', '"prac_789"'],
    ]);
    // The exact positions, not only the text they cover.
    assert.deepEqual(result.references[0]!.range, { start: { line: 3, character: 15 }, end: { line: 3, character: 24 } });
  });

  it('lists an empty id, an id outside the SDK shape, escaped ids and each occurrence of a repeated key; skips non-strings', async () => {
    const uri = nextUri();
    const text = '{"patientId": "", "practitionerId": "../x y", "encounterId": "enc\\u005f1", "custodianId": 7, "patientId": "pat_2"}';
    await client.open(uri, text);
    const result = await references(uri);
    assert.deepEqual(result?.references.map((r) => [r.id, textInRange(text, r.range)]), [
      ['', '""'],
      ['../x y', '"../x y"'],
      ['enc_1', '"enc\\u005f1"'],
      ['pat_2', '"pat_2"'],
    ]);
  });

  it('follows edits and answers for the version it has; lists ids in a document with syntax errors elsewhere', async () => {
    const uri = nextUri();
    await client.open(uri, '{"patientId": "pat_1"}');
    const version = await client.replace(uri, '{"patientId": "pat_2", "title": ,\n "practitionerId": "prac_1"}');
    const result = await references(uri);
    assert.equal(result?.version, version);
    assert.deepEqual(result?.references.map((r) => r.id), ['pat_2', 'prac_1']);
  });

  it('answers null for a document it does not have, and an empty list for one without ids', async () => {
    assert.equal(await references('file:///tmp/clinikdoc-tests/never-opened.clinikdoc.json'), null);
    const uri = nextUri();
    await client.open(uri, '{"title": "x"}');
    assert.deepEqual((await references(uri))?.references, []);
  });
});
