import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBaitSite, type BaitSite } from '../stand-ins/bait/server';
import { startStandIns, type StandIns } from '../stand-ins/start';
import { LEGACY_SETTINGS_URL, WWW_HOME_URL, dashboardUrl } from '../stand-ins/twilio-console/server';
import { launchExtension, type ExtensionBrowser } from './harness';
import { handoffsFor } from './support/session';
import { findOverlays, overlayHostsByFrame, sendFromContentScript } from './support/overlay';

/**
 * The console overlay only where the admin is really in the Twilio console (utils/console/frame.ts,
 * utils/senders.ts isFromConsole), in the production build: a site that frames a console page
 * invisibly over its own button gets no overlay and nothing on the clipboard, and a www.twilio.com
 * page outside the console that opens a same-origin frame at /console/… and draws a fake Account
 * Info panel in it gets no overlay, and the background refuses a capture, or the detector's call for
 * the overlay, sent from that frame. Each case has its control: the same page on its own gets the
 * overlay or has its capture taken.
 */

let sites: StandIns;
let bait: BaitSite;
let ext: ExtensionBrowser;
const pages: Page[] = [];

beforeAll(async () => {
  sites = await startStandIns();
  bait = await startBaitSite();
  // The bait's rule first: the stand-ins' rules end with "everything else resolves to nothing".
  ext = await launchExtension({ hostResolverRules: `${bait.hostResolverRule}, ${sites.hostResolverRules}` });
});

afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close()));
  sites.console.reset();
  bait.collected.length = 0;
});

afterAll(async () => {
  await ext?.close();
  await sites?.close();
  await bait?.close();
});

async function newPage(): Promise<Page> {
  const page = await ext.context.newPage();
  pages.push(page);
  return page;
}

const sessionFor = (sid: string) => handoffsFor(ext, sid);

/** Overlay hosts in all frames of `page` together; every frame must answer (-1 is a frame that did not). */
async function overlayHostCount(page: Page): Promise<number> {
  const counts = await overlayHostsByFrame(page);
  for (const c of counts) expect(c.hosts, `frame ${c.url} did not answer`).toBeGreaterThanOrEqual(0);
  return counts.reduce((sum, c) => sum + c.hosts, 0);
}

/** Long enough for the overlay to show where it would: its controls show it within about a second. */
const OVERLAY_WOULD_SHOW_MS = 2500;

describe('a console page framed by another site', () => {
  it.each<[string, (sid: string) => string]>([
    ['the legacy settings page (www.twilio.com/console)', (sid) => `${LEGACY_SETTINGS_URL}?accountSid=${sid}`],
    ['the new console’s account dashboard', (sid) => dashboardUrl(sid)],
  ])('%s, invisible over a bait button: no overlay, nothing copied or sent, the background refuses its capture', async (_name, urlFor) => {
    sites.console.switches.frameableByAnySite = true;
    const account = sites.api.state.createAccount('Framed Bait Co');
    const framedUrl = urlFor(account.sid);
    const inFramed = (url: string) => url.startsWith(framedUrl.split('?')[0]!);

    // Control: the same page on its own shows the overlay.
    const own = await newPage();
    await own.goto(framedUrl);
    await expect.poll(async () => (await findOverlays(own)).length, { timeout: 15_000 }).toBe(1);
    await own.close();

    const bystander = 'a note the admin copied earlier';
    await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `https://${bait.host}` });
    const page = await newPage();
    await page.goto(bait.claimUrl(framedUrl));
    await page.evaluate((text) => navigator.clipboard.writeText(text), bystander);
    // The attack's premise: the framed page loaded in the frame and shows the account's credentials.
    const frame = page.frames().find((f) => inFramed(f.url()));
    expect(frame, 'the console page in the bait frame').toBeDefined();
    await frame!.getByText(account.sid).first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(OVERLAY_WOULD_SHOW_MS);
    expect(await overlayHostCount(page)).toBe(0);

    // The admin clicks the bait's button (the frame lies over it), then pastes into the bait's form.
    const claim = (await page.locator('#claim').boundingBox())!;
    await page.mouse.click(claim.x + claim.width / 2, claim.y + claim.height / 2);
    await page.waitForTimeout(1000);
    await page.locator('#code').click();
    await page.keyboard.press('Control+V');
    // What the bait received: the admin's own clipboard, unchanged (so its paste path does work).
    await expect.poll(() => bait.collected, { timeout: 5_000 }).toEqual([bystander]);
    expect(bait.collected.join('\n')).not.toContain(account.authToken);
    expect(sites.console.reveals).toEqual([]);
    expect(await sessionFor(account.sid)).toEqual({ handoffIds: [], tokens: [] });

    // The content script is in that frame (it stopped by itself); what it could send is refused too:
    // a capture, and the detector's call for the overlay.
    const reply = await sendFromContentScript(page, inFramed, { type: 'capture', sid: account.sid, token: account.authToken });
    expect(reply ?? null).toBeNull();
    expect(await sessionFor(account.sid)).toEqual({ handoffIds: [], tokens: [] });
    expect((await sendFromContentScript(page, inFramed, { type: 'console-detected' })) ?? null).toBeNull();
    await page.waitForTimeout(1000);
    expect(await overlayHostCount(page)).toBe(0);
  });
});

