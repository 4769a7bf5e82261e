import { listenToCommands } from './commands';
import { openWelcomeOnInstall } from './first-run';
import { watchHandoffChanges } from './handoff-changes';
import { listenToNoticeClicks } from './waiting-notices';

/**
 * The listeners that bring the admin in (issue 13 items 2 and 3): the welcome page on install, the
 * badge and the optional notifications as handoffs change, a click on a notification, the keyboard
 * command that sends the account on screen. Registered
 * synchronously at start-up (utils/background/start.ts) so each of these events can wake the worker.
 */
export function addAdminListeners(): void {
  openWelcomeOnInstall();
  watchHandoffChanges();
  listenToNoticeClicks();
  listenToCommands();
}
