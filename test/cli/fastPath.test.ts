import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { batchDocument } from '../../bench/batch';
import { checkText } from '../../server/src/check/checkText';
import { checkWorker, defaultJobs, toProblem, type FileResult } from '../../cli/src/checkFiles';
import { LanguageService } from '../../server/src/languageService';
import { FIXTURES } from '../support/documents';

/**
 * `clinikdoc check` answers clean documents without a syntax tree and reads files its own way
 * (server/src/check/checkText.ts): everything here is compared with the editor's path, LanguageService.diagnostics
 * on the text as `readFile(path, 'utf8')` gives it.
 */
const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function editorDiagnostics(text: string) {
  const service = new LanguageService();
  const document = TextDocument.create('file:///tmp/clinikdoc-tests/x.clinikdoc.json', 'clinikdoc', 1, text);
  return service.diagnostics(document);
}

/** Every .json file under a folder. */
function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : path.endsWith('.json') ? [path] : [];
  });
}

/** A valid document changed in the ways that must leave the fast path (or must not fool it). */
function variants(text: string): string[] {
  const value = JSON.parse(text) as Record<string, unknown>;
  return [
    text,
    text.replace('"title"', '"title": "Earlier title",\n  "title"'), // duplicate key at the top
    text.replace(/"text"/, '"text": "x", "text"'), // duplicate key in a section
    text.replace(/\}\s*$/, ',}'), // trailing comma
    text.replace('{', '{ // a comment\n'),
    text.slice(0, text.length >> 1), // cut off
    `\uFEFF${text}`, // byte order mark
    text.replace(/\n/g, '\r\n'),
    text.replace('"final"', '"fi\\u006eal"'), // an escape the value does not show
    text.replace(/"title": "/, '"title": "\\ud83d quoted \\"key\\": and \\\\" + "'), // a lone surrogate, escaped quotes and colons
    text.replace('"status"', '"st\\u0061tus"'), // an escaped key
    text.replace('"status"', '"__proto__": {}, "status"'),
    JSON.stringify({ ...value, sections: [{ title: 'Deep', text: 'x', extra: JSON.parse('['.repeat(300) + ']'.repeat(300)) }] }),
    `{"a": ${'['.repeat(257)}${']'.repeat(257)}}`,
    '',
    '   ',
    '[]',
    'null',
    '"a string"',
    '{}',
    '{"status": "final", "status": "final"}',
    JSON.stringify(value, null, '\t'),
    JSON.stringify(value),
  ];
}

