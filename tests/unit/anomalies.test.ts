import { describe, expect, it } from 'vitest';
import { cohortFrom, detectAnomalies, explain, type AnomalyOptions } from '@/lib/anomalies';
import { DAY_MS, HOUR_MS, WARNING_KINDS, type ModelHistory, type ModelMeta, type Snapshot, type Warning, type WarningKind } from '@/lib/types';

// Hand-built histories, one per behaviour. Times are hours from T0; counters are functions of the hour.

const T0 = Date.UTC(2026, 4, 1);
const PLACEHOLDER = '2022-03-02T23:29:04.000Z';

interface Build {
  hours: number;
  every?: number;
  likes: (h: number) => number;
  downloads?: (h: number) => number | null;
  allTime?: (h: number) => number | null;
  score?: (h: number) => number | null;
  meta?: Partial<ModelMeta>;
}

function build({ hours, every = 1, likes, downloads, allTime, score, meta }: Build): ModelHistory {
  const snapshots: Snapshot[] = [];
  for (let h = 0; h <= hours; h += every) {
    snapshots.push({
      t: T0 + h * HOUR_MS,
      likes: likes(h),
      downloads: downloads ? downloads(h) : 3000,
      downloadsAllTime: allTime ? allTime(h) : null,
      trendingScore: score ? score(h) : null,
    });
  }
  return { id: 'invented/hand-built', createdAt: PLACEHOLDER, trackDownloads: true, ...meta, snapshots };
}

const end = (h: ModelHistory) => h.snapshots[h.snapshots.length - 1]!.t;
const run = (h: ModelHistory, options?: AnomalyOptions) => detectAnomalies(h, end(h), options);
const find = (ws: Warning[], kind: WarningKind) => ws.find((w) => w.kind === kind);
const serious = (ws: Warning[]) => ws.filter((w) => w.severity !== 'info');

/** Small deterministic wobble, so baselines have a spread like real ones. */
const wobble = (h: number) => Math.floor(((h * 7919) % 23) / 11);

/** 2 likes a day, a steady 30-day counter around 6,000 and 200 downloads a day all time. */
const steadyLikes = (h: number) => 500 + Math.floor(h / 12) + wobble(h);
const steadyAllTime = (h: number) => 100_000 + 200 * Math.floor(h / 24) * 1 + (Math.floor(h / 24) % 3) * 20;
const steadyRolling = (h: number) => 6_000 + (Math.floor(h / 24) % 4) * 50;

/** `extra` likes bought over `over` hours from hour `at`, on the steady model. */
const withBurst = (extra: number, at: number, over: number) => (h: number) =>
  steadyLikes(h) + Math.round(extra * Math.min(1, Math.max(0, (h - at) / over)));

