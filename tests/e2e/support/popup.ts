import type { Locator, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../harness';

/**
 * The popup as the admin meets it. Chrome's toolbar popup acts on the active tab of the last focused
 * normal window (utils/active-tab.ts). A popup.html opened as a tab would be that active tab itself,
 * so tests open it the way Chrome shows it: in a window of type "popup", in front of the page tab,
 * which stays the active tab of the normal window behind it.
 */
export async function openPopup(ext: ExtensionBrowser, over?: Page): Promise<Page> {
  // The tab the admin is looking at when they click the toolbar button.
  if (over) await over.bringToFront();
  const worker = await ext.worker();
  const opened = ext.context.waitForEvent('page', {
    predicate: (page) => page.url().endsWith('/popup.html'),
    timeout: 30_000,
  });
  await worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    await api.windows.create({ url: api.runtime.getURL('/popup.html'), type: 'popup', width: 400, height: 640 });
  });
  const popup = await opened;
  await popup.waitForLoadState();
  await popup.getByRole('heading', { name: 'Handoffs' }).waitFor({ timeout: 30_000 });
  return popup;
}

/** The card of one handoff in the popup, by the sub-account's name (its heading). */
export function handoffCard(popup: Page, friendlyName: string): Locator {
  return popup.getByRole('article', { name: friendlyName, exact: true });
}

/** The state the card's badge shows, in the admin's words (components/text.ts STATE_TEXT). */
export function stateBadge(card: Locator): Locator {
  return card.locator('.badge');
}

/** The tab that is active in the last focused normal window, as the extension sees it. */
export async function activeTabUrl(ext: ExtensionBrowser): Promise<string | undefined> {
  const worker = await ext.worker();
  return worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    const window = await api.windows.getLastFocused({ windowTypes: ['normal'], populate: true });
    return window.tabs?.find((tab) => tab.active)?.url;
  });
}
