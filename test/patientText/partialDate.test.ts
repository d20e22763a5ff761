import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agreesWith, parseRecordDate, possibleAges, referenceDay } from '../../client/src/patientText/partialDate';
import { dateAt } from '../../client/src/patientText/writtenDates';

describe('possibleAges', () => {
  const on = (s: string) => referenceDay(s);
  it('is the age reached, up to the difference of the years', () => {
    assert.deepEqual(possibleAges({ year: 1952, month: 3, day: 15 }, on('2025-03-14')), { min: 72, max: 73 });
    assert.deepEqual(possibleAges({ year: 1952, month: 3, day: 15 }, on('2025-03-15')), { min: 73, max: 73 });
    assert.deepEqual(possibleAges({ year: 2000, month: 2, day: 29 }, on('2025-02-28')), { min: 24, max: 25 });
    assert.deepEqual(possibleAges({ year: 2000, month: 2, day: 29 }, on('2025-03-01')), { min: 25, max: 25 });
  });

  it('widens for a birth month or year only, and is undefined before the birth', () => {
    assert.deepEqual(possibleAges({ year: 1952, month: 3 }, on('2025-03-31')), { min: 72, max: 73 });
    assert.deepEqual(possibleAges({ year: 1952, month: 3 }, on('2025-04-01')), { min: 73, max: 73 });
    assert.deepEqual(possibleAges({ year: 1952 }, on('2025-12-31')), { min: 72, max: 73 });
    assert.deepEqual(possibleAges({ year: 2025, month: 6, day: 1 }, on('2025-06-20')), { min: 0, max: 0 });
    assert.equal(possibleAges({ year: 2025, month: 6, day: 21 }, on('2025-06-20')), undefined);
    assert.equal(possibleAges({ year: 2026 }, on('2025-06-20')), undefined);
  });
});

describe('parseRecordDate and agreesWith', () => {
  it('reads YYYY, YYYY-MM, YYYY-MM-DD and the day of a date-time, and nothing invalid', () => {
    assert.deepEqual(parseRecordDate('1952'), { year: 1952 });
    assert.deepEqual(parseRecordDate('1952-03'), { year: 1952, month: 3 });
    assert.deepEqual(parseRecordDate('2025-01-15T10:00:00Z'), { year: 2025, month: 1, day: 15 });
    for (const bad of ['1952-13', '1952-02-30', '15/03/1952', '', 'unknown']) assert.equal(parseRecordDate(bad), undefined, bad);
  });

  it('agrees in every part both know', () => {
    assert.ok(agreesWith({ year: 1952, month: 3 }, { year: 1952, month: 3, day: 15 }));
    assert.ok(agreesWith({ year: 1952, month: 3, day: 15 }, { year: 1952 }));
    assert.ok(!agreesWith({ year: 1952, month: 4 }, { year: 1952, month: 3, day: 15 }));
    assert.ok(!agreesWith({ year: 1953 }, { year: 1952, month: 3, day: 15 }));
  });
});

describe('dateAt', () => {
  it('gives every valid reading, and none for an invalid date', () => {
    assert.deepEqual(dateAt('03/04/1961', 0)?.readings, [{ year: 1961, month: 4, day: 3 }, { year: 1961, month: 3, day: 4 }]);
    assert.deepEqual(dateAt('15/03/52', 0)?.readings, [{ year: 1952, month: 3, day: 15 }, { year: 2052, month: 3, day: 15 }]);
    assert.equal(dateAt('31/02/1952', 0), undefined);
    assert.equal(dateAt('15/03/19521', 0), undefined);
    assert.deepEqual(dateAt('x 1 Sept 1952.', 2), { start: 2, end: 13, readings: [{ year: 1952, month: 9, day: 1 }] });
  });
});
