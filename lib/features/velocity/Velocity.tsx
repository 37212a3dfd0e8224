import { Component } from 'preact';
import { formatRate } from '@/components/format';
import { Sparkline } from '@/components/Sparkline';
import type { Rate, RateWindow, Rates } from '../../estimates';
import { trend } from '../../trend';
import { DAY_MS } from '../../types';
import type { SectionProps } from '../content';
import type { Point, VelocityView as VelocityData } from './view-model';

/** Less history than this draws a flat, misleading line: say so in words instead. */
const MIN_SPAN_MS = 3_600_000;

const RANGES = { '7d': 7 * DAY_MS, '30d': 30 * DAY_MS, '90d': 90 * DAY_MS, all: Infinity } as const;
type Range = keyof typeof RANGES;
const WINDOWS: RateWindow[] = ['24h', '7d', '30d', 'lifetime'];
const LABELS: Record<RateWindow, string> = { '24h': '24 h', '7d': '7 d', '30d': '30 d', lifetime: 'lifetime' };

const span = (pts: Point[]) => (pts.length >= 2 ? pts[pts.length - 1]!.t - pts[0]!.t : 0);

function Cell({ rate, longer }: { rate: Rate; longer: Rate | undefined }) {
  // Arrows compare measured rates only: an estimate against a measurement says nothing.
  const t = !rate.estimated && longer && !longer.estimated ? trend(rate.value, longer.value) : null;
  const title = rate.value === null ? rate.basis || 'not enough history for this window yet' : rate.basis;
  return (
    <td title={title} data-estimated={rate.estimated && rate.value !== null ? '' : undefined}>
      {rate.estimated && rate.value !== null && <span class="approx" aria-label="estimated">≈</span>}
      {formatRate(rate.value, !rate.estimated)}
      {t && (
        <span class={t} title={t === 'up' ? 'faster than the longer window' : 'slower than the longer window'}>
          {t === 'up' ? ' ▲' : ' ▼'}
        </span>
      )}
    </td>
  );
}

function RateRow({ label, rates }: { label: string; rates: Rates['likesPerDay'] }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      {WINDOWS.map((w, i) => (
        <Cell key={w} rate={rates[w]} longer={WINDOWS[i + 1] ? rates[WINDOWS[i + 1]!] : undefined} />
      ))}
    </tr>
  );
}

/** Charts (with a range picker) and the rates table. A class: no preact/hooks in the content script. */
export class Velocity extends Component<SectionProps<VelocityData>, { range: Range }> {
  override state = { range: '30d' as Range };

  override render({ data, state }: SectionProps<VelocityData>) {
    if (!data || !state) return null;
    return <Charts data={data} snapshots={state.snapshots} range={this.state.range} setRange={(range) => this.setState({ range })} />;
  }
}

function Charts({ data, snapshots, range, setRange }: { data: VelocityData; snapshots: number; range: Range; setRange(r: Range): void }) {
  const last = Math.max(data.likes[data.likes.length - 1]?.t ?? 0, data.downloads[data.downloads.length - 1]?.t ?? 0);
  const from = last - RANGES[range];
  const likes = data.likes.filter((p) => p.t >= from);
  const downloads = data.downloads.filter((p) => p.t >= from);
  const drawable = span(likes) >= MIN_SPAN_MS || span(downloads) >= MIN_SPAN_MS;
  const estimated = WINDOWS.some((w) => data.rates.likesPerDay[w].estimated || data.rates.downloadsPerDay[w].estimated);

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
            {span(downloads) >= MIN_SPAN_MS && (
              <Sparkline label={data.downloadsAllTime ? 'Downloads, all-time' : 'Downloads, last 30 days'} points={downloads} />
            )}
          </div>
        ) : (
          <p class="empty" data-empty={data.recordedMs < MIN_SPAN_MS ? 'seen-once' : 'range'}>
            {data.recordedMs < MIN_SPAN_MS
              ? `${snapshots <= 1 ? 'Seen once' : 'Recorded for under an hour'} so far: Hub Lens records this model each time you open it, or every hour once you press Watch.`
              : `Nothing recorded in the last ${range}: pick a longer range.`}
          </p>
        )}
      </div>
      <table class="rates">
        <thead>
          <tr>
            <th scope="col">per day</th>
            {WINDOWS.map((w) => (
              <th scope="col" key={w}>
                {LABELS[w]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <RateRow label="Likes" rates={data.rates.likesPerDay} />
          <RateRow label="Downloads" rates={data.rates.downloadsPerDay} />
        </tbody>
      </table>
      {estimated && (
        <p class="rates-note muted" data-note="estimates">
          ≈ estimated from the Hub’s own windows (the 7-day trending score, the 30-day download counter, totals since
          creation) until Hub Lens’s history covers the window; hover a number for its source.
        </p>
      )}
    </section>
  );
}
