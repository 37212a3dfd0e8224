import { isModelId } from './model-id';

/** The one way a link to a model is made: built from a checked id, never taken from a page. */
export function modelUrl(id: string): string | undefined {
  return isModelId(id) ? `https://huggingface.co/${id.split('/').map(encodeURIComponent).join('/')}` : undefined;
}
