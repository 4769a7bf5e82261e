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
    const manifest = await worker.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { getManifest(): { name: string; permissions: string[]; host_permissions: string[]; optional_permissions?: string[] } } } }).chrome.runtime.getManifest(),
    );
    expect(manifest.name).toBe('Handoff for Twilio');
    // offscreen: the document that clears a copied Auth Token from the clipboard (no install warning).
    expect(manifest.permissions.sort()).toEqual(['activeTab', 'alarms', 'offscreen', 'scripting', 'storage']);
    // Twilio's API, the default CRM, and the console's two hosts, where the overlay is injected.
    expect(manifest.host_permissions.sort()).toEqual([
      'https://api.twilio.com/*',
      'https://app.gohighlevel.com/*',
      'https://console.twilio.com/*',
      'https://www.twilio.com/console/*',
    ]);
    // Notifications, and reading and writing the clipboard (to clear a copied Auth Token), are asked
    // for from the options page's click, never at install (no install warning).
    expect(manifest.optional_permissions).toEqual(['notifications', 'clipboardRead', 'clipboardWrite']);
  });

  it('runs no code of its own on a CRM page it is not driving; "Check this page" brings the driver to that tab only, on an enabled host only', async () => {
    const manifest = await (await ext.worker()).evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { getManifest(): { content_scripts?: { js?: string[] }[] } } } }).chrome.runtime.getManifest(),
    );
    expect(manifest.content_scripts?.flatMap((script) => script.js ?? [])).toEqual(['twilio-detector.js']);

    const crm = await ext.context.newPage();
    await crm.goto('https://app.gohighlevel.com/settings/phone_integration');
    await crm.getByText('Sub Account Settings', { exact: true }).first().waitFor();
    expect(await sendFromWorker(ext, 'https://app.gohighlevel.com/', { type: 'crm-ping' })).toHaveProperty('error');
    const popup = await ext.openExtensionPage('popup.html');
    const tabIds = () =>
      popup.evaluate(async () => (await (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.tabs.query({})).map((t) => t.id!));
    const before = await tabIds();
    const other = await ext.context.newPage();
    // No permission for this host: the extension cannot even read the tab's address, only its id.
    const otherTabId = (await tabIds()).find((id) => !before.includes(id))!;
    await other.goto('https://app.otheragency.test/settings/phone_integration');
    await other.getByText('Sub Account Settings', { exact: true }).first().waitFor();
    const check = (tabId: number) =>
      popup.evaluate((id) => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.runtime.sendMessage({ type: 'check-page', tabId: id }), tabId);
    const crmTabId = await popup.evaluate(async () =>
      (await (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.tabs.query({ url: 'https://app.gohighlevel.com/*' }))[0]!.id!,
    );
    expect(await check(crmTabId)).toHaveProperty('anchors');
    expect(await sendFromWorker(ext, 'https://app.gohighlevel.com/', { type: 'crm-ping' })).toEqual({
      ok: true,
      url: 'https://app.gohighlevel.com/settings/phone_integration',
    });
    expect(await check(otherTabId)).toEqual({ ok: false, message: 'The extension is not enabled on this site.' });
    expect(await sendFromWorker(ext, 'https://app.otheragency.test/', { type: 'crm-ping' })).toHaveProperty('error');
    await popup.close();
    await crm.close();
    await other.close();
  });

  it('renders the popup and the options page', async () => {
    const popup = await ext.openExtensionPage('popup.html');
    await expect.poll(() => popup.locator('body').innerText()).toMatch(/Handoff for Twilio|handoff/i);
    const options = await ext.openExtensionPage('options.html');
    await expect.poll(() => options.locator('body').innerText()).toMatch(/CRM hosts|app\.gohighlevel\.com/i);
    await popup.close();
    await options.close();
  });
});

describe('the manifest in the admin’s language (public/_locales)', () => {
  it('a Chromium in Spanish shows the description, the toolbar title and the shortcuts in Spanish, the name as it is; English stays the default', async () => {
    const read = async (lang: string) => {
      const browser = await launchExtension({ hostResolverRules: sites.hostResolverRules, args: [`--lang=${lang}`] });
      try {
        return await (await browser.worker()).evaluate(async () => {
          const { chrome } = globalThis as unknown as {
            chrome: {
              runtime: { getManifest(): { name: string; description: string } };
              action: { getTitle(details: object): Promise<string> };
              commands: { getAll(): Promise<Array<{ name?: string; description?: string }>> };
            };
          };
          const manifest = chrome.runtime.getManifest();
          const commands = Object.fromEntries((await chrome.commands.getAll()).map((c) => [c.name, c.description]));
          return { name: manifest.name, description: manifest.description, title: await chrome.action.getTitle({}), send: commands['send-to-crm'] };
        });
      } finally {
        await browser.close();
      }
    };
    await expect(read('es')).resolves.toEqual({
      name: 'Handoff for Twilio',
      description: 'Envía en un clic el Account SID y el Auth Token de una subcuenta de Twilio a su ubicación en el CRM de tu agencia.',
      title: 'Handoff for Twilio',
      send: 'Enviar al CRM las credenciales de esta página',
    });
    await expect(read('fr')).resolves.toEqual({
      name: 'Handoff for Twilio',
      description: "Send a Twilio sub-account's Account SID and Auth Token to the matching location in your agency CRM in one click.",
      title: 'Handoff for Twilio',
      send: 'Send the credentials on this page to the CRM',
    });
  }, 60_000);
});
