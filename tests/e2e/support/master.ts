import type { Page } from 'playwright-core';

/**
 * Unlocks the agency master account as utils/master/session.ts keepMaster stores it (what the options
 * page does once Twilio verified the pair): storage.session, written from an extension page.
 */
export async function unlockMaster(page: Page, master: { sid: string; authToken: string; friendlyName: string | null }): Promise<void> {
  await page.evaluate(
    async ({ sid, token, name }) => {
      const expiresAt = Date.now() + 60 * 60_000;
      const { chrome } = globalThis as unknown as { chrome: { storage: { session: { set(items: object): Promise<void> } } } };
      await chrome.storage.session.set({ 'token:master': { token, expiresAt }, 'master-account': { sid, friendlyName: name, expiresAt } });
    },
    { sid: master.sid, token: master.authToken, name: master.friendlyName },
  );
}
