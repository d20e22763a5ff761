import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { cli, lines } from './cliProcess';
import { startEmulator, TEST_KEY } from '../references/helpers';


/** The fixture's names and birth dates, and the words of the texts the findings are on. */
const NEVER_PRINTED = ['Jane', 'John', 'Doe', 'Alice', 'Sample', '1990-03-15', '1985-11-02', '45-year-old', 'Smith', '02/11/1961', 'prednisolone'];

describe('clinikdoc check --resolve: the text against the resolved patient, and copy-forward', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('an age, a sex, a date of birth and a surname that are not the patient\'s are warnings on the words; a paragraph of another patient\'s file is a note naming it', async () => {
    emu.reset();
    const result = await cli({ CLINIKAPI_SECRET_KEY: TEST_KEY, CLINIKAPI_BASE_URL: emu.url }, 'check', '--resolve', 'patientText/*.clinikdoc.json');
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(lines(result.stdout), [
      'patientText/copied.clinikdoc.json:11:16 information This paragraph is also in patientText/mismatch.clinikdoc.json, a document of another patient: was it copied forward?',
      'patientText/mismatch.clinikdoc.json:9:38 warning This age does not fit the birth date ClinikAPI has for patient pat_123: is the text about another patient?',
      'patientText/mismatch.clinikdoc.json:9:50 warning This sex is not the gender ClinikAPI has for patient pat_123: is the text about another patient?',
      'patientText/mismatch.clinikdoc.json:10:47 warning This date of birth is not the one ClinikAPI has for patient pat_123: is the text about another patient?',
      'patientText/mismatch.clinikdoc.json:11:35 warning This surname is not the one ClinikAPI has for patient pat_123: is the text about another patient?',
      'patientText/mismatch.clinikdoc.json:14:16 information This paragraph is also in patientText/copied.clinikdoc.json, a document of another patient: was it copied forward?',
    ]);
    assert.equal(lines(result.stderr).at(-1), '3 files checked: 0 errors, 4 warnings.');
    for (const word of NEVER_PRINTED) assert.ok(!result.stdout.includes(word) && !result.stderr.includes(word), `"${word}" printed`);
    // The patients and practitioners of the three files, each read once for the run.
    assert.deepEqual(emu.state.reads, { '/v1/patients/{id}': 2, '/v1/practitioners/{id}': 2 });
  });

  it('--strict makes the text\'s warnings errors (exit 1), with their codes in --format json; copy-forward stays a note', async () => {
    const result = await cli({ CLINIKAPI_SECRET_KEY: TEST_KEY, CLINIKAPI_BASE_URL: emu.url }, 'check', '--resolve', '--strict', '--format', 'json', 'patientText/*.clinikdoc.json');
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout) as { files: { file: string; problems: { severity: string; code: string; column: number; endColumn: number }[] }[] };
    const byFile = Object.fromEntries(report.files.map((f) => [f.file, f.problems.map((p) => [p.severity, p.code])]));
    assert.deepEqual(byFile, {
      'patientText/agrees.clinikdoc.json': [],
      'patientText/copied.clinikdoc.json': [['information', 'copy-forward']],
      'patientText/mismatch.clinikdoc.json': [
        ['error', 'age-mismatch'],
        ['error', 'sex-mismatch'],
        ['error', 'birth-date-mismatch'],
        ['error', 'surname-mismatch'],
        ['information', 'copy-forward'],
      ],
    });
    const age = report.files.find((f) => f.file.endsWith('mismatch.clinikdoc.json'))!.problems[0]!;
    assert.equal(age.endColumn - age.column, '45-year-old'.length, 'on exactly the words');
  });
});
