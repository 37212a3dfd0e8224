import { useComputed, useSignal } from '@preact/signals';
import { formatCount, formatRate } from '@/components/format';
import { Sparkline } from '@/components/Sparkline';
import { modelUrl } from '../../hub-url';
import { trend } from '../../trend';
import { sparkPoints, type WatchRow } from './summary';

type Column = 'id' | 'likes' | 'downloads' | 'likesPerDay24h' | 'likesPerDay7d' | 'severity';

const COLUMNS: { key: Column; label: string; numeric: boolean }[] = [
  { key: 'id', label: 'Model', numeric: false },
  { key: 'likes', label: 'Likes', numeric: true },
  { key: 'downloads', label: 'Downloads', numeric: true },
  { key: 'likesPerDay24h', label: '/day 24 h', numeric: true },
  { key: 'likesPerDay7d', label: '/day 7 d', numeric: true },
  { key: 'severity', label: '⚠', numeric: true },
];

const TITLES: Record<Column, string> = {
  id: 'Sort by name',
  likes: 'Total likes',
  downloads: 'Downloads over the last 30 days',
  likesPerDay24h: 'Likes per day over the last 24 hours (▲▼: against the 7-day rate)',
  likesPerDay7d: 'Likes per day over the last 7 days (▲▼: against the 30-day rate)',
  severity: 'Warnings at warn or alert',
};

const SEVERITY_RANK = { alert: 2, warn: 1 } as const;

function value(row: WatchRow, key: Column): string | number | null {
  if (key === 'severity') return row.severity ? SEVERITY_RANK[row.severity] : 0;
  return row[key];
}

/** Sorted and filtered rows; nulls always last. */
export function visibleRows(rows: WatchRow[], filter: string, sort: Column, descending: boolean): WatchRow[] {
  const q = filter.trim().toLowerCase();
  const kept = q ? rows.filter((r) => r.id.toLowerCase().includes(q)) : rows;
  return [...kept].sort((a, b) => {
    const va = value(a, sort);
    const vb = value(b, sort);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    const c = typeof va === 'string' ? va.localeCompare(vb as string) : va - (vb as number);
    return descending ? -c : c;
  });
}

function Arrow({ rate, longer }: { rate: number | null; longer: number | null }) {
  const t = trend(rate, longer);
  if (!t) return null;
  return <span class={t} aria-label={t === 'up' ? 'speeding up' : 'slowing down'}>{t === 'up' ? ' ▲' : ' ▼'}</span>;
}

/** Only the rows on screen unpack their sparkline. */
function RowSpark({ spark }: { spark: WatchRow['spark'] }) {
  const points = sparkPoints(spark);
  return points.length >= 2 ? <Sparkline label="Likes" points={points} width={80} height={20} compact /> : <span class="muted">—</span>;
}

/** Rows are a fixed height so only the visible ones need rendering (1,000 watched models). */
export const ROW_HEIGHT = 29;
const VIEW_ROWS = 16;
const OVERSCAN = 8;

export function WatchTable({ rows }: { rows: WatchRow[] }) {
  const scrollTop = useSignal(0);
  const filter = useSignal('');
  const sort = useSignal<Column>('likesPerDay24h');
  const descending = useSignal(true);
  const shown = useComputed(() => visibleRows(rows, filter.value, sort.value, descending.value));

  const first = Math.max(0, Math.floor(scrollTop.value / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(shown.value.length, first + VIEW_ROWS + 2 * OVERSCAN);

  const sortBy = (key: Column) => {
    if (sort.value === key) descending.value = !descending.value;
    else [sort.value, descending.value] = [key, key !== 'id'];
  };

  return (
    <div class="watch">
      <input
        class="filter"
        type="search"
        placeholder={`Filter ${rows.length} watched models`}
        aria-label="Filter by name"
        value={filter}
        onInput={(e) => (filter.value = (e.currentTarget as HTMLInputElement).value)}
      />
      <div class="scroller" style={{ maxHeight: `${ROW_HEIGHT * (VIEW_ROWS + 1)}px` }} onScroll={(e) => (scrollTop.value = (e.currentTarget as HTMLElement).scrollTop)}>
      <table>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                class={c.numeric ? 'num' : ''}
                aria-sort={sort.value === c.key ? (descending.value ? 'descending' : 'ascending') : 'none'}
              >
                <button type="button" onClick={() => sortBy(c.key)} title={TITLES[c.key]}>
                  {c.label}
                  {sort.value === c.key ? (descending.value ? ' ↓' : ' ↑') : ''}
                </button>
              </th>
            ))}
            <th scope="col">Likes, 30 d</th>
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr aria-hidden="true" style={{ height: `${first * ROW_HEIGHT}px` }} />}
          {shown.value.slice(first, last).map((r) => (
            <tr key={r.id} data-model={r.id}>
              <th scope="row">
                <a href={modelUrl(r.id)} target="_blank" rel="noreferrer">
                  {r.id}
                </a>
              </th>
              <td class="num">{formatCount(r.likes)}</td>
              <td class="num">{formatCount(r.downloads)}</td>
              <td class="num">
                {formatRate(r.likesPerDay24h)}
                {!r.estimated7d && <Arrow rate={r.likesPerDay24h} longer={r.likesPerDay7d} />}
              </td>
              <td class="num" title={r.estimated7d ? 'estimated from the 7-day trending score' : undefined}>
                {r.estimated7d && r.likesPerDay7d !== null ? `≈${formatRate(r.likesPerDay7d, false)}` : formatRate(r.likesPerDay7d)}
                {!r.estimated7d && <Arrow rate={r.likesPerDay7d} longer={r.likesPerDay30d} />}
              </td>
              <td class="num">
                {r.severity && (
                  <span class={`mark sev-${r.severity}`} title={r.warnings.map((w) => w.evidence).join(' ')} role="img" aria-label={`${r.severity}: ${r.warnings.map((w) => w.evidence).join(' ')}`}>
                    ⚠
                  </span>
                )}
              </td>
              <td>
                <RowSpark spark={r.spark} />
              </td>
            </tr>
          ))}
          {last < shown.value.length && <tr aria-hidden="true" style={{ height: `${(shown.value.length - last) * ROW_HEIGHT}px` }} />}
        </tbody>
      </table>
      </div>
      {shown.value.length === 0 && <p class="muted">No watched model matches “{filter.value}”.</p>}
    </div>
  );
}
