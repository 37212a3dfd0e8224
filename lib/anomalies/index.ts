import type { ModelHistory, Warning } from '../types';

/** Placeholder until the detectors land: every detector is pure, `at` is epoch ms. */
export function detectAnomalies(_history: ModelHistory, _at: number): Warning[] {
  return [];
}