describe('like-burst', () => {
  const burst = { hours: 35 * 24, likes: withBurst(150, 30 * 24, 6), allTime: steadyAllTime, downloads: steadyRolling };

  it('warns on 150 likes in 6 h while downloads stay flat, with the window, the baseline and the downloads', () => {
    const w = find(run(build(burst)), 'like-burst')!;
    expect(w.severity).toBe('warn');
    expect(w.evidence).toMatch(/^15\d likes in 6 h; before that it averaged 2(\.\d)?\/day over 30 days; downloads did not follow/);
    expect(w.since).toBe(new Date(T0 + 30 * 24 * HOUR_MS).toISOString());
    expect(w.confidence).toBeGreaterThan(0.8);
  });

  it('calls hundreds of likes in an hour bot pace on a model that never came near it: a warning before downloads answer', () => {
    const early = find(run(build({ ...burst, likes: withBurst(300, 30 * 24, 1), hours: 30 * 24 + 8 })), 'like-burst')!;
    expect(early.severity).toBe('warn');
    expect(early.evidence).toMatch(/^30\d likes in [12] h, \d+ times the most it had gained in 2 h before \(\d\); .*cannot answer yet/);
    expect(early.confidence).toBeGreaterThanOrEqual(0.5);
    // Once a recount shows downloads flat, it is an alert.
    expect(find(run(build({ ...burst, likes: withBurst(300, 30 * 24, 1) })), 'like-burst')!.severity).toBe('alert');
  });

  it('has no single edge for bot pace: either side of the floor is judged by the model, both ways', () => {
    const hourly = (n: number, hours = 30 * 24 + 8) => find(run(build({ ...burst, likes: withBurst(n, 30 * 24, 1), hours })), 'like-burst');
    // Just under the 150-like floor: an ordinary burst, waiting for the downloads.
    expect(hourly(140)?.severity).toBe('info');
    expect(hourly(170)?.severity).toBe('warn');
    // A model whose own busiest 2 h held about 40 likes: 170 in an hour is under five times that, 320 above.
    const busy = (n: number) => (h: number) => withBurst(n, 30 * 24, 1)(h) + (h > 20 * 24 ? 40 : 0);
    const judged = (n: number) => find(run(build({ ...burst, likes: busy(n), hours: 30 * 24 + 8 })), 'like-burst');
    expect(judged(170)?.severity).toBe('info');
    expect(judged(320)?.severity).toBe('warn');
  });

  it('leaves a brand-new repo\'s first hours to the absolute bot pace: launches look like that', () => {
    const launch = build({ hours: 10, likes: (h) => (h < 2 ? 0 : 400 + 20 * h), meta: { createdAt: new Date(T0).toISOString() } });
    expect(serious(run(launch))).toEqual([]);
  });

  it('treats bursts near the 50-like campaign size both ways', () => {
    const flat = (n: number) => find(run(build({ ...burst, likes: withBurst(n, 30 * 24, 6) })), 'like-burst');
    expect(flat(45)?.severity ?? 'info').toBe('info');
    expect(flat(62)?.severity).toBe('warn');
  });

  it('alerts on 1,000 likes within an hour', () => {
    const w = find(run(build({ ...burst, likes: withBurst(1200, 30 * 24, 1) })), 'like-burst')!;
    expect(w.severity).toBe('alert');
    expect(w.evidence).toContain('a pace only bots reach');
  });

  it('is info at most when downloads rise in proportion (a launch)', () => {
    const followed = (h: number) => steadyAllTime(h) + (h >= 31 * 24 ? 150 * 100 : 0);
    const ws = run(build({ ...burst, allTime: followed }));
    expect(find(ws, 'like-burst')).toMatchObject({ severity: 'info' });
    expect(find(ws, 'like-burst')!.evidence).toContain('downloads rose with them');
    expect(serious(ws)).toEqual([]);
  });

  it('also reads the 30-day counter when there is no all-time count', () => {
    const flat = find(run(build({ ...burst, allTime: undefined })), 'like-burst')!;
    expect(flat.severity).toBe('warn');
    const launch = (h: number) => steadyRolling(h) + (h >= 31 * 24 ? 150 * 100 : 0);
    expect(find(run(build({ ...burst, allTime: undefined, downloads: launch })), 'like-burst')!.severity).toBe('info');
  });

  it('waits for a recount of the downloads after the burst, not for a clock', () => {
    // The counters are recounted at each whole day (hour 744 is the first after the burst at 720–726).
    const before = find(run(build({ ...burst, hours: 30 * 24 + 17 })), 'like-burst')!;
    expect(before.severity).toBe('info');
    expect(before.evidence).toContain('downloads cannot answer yet: the Hub has not recounted them since the burst');
    // Hour 745: one reading after the 744 recount, 19 h after the burst, long before a 48 h wait.
    const after = find(run(build({ ...burst, hours: 31 * 24 + 1 })), 'like-burst')!;
    expect(after.severity).toBe('warn');
    expect(after.evidence).toMatch(
      /downloads did not follow: the all-time download counter, recounted by 1[89] h after the burst, moved [+−][\d,]+ beyond its usual trend over 2[45] h, where its own 1 like per 1\d\d downloads would mean about 1\d,\d{3}$/,
    );
  });

  it('allows the hours a recount trails the likes: a recount right after the burst is not yet evidence', () => {
    // Recounts every 24 h from hour 8: the one at hour 728 comes 2 h after the burst (720–726), too soon
    // to show a launch's downloads.
    const shifted = (h: number) => steadyAllTime(h - 8);
    const w = find(run(build({ ...burst, allTime: shifted, downloads: (h) => steadyRolling(h - 8), hours: 30 * 24 + 20 })), 'like-burst')!;
    expect(w.severity).toBe('info');
    expect(w.evidence).toContain('cannot answer yet');
  });

  it('keeps a fixed wait where no recount can be seen (a counter that never moved)', () => {
    const still = { ...burst, allTime: undefined, downloads: () => 0 };
    expect(find(run(build({ ...still, hours: 30 * 24 + 40 })), 'like-burst')!.evidence).toContain(
      'downloads cannot answer yet: the download counter has never moved, and may lag up to 48 h',
    );
    expect(find(run(build({ ...still, hours: 33 * 24 })), 'like-burst')!.severity).toBe('warn');
  });

  it('is context when downloads clearly rose, by less than a launch brings (its downloads may still be coming)', () => {
    const some = (h: number) => steadyAllTime(h) + (h >= 31 * 24 ? 5_000 : 0);
    const w = find(run(build({ ...burst, allTime: some })), 'like-burst')!;
    expect(w.severity).toBe('info');
    expect(w.evidence).toContain('perhaps a launch whose downloads are still coming');
  });

  it('cannot tell a launch from a campaign where downloads are not counted', () => {
    const ws = run(build({ ...burst, downloads: () => 0, allTime: () => 0, meta: { trackDownloads: false } }));
    expect(find(ws, 'like-burst')).toMatchObject({ severity: 'info' });
    expect(find(ws, 'like-burst')!.evidence).toContain('does not count');
  });

  it('keeps bursts too small for a campaign at info, and says nothing on a steady model', () => {
    const small = find(run(build({ ...burst, likes: withBurst(40, 30 * 24, 6) })), 'like-burst');
    expect(small?.severity ?? 'info').toBe('info');
    expect(run(build({ ...burst, likes: steadyLikes }))).toEqual([]);
  });

  it('uses the cohort where the model has no history of its own', () => {
    const cohort = cohortFrom(
      Array.from({ length: 20 }, (_, i) => ({ likes: 100 + i, downloads: 10_000, trendingScore: 10 + i })),
      'text-generation',
    );
    const young = build({ hours: 12, likes: (h) => (h < 6 ? 2 * h : 300 + h), meta: { createdAt: undefined } });
    const w = find(run(young, { cohort }), 'like-burst')!;
    expect(w.severity).toBe('info');
    expect(w.evidence).toContain('models of its kind (text-generation) gain a median of');
    expect(find(run(young), 'like-burst')).toBeUndefined();
  });
});

