import { mayExist } from '../api/outcome';
import type { SubmitResult } from '../submit/submitFlow';
import type { HistoryEntry } from '../record/submissionHistory';

/**
 * The history entry of one Submit: created (with its id), may exist (no clear answer), or failed
 * (ClinikAPI refused it; nothing was created). Nothing when nothing was sent.
 */
export function submissionEntry(
  result: SubmitResult,
  context: { file: string; sentAt: Date; now: Date; origin: string; keyKind: 'test' | 'live'; fingerprint: string },
): Omit<HistoryEntry, 'key'> | undefined {
  if (result.kind !== 'sent') return undefined;
  const { outcome } = result;
  return {
    file: context.file,
    action: 'create',
    sentAt: context.sentAt.toISOString(),
    time: context.now.toISOString(),
    origin: context.origin,
    keyKind: context.keyKind,
    outcome: outcome.kind === 'created' ? 'created' : mayExist(outcome) ? 'mayExist' : 'failed',
    documentId: outcome.kind === 'created' ? outcome.id : undefined,
    requestId: outcome.requestId,
    fingerprint: context.fingerprint,
  };
}
