// Bounds of the list query a page repeats to the API: the content script clamps what it reads
// from the URL to these, and the background refuses anything outside them.

export const LIST_SORTS = ['trendingScore', 'likes', 'downloads', 'createdAt', 'lastModified'] as const;

export const LIST_LIMITS = {
  search: 200,
  text: 100,
  filters: 20,
  page: 10_000,
  /** model ids in one list/view message */
  batch: 500,
} as const;

/** Which page of models this is, as the list API can repeat it. */
export interface ListQuery {
  search?: string;
  author?: string;
  pipelineTag?: string;
  sort?: (typeof LIST_SORTS)[number];
  filter?: string[];
  /** page index (`p`); the API pages by cursor, so only the first page can be repeated */
  page: number;
}
