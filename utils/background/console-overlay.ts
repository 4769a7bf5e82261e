import { browser } from 'wxt/browser';
import type { SenderLike } from '../senders';

/**
 * The console overlay on demand. Every console frame runs only the detector (content-scripts/
 * twilio.js); when it sees credentials on screen it says so (`console-detected`), and the router
 * has checked that its sender may act as a console page (utils/senders.ts isFromConsole, the rule
 * that `capture` has). Then the overlay's script (entrypoints/twilio-overlay.content, never in the
 * manifest) runs in that very document: Chrome names it (`documentId`), so a frame that navigated
 * meanwhile never gets it; Firefox names none, and there the frame is addressed. A copy already
 * running there stays (the script checks, PageProofContext.isRunning).
 *
 * Injecting needs host access to the frame's page: the content script's match patterns do not give
 * it (Chrome answers "Cannot access contents of the page"), the host permissions for
 * console.twilio.com and www.twilio.com do (docs/security.md, Permissions).
 */

export const OVERLAY_SCRIPT_PATH = '/content-scripts/twilio-overlay.js';

export type InjectionTarget = { tabId: number; documentIds: string[] } | { tabId: number; frameIds: number[] };

/** The sending document, or its frame where the browser names no document; null without a tab. */
export function overlayTarget(sender: SenderLike): InjectionTarget | null {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return null;
  return sender.documentId ? { tabId, documentIds: [sender.documentId] } : { tabId, frameIds: [sender.frameId ?? 0] };
}

/**
 * Runs the overlay's script in the sender's document. `ok` is false when the browser refused (the
 * document went away). Which pages of the console may show credentials is the detector's and the
 * overlay's to judge, from the URL the page has now: the URL the browser reports for a sender is the
 * one its document was loaded with, and the console's single-page app moves on with pushState (from
 * the list of sub-accounts to an account, say) without a new document.
 */
export async function injectConsoleOverlay(sender: SenderLike): Promise<{ ok: boolean }> {
  const target = overlayTarget(sender);
  if (!target) return { ok: false };
  try {
    const results = await browser.scripting.executeScript({ target: target as { tabId: number }, files: [OVERLAY_SCRIPT_PATH] });
    const ran = results.filter((result) => (result as { error?: unknown }).error === undefined);
    return { ok: ran.length > 0 };
  } catch {
    return { ok: false };
  }
}
