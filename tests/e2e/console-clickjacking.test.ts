import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStandIns, type StandIns } from '../stand-ins/start';
import { dashboardUrl } from '../stand-ins/twilio-console/server';
import { launchExtension, type ExtensionBrowser } from './harness';
import { clickOverlayButton, findOverlays, overlayButtonPoint, overlayStatus } from './support/overlay';
import { handoffsFor } from './support/session';

/**
 * Clickjacking the console overlay, in the production build (utils/console/click-guard.ts): a console
 * page script that covers or fades the overlay gets the admin's real click on Send to CRM or Copy
 * credentials refused, with words saying why; a click within half a second of the box appearing
 * (the second click of a double-click that first opened it) or moving under the pointer is refused
 * too; a plain click once the box is clear and settled acts, in the same page. Clicks are the real
 * mouse (page.mouse.click at the button's point on screen), trusted as the admin's own.
 */

let sites: StandIns;
let ext: ExtensionBrowser;
const pages: Page[] = [];

beforeAll(async () => {
  sites = await startStandIns();
  ext = await launchExtension({ hostResolverRules: sites.hostResolverRules });
  await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://console.twilio.com' });
});

afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close()));
  sites.console.reset();
});

afterAll(async () => {
  await ext?.close();
  await sites?.close();
});

const sessionFor = (sid: string) => handoffsFor(ext, sid);

const COVERED = /^Nothing was done: something on the page covers or fades this box, so the click may not have been meant for it\./;
const JUST_SHOWN = /^Nothing was done: this box had only just appeared or moved\. Check it, then click again\.$/;
/** Longer than the guard's wait (500 ms) plus its readings' own lag. */
const SETTLED_MS = 900;

/** A console page showing `account`'s Account Info, with its one overlay settled. */
async function consolePage(sid: string): Promise<Page> {
  const page = await ext.context.newPage();
  pages.push(page);
  await page.goto(dashboardUrl(sid));
  await expect.poll(async () => (await findOverlays(page)).length, { timeout: 15_000 }).toBe(1);
  await page.waitForTimeout(SETTLED_MS);
  return page;
}

/** What the page's own script can do to hide the overlay, and how it undoes it. */
const HIDINGS: Array<[string, string, string]> = [
  [
    'a decoy with pointer-events:none laid over the overlay',
    `const decoy = document.createElement('div');
     decoy.id = 'decoy';
     decoy.textContent = 'Continue to your dashboard';
     decoy.style.cssText = 'position:fixed;right:0;bottom:0;width:480px;height:320px;z-index:2147483647;pointer-events:none;background:#fff;font:20px sans-serif;display:grid;place-items:center';
     document.body.append(decoy);`,
    `document.getElementById('decoy').remove();`,
  ],
  ['the whole page faded to near transparency', `document.body.style.opacity = '0.02';`, `document.body.style.opacity = '';`],
];

describe('a console page hiding the overlay', () => {
  it.each(HIDINGS)('%s: a real click on Send to CRM sends nothing and says why; once uncovered, a click sends', async (_name, hide, unhide) => {
    const account = sites.api.state.createAccount('Covered Send Co');
    const page = await consolePage(account.sid);
    await page.evaluate(hide);
    await page.waitForTimeout(SETTLED_MS);

    await clickOverlayButton(page, 'Send to CRM');
    await expect.poll(() => overlayStatus(page), { timeout: 5_000 }).toMatch(COVERED);
    await page.waitForTimeout(1000);
    expect(sites.console.reveals).toEqual([]);
    expect(await sessionFor(account.sid)).toEqual({ handoffIds: [], tokens: [] });

    await page.evaluate(unhide);
    await page.waitForTimeout(SETTLED_MS);
    await clickOverlayButton(page, 'Send to CRM');
    await expect.poll(() => sessionFor(account.sid), { timeout: 10_000 }).toMatchObject({ tokens: [account.authToken] });
    expect(sites.console.reveals.map((r) => r.accountSid)).toEqual([account.sid]);
  });

  it.each(HIDINGS)('%s: a real click on Copy credentials copies nothing', async (_name, hide, unhide) => {
    const account = sites.api.state.createAccount('Covered Copy Co');
    const page = await consolePage(account.sid);
    await page.evaluate(() => navigator.clipboard.writeText('what the admin copied before'));
    await page.evaluate(hide);
    await page.waitForTimeout(SETTLED_MS);

    await clickOverlayButton(page, 'Copy credentials');
    await expect.poll(() => overlayStatus(page), { timeout: 5_000 }).toMatch(COVERED);
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('what the admin copied before');
    expect(sites.console.reveals).toEqual([]);

    await page.evaluate(unhide);
    await page.waitForTimeout(SETTLED_MS);
    await clickOverlayButton(page, 'Copy credentials');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), { timeout: 10_000 }).toBe(
      `Account SID: ${account.sid}\nAuth Token: ${account.authToken}`,
    );
  });
});

