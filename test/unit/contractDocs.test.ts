import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
// @ts-expect-error -- a plain ESM build script without type declarations
import { DOCS_PATH, HAND_WRITTEN, SCHEMA_PATH, handWrittenPart, renderContractDocs } from '../../scripts/contractDocs.mjs';

describe('docs/CONTRACT.md', () => {
  it('is generated from the current schema (run `node scripts/contractDocs.mjs` after changing it)', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH as string, 'utf8'));
    const text = readFileSync(DOCS_PATH as string, 'utf8');
    assert.equal(text, (renderContractDocs as (s: unknown, h: string) => string)(schema, (handWrittenPart as (t: string) => string)(text)));
  });

  it('keeps the hand-written part, after its marker, as it is', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH as string, 'utf8'));
    const part = `${HAND_WRITTEN as string}\n\n## Updating a document\n\nBy hand.\n`;
    const rendered = (renderContractDocs as (s: unknown, h: string) => string)(schema, part);
    assert.ok(rendered.endsWith(`\n\n${part}`));
    assert.equal((handWrittenPart as (t: string) => string)(rendered), part);
    assert.match(readFileSync(DOCS_PATH as string, 'utf8'), /## Updating a document in place \(PATCH\)/);
  });

  it('documents the limits from the schema', () => {
    const docs = readFileSync(DOCS_PATH as string, 'utf8');
    assert.match(docs, /\| `title` \| string \| yes \| at most 500 characters \|/);
    assert.match(docs, /\| `sections` \| object\[\] \| yes \| 1–50 items \|/);
    assert.match(docs, /\| `sections\[\]\.text` \| string \| yes \| at most 50,000 characters \|/);
  });
});
