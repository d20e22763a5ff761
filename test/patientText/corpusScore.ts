// Scores checkPatientText against the labelled corpus (test/fixtures/patientText/corpus.json):
// each sentence is checked alone, as one segment, against its patient, and its finding codes are
// compared with its labels as multisets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPatientText, type PatientFacts, type PatientTextCode } from '../../client/src/patientText/patientTextChecks';

export interface CorpusSentence {
  split: 'tuning' | 'holdout';
  patient: string;
  text: string;
  expect: PatientTextCode[];
  documentDate?: string;
}

export interface Corpus {
  documentDate: string;
  clinicianNames: string[];
  patients: Record<string, PatientFacts>;
  sentences: CorpusSentence[];
}

export interface Score {
  truePositives: number;
  /** Findings made: the n of precision. */
  found: number;
  /** Findings labelled: the n of recall. */
  expected: number;
  precision: number;
  recall: number;
  /** Sentences whose codes differ from their labels, for reading. */
  wrong: Array<{ sentence: CorpusSentence; got: PatientTextCode[] }>;
}

export function loadCorpus(): Corpus {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'patientText', 'corpus.json'), 'utf8')) as Corpus;
}

export function score(corpus: Corpus, sentences: readonly CorpusSentence[] = corpus.sentences): Score {
  let truePositives = 0;
  let found = 0;
  let expected = 0;
  const wrong: Score['wrong'] = [];
  for (const sentence of sentences) {
    const patient = corpus.patients[sentence.patient];
    if (!patient) throw new Error(`corpus: no patient ${sentence.patient}`);
    const got = checkPatientText({
      segments: [{ id: 'text', text: sentence.text }],
      patient,
      documentDate: sentence.documentDate ?? corpus.documentDate,
      clinicianNames: corpus.clinicianNames,
    }).map((f) => f.code);
    const left = [...sentence.expect];
    for (const code of got) {
      const i = left.indexOf(code);
      if (i >= 0) {
        left.splice(i, 1);
        truePositives++;
      }
    }
    found += got.length;
    expected += sentence.expect.length;
    if (left.length > 0 || got.length !== sentence.expect.length) wrong.push({ sentence, got });
  }
  return { truePositives, found, expected, precision: found === 0 ? 1 : truePositives / found, recall: expected === 0 ? 1 : truePositives / expected, wrong };
}
