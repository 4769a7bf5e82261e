import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIns, type StandIns } from '../stand-ins/start';
import { launchExtension, type ExtensionBrowser } from './harness';
import { sendFromWorker } from './support/tabs';

/**
 * The production build loads in Chromium, its content scripts run where the manifest says (and only
 * there), and its pages render. Every later E2E test builds on this.
 */
let sites: StandIns;
let ext: ExtensionBrowser;

beforeAll(async () => {
  sites = await startStandIns();
  ext = await launchExtension({ hostResolverRules: sites.hostResolverRules });
});
afterAll(async () => {
  await ext?.close();
  await sites?.close();
});

describe('the built extension in Chromium', () => {
  it('has a running service worker with the manifest we ship', async () => {
    const worker = await ext.worker();
    const manifest = await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { name: string; permissions: string[]; optional_permissions?: string[] } } } }).chrome.runtime.getManifest());
    expect(manifest.name).toBe('Twilio Handoff');
    expect(manifest.permissions.sort()).toEqual(['activeTab', 'alarms', 'scripting', 'storage']);
    // Notifications are asked for from the options page's click, never at install (no install warning).
    expect(manifest.optional_permissions).toEqual(['notifications']);
  });

  it('runs the CRM content script on app.gohighlevel.com, not on a host that was never enabled', async () => {
    const crm = await ext.context.newPage();
    await crm.goto('https://app.gohighlevel.com/settings/phone_integration');
    await expect.poll(() => sendFromWorker(ext, 'https://app.gohighlevel.com/', { type: 'crm-ping' }), { timeout: 15_000 })
      .toEqual({ ok: true, url: 'https://app.gohighlevel.com/settings/phone_integration' });

    const other = await ext.context.newPage();
    await other.goto('https://app.otheragency.test/settings/phone_integration');
    await other.getByText('Phone Integration').first().waitFor();
    expect(await sendFromWorker(ext, 'https://app.otheragency.test/', { type: 'crm-ping' })).toHaveProperty('error');
    await crm.close();
    await other.close();
  });

  it('renders the popup and the options page', async () => {
    const popup = await ext.openExtensionPage('popup.html');
    await expect.poll(() => popup.locator('body').innerText()).toMatch(/Twilio Handoff|handoff/i);
    const options = await ext.openExtensionPage('options.html');
    await expect.poll(() => options.locator('body').innerText()).toMatch(/CRM hosts|app\.gohighlevel\.com/i);
    await popup.close();
    await options.close();
  });
});
