import { watchHandoffChanges } from './handoff-changes';
import { listenToNoticeClicks } from './waiting-notices';

/**
 * The listeners that bring the admin in (issue 13 item 2): the badge and the optional notifications
 * as handoffs change, a click on a notification. Registered synchronously at start-up
 * (utils/background/start.ts) so each of these events can wake the worker.
 */
export function addAdminListeners(): void {
  watchHandoffChanges();
  listenToNoticeClicks();
}
