import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedReasonText, text } from '../../../components/text';
import { throwawayCertificate } from '../../stand-ins/cert';
import { startStandIns, type StandIns } from '../../stand-ins/start';
import { FRAMED_SETTINGS_URL, LEGACY_SETTINGS_URL, dashboardUrl } from '../../stand-ins/twilio-console/server';
import { shortSid } from '../../../utils/twilio/credentials';
import { eachCase } from '../support/cases';
import { crmRecord, handoffs, until, waitForState } from '../support/flows';
import { launchFirefoxExtension, type FirefoxExtension } from './harness';
import { clickOverlayButton, readOverlay, type Where } from './overlay';
import { cardText, clickCardButton, pasteCredentials } from './popup';

/**
 * The handoff in Firefox (issue 13 item 8): the production Firefox build, installed as a temporary
 * add-on in Debian's firefox-esr, against the same stand-ins under their real host names (through
 * the harness's proxy, with their certificate trusted in the profile). Each case counts what the CRM
 * backend received.
 *
 * Firefox has no IntersectionObserver v2, so the console overlay's buttons never act there
 * (utils/console/guarded-buttons.ts, docs/security.md "Browsers without IntersectionObserver v2"):
 * the first case shows that in Firefox itself, then takes the way the overlay names, the popup's
 * paste field, to the CRM. The Replace question is answered in the popup page, for the same reason.
 */
let sites: StandIns;
let ext: FirefoxExtension;
const pages: Page[] = [];

beforeAll(async () => {
  sites = await startStandIns();
  ext = await launchFirefoxExtension({ hosts: sites.hosts, certificate: throwawayCertificate() });
});

const { subaccount } = eachCase({
  sites: () => sites,
  ext: () => ext,
  async closePages() {
    await Promise.all(pages.splice(0).map((p) => p.close()));
    // Each case starts without a CRM tab unless it opens one.
    for (const page of await ext.browser.pages()) if (page.url().startsWith('https://app.gohighlevel.com/')) await page.close();
  },
});

afterAll(async () => {
  await ext?.close();
  await sites?.close();
});

/** A tab of the case's own: a web page, or an extension page (popup.html). */
async function opened(page: Promise<Page>): Promise<Page> {
  pages.push(await page);
  return pages.at(-1)!;
}

async function crmTab(): Promise<Page | undefined> {
  return (await ext.browser.pages()).find((p) => p.url().startsWith('https://app.gohighlevel.com/'));
}

/**
 * The overlay in `where` (a page, or one of its frames) names the account and never shows the token;
 * a real click on its Send to CRM does nothing and says why: nothing is captured, nothing reaches the CRM.
 */
async function overlayRefuses(where: Where, account: { sid: string; authToken: string }): Promise<void> {
  // The detector saw credentials and the background injected the overlay (scripting.executeScript).
  const shown = await until(() => readOverlay(where), (view) => view?.buttons.some((b) => b.name === 'Send to CRM') === true, 'the overlay with Send to CRM');
  expect(shown!.text).toContain(shortSid(account.sid));
  expect(shown!.text).not.toContain(account.authToken);
  await clickOverlayButton(where, 'Send to CRM');
  const refused = await until(() => readOverlay(where), (view) => /Nothing was done/.test(view?.status ?? ''), 'the overlay to say why nothing was done');
  expect(refused!.status).toContain('this browser cannot tell the extension whether something on the page hides this box');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect((await handoffs(ext)).filter((h) => h.sid === account.sid)).toEqual([]);
  expect(crmRecord(sites).submissions).toHaveLength(0);
}