describe('likes-without-downloads', () => {
  const ratio = (likesPerDay: number, downloads: number, meta: Partial<ModelMeta> = {}) =>
    build({ hours: 30 * 24, every: 24, likes: (h) => 100 + Math.round((likesPerDay * h) / 24), downloads: () => downloads, meta });

  it('warns at 100 times the natural ratio and alerts at 1,000 times', () => {
    const warn = find(run(ratio(10, 100)), 'likes-without-downloads')!;
    expect(warn.severity).toBe('warn');
    expect(warn.evidence).toBe(
      '300 likes in 30 days against 100 downloads in the last 30 days (3 likes per download), 150 times the natural 1 like per 50 downloads',
    );
    expect(find(run(ratio(20, 10)), 'likes-without-downloads')!.severity).toBe('alert');
    expect(find(run(ratio(10, 5_000)), 'likes-without-downloads')).toBeUndefined();
  });

  it('allows for GGUF counting every file: against the natural ratio its downloads count as one in ten', () => {
    expect(find(run(ratio(10, 1_000)), 'likes-without-downloads')).toBeUndefined();
    const gguf = find(run(ratio(10, 1_000, { gguf: true })), 'likes-without-downloads')!;
    expect(gguf.severity).toBe('warn');
    expect(gguf.evidence).toContain('counting GGUF downloads as one in 10');
  });

  it('compares with the cohort, which carries its own GGUF inflation', () => {
    const cohort = cohortFrom(Array.from({ length: 12 }, () => ({ likes: 30, downloads: 100, trendingScore: null })), 'GGUF');
    expect(find(run(ratio(10, 1_000, { gguf: true }), { cohort }), 'likes-without-downloads')).toBeUndefined();
    const w = find(run(ratio(10, 2), { cohort }), 'likes-without-downloads')!;
    expect(w.evidence).toContain('the median of models of its kind (GGUF), 1 like per 3 downloads');
  });

  it('speaks on the first view from the Hub\'s own windows: the trending score against the 30-day counter', () => {
    const first = (score: number, downloads: number, meta: Partial<ModelMeta> = {}): ModelHistory => ({
      id: 'invented/first-view',
      createdAt: new Date(T0 - 60 * DAY_MS).toISOString(),
      trackDownloads: true,
      ...meta,
      snapshots: [{ t: T0, likes: 2000, downloads, downloadsAllTime: null, trendingScore: score }],
    });
    const w = find(detectAnomalies(first(300, 100), T0), 'likes-without-downloads')!;
    expect(w.severity).toBe('warn');
    expect(w.evidence).toBe(
      'About 300 likes in 7 days (from its trending score) against 100 downloads in the last 30 days (3 likes per download), 150 times the natural 1 like per 50 downloads',
    );
    expect(w.confidence).toBeLessThan(0.5);
    // Both ways around the factor of 100: 2 likes per download is 100 times 1 per 50.
    expect(find(detectAnomalies(first(300, 160), T0), 'likes-without-downloads')).toBeUndefined();
    expect(find(detectAnomalies(first(300, 140), T0), 'likes-without-downloads')?.severity).toBe('warn');
    // A repo younger than 7 days: its score is all its likes.
    const young = first(300, 100, { createdAt: new Date(T0 - 3 * DAY_MS).toISOString() });
    expect(find(detectAnomalies(young, T0), 'likes-without-downloads')!.evidence).toContain('About 2,000 likes in 3 days (all its likes');
    // Nothing where the age is unknown, the downloads are not counted, or the repo is within the counter's lag.
    expect(find(detectAnomalies(first(300, 100, { createdAt: undefined }), T0), 'likes-without-downloads')).toBeUndefined();
    expect(find(detectAnomalies(first(300, 100, { trackDownloads: false }), T0), 'likes-without-downloads')).toBeUndefined();
    const day = first(300, 100, { createdAt: new Date(T0 - DAY_MS).toISOString() });
    expect(find(detectAnomalies(day, T0), 'likes-without-downloads')).toBeUndefined();
  });

  it('never speaks for uncounted downloads or young repos', () => {
    expect(find(run(ratio(10, 100, { trackDownloads: false })), 'likes-without-downloads')).toBeUndefined();
    const young = build({ hours: 40, likes: (h) => 10 * h, downloads: () => 5, meta: { createdAt: new Date(T0).toISOString() } });
    expect(run(young).filter((w) => w.kind === 'likes-without-downloads' || w.kind === 'zero-downloads-trending')).toEqual([]);
  });
});

