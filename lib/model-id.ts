// The one rule for a Hub model id `author/name`, used wherever an id enters Hub Lens (API
// answers, page props, messages, files). No zod: the content script uses it too.
//
// It follows huggingface_hub's `validate_repo_id` (utils/_validators.py): letters, digits,
// `-`, `_` and `.`; each part starts and ends with a letter, digit or `_`; no `--` or `..`;
// not ending in `.git`; the name at most 96 characters. That client sets no limit on the
// author; 96 is ours, far above any real one. Unlike it, the author is required: the API
// always answers with `author/name`. A `.` or `..` part can never pass (so an id can never
// walk out of `/api/models/` in a URL), nor an empty one.

/** The Hub's limit on the name part (`validate_repo_id`). */
export const MODEL_NAME_MAX_LENGTH = 96;
/** Hub Lens's own limit on the author part. */
export const MODEL_AUTHOR_MAX_LENGTH = 96;
export const MODEL_ID_MAX_LENGTH = MODEL_AUTHOR_MAX_LENGTH + 1 + MODEL_NAME_MAX_LENGTH;

const PART = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

function isPart(s: string, max: number): boolean {
  return s.length <= max && PART.test(s) && !s.includes('--') && !s.includes('..');
}

/** `[author, name]` of a valid model id, else null. */
export function modelIdSegments(s: unknown): [author: string, name: string] | null {
  if (typeof s !== 'string' || s.length > MODEL_ID_MAX_LENGTH) return null;
  const parts = s.split('/');
  if (parts.length !== 2) return null;
  const [author, name] = parts as [string, string];
  if (!isPart(author, MODEL_AUTHOR_MAX_LENGTH) || !isPart(name, MODEL_NAME_MAX_LENGTH)) return null;
  if (name.endsWith('.git')) return null;
  return [author, name];
}

export const isModelId = (s: unknown): s is string => modelIdSegments(s) !== null;
