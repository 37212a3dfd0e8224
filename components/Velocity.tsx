import { useState } from 'preact/hooks';
import type { ModelState } from '@/lib/messages';
import { DAY_MS, type Snapshot } from '@/lib/types';
import { trend } from '@/lib/trend';
import { formatRate } from './format';
import { Sparkline, type Point } from './Sparkline';

/** Less history than this draws a flat, misleading line: say so in words instead. */
const MIN_SPAN_MS = 3_600_000;

const RANGES = { '7d': 7 * DAY_MS, '30d': 30 * DAY_MS, '90d': 90 * DAY_MS, all: Infinity } as const;
type Range = keyof typeof RANGES;
type Rates = ModelState['velocity']['likesPerDay'];

function points(series: Snapshot[], field: 'likes' | 'downloads' | 'downloadsAllTime', from: number): Point[] {
  const out: Point[] = [];
  for (const s of series) {
    const v = s[field];
    if (s.t >= from && v !== null) out.push({ t: s.t, v });
  }
  return out;
}

function RateRow({ label, rates }: { label: string; rates: Rates }) {
  const cells: [keyof Rates, number | null][] = [
    ['24h', rates['7d']],
    ['7d', rates['30d']],
    ['30d', null],
  ];
  return (
    <tr>
      <th scope="row">{label}</th>
      {cells.map(([w, longer]) => {
        const arrow = { up: '▲', down: '▼', none: '' }[trend(rates[w], longer) ?? 'none'];
        return (
          <td key={w} title={rates[w] === null ? 'not enough history for this window yet' : undefined}>
            {formatRate(rates[w])}
            {arrow && (
              <span class={arrow === '▲' ? 'up' : 'down'} title={arrow === '▲' ? 'faster than the longer window' : 'slower than the longer window'}>
                {' '}
                {arrow}
              </span>
            )}
          </td>
        );
      })}
    </tr>
  );
}

export function Velocity({ state }: { state: ModelState }) {
  const [range, setRange] = useState<Range>('30d');
  const { series, velocity } = state;
  const last = series[series.length - 1];
  const from = last ? last.t - RANGES[range] : 0;
  const likes = points(series, 'likes', from);
  const allTime = points(series, 'downloadsAllTime', from);
  const downloads = allTime.length >= 2 ? allTime : points(series, 'downloads', from);
  const downloadsLabel = allTime.length >= 2 ? 'Downloads, all-time' : 'Downloads, last 30 days';

  const span = (pts: Point[]) => (pts.length >= 2 ? pts[pts.length - 1]!.t - pts[0]!.t : 0);
  const drawable = span(likes) >= MIN_SPAN_MS || span(downloads) >= MIN_SPAN_MS;
  const recorded = last && series[0] ? last.t - series[0].t : 0;

  return (
    <section class="velocity" aria-label="Velocity">
      <div class="charts-block">
        <div class="charts-head">
          <span>History</span>
          <div class="ranges" role="group" aria-label="Chart range">
            {(Object.keys(RANGES) as Range[]).map((r) => (
              <button type="button" key={r} aria-pressed={r === range} onClick={() => setRange(r)}>
                {r}
              </button>
            ))}
          </div>
        </div>
        {drawable ? (
          <div class="charts">
            {span(likes) >= MIN_SPAN_MS && <Sparkline label="Likes" points={likes} />}
            {span(downloads) >= MIN_SPAN_MS && <Sparkline label={downloadsLabel} points={downloads} />}
          </div>
        ) : (
          <p class="empty" data-empty={recorded < MIN_SPAN_MS ? 'seen-once' : 'range'}>
            {recorded < MIN_SPAN_MS
              ? `${series.length <= 1 ? 'Seen once' : 'Recorded for under an hour'} so far: Hub Lens records this model each time you open it, or every hour once you press Watch.`
              : `Nothing recorded in the last ${range}: pick a longer range.`}
          </p>
        )}
      </div>
      <table class="rates">
        <thead>
          <tr>
            <th scope="col">per day</th>
            <th scope="col">24 h</th>
            <th scope="col">7 d</th>
            <th scope="col">30 d</th>
          </tr>
        </thead>
        <tbody>
          <RateRow label="Likes" rates={velocity.likesPerDay} />
          <RateRow label="Downloads" rates={velocity.downloadsPerDay} />
        </tbody>
      </table>
    </section>
  );
}
