import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
// @ts-expect-error -- a plain ESM build script without type declarations
import { DOCS_PATH, SCHEMA_PATH, renderContractDocs } from '../../scripts/contractDocs.mjs';

describe('docs/CONTRACT.md', () => {
  it('is generated from the current schema (run `node scripts/contractDocs.mjs` after changing it)', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH as string, 'utf8'));
    assert.equal(readFileSync(DOCS_PATH as string, 'utf8'), (renderContractDocs as (s: unknown) => string)(schema));
  });

  it('documents the limits from the schema', () => {
    const docs = readFileSync(DOCS_PATH as string, 'utf8');
    assert.match(docs, /\| `title` \| string \| yes \| at most 500 characters \|/);
    assert.match(docs, /\| `sections` \| object\[\] \| yes \| 1–50 items \|/);
    assert.match(docs, /\| `sections\[\]\.text` \| string \| yes \| at most 50,000 characters \|/);
  });
});