describe('zero-downloads-trending', () => {
  /** 30 likes a day at 0 downloads for `days`, recorded twice a day. */
  const atZero = (days: number, meta: Partial<ModelMeta> = {}) =>
    build({ hours: days * 24, every: 12, likes: (h) => 40 + Math.round((30 * h) / 24), downloads: () => 0, meta });

  it('warns on a trending repo at 0 counted downloads past the counter lag, and alerts after a week', () => {
    const warn = find(run(atZero(4)), 'zero-downloads-trending')!;
    expect(warn.severity).toBe('warn');
    expect(warn.evidence).toBe(
      '120 likes in 4 days (30/day), yet downloads read 0 for 4 days on a repo older than the counter\'s 48 h lag; a small category trends at 10 likes/day, and the Hub counts this repo\'s downloads',
    );
    expect(find(run(atZero(9)), 'zero-downloads-trending')!.severity).toBe('alert');
  });

  it('says nothing where nothing says the Hub counts the downloads (measurability first)', () => {
    expect(find(run(atZero(9, { trackDownloads: undefined })), 'zero-downloads-trending')).toBeUndefined();
  });

  it('speaks on the first view: one snapshot of a trending, counted repo at 0', () => {
    const one: ModelHistory = {
      id: 'invented/first-view',
      createdAt: new Date(T0 - 10 * DAY_MS).toISOString(),
      trackDownloads: true,
      snapshots: [{ t: T0, likes: 400, downloads: 0, downloadsAllTime: null, trendingScore: 300 }],
    };
    expect(find(detectAnomalies(one, T0), 'zero-downloads-trending')).toMatchObject({ severity: 'warn' });
  });

  it('never speaks for a repo whose downloads are not counted', () => {
    const ws = run(atZero(9, { trackDownloads: false }));
    expect(ws.map((w) => w.kind)).toEqual(['downloads-not-measured']);
    expect(ws[0]!.evidence).toBe(
      "The Hub does not count this repo's downloads (it has no file the counter watches, such as config.json), so its 0 downloads say nothing about use",
    );
  });

  it('never speaks for a repo younger than the counter lag, by createdAt or, without it, by its first snapshot', () => {
    const created = atZero(1.9, { createdAt: new Date(T0).toISOString() });
    expect(find(run(created), 'zero-downloads-trending')).toBeUndefined();
    expect(find(run(atZero(1.9, { createdAt: undefined })), 'zero-downloads-trending')).toBeUndefined();
    // The placeholder createdAt means "older than 2022": not young.
    expect(find(run(atZero(1.9, { createdAt: PLACEHOLDER })), 'zero-downloads-trending')).toBeDefined();
  });

  it('treats zeros between non-zero readings, and a single trailing zero, as missing data', () => {
    const likes = (h: number) => 40 + Math.round((30 * h) / 24);
    const gaps = build({ hours: 9 * 24, every: 12, likes, downloads: (h) => (h % 48 === 12 ? 0 : 800) });
    expect(run(gaps).map((w) => w.kind)).not.toContain('zero-downloads-trending');
    const last = build({ hours: 9 * 24, every: 12, likes, downloads: (h) => (h === 9 * 24 ? 0 : 800) });
    expect(run(last).map((w) => w.kind)).not.toContain('zero-downloads-trending');
  });
});

