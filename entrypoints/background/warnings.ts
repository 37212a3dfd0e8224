import { detectAnomalies, explain } from '@/lib/anomalies';
import { loadSettings } from '@/lib/settings';
import type { ModelHistory, Warning } from '@/lib/types';

export type Detect = (history: ModelHistory, now: number) => (Warning & { why: string })[];

/** The detectors at the user's sensitivity, each warning with the rule behind it (settings read once). */
export async function detector(): Promise<Detect> {
  const { sensitivity } = await loadSettings();
  return (history, now) =>
    detectAnomalies(history, now, { settings: { sensitivity } }).map((w) => ({ ...w, why: explain(w.kind, { sensitivity }) }));
}
