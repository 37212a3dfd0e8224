import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { formatCount, formatRate } from '@/components/format';
import { Sparkline } from '@/components/Sparkline';
import { modelUrl } from '@/lib/hub-url';
import { trend } from '@/lib/trend';
import { DEFAULT_ORDER, OVERSCAN, ROW_HEIGHT, VIEW_ROWS, visibleRows, type Column } from './row-order';
import { sparkPoints, type WatchRow } from './summary';

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

/**
 * The watch list. `rows` is the whole list when `whole`, else only its first rows in the opening
 * order (of `total`): the scroll height is already the whole list's, and sorting and filtering
 * wait for it (their controls are disabled), so no order of a part is shown as the whole's.
 */
export function WatchTable({ rows, total, whole }: { rows: readonly WatchRow[]; total: number; whole: boolean }) {
  const scrollTop = useSignal(0);
  const filter = useSignal('');
  const sort = useSignal<Column>(DEFAULT_ORDER.sort);
  const descending = useSignal<boolean>(DEFAULT_ORDER.descending);
  const shown = useMemo(
    () => (whole ? visibleRows(rows, filter.value, sort.value, descending.value) : rows),
    [rows, whole, filter.value, sort.value, descending.value],
  );

  // The rows on screen, OVERSCAN more on each side; beyond the rows in hand, empty space.
  const length = whole ? shown.length : total;
  const top = Math.floor(scrollTop.value / ROW_HEIGHT);
  const first = Math.min(Math.max(0, top - OVERSCAN), shown.length);
  const last = Math.min(length, top + VIEW_ROWS + OVERSCAN, shown.length);

  const sortBy = (key: Column) => {
    if (sort.value === key) descending.value = !descending.value;
    else [sort.value, descending.value] = [key, key !== 'id'];
  };

  return (
    <div class="watch">
      <input
        class="filter"
        type="search"
        placeholder={`Filter ${total} watched models`}
        aria-label="Filter by name"
        disabled={!whole}
        value={filter}
        onInput={(e) => (filter.value = (e.currentTarget as HTMLInputElement).value)}
      />
      <div class="scroller" aria-busy={!whole} style={{ maxHeight: `${ROW_HEIGHT * (VIEW_ROWS + 1)}px` }} onScroll={(e) => (scrollTop.value = (e.currentTarget as HTMLElement).scrollTop)}>
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
                <button type="button" disabled={!whole} onClick={() => sortBy(c.key)} title={TITLES[c.key]}>
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
          {shown.slice(first, last).map((r) => (
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
          {last < length && <tr aria-hidden="true" style={{ height: `${(length - last) * ROW_HEIGHT}px` }} />}
        </tbody>
      </table>
      </div>
      {whole && shown.length === 0 && <p class="muted">No watched model matches “{filter.value}”.</p>}
    </div>
  );
}
