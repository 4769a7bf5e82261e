import { browser } from 'wxt/browser';
import {
  type CaptureMessage,
  type ConfirmReplaceMessage,
  type GetHandoffMessage,
  type OverlayHandoff,
  type OverlayReply,
  OverlayReplyWire,
  SendCommandMessage,
  ToConsole,
} from '../messages';
import { type SenderLike, isFromBackground } from '../senders';
import { t } from '../i18n';

/**
 * The console content script's side of the protocol (utils/messages.ts): it may send only capture,
 * confirm-replace and get-handoff, and it listens only for handoff-update from its own background.
 * It reads handoffs through OverlayHandoff, the fields the overlay shows.
 */

export type ConsoleRequest = CaptureMessage | ConfirmReplaceMessage | GetHandoffMessage;

const noAnswer = () => t('overlayNoAnswer');

/** The reply, or null when it is neither a handoff nor a refusal. */
export function parseOverlayReply(raw: unknown): OverlayReply | null {
  const parsed = OverlayReplyWire.safeParse(raw);
  if (!parsed.success) return null;
  const { ok, handoff, message } = parsed.data;
  if (ok && handoff) return { ok, handoff };
  if (!ok && message !== undefined) return { ok, message };
  return null;
}

/** Sends a request to the background and parses its reply; never throws. */
export async function requestHandoff(message: ConsoleRequest): Promise<OverlayReply> {
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage(message);
  } catch {
    return { ok: false, message: noAnswer() };
  }
  return parseOverlayReply(reply) ?? { ok: false, message: noAnswer() };
}

/**
 * Calls `onUpdate` for every handoff-update from our background (own id, no tab: a content script of
 * ours in another tab would carry one); returns the unsubscribe.
 */
export function onHandoffUpdate(onUpdate: (handoff: OverlayHandoff) => void): () => void {
  const listener = (message: unknown, sender: SenderLike): undefined => {
    if (!isFromBackground(sender, browser.runtime.id)) return;
    const parsed = ToConsole.safeParse(message);
    if (parsed.success) onUpdate(parsed.data.handoff);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/**
 * Calls `onCommand` for the background's send-command (the keyboard shortcut, utils/background/
 * commands.ts), from our background only, as handoff-update. `onCommand` says whether an overlay
 * took it; only then is there a reply, so the background can tell "nothing to send here" by none.
 * Returns the unsubscribe.
 */
export function onSendCommand(onCommand: () => boolean): () => void {
  const listener = (message: unknown, sender: SenderLike): Promise<{ ok: true }> | undefined => {
    if (!isFromBackground(sender, browser.runtime.id) || !SendCommandMessage.safeParse(message).success) return undefined;
    return onCommand() ? Promise.resolve({ ok: true }) : undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
