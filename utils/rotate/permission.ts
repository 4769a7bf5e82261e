import { browser } from 'wxt/browser';

/**
 * accounts.twilio.com makes and promotes Auth Tokens. The manifest's optional host permission for
 * all https sites covers it; it is asked for only when the admin first rotates, from that click, as
 * the options page asks for a white-label CRM host (utils/hosts.ts), and is never a required one.
 */
const ACCOUNTS = { origins: ['https://accounts.twilio.com/*'] };

export function accountsHostAllowed(): Promise<boolean> {
  return browser.permissions.contains(ACCOUNTS);
}

/** The browser's prompt: call it synchronously from the click, before any await. */
export function allowAccountsHost(): Promise<boolean> {
  return browser.permissions.request(ACCOUNTS);
}

/** "Clear all data": the permission goes back with the rest (refused only where the manifest requires it). */
export async function giveBackAccountsHost(): Promise<void> {
  await browser.permissions.remove(ACCOUNTS).catch(() => false);
}
