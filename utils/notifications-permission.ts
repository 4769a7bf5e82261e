import { browser } from 'wxt/browser';
import { optionalPermission } from './optional-permission';

/**
 * The "notify me" option is the browser's optional `notifications` permission itself, not a stored
 * setting (utils/optional-permission.ts): off until the admin turns it on.
 */
export const notificationsOption = optionalPermission(['notifications']);
export const notificationsAllowed = notificationsOption.allowed;
export const allowNotifications = notificationsOption.allow;
export const stopNotifications = notificationsOption.stop;

/** "Clear all data": the notices on screen go with their handoffs, and the option goes back to off. */
export async function turnOffNotifications(): Promise<void> {
  if (!(await notificationsAllowed())) return;
  for (const id of Object.keys(await browser.notifications.getAll())) await browser.notifications.clear(id);
  // Refused only where the permission is not optional (a test copy of the build that grants it):
  // the rest of the data is cleared all the same.
  await stopNotifications().catch(() => false);
}
