// Which warnings deserve a desktop notification: pure, so the re-arm rule is tested directly.

/** The same warning (model and kind) is not notified again within this period. */
export const REARM_MS = 24 * 3_600_000;

export interface Notifiable {
  id: string;
  kind: string;
  severity: 'info' | 'warn' | 'alert';
  evidence: string;
}

/** At most this many notifications of their own per refresh; the rest are one "N more" notification. */
export const MAX_NOTIFIED = 3;

/**
 * Warn/alert warnings not notified within the re-arm period (alerts first, at most `max`), how
 * many more there are, and the updated record of when each was (the ones summed up count as notified).
 */
export function toNotify(
  current: readonly Notifiable[],
  notified: Readonly<Record<string, number>>,
  now: number,
  rearmMs = REARM_MS,
  max = MAX_NOTIFIED,
): { notify: Notifiable[]; more: number; notified: Record<string, number> } {
  const next: Record<string, number> = {};
  for (const [key, t] of Object.entries(notified)) if (now - t < rearmMs) next[key] = t;
  const due = current.filter((w) => w.severity !== 'info' && next[`${w.id}|${w.kind}`] === undefined);
  for (const w of due) next[`${w.id}|${w.kind}`] = now;
  const ranked = [...due.filter((w) => w.severity === 'alert'), ...due.filter((w) => w.severity !== 'alert')];
  return { notify: ranked.slice(0, max), more: Math.max(0, ranked.length - max), notified: next };
}
