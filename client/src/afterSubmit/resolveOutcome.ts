import type { ReceiptStore } from '../record/receipts';
import type { CheckResult } from './createdCheck';
import { describeFailure } from '../api/documentsApi';
import type { HistoryEntry, SubmissionHistory } from '../record/submissionHistory';

/** What the user is told after "Check whether it was created", and what it offers. */
export interface CheckMessage {
  severity: 'info' | 'warning' | 'error';
  text: string;
  /** `submit`: the Submit one click away (only when nothing was found); `open`: the server's copy. */
  actions: Array<'submit' | 'open' | 'copyId'>;
}

/**
 * Applies a check's result: a found document makes the entry "created" with its id (the file is
 * linked to it) and its receipt too, so Submit warns that this content exists; nothing found makes
 * it "not created". Returns the message, which names ids and times only — never a title or a text.
 */
export async function applyCheckResult(
  result: CheckResult,
  entry: HistoryEntry,
  stores: { history: SubmissionHistory; receipts: ReceiptStore },
  formatTime: (iso: string) => string,
): Promise<CheckMessage> {
  switch (result.kind) {
    case 'created': {
      await stores.history.change(entry.key, { outcome: 'created', documentId: result.id, resolvedBy: 'check' });
      if (entry.fingerprint) await stores.receipts.record(entry.fingerprint, { id: result.id, time: result.time ?? entry.time, requestId: entry.requestId });
      return { severity: 'info', text: `It was created: ${result.id}${result.time ? ` (at ${formatTime(result.time)})` : ''}. The file is linked to it.`, actions: ['open', 'copyId'] };
    }
    case 'none': {
      await stores.history.change(entry.key, { outcome: 'notCreated', resolvedBy: 'check' });
      // "Submitting again is safe" must hold for Submit too: the receipt that makes it ask "it may
      // already exist" goes — only one without a document id (never an earlier created one's).
      if (result.complete && entry.fingerprint && stores.receipts.find(entry.fingerprint)?.id === undefined) {
        await stores.receipts.remove(entry.fingerprint);
      }
      return {
        severity: 'info',
        text: result.complete
          ? 'No such document was found: submitting again is safe.'
          : 'No such document was found among the first 500 of the patient’s documents of this type since then; ClinikAPI holds more, so check there before submitting again.',
        actions: result.complete ? ['submit'] : [],
      };
    }
    case 'several':
      return {
        severity: 'warning',
        text: `${result.matches.length} documents match: ${result.matches
          .map((m) => `${m.id}${m.time ? ` (at ${formatTime(m.time)})` : ''}`)
          .join(', ')}. ClinikDoc linked none of them; check in ClinikAPI which one this submission created.`,
        actions: [],
      };
    case 'cannotSearch':
      return { severity: 'error', text: `${result.reason} ClinikDoc cannot check whether it was created.`, actions: [] };
    case 'failed':
      return { severity: 'error', text: `${describeFailure(result, 'checking whether the document was created')} Nothing was resent.`, actions: [] };
  }
}

/** `10:02` for today, `1 Dec, 10:02` otherwise, in this machine's time zone. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'an unreadable time';
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return d.toDateString() === now.toDateString() ? time : `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${time}`;
}
