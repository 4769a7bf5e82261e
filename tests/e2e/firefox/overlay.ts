import type { ElementHandle, Frame, JSHandle, Page } from 'puppeteer-core';

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

/** Where the overlay is looked for: a page's top document, or one frame of it. */
export type Where = Page | Frame;

/** A handle on the overlay's shadow root in that document, or null while there is none. */
async function shadowRoot(where: Where): Promise<JSHandle<ShadowRoot> | null> {
  const hosts = await where.$$(HOST);
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
export async function readOverlay(where: Where): Promise<OverlayView | null> {
  const root = await shadowRoot(where);
  if (!root) return null;
  return where.evaluate((shadow) => {
    const words = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const shown = [...shadow.children].filter((child) => child.localName !== 'style');
    return {
      text: shown.map(words).join(' '),
      status: words(shadow.querySelector('[role="status"]')),
      buttons: [...shadow.querySelectorAll('button')].map((b) => ({ name: b.getAttribute('aria-label') ?? words(b), disabled: b.disabled })),
    };
  }, root);
}

/** Where a frame's content starts in the top page's viewport (its frame elements' content boxes, summed). */
async function frameOffset(where: Where): Promise<{ x: number; y: number }> {
  const frame = 'mainFrame' in where ? where.mainFrame() : where;
  const element = await frame.frameElement();
  const parent = frame.parentFrame();
  if (!element || !parent) return { x: 0, y: 0 };
  const inParent = await element.evaluate((iframe) => {
    const box = iframe.getBoundingClientRect();
    const style = getComputedStyle(iframe);
    return { x: box.left + iframe.clientLeft + parseFloat(style.paddingLeft), y: box.top + iframe.clientTop + parseFloat(style.paddingTop) };
  });
  const outer = await frameOffset(parent);
  return { x: outer.x + inParent.x, y: outer.y + inParent.y };
}

/** Clicks an overlay button by name with the real mouse, at the middle of the button (in a frame too). */
export async function clickOverlayButton(where: Where, name: string): Promise<void> {
  const root = await shadowRoot(where);
  if (!root) throw new Error('no overlay in that document');
  const point = await where.evaluate(
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
  const offset = await frameOffset(where);
  const page = 'mainFrame' in where ? where : where.page();
  await page.mouse.click(offset.x + point.x, offset.y + point.y);
}
