import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { ensureChromium } from '../../scripts/lib/chromium';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const CHROME_BUILD_DIR = join(REPO_ROOT, '.output/chrome-mv3');

/** Flags for a quiet, offline Chromium (no background services reaching out). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
  '--ignore-certificate-errors',
];

export interface LaunchOptions {
  hostResolverRules: string;
  /** The extension to load; the production build by default. `null` launches without an extension. */
  extensionDir?: string | null;
  headless?: boolean;
  /** Keep the profile directory after close (for tests that search it for secrets). */
  keepProfile?: boolean;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  /** Empty when launched without the extension. */
  extensionId: string;
  profileDir: string;
  /** The extension's service worker, started if it was stopped. */
  worker(): Promise<Worker>;
  /** Opens an extension page (e.g. `popup.html`) as a tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Stops the extension's service worker the way Chrome does when idle (DESIGN.md §5). */
  stopServiceWorker(): Promise<void>;
  /** Reads a storage area through the service worker. */
  readStorage(area: 'local' | 'sync' | 'session'): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function launchExtension(options: LaunchOptions): Promise<ExtensionBrowser> {
  const executablePath = ensureChromium();
  const extensionDir = options.extensionDir === undefined ? CHROME_BUILD_DIR : options.extensionDir;
  if (extensionDir && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No extension build at ${extensionDir}: run \`npm run build\` first.`);
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'handoff-profile-'));
  const args = [...CHROMIUM_ARGS, `--host-resolver-rules=${options.hostResolverRules}`];
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: options.headless ?? true,
    args,
    viewport: { width: 1280, height: 860 },
  });

  let extensionId = '';
  if (extensionDir) {
    const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    extensionId = new URL(first.url()).host;
  }

  const worker = async (): Promise<Worker> => {
    const running = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
    if (running) return running;
    // Any extension event wakes it; opening an extension page and messaging is the surest.
    const waiter = context.waitForEvent('serviceworker', { timeout: 30_000 });
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    const started = await waiter;
    await page.close();
    return started;
  };

  return {
    context,
    extensionId,
    profileDir,
    worker,
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async stopServiceWorker() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
      await page.close();
    },
    async readStorage(area) {
      const w = await worker();
      // `chrome` exists only inside the worker; this function runs there.
      return w.evaluate(
        (name) => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage[name].get(null),
        area,
      );
    },
    async close() {
      await context.close();
      if (!options.keepProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
