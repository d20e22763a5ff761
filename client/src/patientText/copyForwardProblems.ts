import type { CopyForwardIndex, CopyForwardMatch } from './copyForward';
import { documentRange, type DocumentTexts } from './documentTexts';

/** Stable code of the copy-forward diagnostic. */
export const COPY_FORWARD_CODE = 'copy-forward';

/** A paragraph of a document that a document of another patient also holds. */
export interface CopyForwardProblem {
  /** Offsets into the document's text. */
  start: number;
  end: number;
  /** The index's name of the other file (its URI). */
  otherFile: string;
  /** Names the other file as `label` gives it; no words of either text, no patient. */
  message: string;
}

/** The message of a copy-forward problem, the other file named as the person sees it. */
export function copyForwardMessage(otherFileLabel: string): string {
  return `This paragraph is also in ${otherFileLabel}, a document of another patient: was it copied forward?`;
}

/** The index's matches for a document as it is now, placed in its text. */
export function copyForwardProblems(index: CopyForwardIndex, fileUri: string, texts: DocumentTexts, label: (otherFile: string) => string): CopyForwardProblem[] {
  return placeCopyForwardMatches(texts, index.matches(fileUri, texts.patientId, texts.segments), label);
}

/** Matches (of `texts`' segments) placed in the document's text. */
export function placeCopyForwardMatches(texts: DocumentTexts, matches: readonly CopyForwardMatch[], label: (otherFile: string) => string): CopyForwardProblem[] {
  const segments = new Map(texts.segments.map((s) => [s.id, s]));
  const out: CopyForwardProblem[] = [];
  for (const m of matches) {
    const segment = segments.get(m.segment);
    if (!segment) continue;
    const range = documentRange(segment, m.start, m.end);
    out.push({ ...range, otherFile: m.otherFile, message: copyForwardMessage(label(m.otherFile)) });
  }
  return out;
}
