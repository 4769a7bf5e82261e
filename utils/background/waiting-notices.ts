import { browser } from 'wxt/browser';
import type { Handoff, HandoffState } from '../handoff/types';
import { t } from '../i18n';

/**
 * The optional system notification for a handoff that comes to wait for the admin (issue 13 item 2):
 * one per handoff, its id the handoff's, shown when it enters a waiting state and cleared when it
 * leaves it. It names the sub-account (its name, or its SID, which is not secret) and what is asked;
 * a handoff record never holds the token, so no token can reach it.
 *
 * The words are the popup's state names for these states (the same catalogue messages as
 * STATE_TEXT, which the background does not load), and their keys are WAITING_STATES (a test holds
 * both).
 */
export const NOTICE_TEXT: Partial<Record<HandoffState, string>> = {
  'needs-choice': t('stateNeedsChoice'),
  'needs-replace-confirmation': t('stateNeedsReplaceConfirmation'),
  filled: t('stateFilled'),
  'needs-check': t('stateNeedsCheck'),
};

/** Follows one handoff's move from `before` to `after` (undefined: not stored, e.g. cleared). */
export async function followWaiting(id: string, before: HandoffState | undefined, after: Handoff | undefined): Promise<void> {
  const message = after && NOTICE_TEXT[after.state];
  if (message) {
    // The option is the permission (utils/notifications-permission.ts), asked here directly: importing
    // that module would share a chunk with the options page, one more file for the worker to load.
    if (!(await browser.permissions.contains({ permissions: ['notifications'] }))) return;
    // Same id: a notice for the handoff's earlier waiting state is replaced, never doubled.
    await browser.notifications.create(id, { type: 'basic', iconUrl: 'icon/128.png', title: after.friendlyName ?? after.sid, message });
    // The worker may have started before the permission was granted, without this listener.
    if (!browser.notifications.onClicked.hasListener(openOn)) browser.notifications.onClicked.addListener(openOn);
  } else if (before && NOTICE_TEXT[before]) {
    await browser.notifications.clear(id);
  }
}

/** For a worker started with the permission granted: a click is what may have woken it. */
export function listenToNoticeClicks(): void {
  browser.notifications?.onClicked.addListener(openOn);
}

/**
 * A click opens the popup with that handoff first (`#<id>`, read by the popup; the keyboard command
 * uses it for `#nothing-to-send`, utils/background/commands.ts) where the browser
 * lets an extension open it (Chrome 127+); elsewhere the same page opens in a tab, where every
 * answer the admin may give (choose, Replace, Authorize, open the dialog) is offered too.
 */
export async function openOn(id: string): Promise<void> {
  const popup = `/popup.html#${id}` as const;
  try {
    await browser.action.setPopup({ popup });
    await browser.action.openPopup();
  } catch {
    await browser.tabs.create({ url: popup });
  } finally {
    await browser.action.setPopup({ popup: '/popup.html' });
  }
}
