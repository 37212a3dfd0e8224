import type { ModelState } from '@/lib/messages';
import { formatDate } from './format';

type Warning = ModelState['warnings'][number];

const ORDER = { alert: 0, warn: 1, info: 2 } as const;

const TITLES: Record<Warning['kind'], string> = {
  'like-burst': 'Like burst',
  'likes-without-downloads': 'Likes without downloads',
  'zero-downloads-trending': 'Trending with no measured use',
  'downloads-not-measured': 'Downloads not measured',
  'likes-removed': 'Likes removed',
  'download-spike': 'Download spike',
  'trending-mismatch': 'Trending score disagrees',
  superseded: 'Superseded',
};

export const hasWarnAbove = (warnings: Warning[]) => warnings.some((w) => w.severity !== 'info');

/** Each warning is a signal with its evidence, never a bare verdict. */
export function Warnings({ warnings }: { warnings: Warning[] }) {
  if (warnings.length === 0) return null;
  const sorted = [...warnings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <ul class="warnings" aria-label="Signals">
      {sorted.map((w) => (
        <li class={`warning sev-${w.severity}`} data-kind={w.kind} key={w.kind}>
          <span class="sev">{w.severity}</span>
          <div class="warning-body">
            <div class="warning-title">
              <strong>{TITLES[w.kind]}</strong>
              <span class="muted">
                since {formatDate(Date.parse(w.since))} · confidence {Math.round(w.confidence * 100)}%
              </span>
            </div>
            <p class="evidence">{w.evidence}</p>
            {w.why && (
              <details>
                <summary>why?</summary>
                <p>{w.why}</p>
              </details>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
