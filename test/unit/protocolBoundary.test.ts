import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isClinikDocDocument, LANGUAGE_ID } from '../../shared/protocol';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the protocol module is the one boundary between client and server', () => {
  const clientFiles = sources(join(ROOT, 'client', 'src'));

  it('finds the client sources (so the checks below can fail)', () => {
    assert.ok(clientFiles.length > 20);
  });

  it('client code imports server code only from shared/protocol.ts', () => {
    const offenders: string[] = [];
    for (const file of clientFiles) {
      for (const match of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
        const target = resolve(dirname(file), match[1]!);
        const rel = relative(ROOT, target);
        if (rel.startsWith(`server${'/'}`) && rel !== join('server', 'src', 'protocol')) offenders.push(`${relative(ROOT, file)} → ${match[1]}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('no client or server file restates the language id or the diagnostic sources', () => {
    const offenders: string[] = [];
    const protocol = join(ROOT, 'server', 'src', 'protocol.ts');
    for (const file of [...clientFiles, ...sources(join(ROOT, 'server', 'src'))]) {
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
