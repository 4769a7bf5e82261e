import type { Page } from 'playwright-core';
import type { Handoff } from '../../../utils/handoff/types';
import type { StandIns } from '../../stand-ins/start';
import { SUBACCOUNTS_URL, dashboardUrl } from '../../stand-ins/twilio-console/server';
import type { ExtensionBrowser } from '../harness';
import { clickOverlayButton, overlayButtons, overlayStatus } from './overlay';

/** Steps an admin takes, and what tests read back, shared by the E2E tests and the demo (no vitest here). */

/** Polls `read` until `done` holds; fails with what it last saw. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeout = 30_000, interval = 250): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (done(last)) return last;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export const CRM_PAGE = 'https://app.gohighlevel.com/settings/phone_integration';

/** Creates a sub-account through the console's own UI (help article: Create Account → name → Create). */
export async function createSubaccountInConsole(page: Page, friendlyName: string): Promise<void> {
  await page.goto(SUBACCOUNTS_URL);
  await page.getByRole('button', { name: 'Create Account' }).click();
  await page.getByLabel('Friendly name').fill(friendlyName);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('link', { name: friendlyName, exact: true }).waitFor();
}

/** Clicks the sub-account's name in the list, which switches the console into it. */
export async function openSubaccountFromList(page: Page, friendlyName: string): Promise<void> {
  await page.getByRole('link', { name: friendlyName, exact: true }).click();
  await page.getByText('Account SID', { exact: false }).first().waitFor();
}

export async function openDashboard(page: Page, sid: string): Promise<void> {
  await page.goto(dashboardUrl(sid));
  await page.getByText('Account SID', { exact: false }).first().waitFor();
}

/** Waits for the overlay's Send to CRM button and clicks it with the real mouse. */
export async function sendToCrm(page: Page): Promise<void> {
  await until(
    async () => (await overlayButtons(page).catch(() => [])).some((b) => b.name === 'Send to CRM' && !b.disabled),
    Boolean,
    'an enabled Send to CRM button in the overlay',
    15_000,
  );
  await clickOverlayButton(page, 'Send to CRM');
}

/** Anything that reads the extension's storage: the Chromium harness, or the Firefox one (tests/e2e/firefox/harness.ts). */
export type StorageReader = Pick<ExtensionBrowser, 'readStorage'>;

export async function handoffs(ext: StorageReader): Promise<Handoff[]> {
  const session = await ext.readStorage('session');
  return Object.entries(session)
    .filter(([key]) => key.startsWith('handoff:'))
    .map(([, value]) => value as Handoff)
    .sort((a, b) => b.createdAt - a.createdAt);
}

export async function handoffFor(ext: StorageReader, sid: string): Promise<Handoff | undefined> {
  return (await handoffs(ext)).find((h) => h.sid === sid);
}

/** Waits until the handoff for `sid` reaches `state`; fails early when it settles elsewhere. */
export async function waitForState(ext: StorageReader, sid: string, state: Handoff['state'], timeout = 30_000): Promise<Handoff> {
  const handoff = await until(() => handoffFor(ext, sid), (h) => h?.state === state, `the handoff to become ${state}`, timeout);
  return handoff!;
}

export async function waitForOverlayStatus(page: Page, pattern: RegExp, timeout = 30_000): Promise<string> {
  return until(() => overlayStatus(page).catch(() => ''), (text) => pattern.test(text), `the overlay to say ${pattern}`, timeout);
}

/** Writes and submissions the CRM backend recorded for one location. */
export function crmRecord(sites: StandIns, locationId?: string) {
  const mine = <T extends { locationId: string }>(list: T[]) => (locationId ? list.filter((r) => r.locationId === locationId) : list);
  return { writes: mine(sites.crm.state.writes), submissions: mine(sites.crm.state.submissions) };
}
