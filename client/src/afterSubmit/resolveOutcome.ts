import { describeFailure } from '../api/documentsApi';
import { settleTimeOf, type SubmissionRecord, type SubmissionRecords } from '../record/submissionRecords';
import type { CheckResult } from './createdCheck';

/** What the user is told after a check of an unknown outcome, and what it offers. */
export interface CheckMessage {
  severity: 'info' | 'warning' | 'error';
  text: string;
  /** `submit`: Submit one click away (only once it settled with nothing found); `open`: the server's copy. */
  actions: Array<'submit' | 'open' | 'copyId'>;
  /** Set when a search found nothing before the settle time: when ClinikDoc looks again. */
  lookAgainAt?: Date;
}

/** Searches made for one unknown submission at most: reads cost the user's rate limit and quota. */
export const MAX_SEARCHES = 3;

export interface CheckContext {
  records: SubmissionRecords;
  now: Date;
  formatTime: (iso: string) => string;
  /** What was searched, in words (`pat_123's discharge-summary documents dated from 2025-01-14`). */
  searched: string;
}

/**
 * Applies a check's result to the record, by ClinikAPI's rules: a document found is `found` (the
 * file is linked to it); nothing found is only `notFoundYet` until the settle time, since search
 * lags behind creates and a request cut off can still land, and `settled` (not created) once a
 * search made after it finds nothing. Returns the message, which names ids and times only.
 */
export async function applyCheckResult(result: CheckResult, record: SubmissionRecord, ctx: CheckContext): Promise<CheckMessage> {
  const at = ctx.now.toISOString();
  const searched = { checkedAt: at, searches: (record.searches ?? 0) + 1, time: at };
  switch (result.kind) {
    case 'created': {
      await ctx.records.change(record.key, 'found', { ...searched, documentId: result.id });
      return { severity: 'info', text: `It was created: ${result.id}${result.time ? ` (at ${ctx.formatTime(result.time)})` : ''}. The file is linked to it.`, actions: ['open', 'copyId'] };
    }
    case 'none': {
      const settleAt = settleTimeOf(record);
      if (result.complete && ctx.now.getTime() >= settleAt.getTime()) {
        await ctx.records.change(record.key, 'settled', searched);
        return {
          severity: 'info',
          text: `Not created. ClinikDoc searched ${ctx.searched} at ${ctx.formatTime(at)}, after the submission had settled (${ctx.formatTime(settleAt.toISOString())}: ClinikAPI can no longer be working on it, and search has caught up with creates), and found no such document. Submitting again is safe.`,
          actions: ['submit'],
        };
      }
      const updated = await ctx.records.change(record.key, 'notFoundYet', searched);
      const more = !result.complete ? ' (among the first 500 documents; ClinikAPI holds more)' : '';
      const again = (updated?.searches ?? searched.searches) < MAX_SEARCHES ? ` ClinikDoc will look again at ${ctx.formatTime(settleAt.toISOString())}.` : ' Check in ClinikAPI before submitting again.';
      return {
        severity: 'warning',
        text: `Not found yet. ClinikDoc searched ${ctx.searched} at ${ctx.formatTime(at)} and found no such document${more}, but that proves nothing yet: ClinikAPI's search lags behind creates (commonly about 10 seconds), and a request that was cut off can still complete on ClinikAPI until ${ctx.formatTime(settleAt.toISOString())}. Do not submit it again yet.${again}`,
        actions: [],
        lookAgainAt: ctx.now.getTime() < settleAt.getTime() ? settleAt : undefined,
      };
    }
    case 'several':
      await ctx.records.change(record.key, record.state === 'notFoundYet' ? 'notFoundYet' : 'unknown', searched);
      return {
        severity: 'warning',
        text: `${result.matches.length} documents match: ${result.matches
          .map((m) => `${m.id}${m.time ? ` (at ${ctx.formatTime(m.time)})` : ''}`)
          .join(', ')}. ClinikDoc linked none of them; check in ClinikAPI which one this submission created.`,
        actions: [],
      };
    case 'cannotSearch':
      return { severity: 'error', text: `${result.reason} ClinikDoc cannot check whether it was created.`, actions: [] };
    case 'failed':
      return { severity: 'error', text: `${describeFailure(result, 'checking whether the document was created')} Nothing was resent.`, actions: [] };
  }
}
