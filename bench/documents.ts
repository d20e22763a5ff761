/**
 * The benchmark's documents, generated deterministically so every run and both servers see the
 * same bytes. Each is a valid DocumentCreate body; `editOffset` is a character inside the last
 * section's text (the one-character edit), `completionOffset` a place inside the last section
 * where a property name is being typed.
 */
export interface BenchDocument {
  name: string;
  text: string;
  /** Offset of a letter inside the last section's text; the bench toggles it a ↔ b. */
  editOffset: number;
  /** Offset just inside the quotes of the last section's first key (`"|title"`). */
  completionOffset: number;
}

/** Deterministic filler prose of exactly `length` characters, letters, spaces and full stops only. */
export function prose(length: number, seed: number): string {
  const words = ['patient', 'admitted', 'with', 'fever', 'cough', 'treated', 'oral', 'antibiotics', 'stable', 'discharged', 'follow', 'up', 'clinic', 'review', 'chest', 'x', 'ray', 'clear', 'afebrile', 'since', 'day'];
  const parts: string[] = [];
  let size = 0;
  let state = seed * 2654435761 >>> 0;
  while (size < length) {
    state = (state * 1103515245 + 12345) >>> 0;
    const word = words[state % words.length]!;
    const piece = (state & 0x700) === 0 ? `${word}. ` : `${word} `;
    parts.push(piece);
    size += piece.length;
  }
  return parts.join('').slice(0, length - 1) + '.';
}

function header(): Record<string, unknown> {
  return {
    status: 'final',
    type: 'discharge-summary',
    category: ['inpatient'],
    patientId: 'pat_8d2f1c',
    encounterId: 'enc_51a0b7',
    practitionerId: 'prac_3e9a44',
    title: 'Discharge Summary',
    date: '2025-01-15T16:45:00Z',
    confidentiality: 'N',
    attester: [{ mode: 'professional', time: '2025-01-15T16:45:00Z', partyId: 'prac_3e9a44' }],
    custodianId: 'org_001',
  };
}

function finish(name: string, value: { sections: { text: string }[] }): BenchDocument {
  const text = JSON.stringify(value, null, 2);
  const last = value.sections[value.sections.length - 1]!;
  const lastSectionStart = text.lastIndexOf('\n    {\n      "title"');
  const completionOffset = text.indexOf('"title"', lastSectionStart) + 1;
  const textStart = text.indexOf(JSON.stringify(last.text), lastSectionStart) + 1;
  // A letter in the middle of the last section's text.
  let editOffset = textStart + Math.floor(last.text.length / 2);
  while (!/[a-z]/.test(text[editOffset]!)) editOffset++;
  if (lastSectionStart < 0 || completionOffset <= 0 || textStart <= 0) throw new Error(`bench document ${name}: anchors not found`);
  return { name, text, editOffset, completionOffset };
}

/** A typical discharge summary, about 1.5 KB. */
export function typicalDocument(): BenchDocument {
  const sections = [
    { title: 'Diagnosis', code: '11535-2', text: 'Community-acquired pneumonia, right lower lobe.', resourceIds: ['cond_77'], mode: 'snapshot' },
    { title: 'Hospital Course', text: 'Admitted with fever and productive cough. Treated with IV antibiotics, switched to oral on day 3.', sections: [{ title: 'Day 1', text: 'Blood cultures drawn.' }] },
    { title: 'Medications on Discharge', code: '10183-2', text: 'Amoxicillin 1 g three times daily for 5 days. Paracetamol as needed.' },
    { title: 'Follow-up', text: prose(420, 1) },
  ];
  return finish('typical', { ...header(), sections });
}

/** The largest legal body: 50 sections of 50,000 characters (about 2.5 MB). */
export function maximalDocument(): BenchDocument {
  const sections = Array.from({ length: 50 }, (_, i) => ({ title: `Section ${i + 1}`, code: '11535-2', text: prose(50_000, i + 7) }));
  return finish('maximal', { ...header(), sections });
}

/** Many nodes: 50 sections of 200 sub-sections each (about 1.3 MB). */
export function deepDocument(): BenchDocument {
  const sections = Array.from({ length: 50 }, (_, i) => ({
    title: `Section ${i + 1}`,
    text: prose(200, i + 11),
    sections: Array.from({ length: 200 }, (_, j) => ({ title: `Note ${j + 1}`, code: `c${j}`, text: prose(34, i * 200 + j) })),
  }));
  return finish('deep', { ...header(), sections });
}

/** Line and character (UTF-16) of an offset. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
