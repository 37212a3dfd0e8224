import type { Answer, Input, MessageType, Output } from './protocol';

/**
 * Ask the background. The background validated the request and built the answer itself, so
 * the answer is not checked again here. Never throws: a failure says why (`kind`: the feature
 * is off, the input was refused, the handler failed, the sender may not ask this, or the
 * background is gone, as after an update), so a feature shows what it has instead of breaking.
 */
export async function send<K extends MessageType>(type: K, input: Input<K>): Promise<Answer<Output<K>>> {
  try {
    // The background answers nothing to a sender it does not serve.
    return ((await browser.runtime.sendMessage({ type, input })) as Answer<Output<K>> | undefined) ?? { ok: false, kind: 'refused', error: `${type} was refused` };
  } catch (error) {
    return { ok: false, kind: 'gone', error: String(error) };
  }
}
