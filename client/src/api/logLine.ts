import type { SubmissionOutcome } from './outcome';

/**
 * What the log line of a create says of its outcome (api/clinikApi.ts writes the line): its kind
 * and, for a transport failure, which one. Never the new document's id, nothing from the answer's
 * free text.
 */
export function outcomeWord(o: SubmissionOutcome): { word: string } {
  return { word: o.kind === 'transportFailed' ? `failed: ${o.failure}` : o.kind };
}
