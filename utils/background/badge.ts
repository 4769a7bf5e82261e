import { browser } from 'wxt/browser';
import { listHandoffs } from '../handoff/store';
import { waitsForAdmin } from '../handoff/machine';
import type { Handoff } from '../handoff/types';
import { serialise } from './serialise';
import { t, tCount } from '../i18n';

/** Handoffs that wait for the admin (utils/handoff/machine.ts `WAITING_STATES`). */
export function waitingCount(handoffs: readonly Handoff[]): number {
  return handoffs.filter((handoff) => waitsForAdmin(handoff.state)).length;
}

/**
 * The toolbar's words, from the message catalogue: the background loads nothing of components/text.ts
 * (a chunk shared by the popup and the options page). The default title is the extension's name, as
 * the manifest's (`action.default_title`).
 */
const defaultTitle = () => t('extName');
const waitingTitle = (count: number) => tCount('badgeWaitingOne', 'badgeWaitingOther', count);
/** Amber, the popup's tone for "your turn" (not red: nothing failed); white text reads on it. */
export const BADGE_COLOUR = '#b45309';

/** The update waiting for its turn, if one is: it reads every change made before it starts. */
let queued: Promise<void> | undefined;

/**
 * Shows on the toolbar icon how many handoffs wait for the admin, and says it in the icon's title.
 * One update at a time, so the last one to run has read the last change; changes made while one
 * waits for its turn share it (each state change of every handoff asks for one). A failure here is
 * only a stale badge: it never stops a handoff.
 */
export function updateBadge(): Promise<void> {
  queued ??= serialise('badge', async () => {
    queued = undefined;
    const count = waitingCount(await listHandoffs((glance) => glance.state !== undefined && waitsForAdmin(glance.state)));
    await Promise.all([
      browser.action.setBadgeText({ text: count > 0 ? String(count) : '' }),
      browser.action.setBadgeBackgroundColor({ color: BADGE_COLOUR }),
      browser.action.setTitle({ title: count > 0 ? waitingTitle(count) : defaultTitle() }),
    ]);
  }).catch(() => undefined);
  return queued;
}
