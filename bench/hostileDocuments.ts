/**
 * Hostile but legal documents: under ClinikAPI's 1 MB body limit, valid JSON, and each one a
 * stress on a path that used to be quadratic. Deterministic, so the bench, the LSP
 * tests and both servers see the same bytes.
 */

/** ClinikAPI's body limit (the SDK's 1 MB). */
export const BODY_LIMIT = 1024 * 1024;

export interface HostileDocument {
  name: string;
  text: string;
  /** What a correct server reports on it. */
  expected: {
    /** Count of each diagnostic code (ours). */
    codes: Record<string, number>;
  };
}

function header(): Record<string, unknown> {
  return {
    status: 'final',
    type: 'discharge-summary',
    patientId: 'pat_8d2f1c',
    practitionerId: 'prac_3e9a44',
    title: 'Discharge Summary',
    sections: [{ title: 'Hospital Course', text: 'Admitted with fever.' }],
  };
}

/** The generated unknown key number `i`: `note00001` … (all of one length). */
export function unknownKeyName(i: number): string {
  return `note${String(i).padStart(5, '0')}`;
}

/**
 * `count` unknown keys in the document's top-level object, pretty-printed. 60,000 of them make
 * about 1,000 KB.
 */
export function manyUnknownKeysDocument(count = 60_000): HostileDocument {
  const value: Record<string, unknown> = header();
  for (let i = 0; i < count; i++) value[unknownKeyName(i)] = 0;
  return { name: `${formatThousands(count)} unknown keys`, text: JSON.stringify(value, null, 1), expected: { codes: { 'unknown-property': count } } };
}

/**
 * `perSection` unknown keys in each of `sections` sections (`n0000` …, the same names in every
 * section), pretty-printed one space per level: 50 × 1,200 make about 900 KB. The diagnostics
 * are spread over many objects, not one.
 */
export function unknownKeysInSectionsDocument(sections = 50, perSection = 1_200): HostileDocument {
  const value = header();
  value.sections = Array.from({ length: sections }, (_, s) => {
    const section: Record<string, unknown> = { title: `Section ${s + 1}`, text: s === 0 ? 'Admitted with fever.' : 'Stable.' };
    for (let i = 0; i < perSection; i++) section[`n${String(i).padStart(4, '0')}`] = 0;
    return section;
  });
  return {
    name: `${formatThousands(sections)} sections × ${formatThousands(perSection)} unknown keys`,
    text: JSON.stringify(value, null, 1),
    expected: { codes: { 'unknown-property': sections * perSection } },
  };
}

/**
 * The known key `"title"` repeated `count` times in the top-level object (the last one wins, so
 * `count - 1` duplicate-key warnings), pretty-printed. JSON.stringify cannot write a repeated
 * key, so the lines are put together by hand.
 */
export function manyDuplicateKeysDocument(count = 60_000): HostileDocument {
  const lines = ['{'];
  for (const [key, value] of Object.entries(header())) {
    if (key !== 'title') lines.push(` ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  }
  for (let i = 0; i < count; i++) lines.push(` "title": "T${i % 10}"${i === count - 1 ? '' : ','}`);
  lines.push('}');
  return { name: `${formatThousands(count)} duplicate keys`, text: lines.join('\n'), expected: { codes: { 'duplicate-key': count - 1 } } };
}

/**
 * One unknown key of `length` characters in the top-level object: `titl` followed by `e`s, so
 * that it starts like a known key but is nowhere near one (no rename is offered).
 */
export function longUnknownKeyDocument(length = 400_000): HostileDocument & { key: string } {
  const key = 'titl' + 'e'.repeat(length - 4);
  const value: Record<string, unknown> = { ...header(), [key]: 'x' };
  return { name: `one ${formatThousands(length)}-character unknown key`, text: JSON.stringify(value, null, 2), key, expected: { codes: { 'unknown-property': 1 } } };
}

function formatThousands(n: number): string {
  return n.toLocaleString('en-US');
}
