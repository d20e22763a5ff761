/**
 * `10:02` for today, `1 Dec, 10:02` otherwise, in this machine's time zone; with `seconds`,
 * `10:02:07` (where seconds matter: search lags behind a create by about ten of them).
 */
export function formatTime(iso: string, now: Date = new Date(), options: { seconds?: boolean } = {}): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'an unreadable time';
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', ...(options.seconds ? { second: '2-digit' } : {}) });
  return d.toDateString() === now.toDateString() ? time : `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${time}`;
}
