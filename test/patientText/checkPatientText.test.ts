import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vm from 'node:vm';
import { builtinModules } from 'node:module';
import * as esbuild from 'esbuild';
import { checkPatientText } from '../../client/src/patientText/patientTextChecks';
import { jane } from './checkText';
import { loadCorpus } from './corpusScore';

const root = join(__dirname, '..', '..');

describe('checkPatientText', () => {
  it('checks each segment on its own and gives offsets into it, in segment order', () => {
    const title = 'Discharge summary for Mrs Patel';
    const body = 'Admitted with a fall.\nShe is a 45-year-old woman. DOB 15/03/1957.';
    const found = checkPatientText({
      segments: [
        { id: 'title', text: title },
        { id: 'sections[0].text', text: body },
      ],
      patient: jane,
      documentDate: '2025-06-20',
    });
    assert.deepEqual(
      found.map((f) => [f.code, f.segment, (f.segment === 'title' ? title : body).slice(f.start, f.end)]),
      [
        ['surname-mismatch', 'title', 'Mrs Patel'],
        ['age-mismatch', 'sections[0].text', '45-year-old'],
        ['birth-date-mismatch', 'sections[0].text', '15/03/1957'],
      ],
    );
  });

  it('keeps in a finding only what shows it: code, segment, offsets and message', () => {
    const [finding] = checkPatientText({ segments: [{ id: 's', text: 'Mrs Doe is a 45-year-old woman.' }], patient: jane, documentDate: '2025-06-20' });
    assert.deepEqual(Object.keys(finding ?? {}).sort(), ['code', 'end', 'message', 'segment', 'start']);
  });

  it('gives nothing for an empty document or a patient with nothing to compare', () => {
    assert.deepEqual(checkPatientText({ segments: [], patient: jane }), []);
    assert.deepEqual(checkPatientText({ segments: [{ id: 's', text: '' }], patient: jane }), []);
    assert.deepEqual(checkPatientText({ segments: [{ id: 's', text: 'Mrs Patel is a 45-year-old man. DOB 01/01/1990.' }], patient: { id: 'pat_1' } }), []);
  });

  it('logs nothing (the texts and findings are PHI)', () => {
    const corpus = loadCorpus();
    const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;
    const saved = methods.map((m) => console[m]);
    let calls = 0;
    for (const m of methods) console[m] = () => void calls++;
    try {
      for (const s of corpus.sentences) {
        checkPatientText({ segments: [{ id: 's', text: s.text }], patient: corpus.patients[s.patient]!, documentDate: corpus.documentDate, clinicianNames: corpus.clinicianNames });
      }
    } finally {
      methods.forEach((m, i) => (console[m] = saved[i] as never));
    }
    assert.equal(calls, 0);
  });

  it('runs in a bare JavaScript realm, as in a web worker: no Node built-in, no process, no Buffer', async () => {
    const result = await esbuild.build({
      stdin: {
        contents: "export { checkPatientText } from './client/src/patientText/patientTextChecks'; export { CopyForwardIndex } from './client/src/patientText/copyForward';",
        loader: 'ts',
        resolveDir: root,
      },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'patientText',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    assert.deepEqual(Object.keys(result.metafile.inputs).filter((i) => builtins.has(i) || i.startsWith('node:')), []);
    assert.deepEqual(Object.keys(result.metafile.inputs).filter((i) => !i.startsWith('client/src/patientText/') && i !== '<stdin>'), []);
    const realm = vm.createContext({});
    vm.runInContext(`${result.outputFiles[0]!.text}; globalThis.patientText = patientText;`, realm);
    const exported = realm.patientText as {
      checkPatientText: typeof checkPatientText;
      CopyForwardIndex: new () => { update(f: string, p: string, t: Array<{ id: string; text: string }>): void; matches(f: string, p: string, t: Array<{ id: string; text: string }>): unknown[] };
    };
    assert.equal(vm.runInContext('typeof process + typeof Buffer + typeof require', realm), 'undefinedundefinedundefined');
    const found = exported.checkPatientText({ segments: [{ id: 's', text: 'Re: Mrs Patel\nShe is a 45-year-old man.' }], patient: jane, today: '2025-06-20' });
    assert.deepEqual(Array.from(found, (f) => f.code), ['surname-mismatch', 'age-mismatch', 'sex-mismatch']); // an array of this realm
    const index = new exported.CopyForwardIndex();
    const paragraph = 'Mrs Patel is a 45-year-old woman with type 2 diabetes, hypertension and a previous left mastectomy in 2015.';
    index.update('file:///a.clinikdoc.json', 'pat_a', [{ id: 's', text: paragraph }]);
    assert.equal(index.matches('file:///b.clinikdoc.json', 'pat_b', [{ id: 's', text: paragraph }]).length, 1);
  });
});
