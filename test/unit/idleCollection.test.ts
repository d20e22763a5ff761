import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { COLLECT_AFTER_CHARS, idleCollection, LARGE_DROP_CHARS, MAX_SETTLES, QUIET_MS, SETTLE_MS } from '../../server/src/common/idleCollection';
import { ParsedDocumentCache } from '../../server/src/parse/documentCache';
import { json, minimalDocument } from '../support/documents';

/** A clock the test moves by hand: timers run only when `advance` passes them. */
function manualClock() {
  let now = 0;
  let next = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    setTimer: (run: () => void, ms: number) => {
      const id = ++next;
      timers.set(id, { at: now + ms, run });
      return { id, unref: () => undefined };
    },
    clearTimer: (timer: { unref?: () => void }) => void timers.delete((timer as { id: number }).id),
    advance(ms: number) {
      now += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.run();
        }
      }
    },
    get pending() {
      return timers.size;
    },
  };
}

/** `grown`: what each collection says of the young generation afterwards (by default: grown once). */
function collector(grown: (collection: number) => boolean = (n) => n === 1) {
  const clock = manualClock();
  let collections = 0;
  const collection = idleCollection({ collect: () => grown(++collections), setTimer: clock.setTimer, clearTimer: clock.clearTimer });
  return { clock, collection, collections: () => collections };
}

