/**
 * A folder of documents as a repository holds them, for `clinikdoc check` at CI scale: generated
 * deterministically (the same bytes every run), about 4 KB each, 2% of them invalid in the ways
 * people get documents wrong. Every file is JSON that `JSON.parse` accepts, so ajv-cli (which stops
 * at the first file it cannot parse) checks the same folder to the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prose } from './documents';

/** One in fifty documents is invalid. */
const INVALID_EVERY = 50;

/** How an invalid document is broken, in turn. */
const BREAKAGES: ((doc: Record<string, unknown>) => void)[] = [
  (doc) => (doc.status = 'draft'),
  (doc) => delete doc.practitionerId,
  (doc) => (doc.title = prose(520, 3)),
  (doc) => (doc.date = '15/01/2025'),
  (doc) => {
    doc.confidentialty = doc.confidentiality;
    delete doc.confidentiality;
  },
  (doc) => (doc.sections = []),
  (doc) => ((doc.attester as Record<string, unknown>[])[0]!.mode = 'witness'),
  (doc) => (doc.category = 'inpatient'),
];

const TYPES = ['discharge-summary', 'referral-letter', 'care-plan', 'operative-report', 'transfer-summary', 'consultation-report'];
const SECTION_TITLES = ['Diagnosis', 'Hospital Course', 'Medications on Discharge', 'Follow-up', 'History', 'Examination', 'Plan', 'Allergies'];

/** Document `i` of the batch: valid unless `i` is a multiple of 50 (then broken by BREAKAGES in turn). */
export function batchDocument(i: number): string {
  const sectionCount = 3 + (i % 4);
  const doc: Record<string, unknown> = {
    status: i % 7 === 0 ? 'preliminary' : 'final',
    type: TYPES[i % TYPES.length],
    category: ['inpatient'],
    patientId: `pat_${(i * 7919).toString(16)}`,
    encounterId: `enc_${(i * 104729).toString(16)}`,
    practitionerId: `prac_${(i % 97).toString(16)}`,
    title: `${SECTION_TITLES[i % SECTION_TITLES.length]} note ${i}`,
    date: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T09:30:00Z`,
    confidentiality: 'N',
    attester: [{ mode: 'professional', time: '2025-01-15T16:45:00Z', partyId: `prac_${(i % 97).toString(16)}` }],
    custodianId: 'org_001',
    sections: Array.from({ length: sectionCount }, (_, s) => ({
      title: SECTION_TITLES[(i + s) % SECTION_TITLES.length],
      ...(s === 0 ? { code: '11535-2' } : {}),
      text: prose(Math.floor(3200 / sectionCount), i * 8 + s),
      ...(s === 1 ? { sections: [{ title: 'Day 1', text: prose(120, i) }] } : {}),
    })),
  };
  if (i % INVALID_EVERY === 0) BREAKAGES[(i / INVALID_EVERY) % BREAKAGES.length]!(doc);
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Writes `count` documents into `dir` (`doc-00000.clinikdoc.json` …), spread over sub-folders of
 * 500 as a repository spreads them. Returns the total size in bytes.
 */
export function writeBatch(dir: string, count: number): number {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `folder-${String(Math.floor(i / 500)).padStart(2, '0')}`);
    if (i % 500 === 0) mkdirSync(folder, { recursive: true });
    const text = batchDocument(i);
    writeFileSync(join(folder, `doc-${String(i).padStart(5, '0')}.clinikdoc.json`), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}
