import { storage } from '@wxt-dev/storage';
import { type RateLimitState } from './hub/rate-limit';
import { normaliseSettings, SETTINGS_KEY, type Settings } from './settings';

// Every key Hub Lens keeps in extension storage, typed, each read through a check: storage.local
// can be written by a content script (a compromised huggingface.co tab), so nothing read back is
// trusted; what does not pass reads as the default. What content scripts have no business reading
// lives in storage.session, which the background keeps at TRUSTED_CONTEXTS (`lockSession`): the
// extension's own pages and the background only. The content script reads only the settings, with
// its own small read (lib/settings.ts): this library would cost it a quarter of its budget.

export interface CheckedItem<T> {
  get(): Promise<T>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
  /** Calls `cb` with the checked new value whenever it changes; returns the way to stop. */
  watch(cb: (value: T) => void): () => void;
}

type Key = `local:${string}` | `session:${string}`;

/** A storage item whose every read goes through `check` (garbage → `fallback`). */
export function checkedItem<T>(
  key: Key,
  fallback: T,
  check: (raw: unknown) => T | undefined,
  versions?: { version: number; migrations: Record<number, (old: unknown) => unknown> },
): CheckedItem<T> {
  // Defined on first use, not on import: defining runs the item's migrations against the
  // browser's storage, which a module imported by a test, the bench or the CLI has no access to.
  let defined: ReturnType<typeof storage.defineItem<unknown>> | undefined;
  const item = () => (defined ??= storage.defineItem<unknown>(key, versions ?? {}));
  // A copy each time: callers may change what they read.
  const read = (raw: unknown): T => {
    try {
      return (raw === null || raw === undefined ? undefined : check(raw)) ?? structuredClone(fallback);
    } catch {
      return structuredClone(fallback);
    }
  };
  return {
    get: async () => read(await item().getValue()),
    set: (value) => item().setValue(value),
    remove: () => item().removeValue(),
    watch: (cb) => item().watch((raw) => cb(read(raw))),
  };
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** A field that must be a finite number when present. */
export const optionalFinite = (v: unknown) => v === undefined || finite(v);

/** The user's settings (storage.local: the content script reads them). */
export const settingsItem = checkedItem<Settings>(`local:${SETTINGS_KEY}`, normaliseSettings(undefined), normaliseSettings, {
  // Version 2 named each switch after its feature (lib/settings.ts, RENAMED_SWITCHES).
  version: 2,
  migrations: { 2: (old) => (typeof old === 'object' && old !== null ? normaliseSettings(old) : old) },
});

/** The Hub's rate-limit window, kept while the background sleeps (session: only the background needs it). */
export const rateLimitItem = checkedItem<RateLimitState | undefined>('session:rate-limit', undefined, (raw) => {
  if (!isRecord(raw) || !['remaining', 'quota', 'resetAt', 'closedUntil'].every((k) => optionalFinite(raw[k]))) return undefined;
  if (!Number.isInteger(raw.strikes) || (raw.strikes as number) < 0) return undefined;
  return raw as unknown as RateLimitState;
});

/** Most entries a list of times or keys read back may hold: more is not Hub Lens's writing. */
export const MAX_KEPT = 100_000;

export const stringList = (raw: unknown) => (Array.isArray(raw) && raw.length <= MAX_KEPT && raw.every((k) => typeof k === 'string') ? (raw as string[]) : undefined);
export const timesByKey = (raw: unknown) =>
  isRecord(raw) && Object.keys(raw).length <= MAX_KEPT && Object.values(raw).every(finite) ? (raw as Record<string, number>) : undefined;

/** Throttles that outlive the background (lib/session-claims.ts). */
export const claimsItem = checkedItem<Record<string, number>>('session:claims', {}, timesByKey);

/** Keep storage.session to the extension's own pages and its background (the browsers' default, made sure of). */
export async function lockSession(): Promise<void> {
  await browser.storage.session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
}
