import { browser } from 'wxt/browser';
import type { Handoff } from '../handoff/types';
import {
  type CaptureMessage,
  type ConfirmReplaceMessage,
  type GetHandoffMessage,
  HandoffReply,
  ToConsole,
} from '../messages';
import { type SenderLike, isFromBackground } from '../senders';

/**
 * The console content script's side of the protocol (utils/messages.ts): it may send only capture,
 * confirm-replace and get-handoff, and it listens only for handoff-update from its own background.
 */

export type ConsoleRequest = CaptureMessage | ConfirmReplaceMessage | GetHandoffMessage;

const NO_ANSWER =
  'The extension did not answer. Reload this page (or the extension on chrome://extensions) and try again.';

/** Sends a request to the background and parses its reply; never throws. */
export async function requestHandoff(message: ConsoleRequest): Promise<HandoffReply> {
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage(message);
  } catch {
    return { ok: false, message: NO_ANSWER };
  }
  const parsed = HandoffReply.safeParse(reply);
  return parsed.success ? parsed.data : { ok: false, message: NO_ANSWER };
}

/**
 * Calls `onUpdate` for every handoff-update from our background (own id, no tab: a content script of
 * ours in another tab would carry one); returns the unsubscribe.
 */
export function onHandoffUpdate(onUpdate: (handoff: Handoff) => void): () => void {
  const listener = (message: unknown, sender: SenderLike): undefined => {
    if (!isFromBackground(sender, browser.runtime.id)) return;
    const parsed = ToConsole.safeParse(message);
    if (parsed.success) onUpdate(parsed.data.handoff);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
