import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../support/lspClient';
import { FIXTURES } from '../support/documents';
import { manyUnknownKeysDocument } from '../../bench/hostileDocuments';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const CWD = join(FIXTURES, 'cli');

/** Runs `node dist/cli.js <args>` in test/fixtures/cli. */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: CWD, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('clinikdoc check (dist/cli.js)', () => {
  it('is the package\'s bin, and the bundle starts with a shebang', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    assert.equal(pkg.bin?.clinikdoc, 'dist/cli.js');
    assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n'));
  });

  it('clean documents: exit 0, nothing on stdout, a summary on stderr', () => {
    const result = cli('check', 'docs/good.clinikdoc.json', 'docs/nested/*.clinikdoc.json');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trim(), '2 files checked: no problems.');
  });

  it('warnings only: exit 0, the warning printed as file:line:col severity message', () => {
    const result = cli('check', 'docs/warning-only.clinikdoc.json');
    assert.equal(result.status, 0);
    assert.deepEqual(lines(result.stdout), [
      'docs/warning-only.clinikdoc.json:7:3 warning "confidentialty" is not a property of a ClinikAPI document: ClinikAPI silently drops it, so its value would be lost.',
    ]);
  });

  it('a folder glob with errors: exit 1, every problem of every file, files in order, 1-based positions', () => {
    const result = cli('check', 'docs/**/*.clinikdoc.json');
    assert.equal(result.status, 1);
    assert.deepEqual(lines(result.stdout), [
      'docs/bad.clinikdoc.json:1:1 error The document is missing "practitionerId", which ClinikAPI requires.',
      'docs/bad.clinikdoc.json:2:13 error status must be one of "preliminary", "final", "amended".',
      'docs/warning-only.clinikdoc.json:7:3 warning "confidentialty" is not a property of a ClinikAPI document: ClinikAPI silently drops it, so its value would be lost.',
    ]);
    assert.equal(result.stderr.trim(), '4 files checked: 2 errors, 1 warning.');
  });

  it('--format json: one object with every file (clean ones too) and a summary', () => {
    for (const args of [['--format', 'json'], ['--format=json']]) {
      const result = cli('check', ...args, 'docs/**/*.clinikdoc.json');
      assert.equal(result.status, 1);
      assert.equal(result.stderr, '');
      const report = JSON.parse(result.stdout);
      assert.deepEqual(report.summary, { files: 4, errors: 2, warnings: 1, unreadable: 0 });
      assert.deepEqual(report.files.map((f: { file: string }) => f.file), [
        'docs/bad.clinikdoc.json',
        'docs/good.clinikdoc.json',
        'docs/nested/also-good.clinikdoc.json',
        'docs/warning-only.clinikdoc.json',
      ]);
      assert.deepEqual(report.files[0].problems[1], {
        line: 2, column: 13, endLine: 2, endColumn: 20, severity: 'error', code: 'invalid-enum-value',
        message: 'status must be one of "preliminary", "final", "amended".',
      });
      assert.deepEqual(report.files[1].problems, []);
    }
  });

  it('usage errors exit 2: no command, unknown command, no files, unknown option, bad format, nothing matched', () => {
    for (const args of [[], ['lint', 'x'], ['check'], ['check', '--fix', 'docs/*.json'], ['check', '--format', 'xml', 'docs/*.json'], ['check', '--format'], ['check', 'nowhere/*.clinikdoc.json']]) {
      const result = cli(...args);
      assert.equal(result.status, 2, `clinikdoc ${args.join(' ')}`);
      assert.equal(result.stdout, '', 'usage errors go to stderr');
      assert.ok(result.stderr.length > 0);
    }
    const help = cli('check', '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: clinikdoc check/);
  });

  describe('same code path as the language server', () => {
    let client: LspTestClient;
    before(async () => {
      client = await LspTestClient.start();
    });
    after(() => client.stop());

    it('--format json reports every problem of a document with more than the editor lists', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'clinikdoc-cli-many-'));
      try {
        const path = join(dir, 'many.clinikdoc.json');
        const text = manyUnknownKeysDocument(5_000).text;
        writeFileSync(path, text);
        const result = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', path], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
        assert.equal(result.status, 0, result.stderr);
        const report = JSON.parse(result.stdout);
        assert.equal(report.files[0].problems.length, 5_000);
        assert.ok(report.files[0].problems.every((p: { code: string; message: string }) => p.code === 'unknown-property' && !p.message.includes('not listed one by one')));
        assert.deepEqual(report.summary, { files: 1, errors: 0, warnings: 5_000, unreadable: 0 });
        // The editor gets the same document bounded.
        const uri = pathToFileURL(path).href;
        await client.open(uri, text);
        assert.equal((await client.diagnostics(uri)).length, 1_000);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('reports exactly what the editor reports', async () => {
      for (const name of ['bad', 'warning-only']) {
        const path = join(CWD, 'docs', `${name}.clinikdoc.json`);
        const uri = pathToFileURL(path).href;
        await client.open(uri, readFileSync(path, 'utf8'));
        const fromServer = (await client.diagnostics(uri)).map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.code, d.message]);
        const report = JSON.parse(cli('check', '--format', 'json', `docs/${name}.clinikdoc.json`).stdout);
        const fromCli = report.files[0].problems.map((p: { line: number; column: number; code: string; message: string }) => [p.line, p.column, p.code, p.message]);
        assert.ok(fromServer.length > 0);
        assert.deepEqual(fromCli, fromServer);
      }
    });
  });
});
