import { formatDate } from '@/components/format';
import type { SectionProps } from '@/lib/features/content-part';
import type { ExplainedWarning } from '@/lib/features/detector';
import { bySeverity, isSerious } from '@/lib/anomalies/severity';


/** Each warning is a signal with its evidence, never a bare verdict. */
export function Warnings({ data }: SectionProps<ExplainedWarning[]>) {
  if (!data?.length) return null;
  return (
    <ul class="warnings" aria-label="Signals">
      {bySeverity(data).map((w) => (
        <li class={`warning sev-${w.severity}`} data-kind={w.kind} key={w.kind}>
          <span class="sev">{w.severity}</span>
          <div class="warning-body">
            <div class="warning-title">
              <strong>{w.title}</strong>
              <span class="muted">
                since {formatDate(Date.parse(w.since))} · confidence {Math.round(w.confidence * 100)}%
              </span>
            </div>
            <p class="evidence">{w.evidence}</p>
            <details>
              <summary>why?</summary>
              <p>{w.why}</p>
              <details>
                <summary>how it is measured</summary>
                <p>{w.detail}</p>
              </details>
            </details>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** A mark in the panel's header when any signal is at warn or above. */
export function WarningMark({ data }: SectionProps<ExplainedWarning[]>) {
  if (!data?.some(isSerious)) return null;
  return (
    <span class="head-alert" role="img" aria-label="Has warnings" title="Signals at warn or above: see below">
      ⚠
    </span>
  );
}
