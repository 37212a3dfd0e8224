import type { Input, MessageType, Output } from './protocol';

/**
 * Ask the background. The background validated the request and built the answer itself, so
 * the answer is not checked again here. Never throws: null when the background refused or is
 * gone (the extension was reloaded), so a feature shows what it has instead of breaking.
 */
export async function send<K extends MessageType>(type: K, input: Input<K>): Promise<Output<K> | null> {
  try {
    const answer = await browser.runtime.sendMessage({ type, input });
    return answer && answer.ok === true ? (answer.value as Output<K>) : null;
  } catch {
    return null;
  }
}
