import type { ElementHandle, JSHandle, Page } from 'puppeteer-core';

/**
 * The console overlay in Firefox, from a test. It lives in a closed shadow root that page scripts
 * cannot reach; WebDriver BiDi can: Firefox serialises an element's shadow root, closed ones
 * included, with a reference the test passes back into the page (what CDP's `pierce` is for the
 * Chromium tests, tests/e2e/support/overlay.ts). Reading only: clicks go through BiDi's input
 * actions at the button's point, so the overlay sees a trusted click, as from an admin.
 */

/** The overlay's host element (utils/console/mount.ts OVERLAY_HOST). */
const HOST = 'twilio-handoff-overlay';

interface BidiNode {
  value?: { shadowRoot?: BidiNode | null };
}
/** puppeteer-core's BiDi element handle: its serialised node and the factory for a handle on another node. */
interface BidiHandle {
  remoteValue(): BidiNode;
  realm: unknown;
  constructor: { from(value: BidiNode, realm: unknown): JSHandle };
}

/** A handle on the overlay's shadow root (in the top document), or null while there is none. */
async function shadowRoot(page: Page): Promise<JSHandle<ShadowRoot> | null> {
  const hosts = await page.$$(HOST);
  if (hosts.length > 1) throw new Error(`expected one overlay, found ${hosts.length}`);
  const host = hosts[0] as (ElementHandle & BidiHandle) | undefined;
  const root = host?.remoteValue().value?.shadowRoot;
  if (!host || !root) return null;
  return host.constructor.from(root, host.realm) as JSHandle<ShadowRoot>;
}

export interface OverlayView {
  text: string;
  status: string;
  buttons: Array<{ name: string; disabled: boolean }>;
}

/** What the overlay shows (style text excluded), its status line and its buttons; null without an overlay. */
export async function readOverlay(page: Page): Promise<OverlayView | null> {
  const root = await shadowRoot(page);
  if (!root) return null;
  return page.evaluate((shadow) => {
    const words = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const shown = [...shadow.children].filter((child) => child.localName !== 'style');
    return {
      text: shown.map(words).join(' '),
      status: words(shadow.querySelector('[role="status"]')),
      buttons: [...shadow.querySelectorAll('button')].map((b) => ({ name: b.getAttribute('aria-label') ?? words(b), disabled: b.disabled })),
    };
  }, root);
}

/** Clicks an overlay button by name with the real mouse, at the middle of the button. */
export async function clickOverlayButton(page: Page, name: string): Promise<void> {
  const root = await shadowRoot(page);
  if (!root) throw new Error('no overlay on the page');
  const point = await page.evaluate(
    (shadow, wanted) => {
      const button = [...shadow.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === wanted);
      if (!button) return null;
      const { x, y, width, height } = button.getBoundingClientRect();
      return { x: x + width / 2, y: y + height / 2 };
    },
    root,
    name,
  );
  if (!point) throw new Error(`no button "${name}" in the overlay`);
  await page.mouse.click(point.x, point.y);
}
