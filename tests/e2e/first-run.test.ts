import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { text } from '../../components/text';
import { welcomeText } from '../../components/welcome-text';
import { findWelcomePage, launchExtension, WELCOME_PAGE, type ExtensionBrowser } from './harness';
import { axeViolations, blocking } from './support/axe';

/**
 * The first-run page in real Chromium (issue 13 item 3): installing the production build opens it
 * once, a service-worker restart does not open it again, it passes axe in light and dark, and the
 * popup and the options page lead back to it. The harness closes it for every other test file; this
 * one keeps it. It needs no stand-in site: nothing here leaves the extension.
 */
let ext: ExtensionBrowser;
let welcomeUrl: string;

beforeAll(async () => {
  ext = await launchExtension({ hostResolverRules: 'MAP nothing.invalid 127.0.0.1', welcomePage: 'keep' });
  welcomeUrl = `chrome-extension://${ext.extensionId}/${WELCOME_PAGE}`;
});

afterAll(async () => {
  await ext?.close();
});

const welcomeTabs = () => ext.context.pages().filter((page) => page.url() === welcomeUrl);
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the welcome page', () => {
  it('opens once when the extension is installed', async () => {
    const welcome = await findWelcomePage(ext.context, ext.extensionId);
    await welcome.getByRole('heading', { level: 1, name: welcomeText.title }).waitFor();
    // Long enough for a second install event or a second tab, if anything sent one.
    await settle(1500);
    expect(welcomeTabs()).toHaveLength(1);
  });

  it('does not open again when the service worker is stopped and starts again', async () => {
    await ext.stopServiceWorker();
    // A message from an extension page wakes it, as any event would; then it runs its start-up again.
    const worker = await ext.worker();
    expect(await worker.evaluate(() => 1 + 1)).toBe(2);
    await settle(2000);
    expect(welcomeTabs()).toHaveLength(1);
  });

  it('has every part, with its headings, and passes axe in light and dark', async () => {
    const [welcome] = welcomeTabs();
    for (const name of [welcomeText.howHeading, welcomeText.pinHeading, text.hostsHeading, welcomeText.settingsHeading]) {
      await welcome!.getByRole('heading', { level: 2, name }).waitFor();
    }
    // Chromium on Linux: Chrome's pinning steps first.
    await welcome!.getByText(welcomeText.pinSteps.chrome[1]!).waitFor();
    // The CRM site form is the options page's own, with its label.
    await welcome!.getByLabel(text.hostAddLabel).waitFor();
    await welcome!.getByText(welcomeText.otherBrowsers).click();
    for (const colorScheme of ['light', 'dark'] as const) {
      await welcome!.emulateMedia({ colorScheme });
      const background = await welcome!.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(colorScheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(23, 25, 28)');
      const findings = await axeViolations(welcome!);
      expect(blocking(findings), `${colorScheme}: ${JSON.stringify(findings, null, 1)}`).toEqual([]);
    }
  });

  it('opens the settings from its button', async () => {
    const [welcome] = welcomeTabs();
    const optionsUrl = `chrome-extension://${ext.extensionId}/options.html`;
    const opened = ext.context.waitForEvent('page', { timeout: 15_000 });
    await welcome!.getByRole('button', { name: welcomeText.openSettings }).click();
    const options = await opened;
    await expect.poll(() => options.url()).toBe(optionsUrl);
    await options.close();
  });

  it('is reachable from the popup (a new tab) and from the options page', async () => {
    for (const page of welcomeTabs()) await page.close();
    const popup = await ext.openExtensionPage('popup.html');
    const opened = ext.context.waitForEvent('page', { timeout: 15_000 });
    await popup.getByRole('link', { name: text.gettingStarted }).click();
    const fromPopup: Page = await opened;
    await fromPopup.getByRole('heading', { level: 1, name: welcomeText.title }).waitFor();
    expect(fromPopup.url()).toBe(welcomeUrl);

    const options = await ext.openExtensionPage('options.html');
    await options.getByRole('link', { name: text.gettingStarted }).click();
    await options.getByRole('heading', { level: 1, name: welcomeText.title }).waitFor();
    expect(options.url()).toBe(welcomeUrl);
    for (const page of [popup, fromPopup, options]) await page.close();
  });
});
