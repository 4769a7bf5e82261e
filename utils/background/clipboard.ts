import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { clearIfOurs, navigatorClipboard, type ClearOutcome } from '../clipboard/clear';
import { clearingAllowed } from '../clipboard/permission';
import { CLEAR_AFTER_SECONDS, CLIPBOARD_ALARM, clipboardDigest } from '../clipboard/shared';

/**
 * A copied Auth Token leaves the clipboard CLEAR_AFTER_SECONDS after the copy, if the clipboard still
 * holds it. The console overlay and the popup report a copy (`clipboard-copied`); here it becomes
 * its digest in storage.session (never the text) and an alarm, which a stopped service worker does
 * not lose. When the alarm fires, Chrome's offscreen document (entrypoints/offscreen) or Firefox's
 * background page itself reads the clipboard, compares, and empties it only on a match.
 *
 * Without the optional clipboard-reading permission nothing is arranged and the reply says so: the
 * extension cannot tell its own text from what the admin copied since, and never overwrites a
 * clipboard it cannot read.
 */

/** One copy at a time: a newer copy replaced whatever the clipboard held before it. */
const PENDING_KEY = 'clipboard-copied';
const Pending = z.object({ digest: z.string() });
const OFFSCREEN_PAGE = '/offscreen.html';

/** A copy was reported: true once its clear is arranged. The text is dropped once hashed. */
export async function onCopied(text: string, now = Date.now()): Promise<boolean> {
  if (!(await clearingAllowed())) return false;
  await browser.storage.session.set({ [PENDING_KEY]: { digest: await clipboardDigest(text) } });
  await browser.alarms.create(CLIPBOARD_ALARM, { when: now + CLEAR_AFTER_SECONDS * 1000 });
  return true;
}

async function pendingDigest(): Promise<string | undefined> {
  const parsed = Pending.safeParse((await browser.storage.session.get(PENDING_KEY))[PENDING_KEY]);
  return parsed.success ? parsed.data.digest : undefined;
}

/** The digest waiting to be cleared, taken out of storage: each copy is looked at once. */
export async function takePendingDigest(): Promise<string | undefined> {
  const digest = await pendingDigest();
  await browser.storage.session.remove(PENDING_KEY);
  return digest;
}

/**
 * The alarm. A permission taken back meanwhile stops it (the copy is forgotten). Firefox clears here;
 * Chrome opens the offscreen document, which asks for the digest (`clipboard-clear-ask`) and reports
 * (`clipboard-clear-done`, then closed): both checked in the router as coming from that page.
 */
export async function onClearAlarm(): Promise<ClearOutcome | 'offscreen'> {
  if (!(await clearingAllowed())) {
    await takePendingDigest();
    return 'nothing';
  }
  if (import.meta.env.FIREFOX) {
    const digest = await takePendingDigest();
    return digest ? clearIfOurs(navigatorClipboard(navigator.clipboard), digest) : 'nothing';
  }
  // Nothing waiting (Clear all data emptied storage.session): no document to open.
  if (!(await pendingDigest())) return 'nothing';
  // One left open by a clear that never reported would make createDocument fail.
  await closeOffscreen();
  // Its work can be done, and the document closed, before Chrome counts it as loaded: the promise
  // then rejects, for nothing.
  await browser.offscreen
    .createDocument({
      url: OFFSCREEN_PAGE,
      reasons: ['CLIPBOARD'],
      // i18n-ignore: Chrome's offscreen justification is for the store's reviewers, never shown to the admin.
      justification: 'Clear a copied Twilio Auth Token from the clipboard once the admin no longer needs it, if it is still there.',
    })
    .catch(() => undefined);
  return 'offscreen';
}

export function offscreenUrl(): string {
  return browser.runtime.getURL(OFFSCREEN_PAGE);
}

export async function closeOffscreen(): Promise<void> {
  await browser.offscreen.closeDocument().catch(() => undefined);
}
