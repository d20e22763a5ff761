// The npm package, as someone outside this repository gets it: packed with `npm pack`, installed
// from the tarball into an empty folder (offline: it has no dependencies to fetch), and both bins
// run from there: `clinikdoc check` on a fixture, and the language server answering `initialize`
// over stdio.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES } from '../support/documents';

const root = join(__dirname, '..', '..');

describe('the npm package (scripts/npmPackage.mjs)', () => {
  let work: string;
  let installed: string;
  let tarball: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'clinikdoc-npm-'));
    const { buildNpmPackage } = await import('../../scripts/npmPackage.mjs' as string);
    tarball = buildNpmPackage(join(work, 'package'));
    installed = join(work, 'consumer');
    cpSync(join(FIXTURES, 'cli', 'docs'), join(installed, 'docs'), { recursive: true });
    const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: installed, encoding: 'utf8' });
    assert.equal(install.status, 0, install.stderr);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('holds only what runs, and depends on nothing', () => {
    const list = spawnSync('tar', ['tzf', tarball], { encoding: 'utf8' });
    assert.deepEqual(list.stdout.split('\n').filter(Boolean).sort(), [
      'package/LICENSE', 'package/README.md', 'package/bin/clinikdoc-language-server.js', 'package/dist/cli.js', 'package/dist/server.js', 'package/package.json',
    ]);
    const pkg = JSON.parse(readFileSync(join(installed, 'node_modules', 'clinikdoc', 'package.json'), 'utf8'));
    assert.deepEqual(pkg.bin, { clinikdoc: 'dist/cli.js', 'clinikdoc-language-server': 'bin/clinikdoc-language-server.js' });
    assert.equal(pkg.dependencies, undefined);
    assert.equal(pkg.version, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
    assert.deepEqual(readdirSync(join(installed, 'node_modules')).filter((n) => !n.startsWith('.')), ['clinikdoc'], 'nothing else was installed');
  });

  it('`clinikdoc check` from the installed bin: a clean fixture passes, an invalid one fails with its problem', () => {
    const bin = join(installed, 'node_modules', '.bin', 'clinikdoc');
    assert.ok(existsSync(bin));
    const good = spawnSync(bin, ['check', 'docs/good.clinikdoc.json'], { cwd: installed, encoding: 'utf8' });
    assert.equal(good.status, 0, good.stderr);
    assert.equal(good.stderr.trim(), '1 file checked: no problems.');
    const bad = spawnSync(bin, ['check', 'docs/**/*.clinikdoc.json'], { cwd: installed, encoding: 'utf8' });
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stdout, /error/);
  });

  it('`clinikdoc-language-server` from the installed bin answers initialize over stdio, and exits on exit', async () => {
    const bin = join(installed, 'node_modules', '.bin', 'clinikdoc-language-server');
    const server = spawn(bin, [], { cwd: installed, stdio: ['pipe', 'pipe', 'pipe'] });
    const send = (message: unknown): void => {
      const body = Buffer.from(JSON.stringify(message), 'utf8');
      server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      server.stdin.write(body);
    };
    const answer = new Promise<{ id: number; result?: { capabilities?: Record<string, unknown>; serverInfo?: { name?: string } } }>((resolve, reject) => {
      let buffer = Buffer.alloc(0);
      server.stdout.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (;;) {
          const headerEnd = buffer.indexOf('\r\n\r\n');
          if (headerEnd < 0) return;
          const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
          if (buffer.length < headerEnd + 4 + length) return;
          const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
          buffer = buffer.subarray(headerEnd + 4 + length);
          if (message.id === 1) resolve(message);
        }
      });
      server.once('exit', (code) => reject(new Error(`the server exited (${code}) before answering`)));
    });
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
    const init = await answer;
    assert.ok(init.result?.capabilities?.textDocumentSync !== undefined, JSON.stringify(init));
    assert.ok(init.result?.capabilities?.completionProvider);
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
    send({ jsonrpc: '2.0', method: 'exit' });
    assert.equal(await exited, 0);
  });
});