describe('likes-removed', () => {
  const fall = (drop: number) => (h: number) => steadyLikes(h) - (h >= 30 * 24 ? drop : 0);
  const base = { hours: 33 * 24, every: 6, allTime: steadyAllTime, downloads: steadyRolling };

  it('is context for a small fall, a warning from 50 likes', () => {
    expect(find(run(build({ ...base, likes: fall(20) })), 'likes-removed')).toMatchObject({ severity: 'info' });
    const w = find(run(build({ ...base, likes: fall(80) })), 'likes-removed')!;
    expect(w.severity).toBe('warn');
    expect(w.evidence).toMatch(/^Likes fell by 7\d, from \d+ to \d+, within \d+ h and stayed down; before that it gained 2(\.\d)?\/day/);
  });

  it('alerts when likes are purged after a burst whose downloads did not follow', () => {
    const purged = (h: number) => withBurst(150, 25 * 24, 6)(h) - (h >= 30 * 24 ? 120 : 0);
    const ws = run(build({ ...base, likes: purged }));
    expect(find(ws, 'likes-removed')).toMatchObject({ severity: 'alert' });
    expect(find(ws, 'likes-removed')!.evidence).toMatch(/days after 1[45]\d likes had arrived in 6 h/);
    expect(find(ws, 'like-burst')).toMatchObject({ severity: 'warn' });
  });

  it('ignores a single low reading (a stale read)', () => {
    const stale = (h: number) => steadyLikes(h) - (h === 30 * 24 ? 80 : 0);
    expect(find(run(build({ ...base, likes: stale })), 'likes-removed')).toBeUndefined();
  });

  it('ignores two stale reads in a row on a busy model: the readings of the next hours are back up', () => {
    const busy = (h: number) => 50_000 + 10 * h;
    const stale = (h: number) => busy(h) - (h === 30 * 24 || h === 30 * 24 + 1 ? 60 : 0);
    expect(find(run(build({ ...base, every: 1, likes: stale })), 'likes-removed')).toBeUndefined();
    const purged = (h: number) => busy(h) - (h >= 30 * 24 ? 80 : 0);
    expect(find(run(build({ ...base, every: 1, likes: purged })), 'likes-removed')).toMatchObject({ severity: 'warn' });
  });
});

