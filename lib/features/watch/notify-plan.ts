// Which warnings deserve a desktop notification: pure, so the re-arm rule is tested directly.

/** The same warning (model and kind) is not notified again within this period. */
export const REARM_MS = 24 * 3_600_000;

export interface Notifiable {
  id: string;
  kind: string;
  severity: 'info' | 'warn' | 'alert';
  evidence: string;
}

/** Warn/alert warnings not notified within the re-arm period, and the updated record of when each was. */
export function toNotify(
  current: readonly Notifiable[],
  notified: Readonly<Record<string, number>>,
  now: number,
  rearmMs = REARM_MS,
): { notify: Notifiable[]; notified: Record<string, number> } {
  const next: Record<string, number> = {};
  for (const [key, t] of Object.entries(notified)) if (now - t < rearmMs) next[key] = t;
  const notify = current.filter((w) => w.severity !== 'info' && next[`${w.id}|${w.kind}`] === undefined);
  for (const w of notify) next[`${w.id}|${w.kind}`] = now;
  return { notify, notified: next };
}
