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
}

const BACKOFF = { firstMs: 30_000, maxMs: 15 * 60_000 };
const RESERVE = 0.2;

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
    state?: RateLimitState,
  ) {
    this.state = state ?? { strikes: 0 };
  }

  /** When a call may not be made now: the time it may, else null. */
  blockedUntil(priority: Priority): number | null {
    const t = this.now();
    const s = this.state;
    if (s.closedUntil !== undefined && s.closedUntil > t) return s.closedUntil;
    const windowOpen = s.resetAt === undefined || s.resetAt > t;
    if (priority === 'background' && windowOpen && s.remaining !== undefined) {
      const reserve = Math.ceil((s.quota ?? 500) * RESERVE);
      if (s.remaining <= reserve) return s.resetAt ?? t + BACKOFF.firstMs;
    }
    return null;
  }

  /** Read an answer's headers; on 429, close the window. */
  observe(status: number, headers: { get(name: string): string | null }): void {
    const t = this.now();
    const { remaining, resetSeconds } = parseRateLimit(headers.get('ratelimit'));
    const quota = parseQuota(headers.get('ratelimit-policy'));
    if (quota !== undefined) this.state.quota = quota;
    if (remaining !== undefined) this.state.remaining = remaining;
    if (resetSeconds !== undefined) this.state.resetAt = t + resetSeconds * 1000;
    if (status === 429) {
      this.state.strikes++;
      this.state.closedUntil =
        resetSeconds !== undefined
          ? t + Math.max(resetSeconds, 1) * 1000
          : t + Math.min(BACKOFF.firstMs * 2 ** (this.state.strikes - 1), BACKOFF.maxMs);
    } else if (status < 500) {
      this.state.strikes = 0;
    }
  }
}
