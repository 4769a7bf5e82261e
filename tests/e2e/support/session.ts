import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../harness';

/** The handoffs the background holds for `sid` in `storage.session`, and their tokens. */
export async function handoffsFor(ext: ExtensionBrowser, sid: string): Promise<{ handoffIds: string[]; tokens: string[] }> {
  const all = await ext.readStorage('session');
  const handoffIds = Object.entries(all)
    .filter(([key, value]) => key.startsWith('handoff:') && (value as { sid?: string }).sid === sid)
    .map(([key]) => key.slice('handoff:'.length));
  const tokens = handoffIds
    .map((id) => (all[`token:${id}`] as { token?: string } | undefined)?.token)
    .filter((t): t is string => typeof t === 'string');
  return { handoffIds, tokens };
}

/**
 * Unlocks the agency's master account as utils/master/session.ts keepMaster stores it (the options
 * page does so after Twilio verified it), from an extension page: storage.session, an hour.
 */
export async function unlockMaster(page: Page, master: { sid: string; authToken: string; friendlyName: string }): Promise<void> {
  await page.evaluate(
    async ({ sid, token, name }) => {
      const expiresAt = Date.now() + 60 * 60_000;
      const { chrome } = globalThis as unknown as { chrome: { storage: { session: { set(items: object): Promise<void> } } } };
      await chrome.storage.session.set({ 'token:master': { token, expiresAt }, 'master-account': { sid, friendlyName: name, expiresAt } });
    },
    { sid: master.sid, token: master.authToken, name: master.friendlyName },
  );
}
