// The Hub's fixed 5-minute windows (api.md): every answer's `RateLimit: "api";r=<left>;t=<s>`
// is read, a 429 closes the window until its reset (or, without headers, for an exponential
// back-off), and background calls keep 20% of the quota free for the pages the user opens.

export type Priority = 'interactive' | 'background';

export interface RateLimitState {
  remaining?: number;
  quota?: number;
  resetAt?: number;
  closedUntil?: number;
  strikes: number;
  /** times of the calls let out within the last window, interactive and background alike */
  calls?: number[];
}

/** The Hub's window (api.md): no reset, back-off or closure ever reaches further than this. */
export const WINDOW_MS = 5 * 60_000;
/** Calls per window for anonymous use (api.md); the quota a `RateLimit-Policy` header may state instead. */
export const QUOTA = 500;
const BACKOFF = { firstMs: 30_000, maxMs: WINDOW_MS };
const RESERVE = 0.2;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * A state read back from storage (it survives restarts), made sane: times no further ahead than
 * a window, counts that are counts, call times of the last window only. Garbage becomes unknown.
 */
export function saneState(raw: unknown, now: number): RateLimitState {
  const s = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const ahead = (v: unknown) => (finite(v) ? Math.min(v, now + WINDOW_MS) : undefined);
  const out: RateLimitState = { strikes: count(s.strikes) ? Math.min(s.strikes, 30) : 0 };
  if (count(s.remaining)) out.remaining = s.remaining;
  if (count(s.quota) && s.quota > 0) out.quota = s.quota;
  const resetAt = ahead(s.resetAt);
  if (resetAt !== undefined) out.resetAt = resetAt;
  const closedUntil = ahead(s.closedUntil);
  if (closedUntil !== undefined) out.closedUntil = closedUntil;
  if (Array.isArray(s.calls)) out.calls = s.calls.filter((t): t is number => finite(t) && t <= now && now - t < WINDOW_MS).slice(-QUOTA);
  return out;
}

/** `"api";r=12;t=34` → { remaining: 12, resetSeconds: 34 }; never throws. */
export function parseRateLimit(header: string | null | undefined): { remaining?: number; resetSeconds?: number } {
  if (!header) return {};
  const num = (key: string) => {
    const m = new RegExp(`(?:^|;)\\s*${key}\\s*=\\s*(\\d+)`).exec(header);
    return m ? Number(m[1]) : undefined;
  };
  return { remaining: num('r'), resetSeconds: num('t') };
}

/** `"fixed window";"api";q=500;w=300` → 500. */
export function parseQuota(header: string | null | undefined): number | undefined {
  const m = header ? /(?:^|;)\s*q\s*=\s*(\d+)/.exec(header) : null;
  return m ? Number(m[1]) : undefined;
}

export class RateLimiter {
  state: RateLimitState;

  constructor(
    private readonly now: () => number = Date.now,
    state?: unknown,
  ) {
    this.state = state === undefined ? { strikes: 0 } : saneState(state, now());
  }

  /** Times of the calls let out within the last window, oldest first (older ones are forgotten). */
  private recentCalls(t: number): number[] {
    const calls = (this.state.calls ?? []).filter((c) => t - c < WINDOW_MS && c <= t);
    this.state.calls = calls;
    return calls;
  }

  /** Calls that `priority` may still make in this window, by Hub Lens's own count. */
  left(priority: Priority): number {
    const quota = this.state.quota ?? QUOTA;
    const limit = priority === 'background' ? Math.floor(quota * (1 - RESERVE)) : quota;
    return Math.max(0, limit - this.recentCalls(this.now()).length);
  }

  /** A call is let out now: it counts against the window, whoever makes it. */
  take(): void {
    const t = this.now();
    this.recentCalls(t).push(t);
  }

  /** When a call may not be made now: the time it may, else null. Never further than a window ahead. */
  blockedUntil(priority: Priority): number | null {
    const t = this.now();
    const s = this.state;
    if (s.closedUntil !== undefined && s.closedUntil > t) return Math.min(s.closedUntil, t + WINDOW_MS);
    if (this.left(priority) === 0) {
      // Counted calls without headers: the window frees a call when the oldest leaves it.
      const calls = this.recentCalls(t);
      const quota = s.quota ?? QUOTA;
      const limit = priority === 'background' ? Math.floor(quota * (1 - RESERVE)) : quota;
      return calls[calls.length - limit]! + WINDOW_MS;
    }
    const windowOpen = s.resetAt === undefined || s.resetAt > t;
    if (priority === 'background' && windowOpen && s.remaining !== undefined) {
      const reserve = Math.ceil((s.quota ?? QUOTA) * RESERVE);
      if (s.remaining <= reserve) return Math.min(s.resetAt ?? t + BACKOFF.firstMs, t + WINDOW_MS);
    }
    return null;
  }

  /** Read an answer's headers; on 429, close the window (at most for a window: a reset of decades is not believed). */
  observe(status: number, headers: { get(name: string): string | null }): void {
    const t = this.now();
    const { remaining, resetSeconds } = parseRateLimit(headers.get('ratelimit'));
    const quota = parseQuota(headers.get('ratelimit-policy'));
    const resetMs = resetSeconds === undefined ? undefined : Math.min(resetSeconds * 1000, WINDOW_MS);
    if (quota !== undefined && quota > 0) this.state.quota = quota;
    if (remaining !== undefined) this.state.remaining = remaining;
    if (resetMs !== undefined) this.state.resetAt = t + resetMs;
    if (status === 429) {
      this.state.strikes++;
      this.state.closedUntil =
        resetMs !== undefined
          ? t + Math.max(resetMs, 1000)
          : t + Math.min(BACKOFF.firstMs * 2 ** Math.min(this.state.strikes - 1, 20), BACKOFF.maxMs);
    } else if (status < 500) {
      this.state.strikes = 0;
    }
  }
}