describe('memory given back once the editor is quiet (idleCollection)', () => {
  it('collects a quiet second after enough was dropped, and once more when V8 can shrink its young generation', () => {
    const { clock, collection, collections } = collector();
    collection.released(COLLECT_AFTER_CHARS - 1);
    clock.advance(10 * SETTLE_MS);
    assert.equal(collections(), 0, 'not for less than the threshold');
    assert.equal(clock.pending, 0);
    collection.released(1);
    clock.advance(QUIET_MS - 1);
    assert.equal(collections(), 0, 'not before the quiet second');
    clock.advance(1);
    assert.equal(collections(), 1);
    clock.advance(SETTLE_MS - 1);
    assert.equal(collections(), 1);
    clock.advance(1);
    assert.equal(collections(), 2, 'the settling one');
    clock.advance(10 * SETTLE_MS);
    assert.equal(collections(), 2, 'and no more: the count starts again after a collection');
    assert.equal(clock.pending, 0);
  });

  it('puts the collection off while large drops go on (typing in a large document), not for small ones', () => {
    const { clock, collection, collections } = collector();
    collection.released(COLLECT_AFTER_CHARS);
    for (let keystroke = 0; keystroke < 50; keystroke++) {
      clock.advance(QUIET_MS / 4);
      collection.released(LARGE_DROP_CHARS);
    }
    assert.equal(collections(), 0, 'never while someone types in a large document');
    clock.advance(QUIET_MS);
    assert.equal(collections(), 1, 'a second after the last keystroke');
    clock.advance(SETTLE_MS);
    assert.equal(collections(), 2);

    collection.released(COLLECT_AFTER_CHARS);
    clock.advance(QUIET_MS / 2);
    for (let keystroke = 0; keystroke < 10; keystroke++) collection.released(LARGE_DROP_CHARS - 1);
    clock.advance(QUIET_MS / 2);
    assert.equal(collections(), 3, 'small drops (another, small document) do not put it off');
  });

  it('settles only once no document was edited for a while (V8 shrinks its young generation only then)', () => {
    const { clock, collection, collections } = collector();
    collection.released(COLLECT_AFTER_CHARS);
    clock.advance(QUIET_MS);
    assert.equal(collections(), 1, 'the first one needs no quiet editor, only a quiet large document');
    for (let keystroke = 0; keystroke < 40; keystroke++) {
      clock.advance(SETTLE_MS / 2);
      collection.released(100);
    }
    assert.equal(collections(), 1, 'not while a small document is being typed in');
    clock.advance(SETTLE_MS);
    assert.equal(collections(), 2);
    clock.advance(10 * SETTLE_MS);
    collection.released(100);
    clock.advance(10 * SETTLE_MS);
    assert.equal(collections(), 2, 'once: small drops alone never start a collection');
  });

  it('settles again while the young generation stays grown, at most MAX_SETTLES times; not at all when it never grew', () => {
    const always = collector(() => true);
    always.collection.released(COLLECT_AFTER_CHARS);
    always.clock.advance(QUIET_MS);
    for (let i = 0; i < 10; i++) always.clock.advance(SETTLE_MS);
    assert.equal(always.collections(), 1 + MAX_SETTLES);
    assert.equal(always.clock.pending, 0);

    const twice = collector((n) => n <= 2);
    twice.collection.released(COLLECT_AFTER_CHARS);
    twice.clock.advance(QUIET_MS);
    for (let i = 0; i < 10; i++) twice.clock.advance(SETTLE_MS);
    assert.equal(twice.collections(), 3, 'until one gives it back');

    const never = collector(() => false);
    never.collection.released(COLLECT_AFTER_CHARS);
    never.clock.advance(QUIET_MS);
    never.clock.advance(10 * SETTLE_MS);
    assert.equal(never.collections(), 1);
  });

  it('starts again when enough is dropped while it settles', () => {
    const { clock, collection, collections } = collector((n) => n !== 3);
    collection.released(COLLECT_AFTER_CHARS);
    clock.advance(QUIET_MS);
    assert.equal(collections(), 1);
    clock.advance(SETTLE_MS / 2);
    collection.released(COLLECT_AFTER_CHARS);
    clock.advance(SETTLE_MS / 2);
    assert.equal(collections(), 2, 'a quiet second after the new drop, not the settling one');
    clock.advance(SETTLE_MS);
    assert.equal(collections(), 3);
    clock.advance(10 * SETTLE_MS);
    assert.equal(collections(), 3);
  });

  it('tells when the editor is quiet before the settling collection, which then runs whether or not the young generation grew', () => {
    const clock = manualClock();
    const events: string[] = [];
    const collection = idleCollection({
      collect: () => (events.push('collect'), false),
      quiet: () => events.push('quiet'),
      setTimer: clock.setTimer,
      clearTimer: clock.clearTimer,
    });
    collection.released(COLLECT_AFTER_CHARS);
    clock.advance(QUIET_MS);
    assert.deepEqual(events, ['collect'], 'the first collection: the large document is quiet, not yet the editor');
    for (let keystroke = 0; keystroke < 20; keystroke++) {
      clock.advance(SETTLE_MS / 2);
      collection.released(100);
    }
    assert.deepEqual(events, ['collect'], 'not while any document is being typed in');
    clock.advance(SETTLE_MS);
    assert.deepEqual(events, ['collect', 'quiet', 'collect'], 'quiet first, so that what it lets go is collected');
    clock.advance(10 * SETTLE_MS);
    assert.deepEqual(events, ['collect', 'quiet', 'collect'], 'once, the young generation not being grown');
    assert.equal(clock.pending, 0);
  });

  it('ignores nothing-dropped reports and stops on dispose', () => {
    const { clock, collection, collections } = collector();
    collection.released(0);
    collection.released(Number.NaN);
    collection.released(-COLLECT_AFTER_CHARS);
    collection.released(COLLECT_AFTER_CHARS);
    collection.dispose();
    clock.advance(10 * SETTLE_MS);
    assert.equal(collections(), 0);
    assert.equal(clock.pending, 0);
  });
});

