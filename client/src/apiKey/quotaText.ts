import { formatUtc } from '../api/limitMessages';
import { limitsRunningLow, shareLeft, type Allowance, type LimitName, type QuotaSnapshot } from '../api/quota';

/** What the key's status bar item says about ClinikAPI's limits. Plain, so it is tested in node. */
export interface QuotaView {
  /** Lines for the tooltip: one per limit the last answer stated, and when that answer came. */
  lines: string[];
  /** The limits below the warning threshold, lowest share first (empty: no warning). */
  low: LimitName[];
  /** For the item's text when a limit is low: `sandbox 4% left`. */
  short?: string;
}

const NAMES: Record<LimitName, string> = { rate: 'Rate limit', monthly: 'Monthly quota', sandbox: 'Sandbox quota' };
const SHORT: Record<LimitName, string> = { rate: 'rate limit', monthly: 'monthly quota', sandbox: 'sandbox' };

function n(value: number): string {
  return value.toLocaleString('en-US');
}

function percent(share: number): string {
  return `${share < 0.01 && share > 0 ? '<1' : Math.floor(share * 100)}%`;
}

/** `09:31:05 UTC`. */
function timeOfDay(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

function line(name: LimitName, a: Allowance): string {
  const share = shareLeft(a);
  const left =
    a.remaining !== undefined && a.limit !== undefined
      ? `${n(a.remaining)} of ${n(a.limit)} left (${percent(share ?? 0)})`
      : a.remaining !== undefined
        ? `${n(a.remaining)} left`
        : `${n(a.used ?? 0)} used${a.limit !== undefined ? ` of ${n(a.limit)}` : ''}`;
  const per = name === 'rate' ? ' that minute' : '';
  // Absolute times: a tooltip is not redrawn as the clock runs.
  const reset = a.resetsAt === undefined ? '' : name === 'rate' ? `, resets ${timeOfDay(a.resetsAt)}` : `, resets ${formatUtc(a.resetsAt)}`;
  return `${NAMES[name]}: ${left}${per}${reset}`;
}

/** The limits as of the last answer. `threshold` is the share (0–1) below which a limit is low. */
export function quotaView(snapshot: QuotaSnapshot | undefined, options: { threshold: number; now: number }): QuotaView {
  if (!snapshot) {
    return { lines: ['Limits: not known yet (ClinikAPI states them in its answers; ClinikDoc sends nothing to ask).'], low: [] };
  }
  const lines: string[] = [];
  for (const name of ['rate', 'monthly', 'sandbox'] as const) {
    const a = snapshot[name];
    if (a) lines.push(line(name, a));
  }
  if (snapshot.monthly?.overage) lines.push(`Over the monthly quota by ${n(snapshot.monthly.overage)} (billed as overage)`);
  lines.push(`As of ClinikAPI's answer at ${new Date(snapshot.at).toISOString().slice(0, 10)} ${timeOfDay(snapshot.at)}.`);
  const low = limitsRunningLow(snapshot, options.threshold, options.now);
  const first = low[0];
  const short = first ? `${SHORT[first]} ${percent(shareLeft(snapshot[first]) ?? 0)} left` : undefined;
  return { lines, low, short };
}
