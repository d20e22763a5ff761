import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { DocumentResolutions, type DocumentResolution } from '../../client/src/ids/documentResolutions';
import type { DocumentReference, ReferencesResult } from '../../shared/protocol';
import { harness, startEmulator, TEST_KEY } from './helpers';

const ref = (kind: DocumentReference['kind'], id: string, path: string): DocumentReference => ({
  kind,
  id,
  path,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
});

describe('document resolutions: debounced, each distinct id once', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('nothing is read while typing; after the pause, one list and one read per distinct id; the result names the problems', async () => {
    emu.reset();
    const h = harness(emu.url, TEST_KEY);
    const updates: DocumentResolution[] = [];
    let listed = 0;
    let done: () => void;
    const settled = new Promise<void>((r) => (done = r));
    const docs = new DocumentResolutions(h.resolver, (_uri, result) => {
      updates.push(result);
      done();
    }, { debounceMs: 50 });
    let version = 0;
    const list = async (): Promise<ReferencesResult> => {
      listed++;
      return {
        version,
        references: [
          ref('patient', 'pat_123', 'patientId'),
          ref('encounter', 'enc_654', 'encounterId'),
          ref('practitioner', 'prac_789', 'practitionerId'),
          ref('practitioner', 'prac_789', 'attester[0].partyId'),
          ref('practitioner', 'prac_798', 'sections[0].authorId'),
        ],
      };
    };
    for (let i = 0; i < 30; i++) {
      version++;
      docs.changed('file:///a', list);
    }
    assert.equal(listed, 0);
    assert.deepEqual(emu.state.reads, {}, 'nothing read while typing');
    await settled;
    assert.equal(listed, 1);
    assert.equal(updates.length, 1);
    assert.equal(updates[0]!.version, 30);
    assert.deepEqual(emu.state.reads, { '/v1/patients/{id}': 1, '/v1/encounters/{id}': 1, '/v1/practitioners/{id}': 2 });
    assert.deepEqual(updates[0]!.findings.map((f) => [f.reference.path, f.code]), [
      ['encounterId', 'encounter-of-another-patient'],
      ['sections[0].authorId', 'unknown-id'],
    ]);
    // Again (another edit): from memory, no read.
    const again = await docs.now('file:///a', list);
    assert.equal(again?.findings.length, 2);
    assert.deepEqual(emu.state.reads, { '/v1/patients/{id}': 1, '/v1/encounters/{id}': 1, '/v1/practitioners/{id}': 2 });
    docs.closed('file:///a');
    assert.equal(docs.get('file:///a'), undefined);
    docs.dispose();
  });
});
