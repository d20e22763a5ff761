import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { documentSchema, type JsonSchema } from '../../shared/documentSchema';

const root = join(__dirname, '..', '..');
const vendored = join(root, 'schemas/source/documents-create.openapi.yaml');
const shared = join(root, '..', 'shared/contract/documents-create.openapi.yaml');

interface OpenApiSchema {
  type?: string;
  required?: string[];
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
  enum?: string[];
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
}

const openApi = parse(readFileSync(vendored, 'utf8')) as { components: { schemas: { DocumentCreate: OpenApiSchema } } };

/** Every constraint of the OpenAPI node must be in ours; returns what is missing, by path. */
function missingConstraints(source: OpenApiSchema, ours: JsonSchema | undefined, path: string): string[] {
  if (!ours) return [`${path}: absent`];
  const missing: string[] = [];
  if (source.type && source.type !== ours.type) missing.push(`${path}: type ${source.type}`);
  for (const r of source.required ?? []) if (!ours.required?.includes(r)) missing.push(`${path}: required ${r}`);
  if (source.enum && JSON.stringify(source.enum) !== JSON.stringify(ours.enum)) missing.push(`${path}: enum`);
  for (const k of ['maxLength', 'minItems', 'maxItems'] as const) {
    if (source[k] !== undefined && source[k] !== ours[k]) missing.push(`${path}: ${k} ${source[k]}`);
  }
  if (source.format === 'date-time' && !(ours['x-clinikapi-format'] === 'date-time' && ours.pattern)) missing.push(`${path}: format date-time`);
  for (const [name, child] of Object.entries(source.properties ?? {})) {
    missing.push(...missingConstraints(child, ours.properties?.[name], `${path}.${name}`));
  }
  if (source.items) missing.push(...missingConstraints(source.items, ours.items, `${path}[]`));
  return missing;
}

/** Every node of ours that the OpenAPI has, documented: a description, and enum meanings. */
function undocumented(ours: JsonSchema, path: string): string[] {
  const out: string[] = [];
  if (!ours.description) out.push(`${path}: description`);
  if (ours.enum && ours.enumDescriptions?.length !== ours.enum.length) out.push(`${path}: enumDescriptions`);
  for (const [name, child] of Object.entries(ours.properties ?? {})) out.push(...undocumented(child, `${path}.${name}`));
  if (ours.items) out.push(...undocumented(ours.items, `${path}[]`));
  return out;
}

describe('the schema carries the contract', () => {
  it('has every constraint of the OpenAPI excerpt (DocumentCreate)', () => {
    assert.deepEqual(missingConstraints(openApi.components.schemas.DocumentCreate, documentSchema, 'DocumentCreate'), []);
  });

  it('the checker itself notices a missing constraint', () => {
    const weakened = structuredClone(documentSchema);
    delete weakened.properties!.title!.maxLength;
    weakened.properties!.sections!.items!.required = ['title'];
    assert.deepEqual(missingConstraints(openApi.components.schemas.DocumentCreate, weakened, 'DocumentCreate'), [
      'DocumentCreate.title: maxLength 500',
      'DocumentCreate.sections[]: required text',
    ]);
  });

  it('adds nothing the OpenAPI does not have, except unknown-key detection', () => {
    const props = (s: OpenApiSchema | JsonSchema | undefined): string[] => Object.keys(s?.properties ?? {}).sort();
    assert.deepEqual(props(documentSchema), props(openApi.components.schemas.DocumentCreate));
    assert.equal(documentSchema.additionalProperties, false);
  });

  it('documents every property and every enum value', () => {
    assert.deepEqual(undocumented(documentSchema, 'DocumentCreate'), []);
  });

  it('suggests the known document types without requiring them', () => {
    const type = documentSchema.properties!.type!;
    assert.equal(type.enum, undefined);
    assert.deepEqual(Object.keys(type['x-clinikapi-suggestions'] ?? {}), ['discharge-summary', 'referral-letter', 'care-plan', 'operative-report', 'transfer-summary', 'consultation-report']);
  });

  it('the vendored OpenAPI excerpt is the one in shared/contract (when present)', { skip: !existsSync(shared) && 'shared/contract not beside the repo' }, () => {
    assert.equal(readFileSync(vendored, 'utf8'), readFileSync(shared, 'utf8'));
  });
});
