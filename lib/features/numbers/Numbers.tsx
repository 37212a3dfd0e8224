import { formatAgo, formatCount, formatExact, formatSigned } from '@/components/format';
import { Said } from '@/components/said';
import type { SectionProps } from '@/lib/features/content-part';
import type { NumbersView } from './background';

/** A counter: its value as shown (187.7K) and, for a screen reader, exact (`said`: 187,654). */
function Stat({ label, value, said = value, title, sub }: { label: string; value: string; said?: string; title?: string; sub?: preact.ComponentChildren }) {
  return (
    <div class="stat" title={title}>
      <div class="stat-label">{label}</div>
      <div class="stat-value">
        <Said shown={value} said={said} />
      </div>
      {sub && <div class="stat-sub">{sub}</div>}
    </div>
  );
}

/** The model's counters (the history's latest, else the page's own), and what changed since the last visit. */
export function Numbers({ page, state, data, now }: SectionProps<NumbersView>) {
  const latest = state?.latest;
  // A failed write left this view's numbers out of the history: then the page's own are the newest.
  const pick = (saved: number | undefined, shown: number | undefined) => (state?.writeFailure ? (shown ?? saved) : (saved ?? shown));
  const likes = pick(latest?.likes?.v, page.likes);
  const downloads = pick(latest?.downloads?.v, page.downloads);
  const allTime = pick(latest?.downloadsAllTime?.v, page.downloadsAllTime);
  const trending = latest?.trendingScore;
  const untracked = (state?.trackDownloads ?? page.trackDownloads) === false;
  const note = state?.api?.note;
  const since = state?.sinceLastVisit;
  const gained = data?.likesGained7d;

  return (
    <>
      <div class="stats">
        <Stat label="Likes" value={formatCount(likes)} said={formatExact(likes)} title={formatExact(likes)} />
        <Stat
          label="Downloads, 30 days"
          value={untracked ? 'not measured' : formatCount(downloads)}
          said={untracked ? undefined : formatExact(downloads)}
          title={untracked ? 'The Hub does not count downloads of this repo: zero here means nothing.' : formatExact(downloads)}
        />
        <Stat
          label="Downloads, all-time"
          value={untracked ? 'not measured' : formatCount(allTime)}
          said={untracked ? undefined : formatExact(allTime)}
          title={untracked ? undefined : formatExact(allTime)}
        />
        <Stat
          label="Trending score"
          value={formatCount(trending?.v)}
          said={formatExact(trending?.v)}
          title={trending ? `as of ${formatAgo(trending.t, now)}` : 'not fetched yet'}
          sub={
            gained !== null && gained !== undefined ? (
              <span title="Likes gained over the last 7 days in Hub Lens's own history">{formatSigned(gained)} likes / 7 d here</span>
            ) : undefined
          }
        />
      </div>
      {since && (since.likes || since.downloadsAllTime) ? (
        <p class="since">
          Since your last visit ({formatAgo(since.from, now)}): <strong>{formatSigned(since.likes)} likes</strong>
          {since.downloadsAllTime !== null && (
            <>
              , <strong>{formatSigned(since.downloadsAllTime)} downloads</strong>
            </>
          )}
        </p>
      ) : null}
      {state?.writeFailure && (
        <p class="note" role="status" data-note="write-failure">
          Hub Lens could not save this visit to its history: {state.writeFailure}. What you see is not being recorded.
        </p>
      )}
      {note && <p class="note">{note}</p>}
    </>
  );
}
