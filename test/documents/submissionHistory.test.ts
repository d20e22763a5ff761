// The submission history the ClinikAPI view shows: grouped by file, the file's link to its newest
// created document, and nothing but receipt-like facts in the stored value.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStore } from '../../client/src/record/receipts';
import { SubmissionHistory, type HistoryEntry } from '../../client/src/record/submissionHistory';

const base: Omit<HistoryEntry, 'key'> = {
  file: 'file:///w/a.clinikdoc.json',
  action: 'create',
  sentAt: '2026-12-01T10:00:00.000Z',
  time: '2026-12-01T10:00:01.000Z',
  origin: 'http://127.0.0.1:8787',
  keyKind: 'test',
  outcome: 'created',
  documentId: 'comp_1',
};

describe('submission history', () => {
  it('groups by file, newest first, and links a file to its newest created or updated document', async () => {
    const store = new MemoryStore();
    const history = new SubmissionHistory(store);
    let changes = 0;
    history.onDidChange(() => changes++);
    await history.add(base);
    await history.add({ ...base, file: 'file:///w/b.clinikdoc.json', documentId: 'comp_2' });
    const uncertain = await history.add({ ...base, outcome: 'mayExist', documentId: undefined });
    assert.equal(changes, 3);
    assert.deepEqual(history.byFile().map((g) => [g.file, g.entries.length]), [['file:///w/a.clinikdoc.json', 2], ['file:///w/b.clinikdoc.json', 1]]);
    assert.equal(history.linkedDocument(base.file)?.documentId, 'comp_1');
    await history.change(uncertain.key, { outcome: 'created', documentId: 'comp_3', resolvedBy: 'check' });
    assert.equal(history.linkedDocument(base.file)?.documentId, 'comp_3');
    assert.deepEqual([...history.knownDocumentIds(uncertain.key)].sort(), ['comp_1', 'comp_2']);
    // A new instance reads the same state (globalState survives a reload).
    assert.equal(new SubmissionHistory(store).entries().length, 3);
  });

  it('ignores stored values it does not recognise', () => {
    const store = new MemoryStore();
    store.values.set('clinikapi.submissionHistory', [{ key: 'x' }, 'nonsense', { ...base, key: 'ok' }]);
    assert.deepEqual(new SubmissionHistory(store).entries().map((e) => e.key), ['ok']);
  });
});
