import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { FRAMED_SETTINGS_URL, SUBACCOUNTS_URL, consoleUrl, dashboardUrl } from '../stand-ins/twilio-console/server';
import { useConsoleSuite } from './support/console-suite';
import { findOverlays, overlayText } from './support/overlay';
import { type ExtensionScripts, type ParsedScript, watchExtensionScripts } from './support/scripts';
import { shortSid } from '../../utils/twilio/credentials';

/**
 * The console detector in the production build (issue 10 item 2): every console frame runs the
 * detector (twilio-detector.js) and nothing else of ours until it sees credentials on screen; then the
 * background injects the overlay (content-scripts/twilio-overlay.js) into that very frame. What ran
 * where is read from the page's renderer (tests/e2e/support/scripts.ts): a script the background never
 * injected is never parsed. Each case has its control in the same browser: where credentials are
 * shown, the overlay's script is seen arriving.
 */

const DETECTOR = 'twilio-detector.js';
const OVERLAY = 'content-scripts/twilio-overlay.js';
const CREATE_URL = consoleUrl('us1', '/account/manage-account/subaccounts/create');

const suite = useConsoleSuite();
const watchers: ExtensionScripts[] = [];

afterEach(async () => {
  await Promise.all(watchers.splice(0).map((w) => w.stop()));
});

/** A fresh tab whose extension scripts are watched from before its first load. */
async function watchedPage(): Promise<{ page: Page; scripts: ExtensionScripts }> {
  const page = await suite.newPage();
  const scripts = await watchExtensionScripts(page, suite.ext.extensionId);
  watchers.push(scripts);
  return { page, scripts };
}

const host = (script: ParsedScript) => new URL(script.frameUrl).host;
const files = (parsed: ParsedScript[]) => parsed.map((s) => s.file);

/** Long enough for the detector's look and an injection, were there one: the overlay shows within about 0.2 s. */
const WOULD_HAVE_COME_MS = 2000;

describe('a console page without credentials', () => {
  it.each([
    ['Create new subaccount', CREATE_URL, 'Create new subaccount'],
    ['the list of sub-accounts (its URL never shows one account’s credentials)', SUBACCOUNTS_URL, 'Subaccounts'],
  ])('%s: runs the detector alone, and the background never injects the overlay', async (_name, url, heading) => {
    suite.sites.api.state.createAccount('Quiet Page Dental');
    const { page, scripts } = await watchedPage();
    await page.goto(url);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    // The page keeps changing, as a live page does: the detector looks again, and still finds nothing.
    await page.evaluate(() => {
      for (let i = 0; i < 200; i++) document.body.append(Object.assign(document.createElement('p'), { textContent: `Outbound call ${i} completed` }));
    });
    await page.waitForTimeout(WOULD_HAVE_COME_MS);
    expect(await findOverlays(page)).toEqual([]);
    expect(files(await scripts.parsed())).toEqual([DETECTOR]);

    // Control: the same tab on an account's dashboard gets the overlay's script, and the overlay.
    const account = suite.sites.api.state.createAccount('Quiet Page Control Dental');
    await page.goto(dashboardUrl(account.sid));
    await expect.poll(async () => (await findOverlays(page)).length, { timeout: 15_000 }).toBe(1);
    expect(files(await scripts.parsed())).toEqual([DETECTOR, DETECTOR, OVERLAY]);
  });
});

describe('frames', () => {
  it('the new console framing the legacy settings page: the detector in both, the overlay only in the frame that shows credentials', async () => {
    const account = suite.sites.api.state.createAccount('Framed Detector Dental');
    const { page, scripts } = await watchedPage();
    // The console's cookie selects the account the framed page shows.
    await page.goto(dashboardUrl(account.sid));
    await expect.poll(async () => (await findOverlays(page)).length, { timeout: 15_000 }).toBe(1);
    const before = (await scripts.parsed()).length;
    await page.goto(FRAMED_SETTINGS_URL);
    await page.frameLocator('iframe').getByText(account.sid).first().waitFor();
    await expect.poll(async () => (await findOverlays(page)).map((o) => new URL(o.documentUrl).host), { timeout: 15_000 }).toEqual(['www.twilio.com']);
    await page.waitForTimeout(WOULD_HAVE_COME_MS);

    const parsed = (await scripts.parsed()).slice(before);
    expect(parsed.filter((s) => s.file === DETECTOR).map(host).sort()).toEqual(['console.twilio.com', 'www.twilio.com']);
    // The top frame (console.twilio.com) shows no credentials: nothing but the detector ran there.
    expect(parsed.filter((s) => s.file === OVERLAY).map(host)).toEqual(['www.twilio.com']);
  });
});

/**
 * Resolves when the extension's service worker is starting or running, as Chrome reports its versions
 * to a DevTools session on one of the extension's own files (its icon: an extension page would run
 * our script, and may wake it), within 10 s; rejects if it is up already.
 */
