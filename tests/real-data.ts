// Real third-party data: Hub answers and recorded histories saved by other public projects. It is
// not part of this repository (it is theirs): tests that need it read it from HUB_LENS_REAL_DATA,
// else from `shared/` beside the repository, and are skipped where it is absent. With
// HUB_LENS_REQUIRE_REAL_DATA=1 (CI) nothing is skipped: a test whose data is missing fails.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Each folder of real data, and who saved it (from its SOURCES.md). */
export const REAL_DATA = {
  'fixtures/hub-api': 'real Hub answers saved by RIMEL-UCA/RIMEL-UCA.github.io @ 2bb7105a and 26fe6600 and park-onezero/daily-hf-trending @ b2a4c7e1',
  'data/history': 'real histories recorded from the git history of park-onezero/daily-hf-trending and namhyeokwoo/huggingface-trending',
} as const;
export type RealData = keyof typeof REAL_DATA;

/** The folder that holds the real data: HUB_LENS_REAL_DATA, else `shared/` beside the repository. */
export const realDataDir = () => path.resolve(ROOT, process.env.HUB_LENS_REAL_DATA || '../shared');
export const realPath = (item: RealData, file = '') => path.join(realDataDir(), item, file);
export const realDataRequired = () => process.env.HUB_LENS_REQUIRE_REAL_DATA === '1';

/** The line that says what is missing and where it comes from. */
export function missingLine(item: RealData): string {
  const where = process.env.HUB_LENS_REAL_DATA ? realPath(item) : `../shared/${item}/`;
  return `skipped: needs ${where} (${REAL_DATA[item]}; see SOURCES.md there); set HUB_LENS_REAL_DATA to a copy`;
}

/**
 * For `describe.skipIf(lacks(item))`: true where `item` is absent and not required. The reason is
 * printed once per item at the end of the run (see real-data-setup.ts).
 */
export function lacks(item: RealData): boolean {
  if (existsSync(realPath(item)) || realDataRequired()) return false;
  const log = process.env.HUB_LENS_SKIPPED_LOG;
  if (log) writeFileSync(path.join(log, item.replace('/', '--')), missingLine(item));
  else console.warn(missingLine(item));
  return true;
}

export function readReal(item: RealData, file: string): string {
  const p = realPath(item, file);
  if (!existsSync(p)) throw new Error(`missing real data: ${missingLine(item).replace(/^skipped: /, '')}`);
  return readFileSync(p, 'utf8');
}
export const realJson = <T = any>(item: RealData, file: string): T => JSON.parse(readReal(item, file)) as T;

const QWQ_FULL = 'model-full-Qwen--QwQ-32B-Preview--finetune-base-of-cluster.json';
const LIST50 = 'list-models-default-sort-trending-limit50-2024-12-02.json';

/**
 * The one-call expand answer of Qwen/QwQ-32B-Preview, head of the real re-upload cluster. No real
 * expand answer was saved: the real full answer and list entry give what they hold, an invented
 * overlay (in tests/fixtures/hub-api) the expand-only fields.
 */
export function realQwqExpand() {
  const full = realJson('fixtures/hub-api', QWQ_FULL);
  const entry = realJson<any[]>('fixtures/hub-api', LIST50).find((m) => m.id === full.id);
  const { _comment, cardData, ...extra } = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/hub-api/invented-expand-Qwen--QwQ-32B-Preview.json'), 'utf8'));
  const { _id, id, likes, downloads, createdAt, lastModified, pipeline_tag, library_name, tags, gated, private: priv, disabled } = full;
  return {
    ...{ _id, id, likes, downloads, trendingScore: entry.trendingScore, createdAt, lastModified, pipeline_tag, library_name, tags, gated, private: priv, disabled },
    ...extra,
    cardData: { ...full.cardData, ...cardData },
  };
}
