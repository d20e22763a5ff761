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
  return runWith([], file, cacheHome, ...args);
}

function runWith(nodeOptions: string[], file: string, cacheHome: string, ...args: string[]): string {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cacheHome };
  delete env.NODE_OPTIONS;
  return execFileSync(process.execPath, [...nodeOptions, file, ...args], { env, encoding: 'utf8' });
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
      assert.match(cache ?? '', /^server-[0-9a-f]{16}-[0-9a-f]{1,8}-v\d+\.\d+\.\d+-\w+\.v8cache$/);
      const written = statSync(join(dir, cache!)).mtimeMs;
      assert.deepEqual(JSON.parse(run(file, cacheHome, '--stdio')), first);
      // Accepted by V8, so not written again.
      assert.equal(statSync(join(dir, cache!)).mtimeMs, written);
      // V8 rejects a cache made under other flags: a server started with other Node options (as
      // the client starts it) has its own file, and neither rewrites the other's at every start.
      assert.deepEqual(JSON.parse(runWith(['--max-semi-space-size=2'], file, cacheHome, '--stdio')), first);
      const caches = readdirSync(dir).sort();
      assert.equal(caches.length, 2);
      const other = caches.find((name) => name !== cache)!;
      const otherWritten = statSync(join(dir, other)).mtimeMs;
      assert.deepEqual(JSON.parse(run(file, cacheHome, '--stdio')), first);
      assert.deepEqual(JSON.parse(runWith(['--max-semi-space-size=2'], file, cacheHome, '--stdio')), first);
      assert.equal(statSync(join(dir, cache!)).mtimeMs, written);
      assert.equal(statSync(join(dir, other)).mtimeMs, otherWritten);
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

  it('is written before the server changes a V8 flag at run time, so later starts still use it', { skip: process.platform === 'win32' }, async () => {
    const home = mkdtempSync(join(tmpdir(), 'clinikdoc-cache-'));
    try {
      const file = join(home, 'server.js');
      // What server/src/node/runtimeCollection.ts does the first time it collects.
      const flagging = `"use strict";
const save = globalThis[Symbol.for('clinikdoc.saveCodeCache')];
if (typeof save === 'function') save();
require('v8').setFlagsFromString('--expose-gc');
process.stdout.write(typeof require('vm').runInNewContext('gc'));`;
      writeFileSync(file, (await wrap())(flagging));
      const cacheHome = join(home, 'cache');
      assert.equal(run(file, cacheHome), 'function');
      const dir = join(cacheHome, 'clinikdoc');
      const [cache] = readdirSync(dir);
      const written = statSync(join(dir, cache!)).mtimeMs;
      // Made before the flag changed, so V8 accepts it: not rejected, so not written again at exit.
      assert.equal(run(file, cacheHome), 'function');
      assert.equal(statSync(join(dir, cache!)).mtimeMs, written);
      assert.deepEqual(readdirSync(dir), [cache]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
