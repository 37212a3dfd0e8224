import { useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { estimateSaid, Said, TRENDING_BASIS } from '@/components/said';
import { countOf, formatCount, formatExact, formatRate } from '@/components/format';
import { Sparkline } from '@/components/Sparkline';
import { modelUrl } from '@/lib/hub-url';
import { trend } from '@/lib/trend';
import { DEFAULT_ORDER, OVERSCAN, ROW_HEIGHT, ROW_HEIGHT_NARROW, VIEW_ROWS, visibleRows, type Column } from './row-order';
import { sparkPoints, type WatchRow } from './summary';

/** `name`: what a screen reader calls a column whose header is a sign. */
const COLUMNS: { key: Column; label: string; numeric: boolean; name?: string }[] = [
  { key: 'id', label: 'Model', numeric: false },
  { key: 'likes', label: 'Likes', numeric: true },
  { key: 'downloads', label: 'Downloads', numeric: true },
  // No-break spaces: where the headers wrap when the popup is narrow.
  { key: 'likesPerDay24h', label: '/day 24\u00a0h', numeric: true },
  { key: 'likesPerDay7d', label: '/day 7\u00a0d', numeric: true },
  { key: 'severity', label: '⚠', numeric: true, name: 'Warnings' },
];

const TITLES: Record<Column, string> = {
  id: 'Sort by name',
  likes: 'Total likes',
  downloads: 'Downloads over the last 30 days',
  likesPerDay24h: 'Likes per day over the last 24 hours (▲▼: against the 7-day rate)',
  likesPerDay7d: 'Likes per day over the last 7 days (▲▼: against the 30-day rate)',
  severity: 'Warnings at warn or alert',
};

/** Narrower than this (a small window, or 200% zoom), each row takes two lines: every column stays on screen. */
const NARROW = '(max-width: 480px)';

function Arrow({ rate, longer }: { rate: number | null; longer: number | null }) {
  const t = trend(rate, longer);
  if (!t) return null;
  return <span class={t}><Said shown={t === 'up' ? ' ▲' : ' ▼'} said={t === 'up' ? ', speeding up' : ', slowing down'} /></span>;
}

/** A count as shown (187.7K), read out exact (187,654); under 10,000 both are the same text, written once. */
function Count({ n }: { n: number | null }) {
  const shown = formatCount(n);
  const exact = formatExact(n);
  return shown === exact ? <>{shown}</> : <Said shown={shown} said={exact} />;
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
  const narrow = useSignal(matchMedia(NARROW).matches);
  /** The row that Tab enters the table on, and arrow keys move from (an index into `shown`). */
  const active = useSignal(0);
  const scroller = useRef<HTMLDivElement>(null);
  const focusPending = useRef<number | null>(null);
  useEffect(() => {
    const query = matchMedia(NARROW);
    const follow = () => (narrow.value = query.matches);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  const shown = useMemo(
    () => (whole ? visibleRows(rows, filter.value, sort.value, descending.value) : rows),
    [rows, whole, filter.value, sort.value, descending.value],
  );

  // The rows on screen, OVERSCAN more on each side; beyond the rows in hand, empty space.
  const length = whole ? shown.length : total;
  const rowHeight = narrow.value ? ROW_HEIGHT_NARROW : ROW_HEIGHT;
  const top = Math.floor(scrollTop.value / rowHeight);
  const first = Math.min(Math.max(0, top - OVERSCAN), shown.length);
  const last = Math.min(length, top + VIEW_ROWS + OVERSCAN, shown.length);

  // Only one row's link is in the Tab order: the active one when on screen, else the first on screen.
  const tabRow = active.value >= first && active.value < last ? active.value : first;
  /** The row at `index` gets the focus: scrolled to first when it is not on screen, then focused once rendered. */
  const focusRow = () => {
    const index = focusPending.current;
    const link = index === null ? null : scroller.current?.querySelector<HTMLElement>(`tr[aria-rowindex="${index + 2}"] a`);
    if (link) {
      focusPending.current = null;
      link.focus();
    }
  };
  useEffect(focusRow);
  const onKey = (e: KeyboardEvent) => {
    const box = scroller.current;
    const from = Number((e.target as Element).closest('tr')?.getAttribute('aria-rowindex')) - 2;
    if (!box || !(from >= 0)) return;
    const page = Math.max(1, Math.floor(box.clientHeight / rowHeight) - 2);
    const steps: Record<string, number> = { ArrowDown: from + 1, ArrowUp: from - 1, PageDown: from + page, PageUp: from - page, Home: 0, End: shown.length - 1 };
    if (!(e.key in steps)) return;
    e.preventDefault();
    const to = Math.min(Math.max(0, steps[e.key]!), shown.length - 1);
    active.value = to;
    focusPending.current = to;
    // Keep the row in view below the sticky header (one row high).
    const view = box.clientHeight - rowHeight;
    const y = to * rowHeight;
    if (y < box.scrollTop) box.scrollTop = y;
    else if (y + rowHeight > box.scrollTop + view) box.scrollTop = y + rowHeight - view;
    scrollTop.value = box.scrollTop;
    focusRow();
  };

  const sortBy = (key: Column) => {
    if (sort.value === key) descending.value = !descending.value;
    else [sort.value, descending.value] = [key, key !== 'id'];
  };

  return (
    <div class="watch">
      <input
        class="filter"
        type="search"
        placeholder={`Filter ${countOf(total, 'watched model')}`}
        aria-label="Filter by name"
        disabled={!whole}
        value={filter}
        onInput={(e) => (filter.value = (e.currentTarget as HTMLInputElement).value)}
      />
      <div
        class="scroller"
        ref={scroller}
        aria-busy={!whole}
        style={{ maxHeight: `${rowHeight * (VIEW_ROWS + 1)}px` }}
        onScroll={(e) => (scrollTop.value = (e.currentTarget as HTMLElement).scrollTop)}
      >
      {/* The whole list's size, though only the rows on screen are in the page: a screen reader says "row 12 of 1,001". */}
      <table aria-rowcount={length + 1} aria-label="Watched models">
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                class={c.numeric ? 'num' : ''}
                aria-sort={sort.value === c.key ? (descending.value ? 'descending' : 'ascending') : 'none'}
              >
                <button type="button" disabled={!whole} onClick={() => sortBy(c.key)} title={TITLES[c.key]} aria-label={c.name}>
                  {c.label}
                  {sort.value === c.key ? (descending.value ? '\u00a0↓' : '\u00a0↑') : ''}
                </button>
              </th>
            ))}
            <th scope="col">Likes, 30 d</th>
          </tr>
        </thead>
        <tbody onKeyDown={onKey}>
          {first > 0 && <tr aria-hidden="true" style={{ height: `${first * rowHeight}px` }} />}
          {shown.slice(first, last).map((r, i) => (
            <tr key={r.id} data-model={r.id} aria-rowindex={first + i + 2}>
              <th scope="row">
                <a href={modelUrl(r.id)} target="_blank" rel="noreferrer" tabIndex={first + i === tabRow ? 0 : -1} onFocus={() => (active.value = first + i)}>
                  {r.id}
                </a>
              </th>
              <td class="num"><Count n={r.likes} /></td>
              <td class="num"><Count n={r.downloads} /></td>
              <td class="num">
                {formatRate(r.likesPerDay24h)}
                {!r.estimated7d && <Arrow rate={r.likesPerDay24h} longer={r.likesPerDay7d} />}
              </td>
              <td class="num" title={r.estimated7d ? 'estimated from the 7-day trending score' : undefined}>
                {r.estimated7d && r.likesPerDay7d !== null ? (
                  <Said shown={`≈${formatRate(r.likesPerDay7d, false)}`} said={estimateSaid(formatRate(r.likesPerDay7d, false), TRENDING_BASIS)} />
                ) : (
                  formatRate(r.likesPerDay7d)
                )}
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
          {last < length && <tr aria-hidden="true" style={{ height: `${(length - last) * rowHeight}px` }} />}
        </tbody>
      </table>
      </div>
      {whole && shown.length === 0 && <p class="muted">No watched model matches “{filter.value}”.</p>}
    </div>
  );
}
