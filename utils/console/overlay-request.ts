import { browser } from 'wxt/browser';
import type { ConsoleDetectedMessage } from '../messages';

/**
 * The detector's one message (utils/messages.ts ConsoleDetectedMessage): "this frame shows
 * credentials". True once the background has run the overlay's script in this document. The reply is
 * read by hand rather than with the protocol's zod schemas, which would cost the detector more than
 * its whole budget (6 kB gzipped, tests/bench/budgets.ts); it is one boolean.
 */
export async function askForOverlay(): Promise<boolean> {
  const message: ConsoleDetectedMessage = { type: 'console-detected' };
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage(message);
  } catch {
    // The background could not be reached (the extension reloaded or updated under this page).
    return false;
  }
  return typeof reply === 'object' && reply !== null && (reply as { ok?: unknown }).ok === true;
}
