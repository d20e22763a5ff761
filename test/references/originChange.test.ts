// A change of clinikapi.baseUrl alone (the same key): another ClinikAPI, so every name read from
// the old origin goes, and what is shown is read again from the new one, even for a read that was
// under way when the base URL changed. Two HTTP servers on 127.0.0.1 play the two origins; they
// name the same patient ids differently.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DocumentReference } from '../../shared/protocol';
import { DocumentResolutions, type DocumentResolution } from '../../client/src/ids/documentResolutions';
import { cacheKey, type Resolution } from '../../client/src/ids/referenceResolver';
import { harness, TEST_KEY } from './helpers';

interface Origin {
  url: string;
  reads: string[];
  /** Ids whose answer waits until `release()`. */
  held: Set<string>;
  release(): void;
  close(): Promise<void>;
}

async function origin(label: string): Promise<Origin> {
  let waiting: Array<() => void> = [];
  const o = { reads: [] as string[], held: new Set<string>() };
  const server: Server = createServer((req, res) => {
    const id = decodeURIComponent(req.url!.split('/').pop()!);
    o.reads.push(id);
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { id, fullName: `${label} ${id}`, active: true } }));
    };
    if (o.held.has(id)) waiting.push(answer);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(o, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    release() {
      o.held.clear();
      for (const w of waiting) w();
      waiting = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

const ref = (id: string): DocumentReference => ({ kind: 'patient', id, path: 'patientId', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
const nameOf = (r: Resolution | undefined) => (r?.state === 'resolved' && r.resource.kind === 'patient' ? r.resource.name : r?.state);

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(condition(), 'timed out');
}

describe('a new base URL (same key): nothing read from the old origin stays', () => {
  let oldOrigin: Origin;
  let newOrigin: Origin;
  before(async () => {
    oldOrigin = await origin('Old');
    newOrigin = await origin('New');
  });
  after(async () => {
    await oldOrigin.close();
    await newOrigin.close();
  });
  beforeEach(() => {
    for (const o of [oldOrigin, newOrigin]) {
      o.reads.length = 0;
      o.release();
    }
  });

  it("the resolver's memory is per origin: an answer of the old one is never given for the new one", async () => {
    const h = harness(oldOrigin.url, TEST_KEY);
    assert.equal(nameOf(await h.resolver.resolve('patient', 'pat_1')), 'Old pat_1');
    h.reads.configure(TEST_KEY, newOrigin.url);
    // Even before (or without) a clear: what is known is what the new origin said, which is nothing yet.
    assert.equal(nameOf(h.resolver.peek('patient', 'pat_1')), 'notResolved');
    assert.equal(nameOf(await h.resolver.resolve('patient', 'pat_1')), 'New pat_1');
    assert.deepEqual(newOrigin.reads, ['pat_1']);
  });

  it('a read under way when the base URL changes answers from the new origin', async () => {
    const h = harness(oldOrigin.url, TEST_KEY);
    oldOrigin.held.add('pat_1');
    const asked = h.resolver.resolve('patient', 'pat_1');
    await until(() => oldOrigin.reads.length === 1);
    // What the reference service does on a change of clinikapi.baseUrl.
    h.reads.configure(TEST_KEY, newOrigin.url);
    h.resolver.clear();
    oldOrigin.release();
    assert.equal(nameOf(await asked), 'New pat_1');
    assert.equal(nameOf(h.resolver.peek('patient', 'pat_1')), 'New pat_1');
    assert.deepEqual(newOrigin.reads, ['pat_1']);
  });

  it("a document's names, hints and warnings: none from the old origin once the base URL changed", async () => {
    const h = harness(oldOrigin.url, TEST_KEY);
    const updates: DocumentResolution[] = [];
    const docs = new DocumentResolutions(h.resolver, (_uri, result) => updates.push(result), { debounceMs: 1 });
    // pat_2 is known from the old origin already; pat_1 is being read from it when the URL changes.
    assert.equal(nameOf(await h.resolver.resolve('patient', 'pat_2')), 'Old pat_2');
    oldOrigin.held.add('pat_1');
    const list = async () => ({ version: 1, references: [ref('pat_2'), ref('pat_1')] });
    const running = docs.now('file:///a', list);
    await until(() => oldOrigin.reads.includes('pat_1'));
    h.reads.configure(TEST_KEY, newOrigin.url);
    h.resolver.clear();
    docs.clear();
    oldOrigin.release();
    const result = await running;
    for (const r of [result, docs.get('file:///a'), ...updates]) {
      if (!r) continue;
      assert.deepEqual([...r.resolutions.values()].map(nameOf).sort(), ['New pat_1', 'New pat_2']);
    }
    assert.ok(result, 'the document is resolved again, from the new origin');
    assert.equal(nameOf(result.resolutions.get(cacheKey('patient', 'pat_1'))), 'New pat_1');
    // Marked with the scope it is of, which the reference service compares before showing it.
    assert.equal(result.scope, h.resolver.scope);
    h.reads.configure(TEST_KEY, oldOrigin.url);
    assert.notEqual(result.scope, h.resolver.scope);
    docs.dispose();
  });
});
