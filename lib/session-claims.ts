import { claimsItem } from './storage-items';

// Throttles that must outlive the background worker, which the browser stops after ~30 s idle:
// kept in `storage.session` (memory, cleared when the browser closes), not in a variable.

/**
 * True (and the claim is taken) when no claim on `key` was taken within `forMs`. Claims are
 * taken one after another, so two callers at once cannot both win.
 */
let queue: Promise<unknown> = Promise.resolve();
export function claim(key: string, forMs: number, now = Date.now()): Promise<boolean> {
  const run = queue.then(async () => {
    const claims = await claimsItem.get();
    if (now - (claims[key] ?? -Infinity) < forMs) return false;
    // Expired claims are dropped as new ones are taken, so the record stays small.
    const kept = Object.fromEntries(Object.entries(claims).filter(([, t]) => now - t < 24 * 3_600_000));
    await claimsItem.set({ ...kept, [key]: now });
    return true;
  });
  queue = run.catch(() => undefined);
  return run;
}