describe('clinikdoc check: the fast path against the editor\'s', () => {
  it('checkText gives LanguageService.diagnostics for every fixture, a generated batch, and their broken variants', () => {
    const texts = [
      ...jsonFiles(FIXTURES).map((path) => readFileSync(path, 'utf8')),
      ...Array.from({ length: 400 }, (_, i) => batchDocument(i)),
    ];
    let compared = 0;
    let clean = 0;
    for (const text of texts) {
      for (const variant of variants(text.startsWith('{') && isJson(text) ? text : '{}').concat(text)) {
        const expected = editorDiagnostics(variant);
        assert.deepEqual(checkText(variant), expected, `text of ${variant.length} characters: ${JSON.stringify(variant.slice(0, 80))}`);
        compared++;
        if (expected.length === 0) clean++;
      }
    }
    // Both kinds were compared, many times.
    assert.ok(compared > 5000 && clean > 500 && compared - clean > 4000, `${compared} texts, ${clean} clean`);
  });

  it('defaultJobs: one thread for small batches and on a busy machine, one per idle core for large batches', () => {
    assert.equal(defaultJobs(10, 8, 0), 1);
    assert.equal(defaultJobs(5000, 1, 0), 1);
    assert.equal(defaultJobs(5000, 2, 0.3), 2);
    assert.equal(defaultJobs(5000, 2, 4.5), 1);
    assert.equal(defaultJobs(5000, 8, 5), 3);
    assert.equal(defaultJobs(1200, 8, 0), 2);
  });

  it('checkWorker checks each file it claims from the shared counter, once, until none is left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clinikdoc-worker-'));
    try {
      const paths = Array.from({ length: 30 }, (_, i) => {
        const path = join(dir, `${i}.clinikdoc.json`);
        writeFileSync(path, batchDocument(i));
        return path;
      });
      const next = new Int32Array(new SharedArrayBuffer(4));
      Atomics.store(next, 0, 10); // another thread took the first 10
      let answers = 0;
      checkWorker({ paths, next }, ({ indices, results }) => {
        answers++;
        assert.deepEqual(indices, Array.from({ length: 20 }, (_, i) => i + 10));
        results.forEach((result, k) => {
          assert.deepEqual(result, { problems: editorDiagnostics(batchDocument(indices[k]!)).map(toProblem) } satisfies FileResult);
        });
      });
      assert.equal(answers, 1);
      assert.ok(Atomics.load(next, 0) >= 30);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('dist/cli.js on a generated folder, on one thread and on several', () => {
    let dir: string;
    const files: string[] = [];
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'clinikdoc-batch-'));
      for (let i = 0; i < 1500; i++) {
        const folder = join(dir, `f${i % 3}`);
        mkdirSync(folder, { recursive: true });
        const all = variants(batchDocument(i));
        // Mostly valid documents, as a repository has them, and every variant in turn.
        const text = i % 5 === 0 ? all[(i / 5) % all.length]! : batchDocument(i);
        writeFileSync(join(folder, `d${String(i).padStart(4, '0')}.clinikdoc.json`), text);
      }
      // Files that cannot be read: one without read permission (readable all the same when the tests
      // run as root), and a link to a file whose first read fails (EIO) for everyone.
      writeFileSync(join(dir, 'f0', 'd0003-private.clinikdoc.json'), batchDocument(3), { mode: 0o000 });
      symlinkSync('/proc/self/mem', join(dir, 'f1', 'd0004-memory.clinikdoc.json'));
      for (const folder of ['f0', 'f1', 'f2']) for (const name of readdirSync(join(dir, folder))) files.push(`${folder}/${name}`);
      files.sort();
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    /** What the CLI printed before it had a fast path: the editor's diagnostics of each file as readFile gives it. */
    function expected() {
      const report = { files: [] as { file: string; problems: ReturnType<typeof toProblem>[]; unreadable?: string }[], summary: { files: files.length, errors: 0, warnings: 0, unreadable: 0 } };
      for (const file of files) {
        let text: string;
        try {
          text = readFileSync(join(dir, file), 'utf8');
        } catch (error) {
          report.summary.unreadable++;
          report.files.push({ file, problems: [], unreadable: (error as NodeJS.ErrnoException).code });
          continue;
        }
        const problems = editorDiagnostics(text).map(toProblem);
        for (const p of problems) {
          if (p.severity === 'error') report.summary.errors++;
          else if (p.severity === 'warning') report.summary.warnings++;
        }
        report.files.push({ file, problems });
      }
      return report;
    }

    it('prints exactly what the editor\'s path gives, in text and JSON, with --jobs 1, 2 and 3, and reports the files it cannot read, checking the others', () => {
      const report = expected();
      const unreadable = report.files.filter((f) => f.unreadable);
      assert.ok(report.summary.errors > 100 && report.summary.warnings > 10 && unreadable.length >= 1, JSON.stringify(report.summary));
      const text = report.files.flatMap(({ file, problems }) => problems.map((p) => `${file}:${p.line}:${p.column} ${p.severity} ${p.message}\n`)).join('');
      const could = unreadable.length === 1 ? '1 file' : `${unreadable.length} files`;
      const summary = `${files.length} files checked: ${report.summary.errors} errors, ${report.summary.warnings} warnings. ${could} could not be read.\n`;
      const cannotRead = unreadable.map((f) => `clinikdoc check: cannot read ${f.file}: ${f.unreadable}\n`).join('');
      for (const jobs of ['1', '2', '3']) {
        const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'check', '--jobs', jobs, ...args, '**/*.clinikdoc.json'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
        const plain = run();
        assert.equal(plain.status, 2, `--jobs ${jobs}: an unreadable file is exit status 2`);
        assert.equal(plain.stdout, text, `--jobs ${jobs}: text output`);
        assert.equal(plain.stderr, cannotRead + summary, `--jobs ${jobs}: stderr`);
        const json = run('--format', 'json');
        assert.equal(json.status, 2);
        assert.equal(json.stdout, `${JSON.stringify(report, null, 2)}\n`, `--jobs ${jobs}: JSON output`);
      }
    });
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
