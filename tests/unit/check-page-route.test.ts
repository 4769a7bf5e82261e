import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { route } from '../../utils/background/router';
import { DEFAULT_SETTINGS, saveSettings } from '../../utils/settings';

/**
 * "Check this page" from the popup: the background puts the driver only into a tab on an enabled CRM
 * host (the popup's activeTab grant would let it into any page), and asks that very document.
 */
const popup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
const REPORT = { anchors: [{ name: 'Phone Integration heading', found: true }] };

let injected: number[];
let asked: { tabId: number; documentId?: string }[];

beforeEach(async () => {
  fakeBrowser.reset();
  injected = [];
  asked = [];
  await saveSettings({ ...DEFAULT_SETTINGS, crmHosts: ['app.agency.example'] });
  fakeBrowser.scripting.executeScript = vi.fn(async ({ target }: { target: { tabId: number } }) => {
    injected.push(target.tabId);
    return [{ frameId: 0, documentId: `doc-${target.tabId}` }];
  }) as never;
  fakeBrowser.tabs.sendMessage = vi.fn(async (tabId: number, message: { type: string }, options?: { documentId?: string }) => {
    if (options?.documentId !== `doc-${tabId}`) throw new Error('Could not establish connection. Receiving end does not exist.');
    if (message.type === 'crm-ping') return { ok: true, url: 'https://app.agency.example/settings/phone_integration' };
    asked.push({ tabId, documentId: options.documentId });
    return REPORT;
  }) as never;
});

async function tabOn(url: string): Promise<number> {
  const tab = await fakeBrowser.tabs.create({ url });
  return tab.id!;
}

describe('check-page', () => {
  it.each([
    ['the default CRM host', 'https://app.gohighlevel.com/settings/phone_integration'],
    ['an enabled white-label host', 'https://app.agency.example/contacts'],
  ])('on %s: the driver is injected into the tab and its document answers', async (_name, url) => {
    const tabId = await tabOn(url);
    expect(await route({ type: 'check-page', tabId }, popup)).toEqual(REPORT);
    expect(injected).toEqual([tabId]);
    expect(asked).toEqual([{ tabId, documentId: `doc-${tabId}` }]);
  });

  it.each([
    ['a site never enabled', 'https://app.slack.com/client'],
    ['a look-alike of the CRM', 'https://app.gohighlevel.com.evil.example/settings/phone_integration'],
    ['plain http on the CRM host', 'http://app.gohighlevel.com/settings/phone_integration'],
  ])('on %s: nothing is injected, and the popup is told why', async (_name, url) => {
    const tabId = await tabOn(url);
    const reply = await route({ type: 'check-page', tabId }, popup);
    expect(injected).toEqual([]);
    expect(reply).toEqual({ ok: false, message: 'The extension is not enabled on this site.' });
  });

  it('a tab that is gone: nothing is injected', async () => {
    expect(await route({ type: 'check-page', tabId: 4242 }, popup)).toEqual({ ok: false, message: 'The extension is not enabled on this site.' });
    expect(injected).toEqual([]);
  });
});
