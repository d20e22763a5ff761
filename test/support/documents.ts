import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, 'documents', name), 'utf8');
}

/** A minimal valid document, to be changed one field at a time. */
export function minimalDocument(): Record<string, unknown> {
  return {
    status: 'final',
    type: 'discharge-summary',
    patientId: 'pat_1',
    practitionerId: 'prac_1',
    title: 'Discharge Summary',
    sections: [{ title: 'Diagnosis', text: 'Pneumonia.' }],
  };
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

let counter = 0;
export function nextUri(name = 'doc'): string {
  counter++;
  return `file:///tmp/clinikdoc-tests/${name}-${counter}.clinikdoc.json`;
}
