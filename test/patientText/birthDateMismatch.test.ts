import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codes, findings, jane, marked } from './checkText';

describe('birth-date-mismatch', () => {
  it('reads the date after DOB, date of birth, birth date and born, in the usual ways of writing it', () => {
    const forms: Array<[string, string]> = [
      ['DOB: 15/03/1957', '15/03/1957'],
      ['D.O.B. 16/03/1952', '16/03/1952'],
      ['DoB 1952-05-13', '1952-05-13'],
      ['Date of birth 1952/03/16.', '1952/03/16'],
      ['Birth date: 15 March 1953', '15 March 1953'],
      ['She was born on 14 March 1952 in Kingston.', '14 March 1952'],
      ['She was born on the 15th of April 1952.', '15th of April 1952'],
      ['Born March 16, 1952.', 'March 16, 1952'],
      ['Born Mar. 16th 1952.', 'Mar. 16th 1952'],
      ['Born 15-Apr-1952.', '15-Apr-1952'],
      ['DOB 15.03.62', '15.03.62'],
      ['She was born in April 1952.', 'April 1952'],
      ['Born in 1953, she grew up in Leeds.', '1953'],
      ['Mrs Doe (DOB 15/08/1952) is known to the heart failure service.', '15/08/1952'],
    ];
    for (const [text, date] of forms) assert.deepEqual(marked(text), [`birth-date-mismatch: ${date}`], text);
  });

  it('says what the text says and the recorded birth date', () => {
    assert.equal(findings('DOB: 03/04/1961')[0]?.message, 'The text gives the date of birth as 03/04/1961; Jane Doe (pat_123) was born 1952-03-15.');
  });

  it('accepts either reading of a day and month that can be swapped, and either century of two digits', () => {
    assert.deepEqual(codes('DOB 03/15/1952'), []); // March 15, US order
    assert.deepEqual(codes('DOB 15/03/1952'), []);
    assert.deepEqual(codes('DOB 15.03.52'), []);
    const april = { ...jane, birthDate: '1961-04-03' };
    assert.deepEqual(codes('DOB: 03/04/1961', april), []);
    assert.deepEqual(codes('DOB: 04/03/1961', april), []);
    assert.deepEqual(codes('DOB: 05/03/1961', april), ['birth-date-mismatch']);
  });

  it('compares only what both the text and the record know', () => {
    assert.deepEqual(codes('Born 1952.'), []);
    assert.deepEqual(codes('Date of birth: March 1952.'), []);
    const yearOnly = { ...jane, birthDate: '1952' };
    assert.deepEqual(codes('DOB 01/01/1952', yearOnly), []);
    assert.deepEqual(codes('DOB 01/01/1953', yearOnly), ['birth-date-mismatch']);
    const yearMonth = { ...jane, birthDate: '1952-03' };
    assert.deepEqual(codes('DOB 28/03/1952', yearMonth), []);
    assert.deepEqual(codes('DOB 28/04/1952', yearMonth), ['birth-date-mismatch']);
    assert.deepEqual(codes('DOB 01/01/1952', { ...jane, birthDate: undefined }), []);
  });

  it('leaves alone dates that are not the patient’s birth', () => {
    for (const text of [
      'She was born at 32 weeks and spent three weeks in the neonatal unit.',
      'She was born in Jamaica and came to the UK in 1961.',
      'Born and raised in Glasgow, she moved to London in 1975.',
      'Admitted 2025-01-10 with a fall.',
      'Date of admission: 10/06/2025. Date of birth: 15/03/1952.',
      'Her son was born on 3 May 1980 and lives in Leeds.',
      "Her son's date of birth is 12/12/1978.",
      "Mother's DOB: 01/01/1930.",
      'The patient’s daughter, born in 1975, works as a pharmacist.',
      'Next of kin: Mr Peter Doe (husband), DOB 01/02/1950.',
      'Priya was born in 1980 and lives nearby.',
      'DOB: see label.',
      'DOB: 31/02/1952',
      'DOB 15/03',
      'Born 2099.',
    ]) {
      assert.deepEqual(codes(text), [], text);
    }
  });
});
