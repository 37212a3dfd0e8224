import { familyResponseSchema, responseSchema, type FamilyView, type ModelState, type Request } from '@/lib/messages';

/** Ask the background about a model; the answer is validated like any input. Never throws. */
export async function ask(request: Request): Promise<ModelState | null> {
  try {
    const parsed = responseSchema.safeParse(await browser.runtime.sendMessage(request));
    return parsed.success && parsed.data.ok ? parsed.data.state : null;
  } catch {
    return null; // background unavailable (extension reloaded): the panel keeps the page's numbers
  }
}

export async function askFamily(id: string): Promise<FamilyView | null> {
  try {
    const parsed = familyResponseSchema.safeParse(await browser.runtime.sendMessage({ type: 'family/get', id }));
    return parsed.success ? { family: parsed.data.family, place: parsed.data.place } : null;
  } catch {
    return null;
  }
}
