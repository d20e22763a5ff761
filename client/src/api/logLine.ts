import type { SubmissionOutcome } from './outcome';

/** What the "ClinikAPI" output channel records of one request: no key, no content, no query. */
export interface LogEntry {
  time: Date;
  method: string;
  url: URL;
  outcome: SubmissionOutcome;
  status?: number;
  durationMs: number;
  attempt?: number;
}

/**
 * `2026-11-25T08:00:00.000Z POST https://api.clinikapi.com/v1/documents → 201 created req_1 (84 ms)`.
 * Only the origin and path of the URL are written; the outcome adds its kind and, for a
 * transport failure, which one. Nothing from the document or the answer's free text appears.
 */
export function formatLogLine(entry: LogEntry): string {
  const where = `${entry.url.origin}${entry.url.pathname}`;
  const o = entry.outcome;
  const status = entry.status ?? ('status' in o ? o.status : undefined);
  const what = o.kind === 'transportFailed' ? `failed: ${o.failure}` : o.kind;
  const parts = [
    entry.time.toISOString(),
    entry.method,
    where,
    '→',
    status !== undefined ? String(status) : '---',
    what,
  ];
  if (o.kind === 'created') parts.push(`id=${o.id}`);
  if ('code' in o && o.code) parts.push(`code=${o.code}`);
  // Node's own error code (ECONNRESET, DEPTH_ZERO_SELF_SIGNED_CERT …): says why, quotes nothing.
  if (o.kind === 'transportFailed' && o.errorCode) parts.push(`error=${o.errorCode}`);
  parts.push(o.requestId ? `request=${o.requestId}` : 'request=(none)');
  if (entry.attempt && entry.attempt > 1) parts.push(`attempt=${entry.attempt}`);
  parts.push(`(${Math.round(entry.durationMs)} ms)`);
  return parts.join(' ');
}