describe('Firefox: from the console to the CRM', () => {
  it("the console page shows the sub-account: the overlay comes and names it (its SID), its Send to CRM refuses and says why (nothing sent); the pair pasted in the popup is written once, the CRM tab opened by the extension", async () => {
    const account = subaccount('Bayside Pediatrics - Tampa');
    sites.crm.generateLocations(40, { include: [{ name: 'Bayside Pediatrics - Tampa' }] });
    const target = sites.crm.state.locations.find((l) => l.name === 'Bayside Pediatrics - Tampa')!;
    expect(await crmTab()).toBeUndefined();

    const page = await opened(ext.newPage());
    await page.goto(dashboardUrl(account.sid));
    await overlayRefuses(page, account);

    // The way the overlay names: the popup's paste field.
    const notice = await pasteCredentials(await opened(ext.openExtensionPage('popup.html')), account.sid, account.authToken);
    expect(notice).toBe(text.pasteSent);
    await waitForState(ext, account.sid, 'authorized', 60_000);
    expect(crmRecord(sites).writes).toEqual([expect.objectContaining({ locationId: target.id, accountSid: account.sid, authToken: account.authToken })]);
    expect(crmRecord(sites).submissions).toHaveLength(1);
    expect(await crmTab()).toBeDefined();
  });

  it('asks before replacing another SID, waits for the answer in the popup, and writes once after Replace credentials', async () => {
    const account = subaccount('Maple Street Vets - Salem');
    const oldSid = 'AC' + 'c'.repeat(32);
    sites.crm.setLocations([{ name: 'Maple Street Vets - Salem', sid: oldSid }]);
    const view = await opened(ext.openExtensionPage('popup.html'));
    await pasteCredentials(view, account.sid, account.authToken);
    const waiting = await waitForState(ext, account.sid, 'needs-replace-confirmation', 60_000);
    expect(waiting.previousSid).toBe(oldSid);
    // It waits: a moment later still nothing submitted.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(crmRecord(sites).submissions).toHaveLength(0);
    expect(await cardText(view, 'Maple Street Vets - Salem')).toContain('Replace credentials');

    await clickCardButton(view, 'Maple Street Vets - Salem', text.confirmReplace);
    await waitForState(ext, account.sid, 'authorized', 60_000);
    expect(crmRecord(sites).writes).toEqual([expect.objectContaining({ accountSid: account.sid, previousSid: oldSid, authToken: account.authToken })]);
    expect(crmRecord(sites).submissions).toHaveLength(1);
  });
});

describe('Firefox: the console in frames', () => {
  it("the legacy settings page inside the console's frame: Firefox gives the frame's ancestors (location.ancestorOrigins), so the overlay comes in that frame, and refuses there as on a top page", async () => {
    const account = subaccount('Harbor Chiropractic - Mobile');
    sites.crm.setLocations([{ name: 'Harbor Chiropractic - Mobile' }]);
    const page = await opened(ext.newPage());
    await page.goto(`${FRAMED_SETTINGS_URL}&accountSid=${account.sid}`);
    const frame = (await until(
      async () => page.frames().find((f) => f.url().startsWith(LEGACY_SETTINGS_URL)),
      Boolean,
      'the legacy page in the console frame',
    ))!;
    expect(await frame.evaluate(() => Array.from(location.ancestorOrigins))).toEqual(['https://console.twilio.com']);
    await overlayRefuses(frame, account);
    // Only the frame that shows the credentials gets it.
    expect(await page.$('twilio-handoff-overlay')).toBeNull();
  });
});

describe('Firefox: nothing is submitted, and the admin is told why', () => {
  it('Twilio refuses the pair (a wrong token): no write, and the popup shows the reason', async () => {
    const account = subaccount('Wrong Token Dental - Tulsa');
    sites.crm.setLocations([{ name: 'Wrong Token Dental - Tulsa' }]);
    const view = await opened(ext.openExtensionPage('popup.html'));
    await pasteCredentials(view, account.sid, 'f'.repeat(32));
    const handoff = await waitForState(ext, account.sid, 'rejected', 60_000);
    expect(handoff.reasonCode).toBe('twilio-20003');
    expect(crmRecord(sites).writes).toHaveLength(0);
    expect(crmRecord(sites).submissions).toHaveLength(0);
    const reason = storedReasonText(handoff)!;
    expect(reason).toBeTruthy();
    await until(() => cardText(view, handoff.friendlyName || text.unnamedAccount), (shown) => shown.includes(reason), 'the popup to show the reason');
  });

  it('sends nothing anywhere but the stand-ins: every request the proxy refused was Firefox’s own (Mozilla services)', () => {
    const mozilla = /(^|\.)(mozilla\.(com|net|org)|firefox\.com|mozaws\.net):443$/;
    expect(ext.proxy.refused.filter((request) => !mozilla.test(request))).toEqual([]);
  });
});
