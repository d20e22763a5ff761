import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CopyForwardFeed } from '../../client/src/copyForward/copyForwardFeed';

const shared = 'Admitted with an exacerbation of chronic obstructive pulmonary disease and treated with nebulised bronchodilators and a five-day course of oral prednisolone.';
const doc = (patientId: string, text: string) => JSON.stringify({ patientId, title: 'Letter', sections: [{ title: 'Course', text }] }, null, 2);

/** A disk of files, counting the reads of each; `gate` holds a read back until it is opened. */
function disk(files: Record<string, string>) {
  const reads = new Map<string, number>();
  let gate: Promise<void> | undefined;
  return {
    files,
    reads,
    hold() {
      let open!: () => void;
      gate = new Promise((r) => (open = r));
      return () => {
        gate = undefined;
        open();
      };
    },
    read: async (uri: string) => {
      reads.set(uri, (reads.get(uri) ?? 0) + 1);
      const text = files[uri];
      if (gate) await gate;
      return text;
    },
  };
}

const label = (uri: string) => uri.replace('file:///w/', '');
const A = 'file:///w/a.clinikdoc.json';
const B = 'file:///w/b.clinikdoc.json';
const C = 'file:///w/c.clinikdoc.json';

describe('CopyForwardFeed: the workspace indexed, each file read once', () => {
  it('reads every file the editor does not hold once at the start, and finds the paragraph of another patient in the document, on its words', async () => {
    const d = disk({ [A]: doc('pat_a', shared), [B]: doc('pat_b', 'Seen in clinic.'), [C]: doc('pat_c', 'Seen again.') });
    let changes = 0;
    const feed = new CopyForwardFeed({ read: d.read, onIndexChanged: () => void changes++, concurrency: 2 });
    feed.fromEditor(C, d.files[C]!, false);
    await feed.start([A, B, C]);
    assert.deepEqual(Object.fromEntries(d.reads), { [A]: 1, [B]: 1 }, 'C came from the editor');
    assert.ok(changes >= 2);
    const text = doc('pat_b', `Seen in clinic.\n${shared}`);
    const [problem, ...rest] = feed.problems(B, text, label);
    assert.deepEqual(rest, []);
    assert.equal(JSON.parse(`"${text.slice(problem!.start, problem!.end)}"`), shared);
    assert.equal(problem!.otherFile, A);
    assert.equal(problem!.message, 'This paragraph is also in a.clinikdoc.json, a document of another patient: was it copied forward?');
    assert.deepEqual(feed.problems(B, doc('pat_a', shared), label), [], 'the same patient copies nothing forward');
  });

  it('a file the editor holds is never read: its edits and saves come from the editor, its changes on disk are ignored', async () => {
    const d = disk({ [A]: doc('pat_a', 'Short.') });
    const feed = new CopyForwardFeed({ read: d.read });
    await feed.start([A]);
    feed.fromEditor(A, doc('pat_a', shared), true);
    await feed.diskChanged(A);
    feed.fromEditor(A, doc('pat_a', shared), false);
    await feed.diskChanged(A);
    await feed.closed(A); // saved: disk holds what was indexed
    assert.deepEqual(Object.fromEntries(d.reads), { [A]: 1 });
    assert.equal(feed.problems(B, doc('pat_b', shared), label).length, 1, 'the editor\'s text was indexed');
  });

  it('a document closed with unsaved text is read once for what is on disk; a file changed on disk once per change', async () => {
    const d = disk({ [A]: doc('pat_a', shared) });
    const feed = new CopyForwardFeed({ read: d.read });
    await feed.start([A]);
    feed.fromEditor(A, doc('pat_a', 'Unsaved, then discarded.'), true);
    assert.equal(feed.problems(B, doc('pat_b', shared), label).length, 0);
    await feed.closed(A);
    assert.equal(feed.problems(B, doc('pat_b', shared), label).length, 1, 'back to what is on disk');
    d.files[A] = doc('pat_a', 'Rewritten by another program.');
    await feed.diskChanged(A);
    assert.equal(feed.problems(B, doc('pat_b', shared), label).length, 0);
    assert.equal(d.reads.get(A), 3);
    feed.deleted(A);
    assert.equal(feed.index.size, 0);
  });

  it('a read that ends after the editor gave the file\'s text never overwrites it', async () => {
    const d = disk({ [A]: doc('pat_a', 'Old text on disk.') });
    const feed = new CopyForwardFeed({ read: d.read });
    const open = d.hold();
    const started = feed.start([A]);
    feed.fromEditor(A, doc('pat_a', shared), false);
    open();
    await started;
    assert.equal(feed.problems(B, doc('pat_b', shared), label).length, 1);
  });

  it('a file that cannot be read, or is too long to be a document, is not indexed', async () => {
    const d = disk({ [B]: doc('pat_b', `${shared} `.repeat(50)) });
    const feed = new CopyForwardFeed({ read: async (uri) => (uri === A ? Promise.reject(new Error('EACCES')) : d.read(uri)), maxChars: 1000 });
    await feed.start([A, B]);
    assert.equal(feed.index.size, 0);
  });
});
