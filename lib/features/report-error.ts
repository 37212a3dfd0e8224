// Errors are caught per feature and logged with the feature's name, every time, but at most
// once a minute per feature (a failing loop must not flood the console), with how many were
// not logged in between.

const QUIET_MS = 60_000;
const lastLogged = new Map<string, { at: number; skipped: number }>();

export function reportError(feature: string, error: unknown, now = Date.now()): void {
  // The fault build (lib/features/fault.ts) keeps every report where its test reads them.
  if (import.meta.env.WXT_FAULT) ((globalThis as { hubLensReports?: string[] }).hubLensReports ??= []).push(feature);
  const last = lastLogged.get(feature);
  if (last && now - last.at < QUIET_MS) {
    last.skipped++;
    return;
  }
  const skipped = last?.skipped ? ` (${last.skipped} more since the last report)` : '';
  lastLogged.set(feature, { at: now, skipped: 0 });
  console.warn(`Hub Lens: ${feature} failed${skipped}`, error);
}

/** Run `fn` inside the feature's boundary: errors, thrown or rejected, are reported, never thrown. */
export function guarded<T>(feature: string, fn: () => T, onError?: () => void): T | undefined {
  const fail = (error: unknown) => {
    reportError(feature, error);
    onError?.();
  };
  try {
    const result = fn();
    if (result instanceof Promise) result.catch(fail);
    return result;
  } catch (error) {
    fail(error);
    return undefined;
  }
}

/** `guarded` for work that runs later: `fn` wrapped, for timers, frames, observers and promises. */
export const guard =
  (feature: string, onError?: () => void) =>
  <A extends unknown[]>(fn: (...args: A) => unknown) =>
  (...args: A): void =>
    void guarded(feature, () => fn(...args), onError);