describe('a click on a box that has only just appeared or moved', () => {
  it('the second click of a double-click that opened the minimized box lands on Send to CRM: refused; a click after that sends', async () => {
    const account = sites.api.state.createAccount('Double Click Co');
    const page = await consolePage(account.sid);
    const send = await overlayButtonPoint(page, 'Send to CRM');
    await clickOverlayButton(page, 'Minimize');
    await page.waitForTimeout(SETTLED_MS);
    const open = await overlayButtonPoint(page, 'Handoff for Twilio');

    const started = Date.now();
    await page.mouse.click(open.x, open.y);
    await page.mouse.click(send.x, send.y);
    // Meaningful only if the second click came within the guard's 500 ms of the box appearing (it
    // appears at the first click): a later one is rightly taken, and the refusal below would not come.
    // The refusal's own words then say which rule refused it. (300 ms here failed now and then with
    // four browser files at once on the 2-core machine, two real-mouse clicks taking longer.)
    expect(Date.now() - started).toBeLessThan(500);
    await expect.poll(() => overlayStatus(page), { timeout: 5_000 }).toMatch(JUST_SHOWN);
    await page.waitForTimeout(1000);
    expect(sites.console.reveals).toEqual([]);
    expect(await sessionFor(account.sid)).toEqual({ handoffIds: [], tokens: [] });

    // Send is where it was before: the box opened in the same place.
    expect(await overlayButtonPoint(page, 'Send to CRM')).toEqual(send);
    await clickOverlayButton(page, 'Send to CRM');
    await expect.poll(() => sessionFor(account.sid), { timeout: 10_000 }).toMatchObject({ tokens: [account.authToken] });
  });

  it('the page moves the box under the pointer just before the click: refused; a click after that sends', async () => {
    const account = sites.api.state.createAccount('Moved Box Co');
    const page = await consolePage(account.sid);
    const before = await overlayButtonPoint(page, 'Send to CRM');
    // The overlay is fixed to the corner; a transform on its containing <body> carries it along.
    await page.evaluate(() => {
      document.body.style.minHeight = '100vh';
      document.body.style.transform = 'translate(-240px, -180px)';
    });
    // Where the box is once the browser has drawn the page's change (a frame or two; read at once, it
    // was now and then still the old place).
    let moved = before;
    await expect.poll(async () => (moved = await overlayButtonPoint(page, 'Send to CRM')), { timeout: 2_000, interval: 16 }).not.toEqual(before);
    await page.mouse.click(moved.x, moved.y);
    await expect.poll(() => overlayStatus(page), { timeout: 5_000 }).toMatch(JUST_SHOWN);
    await page.waitForTimeout(1000);
    expect(sites.console.reveals).toEqual([]);
    expect(await sessionFor(account.sid)).toEqual({ handoffIds: [], tokens: [] });

    await clickOverlayButton(page, 'Send to CRM');
    await expect.poll(() => sessionFor(account.sid), { timeout: 10_000 }).toMatchObject({ tokens: [account.authToken] });
  });
});
