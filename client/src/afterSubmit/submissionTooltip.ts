import { markdownCode, markdownText } from '../editor/markdown';
import type { SubmissionRecord } from '../record/submissionRecords';

/**
 * The Markdown of a submission's tooltip in the ClinikAPI view. The origin, the document id and the
 * request id come from settings and from ClinikAPI's answers: each goes in escaped or as a code
 * span no backtick inside can end. Plain, so it is tested without VS Code.
 */
export function submissionTooltipMarkdown(entry: SubmissionRecord, stateLabel: string, sentAt: string, settlesAt?: string): string {
  const parts = [
    `**${entry.action === 'create' ? 'Submitted' : 'Updated in place'}** ${markdownText(sentAt)}`,
    `Outcome: ${markdownText(stateLabel)}`,
  ];
  if (settlesAt) parts.push(`Settles at ${markdownText(settlesAt)}: a search after then that finds nothing means it was not created.`);
  parts.push(`To: ${entry.keyKind === 'live' ? 'production (live key)' : 'sandbox (test key)'}, ${markdownText(entry.origin)}`);
  if (entry.documentId) parts.push(`Document: ${markdownCode(entry.documentId)}`);
  if (entry.requestId) parts.push(`Request: ${markdownCode(entry.requestId)}`);
  return parts.join('\n\n');
}
