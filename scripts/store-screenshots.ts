/**
 * `npx tsx scripts/store-screenshots.ts`: the store listing's 1280×800 screenshots (issue 13 item 7),
 * into docs/store/, from the existing production build (`npx wxt build` first) against the
 * stand-ins under their real host names, as `npm run demo` runs them. Each is the real UI doing real
 * work: a sub-account created in the console, its handoff and the Replace question, the CRM after the write, the popup, the
 * health check and a bulk plan. The popup, narrower than a screenshot, is shown on a plain backdrop
 * with one line saying what it is (the store shows screenshots without captions of their own).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension } from '../tests/e2e/harness';
import { createSubaccountInConsole, openSubaccountFromList, sendToCrm, until, waitForOverlayStatus, waitForState } from '../tests/e2e/support/flows';
import { unlockMaster } from '../tests/e2e/support/session';
import { clickOverlayButton, overlayButtons } from '../tests/e2e/support/overlay';
import { startStandIns } from '../tests/stand-ins/start';

const root = join(import.meta.dirname, '..');
const out = join(root, 'docs/store');
const SIZE = { width: 1280, height: 800 };
const LOCATION = 'Acme Dental - Austin';

async function shot(page: Page, name: string): Promise<void> {
  await page.setViewportSize(SIZE);
  await page.screenshot({ path: join(out, `${name}.png`), animations: 'disabled' });
  console.log(`docs/store/${name}.png`);
}

/** A narrow page (the popup) centred on a 1280×800 backdrop, with one line saying what it shows. */
async function backdrop(page: Page, image: Buffer, line: string, name: string): Promise<void> {
  await page.setViewportSize(SIZE);
  await page.setContent(`<!doctype html><html><body style="margin:0;height:800px;display:flex;align-items:center;justify-content:center;gap:64px;background:#eef1f6;font:600 30px/1.3 system-ui,sans-serif;color:#1f2937">
    <p style="max-width:440px;margin:0">${line}</p>
    <img alt="" style="box-shadow:0 12px 40px rgba(15,23,42,.25);border-radius:10px;max-height:720px" src="data:image/png;base64,${image.toString('base64')}">
  </body></html>`);
  await page.screenshot({ path: join(out, `${name}.png`) });
  console.log(`docs/store/${name}.png`);
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const sites = await startStandIns();
  sites.crm.generateLocations(250, { nearDuplicates: true });
  const ext = await launchExtension({ hostResolverRules: sites.hostResolverRules });
  try {
    const page = await ext.context.newPage();
    await page.setViewportSize(SIZE);
    await createSubaccountInConsole(page, LOCATION);
    await openSubaccountFromList(page, LOCATION);
    await until(() => overlayButtons(page).catch(() => []), (b) => b.some((x) => x.name === 'Send to CRM'), 'the overlay', 15_000);
    await shot(page, '1-console-send-to-crm');

    const account = sites.api.state.listSubaccounts(sites.api.state.master.sid).find((a) => a.friendlyName === LOCATION)!;
    await sendToCrm(page);
    // The generated location holds another Account SID: the overlay asks before replacing it.
    await waitForState(ext, account.sid, 'needs-replace-confirmation', 90_000);
    await waitForOverlayStatus(page, /another Twilio account/);
    await shot(page, '2-replace-question');
    await clickOverlayButton(page, 'Replace credentials');
    await waitForState(ext, account.sid, 'authorized', 90_000);
    const crm = ext.context.pages().find((p) => p.url().startsWith('https://app.gohighlevel.com/'));
    if (!crm) throw new Error('No CRM tab after the handoff.');
    await crm.bringToFront();
    // The CRM's own toast says it; its table settles once the driver's read-back is done.
    await crm.getByText('Twilio credentials updated successfully').waitFor();
    await crm.mouse.click(5, 790);
    await until(() => crm.locator('.hr-dropdown-menu').count(), (n) => n === 0, 'the CRM menu to close', 5_000).catch(() => undefined);
    await shot(crm, '3-crm-after-authorize');

    const popup = await ext.openExtensionPage('popup.html');
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.getByText(LOCATION).first().waitFor();
    const popupImage = await popup.locator('body').screenshot({ animations: 'disabled' });
    await backdrop(popup, popupImage, 'Every handoff, where it stands, and one-click copies of its credentials.', '4-popup');
    await popup.close();

    // Health and bulk connect: the master account unlocked, a few locations in the states agencies meet.
    const { state } = sites.api;
    const suspended = state.createAccount('Bayside Pediatrics - Tampa');
    state.setStatus(suspended.sid, 'suspended');
    const quiet = state.createAccount('Cedar Vet Clinic - Salem');
    for (const name of ['Delta Spa - Reno', 'Evergreen Law Group', 'Fern Clinic - Boise']) state.createAccount(name);
    sites.crm.setLocations([
      { name: LOCATION, sid: account.sid },
      { name: 'Bayside Pediatrics - Tampa', sid: suspended.sid },
      { name: 'Cedar Vet Clinic - Salem', sid: quiet.sid },
      { name: 'Delta Spa - Reno' },
      { name: 'Evergreen Law Group' },
      { name: 'Fern Clinic - Boise' },
      { name: 'Grove Law', sid: state.master.sid },
      { name: 'Harbor Chiro', managedBy: 'lc-phone' },
    ]);
    state.addPhoneNumber(account.sid, '+15125550131');
    await crm.reload();

    const health = await ext.openExtensionPage('health.html');
    await health.setViewportSize(SIZE);
    await unlockMaster(health, state.master);
    await health.getByRole('button', { name: /Check (now|again)/ }).click();
    await health.getByTestId('health-summary').waitFor({ timeout: 60_000 });
    await shot(health, '5-health');

    const bulk = await ext.openExtensionPage('connect.html');
    await bulk.setViewportSize(SIZE);
    await bulk.getByRole('button', { name: 'Read the CRM and make the plan' }).click();
    await bulk.locator('table tbody tr').first().waitFor({ timeout: 60_000 });
    await shot(bulk, '6-bulk-connect-plan');
  } finally {
    await ext.close();
    await sites.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
