// checkPatientText over the labelled corpus (test/fixtures/patientText/corpus.json, described in
// its README.md): precision first, since a finding nobody needed teaches people to ignore them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpus, score, type Score } from './corpusScore';

const corpus = loadCorpus();

function listed(s: Score): string {
  return s.wrong.map((w) => `  [${w.sentence.patient}] expected ${JSON.stringify(w.sentence.expect)}, got ${JSON.stringify(w.got)}: ${w.sentence.text}`).join('\n');
}

describe('patient text corpus', () => {
  it('is found with precision >= 0.95 and recall >= 0.9', () => {
    const all = score(corpus);
    const holdout = score(corpus, corpus.sentences.filter((s) => s.split === 'holdout'));
    console.log(`patient text corpus: precision ${all.precision.toFixed(2)} (n=${all.found}), recall ${all.recall.toFixed(2)} (n=${all.expected})`);
    console.log(`patient text corpus, holdout split: precision ${holdout.precision.toFixed(2)} (n=${holdout.found}), recall ${holdout.recall.toFixed(2)} (n=${holdout.expected})`);
    assert.ok(all.precision >= 0.95, `precision ${all.precision.toFixed(3)}:\n${listed(all)}`);
    assert.ok(all.recall >= 0.9, `recall ${all.recall.toFixed(3)}:\n${listed(all)}`);
  });

  it('is what its README says: at least 220 sentences, every code, most of them hard negatives', () => {
    assert.ok(corpus.sentences.length >= 220, `${corpus.sentences.length} sentences`);
    for (const code of ['age-mismatch', 'sex-mismatch', 'birth-date-mismatch', 'surname-mismatch']) {
      assert.ok(corpus.sentences.filter((s) => s.expect.includes(code as never)).length >= 10, code);
    }
    const negatives = corpus.sentences.filter((s) => s.expect.length === 0).length;
    assert.ok(negatives >= corpus.sentences.length / 2, `${negatives} negatives`);
    for (const s of corpus.sentences) assert.ok(corpus.patients[s.patient], `${s.text}: no patient ${s.patient}`);
    const keys = corpus.sentences.map((s) => `${s.patient}|${s.documentDate ?? ''}|${s.text}`);
    assert.equal(new Set(keys).size, keys.length, 'a sentence twice');
  });
});