describe('what the parse cache reports as dropped', () => {
  const uri = 'file:///tmp/cache/released.clinikdoc.json';
  const text = json({ ...minimalDocument(), sections: [{ title: 'Course', text: 'x'.repeat(10_000) }] });

  function cacheWithCount() {
    let dropped = 0;
    const cache = new ParsedDocumentCache((chars) => (dropped += chars));
    return { cache, dropped: () => dropped };
  }

  it('each replaced text, and a parse made afresh over an older one', () => {
    const { cache, dropped } = cacheWithCount();
    const document = cache.textDocuments.create(uri, 'clinikdoc', 1, text);
    cache.get(document);
    assert.equal(dropped(), 0, 'opening drops nothing');
    const at = text.indexOf('xxx');
    cache.textDocuments.update(document, [{ range: { start: document.positionAt(at), end: document.positionAt(at) }, text: 'y' }], 2);
    assert.equal(dropped(), text.length, 'the text before the keystroke');
    cache.get(document);
    assert.equal(dropped(), text.length, 'typing inside a string patches the parse: nothing more');
    const whole = text.replace('"Course"', '"Plan"');
    cache.textDocuments.update(document, [{ text: whole }], 3);
    assert.equal(dropped(), 2 * text.length + 1);
    cache.get(document);
    assert.equal(dropped(), 3 * text.length + 2, 'a full change is parsed afresh: the older parse goes');
  });

  it('forgets the parses of large documents only (a quiet editor), and parses them afresh on demand', () => {
    const { cache, dropped } = cacheWithCount();
    const large = cache.textDocuments.create(uri, 'clinikdoc', 1, text);
    const small = cache.textDocuments.create('file:///tmp/cache/small.clinikdoc.json', 'clinikdoc', 1, json(minimalDocument()));
    const [largeParse, smallParse] = [cache.get(large), cache.get(small)];
    cache.forgetLargeParses(text.length);
    assert.equal(cache.get(small), smallParse, 'a small document keeps its parse');
    const again = cache.get(large);
    assert.notEqual(again, largeParse, 'a large one is parsed afresh');
    assert.equal(again.text, text);
    assert.deepEqual(again.value(), largeParse.value());
    assert.equal(dropped(), 0, 'nothing reported dropped: the collection that follows takes it');
    // A keystroke after it: the edit log starts again from the fresh parse.
    const at = text.indexOf('xxx');
    cache.textDocuments.update(large, [{ range: { start: large.positionAt(at), end: large.positionAt(at + 1) }, text: 'y' }], 2);
    assert.equal((cache.get(large).value() as { sections: { text: string }[] }).sections[0]!.text, 'y' + 'x'.repeat(9_999));
  });

  it('a closed document: its parse and its text', () => {
    const { cache, dropped } = cacheWithCount();
    const document = TextDocument.create(uri, 'clinikdoc', 1, text);
    cache.get(document);
    cache.delete(uri);
    assert.equal(dropped(), 2 * text.length);
    cache.delete(uri);
    assert.equal(dropped(), 2 * text.length, 'once');
  });
});

describe('the full collection, exposed at run time (node/runtimeCollection.ts)', () => {
  it('collects in a Node started without options, after the code cache was written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clinikdoc-gc-'));
    try {
      const script = join(dir, 'collect.ts');
      writeFileSync(
        script,
        `import { runInNewContext } from 'node:vm';
import { runtimeCollection } from ${JSON.stringify(require.resolve('../../server/src/node/runtimeCollection'))};
const order: string[] = [];
(globalThis as Record<symbol, unknown>)[Symbol.for('clinikdoc.saveCodeCache')] = () => order.push('saved, gc ' + runInNewContext('typeof gc'));
let garbage: unknown[] | undefined = Array.from({ length: 300_000 }, (_, i) => ({ i, text: 'x' + i }));
const before = process.memoryUsage().heapUsed;
garbage = undefined;
const collect = runtimeCollection();
const grown = collect();
const after = process.memoryUsage().heapUsed;
const young = () => require('node:v8').getHeapSpaceStatistics().find((s: { space_name: string }) => s.space_name === 'new_space').space_size;
const youngAfter = young();
collect();
process.stdout.write(JSON.stringify({ order, freedMb: Math.round((before - after) / 2 ** 20), globalGc: typeof (globalThis as { gc?: unknown }).gc, grown, youngAfterMb: youngAfter / 2 ** 20 }));
`,
      );
      const env = { ...process.env };
      delete env.NODE_OPTIONS;
      const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', env })) as { order: string[]; freedMb: number; globalGc: string; grown: boolean; youngAfterMb: number };
      assert.deepEqual(out.order, ['saved, gc undefined'], 'the code cache is written once, before the flag changes');
      assert.ok(out.freedMb >= 10, `a full collection freed ${out.freedMb} MB of ~20 MB of garbage`);
      assert.equal(out.globalGc, 'undefined', 'nothing new in the server\'s own global scope');
      assert.equal(out.grown, out.youngAfterMb > 4, `says whether the young generation (${out.youngAfterMb} MB) is still grown`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
