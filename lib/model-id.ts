// Placeholder until the library branch lands: the Hub's model-id rule.
export const MODEL_ID_MAX_LENGTH = 96 * 2 + 1;
const SEGMENT = /^(?!\.\.?$)[\w.-]+$/;
export function isModelId(s: unknown): s is string {
  if (typeof s !== 'string' || s.length > MODEL_ID_MAX_LENGTH) return false;
  const parts = s.split('/');
  return parts.length === 2 && parts.every((p) => SEGMENT.test(p));
}
