import { browser } from 'wxt/browser';
import { clearingOption } from './clipboard/permission';
import { removeAllCrmHosts } from './hosts';
import { turnOffNotifications } from './notifications-permission';
import { giveBackAccountsHost } from './rotate/permission';

/**
 * The options page's "Clear all data": handoffs and tokens (storage.session), settings, audit
 * log and cached locations (storage.local), every white-label registration and permission, and the
 * notifications option (a permission too, utils/notifications-permission.ts) with the notices shown,
 * token rotation's permission for accounts.twilio.com, and the clipboard option (the permission to
 * read it, utils/clipboard/permission.ts).
 * The white-label hosts are read from the settings, so they go first. The toolbar badge follows the
 * emptied storage.session by itself (utils/background/handoff-changes.ts).
 */
export async function clearAllData(): Promise<void> {
  await removeAllCrmHosts();
  await browser.storage.session.clear();
  await browser.storage.local.clear();
  await turnOffNotifications();
  await giveBackAccountsHost();
  // Refused only where the permission is not optional (a test copy of the build that grants it).
  await clearingOption.stop().catch(() => false);
}
