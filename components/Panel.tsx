import type { ApiStatus, FamilyView, ModelState, PageObservation } from '@/lib/messages';
import { FamilyCard } from './FamilyCard';
import type { Snapshot } from '@/lib/types';
import { formatAgo, formatCount, formatExact, formatSigned } from './format';
import { Velocity } from './Velocity';
import { hasWarnAbove, Warnings } from './Warnings';

interface Props {
  observation: PageObservation;
  state: ModelState | null;
  now: number;
  onWatch?: (watched: boolean) => void;
  family?: FamilyView | null;
  /** which parts the user switched on */
  show?: { sparklines: boolean; warnings: boolean };
}

/** The latest known value of a counter: the history first, then the page itself. */
function latest(series: Snapshot[], field: keyof Omit<Snapshot, 't'>): { v: number; t: number } | null {
  for (let i = series.length - 1; i >= 0; i--) {
    const s = series[i]!;
    if (s[field] !== null) return { v: s[field]!, t: s.t };
  }
  return null;
}

const API_NOTES: Partial<Record<ApiStatus['status'], string>> = {
  'rate-limited': 'The Hub is rate-limiting requests: the trending score will be fetched later.',
  offline: 'Offline: showing what the page and the local history say.',
  'server-error': 'The Hub API answered with an error: showing what the page and the local history say.',
  malformed: 'The Hub API answered with something unexpected: some numbers may be missing.',
  unauthorized: 'This model is gated or private: the API did not answer.',
  'not-found': 'The Hub API does not know this model.',
};

function Stat({ label, value, title, sub }: { label: string; value: string; title?: string; sub?: preact.ComponentChildren }) {
  return (
    <div class="stat" title={title}>
      <div class="stat-label">{label}</div>
      <div class="stat-value">{value}</div>
      {sub && <div class="stat-sub">{sub}</div>}
    </div>
  );
}

export function Panel({ observation, state, now, onWatch, family, show = { sparklines: true, warnings: true } }: Props) {
  const series = state?.series ?? [];
  const likes = latest(series, 'likes')?.v ?? observation.likes;
  const downloads = latest(series, 'downloads')?.v ?? observation.downloads;
  const allTime = latest(series, 'downloadsAllTime')?.v ?? observation.downloadsAllTime;
  const trending = latest(series, 'trendingScore');
  const untracked = (state?.trackDownloads ?? observation.trackDownloads) === false;
  const warnings = show.warnings ? (state?.warnings ?? []) : [];
  const note = state?.api ? API_NOTES[state.api.status] : undefined;
  const since = state?.sinceLastVisit;

  return (
    <section class="panel" aria-label="Hub Lens">
      <header class="panel-head">
        <span class="brand">
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5" fill="none" stroke="currentColor" stroke-width="2" />
            <path d="M11 11l3.5 3.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
          Hub Lens
        </span>
        {hasWarnAbove(warnings) && (
          <span class="head-alert" role="img" aria-label="Has warnings" title="Signals at warn or above: see below">
            ⚠
          </span>
        )}
        {state && onWatch && (
          <button
            type="button"
            class={state.watched ? 'watch on' : 'watch'}
            aria-pressed={state.watched}
            title={state.watched ? 'Recorded every hour; listed in the Hub Lens popup' : 'Record this model every hour and list it in the Hub Lens popup'}
            onClick={() => onWatch(!state.watched)}
          >
            {state.watched ? '★ Watching' : '☆ Watch'}
          </button>
        )}
        <span class="head-meta">
          {state ? (
            <>
              first seen {formatAgo(state.firstSeen, now)} · <span data-field="snapshots">{series.length}</span>{' '}
              {series.length === 1 ? 'snapshot' : 'snapshots'}
            </>
          ) : (
            'loading history…'
          )}
        </span>
      </header>
      <div class="stats">
        <Stat label="Likes" value={formatCount(likes)} title={formatExact(likes)} />
        <Stat
          label="Downloads, 30 days"
          value={untracked ? 'not measured' : formatCount(downloads)}
          title={untracked ? 'The Hub does not count downloads of this repo: zero here means nothing.' : formatExact(downloads)}
        />
        <Stat
          label="Downloads, all-time"
          value={untracked ? 'not measured' : formatCount(allTime)}
          title={untracked ? undefined : formatExact(allTime)}
        />
        <Stat
          label="Trending score"
          value={formatCount(trending?.v)}
          title={trending ? `as of ${formatAgo(trending.t, now)}` : 'not fetched yet'}
          sub={
            state?.likesGained7d !== null && state?.likesGained7d !== undefined ? (
              <span title="Likes gained over the last 7 days in Hub Lens's own history">
                {formatSigned(state.likesGained7d)} likes / 7 d here
              </span>
            ) : undefined
          }
        />
      </div>
      {since && (since.likes || since.downloadsAllTime) ? (
        <p class="since">
          Since your last visit ({formatAgo(since.from, now)}): <strong>{formatSigned(since.likes)} likes</strong>
          {since.downloadsAllTime !== null && <>, <strong>{formatSigned(since.downloadsAllTime)} downloads</strong></>}
        </p>
      ) : null}
      {state && show.sparklines && <Velocity state={state} />}
      <Warnings warnings={warnings} />
      {family && <FamilyCard view={family} id={observation.id} />}
      {note && <p class="note">{note}</p>}
    </section>
  );
}
