import { Component } from 'preact';
import { Said } from '@/components/said';
import { Sparkline } from '@/components/Sparkline';
import { RATE_WINDOWS, type RateWindow } from '@/lib/estimates';
import { DAY_MS } from '@/lib/types';
import type { SectionProps } from '@/lib/features/content-part';
import { MIN_SPAN_MS, type Point, type RateCell, type VelocityView as VelocityData } from './view-model';

const RANGES = { '7d': 7 * DAY_MS, '30d': 30 * DAY_MS, '90d': 90 * DAY_MS, all: Infinity } as const;
type Range = keyof typeof RANGES;
const LABELS: Record<RateWindow, string> = { '24h': '24 h', '7d': '7 d', '30d': '30 d', lifetime: 'lifetime' };

const span = (pts: Point[]) => (pts.length >= 2 ? pts[pts.length - 1]!.t - pts[0]!.t : 0);

function Cell({ cell }: { cell: RateCell }) {
  return (
    <td title={cell.title} data-estimated={cell.estimated ? '' : undefined}>
      <Said
        shown={
          <>
            {cell.estimated && <span class="approx">≈</span>}
            {cell.text}
            {cell.trend && <span class={cell.trend}>{cell.trend === 'up' ? ' ▲' : ' ▼'}</span>}
          </>
        }
        said={cell.said}
      />
    </td>
  );
}

function RateRow({ label, cells }: { label: string; cells: RateCell[] }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      {cells.map((c, i) => (
        <Cell key={i} cell={c} />
      ))}
    </tr>
  );
}

/** Charts (with a range picker) and the rates table. A class: no preact/hooks in the content script. */
export class Velocity extends Component<SectionProps<VelocityData>, { range: Range }> {
  override state = { range: '30d' as Range };

  override render({ data, state }: SectionProps<VelocityData>) {
    if (!data || !state) return null;
    const { range } = this.state;
    const last = Math.max(data.likes[data.likes.length - 1]?.t ?? 0, data.downloads[data.downloads.length - 1]?.t ?? 0);
    const from = last - RANGES[range];
    const likes = data.likes.filter((p) => p.t >= from);
    const downloads = data.downloads.filter((p) => p.t >= from);
    const drawable = span(likes) >= MIN_SPAN_MS || span(downloads) >= MIN_SPAN_MS;

    return (
      <section class="velocity" aria-label="Velocity">
        <div class="charts-block">
          <div class="charts-head">
            <span>History</span>
            <div class="ranges" role="group" aria-label="Chart range">
              {(Object.keys(RANGES) as Range[]).map((r) => (
                <button type="button" key={r} aria-pressed={r === range} onClick={() => this.setState({ range: r })}>
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
            <p class="empty" data-empty={data.young ? 'seen-once' : 'range'}>
              {data.young ?? `Nothing recorded in the last ${range}: pick a longer range.`}
            </p>
          )}
        </div>
        <table class="rates">
          <thead>
            <tr>
              <th scope="col">per day</th>
              {RATE_WINDOWS.map((w) => (
                <th scope="col" key={w}>
                  {LABELS[w]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <RateRow label="Likes" cells={data.rates.likes} />
            <RateRow label="Downloads" cells={data.rates.downloads} />
          </tbody>
        </table>
        {data.note && (
          <p class="rates-note muted" data-note="estimates">
            {data.note}
          </p>
        )}
      </section>
    );
  }
}
