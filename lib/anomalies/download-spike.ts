import { DAY_MS, HOUR_MS, type Warning } from '@/lib/types';
import { baselineBefore, episodes, scan, type Window } from './bursts';
import { type Context, type Detector, warning } from './context';
import { count, likesPerDownload, num, span } from './evidence-numbers';
import { atOrBefore } from './series';
import { spanConfidence } from './stats';

export const downloadSpike: Detector = {
  detect(ctx) {
    if (ctx.downloadsMeasured !== 'yes') return null;
    const s = ctx.s;
    const allTime = ctx.series.allTimeSteps.t.length >= 2;
    const p = allTime ? ctx.series.allTimeSteps : ctx.series.downloadSteps;
    const windowMs = s.spikeWindowHours * HOUR_MS;
    const candidates = scan(p, {
      windowsMs: [windowMs],
      chunkMs: windowMs,
      endsFrom: ctx.at - s.lookbackDays * DAY_MS,
      baselineMs: s.baselineDays * DAY_MS,
      minBaselineMs: s.minBaselineHours * HOUR_MS,
      z: s.burstZ,
      minExcessPerDay: 0,
    });
    for (const w of episodes(candidates, (a, b) => b.z - a.z, 3)) {
      const found = judge(ctx, w, allTime, p.v[atOrBefore(p, w.from)]!);
      if (found) return found;
    }
    return null;
  },
  why: (s) =>
    `Downloads over ${s.spikeWindowHours} h (the counters move in daily steps) are compared with the model's ` +
    `own baseline (median and MAD of its movement over ${s.baselineDays} days). A rise more than ${num(s.burstZ)} robust ` +
    `standard deviations above it, at least doubling its usual volume and worth at least ` +
    `${count(s.minBurstLikes * s.maxDownloadsPerLike)} downloads, is a spike when likes did not come with it: ` +
    `fewer than half of 1 like per ${s.maxDownloadsPerLike} downloads (the download-heaviest natural ratio, or ` +
    `the model's own downloads per like where higher), ` +
    `counted from ${s.downloadLagHours} h before to ${s.downloadLagHours} h after. Context by default ` +
    `(pipelines and CI re-pull models); ${num(s.spikeWarnFactor)} times the usual volume is a warning. GGUF ` +
    `counts every file, so its downloads count as one in ${num(s.ggufInflation)} against likes.`,
};

function judge(ctx: Context, w: Window, allTime: boolean, startValue: number): Warning | null {
  const s = ctx.s;
  const days = (w.to - w.from) / DAY_MS;
  // Usual downloads a day: the cumulative counter's median rate, or the 30-day counter / 30.
  const level = allTime ? (w.baseline?.rate ?? 0) : startValue / 30;
  if (!(level > 0)) return null; // a counter starting up after its lag is not a spike
  const usual = level * days;
  // A 30-day counter falls as an old spike leaves it: a fall is not a usual pace to rise above.
  const excess = w.gained - Math.max(0, w.expected);
  if (excess < usual) return null;
  const deflate = ctx.history.gguf ? s.ggufInflation : 1;
  const effective = excess / deflate;
  if (effective < s.minBurstLikes * s.maxDownloadsPerLike) return null;
  const likes = ctx.series.likes;
  // Likes lead: downloads reach the counter up to a lag later.
  const lag = s.downloadLagHours * HOUR_MS;
  const end = Math.min(ctx.at, w.to + lag);
  const l0 = Math.max(0, atOrBefore(likes, w.from - lag));
  const l1 = atOrBefore(likes, end);
  const base = baselineBefore(likes, w.from, s.baselineDays * DAY_MS, s.minBaselineHours * HOUR_MS);
  const liked =
    l0 >= 0 && l1 > l0 ? likes.v[l1]! - likes.v[l0]! - ((base?.mean ?? 0) * (likes.t[l1]! - likes.t[l0]!)) / DAY_MS : 0;
  // Likes that interest brings with downloads: the download-heaviest natural ratio, or the model's
  // own ratio where it draws even more downloads per like (GGUF repos whose clones count every file).
  const own = base && base.mean > 0 ? level / base.mean / deflate : 0;
  const perLike = Math.max(s.maxDownloadsPerLike, own);
  if (liked >= (effective / perLike) * s.followShare) return null;
  const what = allTime ? 'more downloads' : 'more on the 30-day download count';
  const gguf = deflate > 1 ? `, counting GGUF downloads as one in ${num(deflate)}` : '';
  const interest =
    liked > 0
      ? `likes rose by only ${count(liked)} beyond their usual pace (${likesPerDownload(liked / effective)}${gguf})`
      : `likes did not rise beyond their usual pace${gguf ? ` (${gguf.slice(2)})` : ''}`;
  const evidence =
    `${count(excess)} ${what} than usual in ${span(w.to - w.from)}, ${num(excess / level)} days' worth ` +
    `of its usual ${count(level)}/day, while ${interest}; ` +
    (perLike > s.maxDownloadsPerLike
      ? `its own interest brought 1 like per ${count(perLike)} downloads`
      : `natural interest brings at least 1 like per ${count(s.maxDownloadsPerLike)} downloads`);
  const seen = w.baseline ? w.baseline.to - w.baseline.from : 0;
  const confidence = spanConfidence(seen, s.fullConfidenceDays * DAY_MS) * Math.min(1, w.nominal / (w.to - w.from));
  const severity = excess >= s.spikeWarnFactor * usual ? 'warn' : 'info';
  return warning('download-spike', severity, w.from, confidence, evidence);
}