describe('a www.twilio.com page outside the console, framing /console/… itself', () => {
  /** What a script on that page can do: a same-origin frame at /console/<x>, with a panel of its making. */
  const FAKE_PANEL = (sid: string, token: string) =>
    `<section><h2>Account Info</h2><dl><dt>Account SID</dt><dd>${sid}</dd><dt>Auth Token</dt><dd>${token}</dd></dl></section>`;

  it('no overlay in the frame, and its capture is not accepted; the same panel in a top-level console page is (control)', async () => {
    // The attacker's own valid sub-account: Twilio would accept the pair.
    const account = sites.api.state.createAccount('Same Origin Fake Co');
    const capture = { type: 'capture', sid: account.sid, token: account.authToken };
    const page = await newPage();
    await page.goto(WWW_HOME_URL);
    await page.evaluate(async (panel) => {
      const frame = document.createElement('iframe');
      frame.src = '/console/usage/insights';
      frame.style.cssText = 'width:900px;height:400px;border:0';
      document.body.append(frame);
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      frame.contentDocument!.body.innerHTML = panel;
    }, FAKE_PANEL(account.sid, account.authToken));
    const inFrame = (url: string) => url.startsWith('https://www.twilio.com/console/usage/insights');
    await page.frames().find((f) => inFrame(f.url()))!.getByText(account.sid).waitFor();
    await page.waitForTimeout(OVERLAY_WOULD_SHOW_MS);
    expect(await overlayHostCount(page)).toBe(0);
    expect(await sendFromContentScript(page, inFrame, capture).then((reply) => reply ?? null)).toBeNull();
    expect(await sessionFor(account.sid)).toEqual({ handoffIds: [], tokens: [] });
    expect(await sendFromContentScript(page, inFrame, { type: 'console-detected' }).then((reply) => reply ?? null)).toBeNull();
    await page.waitForTimeout(1000);
    expect(await overlayHostCount(page)).toBe(0);

    // Control: the same panel in the top frame of that console URL is a panel the overlay takes, and
    // the same capture from there is accepted: the frame, not the panel or the pair, was refused.
    const top = await newPage();
    await top.goto('https://www.twilio.com/console/usage/insights');
    await top.evaluate((panel) => {
      document.body.innerHTML = panel;
    }, FAKE_PANEL(account.sid, account.authToken));
    await expect.poll(async () => (await findOverlays(top)).length, { timeout: 15_000 }).toBe(1);
    await expect(sendFromContentScript(top, inFrame, { type: 'console-detected' })).resolves.toEqual({ ok: true });
    await expect(sendFromContentScript(top, inFrame, capture)).resolves.toMatchObject({ ok: true });
    await expect.poll(() => sessionFor(account.sid), { timeout: 10_000 }).toMatchObject({ tokens: [account.authToken] });
  });
});