describe('download-spike', () => {
  const likes = (h: number) => 500 + Math.floor(h / 12);
  /** 1,000 downloads a day, and `extra` more on day 30. */
  const spike = (extra: number) => (h: number) => 50_000 + 1000 * Math.floor(h / 24) + (h >= 30 * 24 + 12 ? extra : 0) + (Math.floor(h / 24) % 2) * 30;
  const base = { hours: 33 * 24, every: 12, likes };

  it('is context for a jump without likes, a warning at ten times the usual volume', () => {
    const info = find(run(build({ ...base, allTime: spike(4_000) })), 'download-spike')!;
    expect(info.severity).toBe('info');
    expect(info.evidence).toMatch(/^\d,\d{3} more downloads than usual in 3 days, \d(\.\d)? days' worth of its usual 1,0\d\d\/day/);
    expect(find(run(build({ ...base, allTime: spike(40_000) })), 'download-spike')!.severity).toBe('warn');
  });

  it('says nothing when likes came with the downloads', () => {
    const liked = (h: number) => likes(h) + (h >= 30 * 24 ? 40 : 0);
    expect(find(run(build({ ...base, likes: liked, allTime: spike(4_000) })), 'download-spike')).toBeUndefined();
  });

  it('allows for GGUF counting every file', () => {
    expect(find(run(build({ ...base, allTime: spike(4_000), meta: { gguf: true } })), 'download-spike')).toBeUndefined();
  });

  it("holds a model to its own downloads per like where it draws more than the natural 200", () => {
    // 1,000 downloads a day for 2 likes a day: 500 per like. A jump of 40,000 with 70 likes is its own ratio.
    const liked = (h: number) => likes(h) + (h >= 30 * 24 ? 70 : 0);
    expect(find(run(build({ ...base, likes: liked, allTime: spike(40_000) })), 'download-spike')).toBeUndefined();
    expect(find(run(build({ ...base, allTime: spike(40_000) })), 'download-spike')).toMatchObject({ severity: 'warn' });
  });

  it('does not call a 30-day counter that stops falling a spike', () => {
    // An old spike leaves the 30-day window (−2,000 a day), then the counter holds for three days.
    const rolling = (h: number) => (h < 28 * 24 ? 80_000 - 2_000 * Math.floor(h / 24) : 24_000 + (Math.floor(h / 24) % 2) * 20);
    expect(find(run(build({ ...base, downloads: rolling })), 'download-spike')).toBeUndefined();
  });
});

describe('trending-mismatch and superseded', () => {
  const likes = (h: number) => 1000 + Math.round((10 * h) / 24);

  it('notes a trending score far from the likes gained over 7 days', () => {
    const w = find(run(build({ hours: 10 * 24, every: 24, likes, score: () => 400 })), 'trending-mismatch')!;
    expect(w.severity).toBe('info');
    expect(w.evidence).toMatch(/^Trending score 400 against 70 likes in 7 days/);
    expect(find(run(build({ hours: 10 * 24, every: 24, likes, score: () => 72 })), 'trending-mismatch')).toBeUndefined();
  });

  it('notes a named newer version, once, as info', () => {
    const h = build({ hours: 48, likes, meta: { newVersion: 'invented/next' } });
    expect(find(run(h), 'superseded')).toMatchObject({ severity: 'info', confidence: 1 });
    expect(find(run(h), 'superseded')!.evidence).toBe(
      'This repo names invented/next as its newer version, yet still counts 3,000 downloads in 30 days (older repos keep downloads out of habit)',
    );
    expect(find(run({ ...h, newVersion: h.id }), 'superseded')).toBeUndefined();
  });
});

describe('detectAnomalies', () => {
  const burst = build({ hours: 35 * 24, likes: withBurst(150, 30 * 24, 6), allTime: steadyAllTime, downloads: steadyRolling });

  it('uses only snapshots at or before `at`, in any order, one per time', () => {
    const at = T0 + 30 * 24 * HOUR_MS;
    const cut = { ...burst, snapshots: burst.snapshots.filter((s) => s.t <= at) };
    expect(detectAnomalies(burst, at)).toEqual(detectAnomalies(cut, at));
    const shuffled = { ...burst, snapshots: [...burst.snapshots].reverse().concat(burst.snapshots.slice(0, 50)) };
    expect(detectAnomalies(shuffled, end(burst))).toEqual(run(burst));
  });

  it('says nothing on an empty or one-snapshot history, and nothing about numbers older than the lookback', () => {
    expect(detectAnomalies({ id: 'invented/empty', snapshots: [] }, T0)).toEqual([]);
    expect(run(build({ hours: 0, likes: () => 5 }))).toEqual([]);
    expect(detectAnomalies(burst, end(burst) + 40 * DAY_MS)).toEqual([]);
  });

  it('scales the evidence it needs with sensitivity', () => {
    const borderline = build({ ...{ hours: 35 * 24, allTime: steadyAllTime, downloads: steadyRolling }, likes: withBurst(45, 30 * 24, 6) });
    const kinds = (sensitivity: 'low' | 'normal' | 'high') => serious(run(borderline, { settings: { sensitivity } })).length;
    expect(kinds('high')).toBeGreaterThan(0);
    expect(kinds('normal')).toBe(0);
    expect(kinds('low')).toBe(0);
  });
});

describe('explain', () => {
  const kinds: readonly WarningKind[] = WARNING_KINDS;

  it('gives every kind a plain rule with the numbers the settings give it', () => {
    for (const kind of kinds) expect(explain(kind).length).toBeGreaterThan(80);
    expect(explain('like-burst')).toContain('3 robust standard deviations');
    expect(explain('like-burst', { sensitivity: 'low' })).toContain('4 robust standard deviations');
    expect(explain('zero-downloads-trending')).toContain('48 h lag');
  });
});

describe('cohortFrom', () => {
  it('takes medians over the members that have the numbers', () => {
    const c = cohortFrom([
      { likes: 10, downloads: 1000, trendingScore: 70 },
      { likes: 20, downloads: 1000, trendingScore: 14 },
      { likes: 30, downloads: 1000, trendingScore: null },
      { likes: 5, downloads: 0, trendingScore: 7 },
      { likes: null, downloads: 50, trendingScore: null },
    ]);
    expect(c).toEqual({ size: 4, likesPerDownload: 0.02, likesPerDay: { median: 2, sigma: 1.4826, size: 3 } });
    expect(cohortFrom([])).toEqual({ size: 0, likesPerDownload: null, likesPerDay: null });
  });
});

describe('a long history', () => {
  it('reads a 10,000-snapshot history to its end (its time is in `npm run bench -- --only analysis`)', () => {
    const h = build({ hours: 10_000 - 1, likes: withBurst(150, 9_900, 6), allTime: (x) => 1e6 + 200 * x, downloads: steadyRolling });
    expect(h.snapshots).toHaveLength(10_000);
    expect(find(run(h), 'like-burst')?.since).toBe(new Date(T0 + 9_900 * HOUR_MS).toISOString());
  });
});
