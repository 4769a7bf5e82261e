import { browser } from 'wxt/browser';
import { ClipboardClearOrder, type ClipboardClearAskMessage, type ClipboardClearDoneMessage } from '../messages';
import { clearIfOurs, documentClipboard } from './clear';

/**
 * Chrome's offscreen document (entrypoints/offscreen), opened by the background when a copy's time is
 * up: it asks the background for the digest of that copy, compares the clipboard with it and empties
 * it only on a match, then says what it did, after which the background closes it. It asks rather
 * than listens: a message from the background would reach every extension page that is open, and
 * the background checks both messages as coming from this page (utils/senders.ts isFromOffscreen).
 */
export async function clearCopiedToken(doc: Document): Promise<void> {
  const ask: ClipboardClearAskMessage = { type: 'clipboard-clear-ask' };
  const order = ClipboardClearOrder.safeParse(await browser.runtime.sendMessage(ask).catch(() => undefined));
  const digest = order.success ? order.data.digest : undefined;
  const done: ClipboardClearDoneMessage = {
    type: 'clipboard-clear-done',
    outcome: digest ? await clearIfOurs(documentClipboard(doc), digest) : 'nothing',
  };
  await browser.runtime.sendMessage(done).catch(() => undefined);
}
