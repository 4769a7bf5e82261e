import { browser } from 'wxt/browser';

/**
 * The "notify me" option is the browser's optional `notifications` permission itself, not a stored
 * setting: asked for from the admin's click, so installing shows no warning for it, and a setting
 * could never say "on" while the browser has taken the permission back (chrome://extensions, Clear
 * all data). Off until the admin turns it on.
 */
const NOTIFICATIONS = { permissions: ['notifications' as const] };

export function notificationsAllowed(): Promise<boolean> {
  return browser.permissions.contains(NOTIFICATIONS);
}

/** The browser's prompt: call it synchronously from the click, before any await (as for hosts). */
export function allowNotifications(): Promise<boolean> {
  return browser.permissions.request(NOTIFICATIONS);
}

export function stopNotifications(): Promise<boolean> {
  return browser.permissions.remove(NOTIFICATIONS);
}

/** "Clear all data": the notices on screen go with their handoffs, and the option goes back to off. */
export async function turnOffNotifications(): Promise<void> {
  if (!(await notificationsAllowed())) return;
  for (const id of Object.keys(await browser.notifications.getAll())) await browser.notifications.clear(id);
  // Refused only where the permission is not optional (a test copy of the build that grants it):
  // the rest of the data is cleared all the same.
  await stopNotifications().catch(() => false);
}
