import { claimsItem } from './storage-items';

// Throttles that must outlive the background worker, which the browser stops after ~30 s idle:
// kept in `storage.session` (memory, cleared when the browser closes), not in a variable.

/**
 * Claims kept at most. Session storage is small (10 MB in Chrome) and shared by every feature: a
 * page that pushes new URLs makes a claim each, and must not fill it (badges would then fail in
 * every tab). Past this, the claims nearest their end go first.
 */
export const MAX_CLAIMS = 200;

/**
 * True (and the claim is taken) when no claim on `key` was taken within `forMs`. Claims are
 * taken one after another, so two callers at once cannot both win. Each is kept only until it
 * ends (stored as its end time), and there are never more than MAX_CLAIMS.
 */
let queue: Promise<unknown> = Promise.resolve();
export function claim(key: string, forMs: number, now = Date.now()): Promise<boolean> {
  const run = queue.then(async () => {
    const claims = await claimsItem.get();
    const until = claims[key];
    if (until !== undefined && until > now && until - now <= forMs) return false;
    const live = Object.entries(claims).filter(([k, t]) => k !== key && t > now);
    const kept = live.sort((a, b) => b[1] - a[1]).slice(0, MAX_CLAIMS - 1);
    await claimsItem.set({ ...Object.fromEntries(kept), [key]: now + forMs });
    return true;
  });
  queue = run.catch(() => undefined);
  return run;
}
