import { browser } from 'wxt/browser';

/**
 * The welcome page (entrypoints/welcome), once: `install` fires on a fresh install only, never on an
 * update, a browser start or a worker restart, so nothing needs remembering. A path without an origin
 * is the extension's own page.
 */
export function openWelcomeOnInstall(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: '/welcome.html' });
  });
}
