import { Component } from 'preact';
import { formatCount, formatDate, formatDateTime, formatExact, formatSigned } from './format';

export interface Point {
  t: number;
  v: number;
}

interface Props {
  label: string;
  points: Point[];
  width?: number;
  height?: number;
  /** no caption or read-out: a table cell */
  compact?: boolean;
}

const PAD = 3;

/**
 * A small SVG line with a hover read-out; the text alternative carries the numbers. A class
 * rather than hooks: the content script leaves preact/hooks out to stay small.
 */
export class Sparkline extends Component<Props, { hover: number | null }> {
  override state = { hover: null as number | null };

  override render({ label, points, width = 220, height = 44, compact = false }: Props) {
    const first = points[0];
    const last = points[points.length - 1];
    if (!first || !last || points.length < 2) return null;
    const t0 = first.t;
    const span = last.t - t0 || 1;
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of points) {
      lo = Math.min(lo, p.v);
      hi = Math.max(hi, p.v);
    }
    const range = hi - lo || 1;
    const x = (t: number) => PAD + ((t - t0) / span) * (width - 2 * PAD);
    const y = (v: number) => height - PAD - ((v - lo) / range) * (height - 2 * PAD);
    const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join('');
    const area = `${path}L${x(last.t).toFixed(1)},${height}L${x(t0).toFixed(1)},${height}Z`;
    const summary = `${label}: ${formatCount(first.v)} on ${formatDate(first.t)} to ${formatCount(last.v)} on ${formatDate(last.t)} (${formatSigned(last.v - first.v)}), ${formatExact(points.length)} snapshots`;

    const onMove = (e: MouseEvent) => {
      const box = (e.currentTarget as SVGElement).getBoundingClientRect();
      const t = t0 + ((e.clientX - box.left) / box.width) * span;
      let best = 0;
      points.forEach((p, i) => {
        if (Math.abs(p.t - t) < Math.abs(points[best]!.t - t)) best = i;
      });
      this.setState({ hover: best });
    };

    const hovered = this.state.hover === null ? null : points[this.state.hover];
    return (
      <figure class={compact ? 'spark compact' : 'spark'}>
        {!compact && (
          <figcaption>
            <span class="spark-label">{label}</span>
            {/* A pointer's magnifier, not announced at each move: the chart's text alternative holds its numbers. */}
            <span class="spark-readout" aria-hidden="true">
              {hovered ? `${formatCount(hovered.v)} · ${formatDateTime(hovered.t)}` : formatSigned(last.v - first.v)}
            </span>
          </figcaption>
        )}
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          role="img"
          aria-label={summary}
          onMouseMove={onMove}
          onMouseLeave={() => this.setState({ hover: null })}
        >
          <title>{summary}</title>
          <path class="spark-area" d={area} />
          <path class="spark-line" d={path} />
          {hovered && <line class="spark-cursor" x1={x(hovered.t)} x2={x(hovered.t)} y1={0} y2={height} />}
          <circle class="spark-dot" cx={x((hovered ?? last).t)} cy={y((hovered ?? last).v)} r={2.5} />
        </svg>
      </figure>
    );
  }
}
