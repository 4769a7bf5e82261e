import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dashboardUrl } from '../stand-ins/twilio-console/server';
import { SETTLED_MS, useConsoleSuite } from './support/console-suite';
import { clickOverlayButton, findOverlays, overlayBoxLook } from './support/overlay';

/**
 * How the console overlay looks and where it stands, in the production build: dark in a dark colour
 * scheme, in the corner the admin chose with its Move button or by dragging it (remembered across
 * reloads and pages), and never over the console's own Account SID and Auth Token rows.
 */

const suite = useConsoleSuite();

type Rect = { left: number; top: number; right: number; bottom: number };
const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The rows of the page's Account SID and Auth Token (each label's parent: label and value). */
async function credentialRows(page: Page): Promise<Rect[]> {
  return Promise.all(
    ['Account SID', 'Auth Token'].map((label) =>
      page
        .getByText(label, { exact: true })
        .first()
        .evaluate((el) => {
          const { left, top, right, bottom } = el.parentElement!.getBoundingClientRect();
          return { left, top, right, bottom };
        }),
    ),
  );
}

async function boxRect(page: Page): Promise<Rect> {
  return (await overlayBoxLook(page)).rect;
}

/** Which corner the box's rectangle stands in. */
async function cornerOf(page: Page): Promise<string> {
  const rect = await boxRect(page);
  const { width, height } = page.viewportSize()!;
  return `${rect.top < height / 2 ? 't' : 'b'}${rect.left < width / 2 ? 'l' : 'r'}`;
}

async function reloadAndWait(page: Page): Promise<void> {
  await page.reload();
  await expect.poll(async () => (await findOverlays(page)).length, { timeout: 15_000 }).toBe(1);
  await page.waitForTimeout(SETTLED_MS);
}

describe('the overlay’s colours', () => {
  it('follow prefers-color-scheme: light by default, dark in a dark scheme', async () => {
    const account = suite.sites.api.state.createAccount('Dark Scheme Co');
    const page = await suite.consolePage(account.sid);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await overlayBoxLook(page);
    expect(light).toMatchObject({ background: 'rgb(255, 255, 255)', color: 'rgb(18, 28, 45)' });
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await overlayBoxLook(page);
    expect(dark).toMatchObject({ background: 'rgb(27, 33, 48)', color: 'rgb(230, 233, 240)' });
    await page.emulateMedia({ colorScheme: null });
  });
});

describe('the overlay’s corner', () => {
  it('Move takes it to the next corner; the choice is kept in storage.local and holds after a reload and on another page', async () => {
    const account = suite.sites.api.state.createAccount('Corner Move Co');
    const page = await suite.consolePage(account.sid);
    expect(await cornerOf(page)).toBe('br');
    await clickOverlayButton(page, 'Move to another corner');
    await expect.poll(() => cornerOf(page)).toBe('bl');
    await expect.poll(async () => (await suite.ext.readStorage('local'))['overlay-corner']).toBe('bl');

    await reloadAndWait(page);
    expect(await cornerOf(page)).toBe('bl');
    const other = await suite.consolePage(suite.sites.api.state.createAccount('Corner Other Co').sid);
    expect(await cornerOf(other)).toBe('bl');
    await clickOverlayButton(other, 'Move to another corner');
    await clickOverlayButton(other, 'Move to another corner');
    await clickOverlayButton(other, 'Move to another corner');
    await expect.poll(() => cornerOf(other)).toBe('br');
  });

  it('dragged by its title to the top right and dropped there, it stays there after a reload', async () => {
    const account = suite.sites.api.state.createAccount('Corner Drag Co');
    const page = await suite.consolePage(account.sid);
    const start = await boxRect(page);
    const { width } = page.viewportSize()!;
    // The title row, left of its buttons: the real mouse, as the admin drags.
    await page.mouse.move(start.left + 30, start.top + 20);
    await page.mouse.down();
    await page.mouse.move(width / 2 + 100, 300, { steps: 8 });
    await page.mouse.move(width - 100, 60, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => cornerOf(page)).toBe('tr');
    await reloadAndWait(page);
    expect(await cornerOf(page)).toBe('tr');
    // Back to the default for the other tests of this browser.
    await page.mouse.move((await boxRect(page)).left + 30, (await boxRect(page)).top + 20);
    await page.mouse.down();
    await page.mouse.move(width - 50, page.viewportSize()!.height - 50, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => cornerOf(page)).toBe('br');
  });
});

describe('the console’s credential rows stay uncovered', () => {
  it.each([
    [1280, 800],
    [1920, 1080],
  ])('at %i×%i', async (width, height) => {
    const page = await suite.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(dashboardUrl(suite.sites.api.state.createAccount(`Uncovered ${width} Co`).sid));
    await expect.poll(async () => (await findOverlays(page)).length, { timeout: 15_000 }).toBe(1);
    await page.waitForTimeout(SETTLED_MS);
    const box = await boxRect(page);
    for (const row of await credentialRows(page)) expect(overlaps(box, row), JSON.stringify({ box, row })).toBe(false);
  });

  it('rows under the box’s corner (a narrow window): the box moves to another corner, and back once they are gone', async () => {
    const account = suite.sites.api.state.createAccount('Covered Rows Co');
    const page = await suite.consolePage(account.sid);
    expect(await cornerOf(page)).toBe('br');
    // The page lays its credential rows where the box stands, then the window changes size.
    await page.evaluate(() => {
      for (const [i, label] of ['Account SID', 'Auth Token'].entries()) {
        const term = [...document.querySelectorAll('dt, [class]')].find((el) => el.textContent === label && el.children.length === 0)!;
        term.parentElement!.style.cssText = `position:fixed;right:24px;bottom:${40 + 50 * i}px;width:600px;height:44px;background:#eef`;
      }
    });
    await page.setViewportSize({ width: 1279, height: 860 });
    await expect.poll(() => cornerOf(page)).toBe('bl');
    const box = await boxRect(page);
    for (const row of await credentialRows(page)) expect(overlaps(box, row)).toBe(false);

    await page.evaluate(() => {
      for (const el of document.querySelectorAll<HTMLElement>('[style*="position:fixed"], [style*="position: fixed"]')) el.style.cssText = '';
    });
    await page.setViewportSize({ width: 1280, height: 860 });
    await expect.poll(() => cornerOf(page)).toBe('br');
  });
});
