import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Wrap = (bundle: string) => string;

async function wrap(): Promise<Wrap> {
  const url = pathToFileURL(join(__dirname, '..', '..', 'scripts', 'compileCache.mjs')).href;
  return ((await import(url)) as { withCompileCache: Wrap }).withCompileCache;
}

/** Runs a wrapped bundle with its cache under `cacheHome`; returns what it printed. */
function run(file: string, cacheHome: string, ...args: string[]): string {
  return execFileSync(process.execPath, [file, ...args], { env: { ...process.env, XDG_CACHE_HOME: cacheHome }, encoding: 'utf8' });
}

const BUNDLE = `"use strict";
const path = require("path");
module.exports.answer = 42;
process.stdout.write(JSON.stringify({ argv: process.argv.slice(2), dir: path.basename(__dirname), exports: module.exports.answer }));`;

describe('the production server runs from a V8 code cache', () => {
  it('behaves as the bundle, writes the cache once and then uses it', { skip: process.platform === 'win32' }, async () => {
    const home = mkdtempSync(join(tmpdir(), 'clinikdoc-cache-'));
    try {
      const file = join(home, 'server.js');
      writeFileSync(file, (await wrap())(BUNDLE));
      const cacheHome = join(home, 'cache');
      const first = JSON.parse(run(file, cacheHome, '--stdio')) as unknown;
      assert.deepEqual(first, { argv: ['--stdio'], dir: home.split('/').pop(), exports: 42 });
      const dir = join(cacheHome, 'clinikdoc');
      assert.equal(statSync(dir).mode & 0o777, 0o700);
      const [cache] = readdirSync(dir);
      assert.match(cache ?? '', /^server-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+\.v8cache$/);
      const written = statSync(join(dir, cache!)).mtimeMs;
      assert.deepEqual(JSON.parse(run(file, cacheHome, '--stdio')), first);
      // Accepted by V8, so not written again.
      assert.equal(statSync(join(dir, cache!)).mtimeMs, written);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('neither reads nor writes a cache directory others can write to', { skip: process.platform === 'win32' }, async () => {
    const home = mkdtempSync(join(tmpdir(), 'clinikdoc-cache-'));
    try {
      const file = join(home, 'server.js');
      writeFileSync(file, (await wrap())(BUNDLE));
      const dir = join(home, 'cache', 'clinikdoc');
      mkdirSync(dir, { recursive: true });
      chmodSync(dir, 0o777);
      assert.equal((JSON.parse(run(file, join(home, 'cache'))) as { exports: number }).exports, 42);
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
