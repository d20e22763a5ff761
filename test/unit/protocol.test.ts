import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isClinikDocDocument, LANGUAGE_ID } from '../../shared/protocol';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the protocol module is the one place of the language id and the diagnostic sources', () => {
  const clientFiles = sources(join(ROOT, 'client', 'src'));

  it('finds the client sources (so the checks below can fail)', () => {
    assert.ok(clientFiles.length > 20);
  });

  it('no client or server file restates the language id or the diagnostic sources', () => {
    const offenders: string[] = [];
    const protocol = join(ROOT, 'shared', 'protocol.ts');
    for (const file of [...clientFiles, ...sources(join(ROOT, 'server', 'src')), ...sources(join(ROOT, 'shared')), ...sources(join(ROOT, 'cli', 'src'))]) {
      if (file === protocol) continue;
      const text = readFileSync(file, 'utf8');
      if (/languageId\s*[!=]==\s*'clinikdoc'|language:\s*'clinikdoc'|source\s*=\s*'ClinikAPI'|source\s*=\s*'ClinikDoc'|source\s*[!=]==\s*'ClinikAPI'/.test(text)) {
        offenders.push(relative(ROOT, file));
      }
    }
    assert.deepEqual(offenders, []);
  });
});

describe('isClinikDocDocument', () => {
  it('takes the language id, or the file name in any letter case, and nothing else', () => {
    assert.equal(isClinikDocDocument({ languageId: LANGUAGE_ID, uri: 'untitled:Untitled-1' }), true);
    assert.equal(isClinikDocDocument({ languageId: 'json', uri: 'file:///a/b.clinikdoc.json' }), true);
    assert.equal(isClinikDocDocument({ languageId: 'json', uri: 'file:///a/B.ClinikDoc.JSON' }), true);
    assert.equal(isClinikDocDocument({ languageId: 'json', uri: 'git:/a/b.clinikdoc.json?%7B%22ref%22%3A%22HEAD%22%7D' }), true);
    assert.equal(isClinikDocDocument({ languageId: 'json', uri: 'file:///a/b.json' }), false);
    assert.equal(isClinikDocDocument({ languageId: 'json', uri: 'file:///a/b.clinikdoc.json.bak' }), false);
    assert.equal(isClinikDocDocument({ languageId: 'clinikdoc-text', uri: 'clinikdoc-text:/Hospital%20Course%20%E2%80%94%20text' }), false);
  });
});