async function workerStarts(): Promise<{ started: Promise<void> }> {
  const origin = `chrome-extension://${suite.ext.extensionId}/`;
  const icon = await suite.newPage();
  await icon.goto(`${origin}icon/48.png`);
  const cdp = await suite.ext.context.newCDPSession(icon);
  let reported = false;
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The service worker did not start within 10 s.')), 10_000);
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const ours = versions.filter((v) => v.scriptURL.startsWith(origin));
      if (!ours.length) return;
      const up = ours.some((v) => v.runningStatus === 'starting' || v.runningStatus === 'running');
      // The first report is of how things are now: the worker must be down then.
      if (!reported && up) reject(new Error('The service worker was up before the press.'));
      reported = true;
      if (up) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  await cdp.send('ServiceWorker.enable');
  // In an object: an async function's returned promise would be waited for by its caller's await.
  return { started: started.finally(() => cdp.detach().catch(() => undefined)) };
}

describe('the panel appearing later, without a new document (the console’s single-page app)', () => {
  it('from the list of sub-accounts to an account: the overlay arrives in the top frame, once, after the panel', async () => {
    const account = suite.sites.api.state.createAccount('Later Panel Dental');
    const { page, scripts } = await watchedPage();
    await page.goto(SUBACCOUNTS_URL);
    await page.getByRole('link', { name: 'Later Panel Dental' }).waitFor();
    await page.waitForTimeout(WOULD_HAVE_COME_MS);
    expect(files(await scripts.parsed())).toEqual([DETECTOR]);
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    await page.getByRole('link', { name: 'Later Panel Dental' }).click();
    await expect.poll(async () => (await findOverlays(page)).length, { timeout: 15_000 }).toBe(1);
    expect(await overlayText(page)).toContain(shortSid(account.sid));
    await page.waitForTimeout(WOULD_HAVE_COME_MS);
    const parsed = await scripts.parsed();
    expect(files(parsed)).toEqual([DETECTOR, OVERLAY]);
    expect(host(parsed[1]!)).toBe('console.twilio.com');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  it('the admin pressing an account’s link with the worker stopped: the worker starts while the list is still shown, before the release moves the app', async () => {
    const account = suite.sites.api.state.createAccount('Pressed Link Dental');
    const page = await suite.newPage();
    await page.goto(SUBACCOUNTS_URL);
    const link = page.getByRole('row').filter({ hasText: account.sid }).getByRole('link', { name: 'Pressed Link Dental' });
    await link.waitFor();
    await suite.ext.stopServiceWorker();
    const { started } = await workerStarts();
    await page.bringToFront();
    const box = (await link.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await started;
    // Still pressed: the app has not moved, so the press, not the account's page, woke the worker.
    expect(page.url()).toBe(SUBACCOUNTS_URL);
    await page.mouse.up();
    await expect.poll(async () => (await findOverlays(page)).length, { timeout: 15_000 }).toBe(1);
    // The stand-in's app draws the account it is switching from (the master's panel) until the
    // switch answers; on a busy machine the overlay comes for that panel first, then follows the page
    // (a Send meanwhile refuses: the page shows another account than the box, utils/console/read.ts).
    await expect.poll(() => overlayText(page), { timeout: 10_000 }).toContain(shortSid(account.sid));
  });

  it('from the list to the general settings, which frame the legacy page: the overlay arrives in that frame, not the top', async () => {
    const account = suite.sites.api.state.createAccount('Later Frame Dental');
    const { page, scripts } = await watchedPage();
    await page.goto(dashboardUrl(account.sid));
    await expect.poll(async () => (await findOverlays(page)).length, { timeout: 15_000 }).toBe(1);
    await page.getByRole('link', { name: 'Subaccounts', exact: true }).click();
    await page.getByRole('link', { name: 'Later Frame Dental' }).waitFor();
    await expect.poll(async () => (await findOverlays(page)).length, { timeout: 15_000 }).toBe(0);
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const before = (await scripts.parsed()).length;

    await page.getByRole('link', { name: 'General settings' }).click();
    await page.frameLocator('iframe').getByText(account.sid).first().waitFor();
    await expect.poll(async () => (await findOverlays(page)).map((o) => new URL(o.documentUrl).host), { timeout: 15_000 }).toEqual(['www.twilio.com']);
    await page.waitForTimeout(WOULD_HAVE_COME_MS);
    const parsed = (await scripts.parsed()).slice(before);
    // The frame's document is new (its detector), the top's is not (its overlay stays, hidden, and no second copy comes).
    expect(parsed.map((s) => `${s.file} in ${host(s)}`)).toEqual([`${DETECTOR} in www.twilio.com`, `${OVERLAY} in www.twilio.com`]);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });
});
