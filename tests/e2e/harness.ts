import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { ensureChromium } from '../../scripts/lib/chromium';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const CHROME_BUILD_DIR = join(REPO_ROOT, '.output/chrome-mv3');
/**
 * The test build (`npm run build:test`): the store build with the handoff watchdog after 20 s instead
 * of 45 s (WXT_WATCHDOG_MS), and nothing else changed. Only the fault tests that wait for the watchdog use it.
 */
export const CHROME_TEST_BUILD_DIR = join(REPO_ROOT, '.output/chrome-mv3-test');

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
  /** More Chromium switches (`--lang=es`). */
  args?: string[];
  /** Keep the profile directory after close (for tests that search it for secrets). */
  keepProfile?: boolean;
  /**
   * The welcome page the extension opens on install (issue 13 item 3) is closed before the test
   * starts, so that every test begins with the tabs it opens itself (no tab becoming active under
   * it); 'keep' leaves it to the test (tests/e2e/first-run.test.ts).
   */
  welcomePage?: 'close' | 'keep';
  /**
   * Load the extension through the DevTools protocol (`Extensions.loadUnpacked`) instead of
   * `--load-extension`, so that `reload()` can load it again after a rebuild (`npm run dev`): in
   * Chromium 156 an extension loaded either way stays unloaded after `chrome.runtime.reload()`, while
   * loading the same folder again over the protocol reloads it, storage kept.
   */
  reloadable?: boolean;
}

/** The page the extension opens on install, if the build has one. */
export const WELCOME_PAGE = 'welcome.html';

export interface ExtensionBrowser {
  context: BrowserContext;
  /** Empty when launched without the extension. */
  extensionId: string;
  profileDir: string;
  /** The extension's service worker, started (by a message from an extension page) if it was stopped. */
  worker(): Promise<Worker>;
  /** Opens an extension page (e.g. `popup.html`) as a tab. */
  openExtensionPage(path: string): Promise<Page>;
  /**
   * Stops the extension's service worker the way Chrome does when idle (DESIGN.md §5); returns once
   * Chrome reports it stopped. The harness restarts it only when `worker()` is asked for.
   */
  stopServiceWorker(): Promise<void>;
  /**
   * Reads a storage area through the service worker; after `stopServiceWorker`, and until something
   * restarts the worker, from an extension page instead, which neither wakes the worker nor waits for it.
   */
  readStorage(area: 'local' | 'sync' | 'session'): Promise<Record<string, unknown>>;
  /** Loads the extension's folder again, as after a rebuild, and waits for its new service worker (`reloadable` only). */
  reload(): Promise<Worker>;
  close(): Promise<void>;
}

/**
 * The extension's welcome tab, once it is open: looked for by its address, which a new tab takes
 * only after its first navigation (its 'page' event may come while it is still about:blank).
 */
export async function findWelcomePage(context: BrowserContext, extensionId: string, timeout = 30_000): Promise<Page> {
  const url = `chrome-extension://${extensionId}/${WELCOME_PAGE}`;
  const deadline = Date.now() + timeout;
  for (;;) {
    const page = context.pages().find((p) => p.url() === url);
    if (page) return page;
    if (Date.now() > deadline) throw new Error(`The extension did not open ${WELCOME_PAGE} within ${timeout} ms of its install.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function launchExtension(options: LaunchOptions): Promise<ExtensionBrowser> {
  const executablePath = ensureChromium();
  const extensionDir = options.extensionDir === undefined ? CHROME_BUILD_DIR : options.extensionDir;
  if (extensionDir && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No extension build at ${extensionDir}: run \`npm run build\` first.`);
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'handoff-profile-'));
  const args = [...CHROMIUM_ARGS, `--host-resolver-rules=${options.hostResolverRules}`, ...(options.args ?? [])];
  const overProtocol = Boolean(extensionDir && options.reloadable);
  if (overProtocol) args.push('--enable-unsafe-extension-debugging');
  else if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: options.headless ?? true,
    args,
    viewport: { width: 1280, height: 860 },
    ...(overProtocol ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
  });
  const browserSession = overProtocol ? await context.browser()!.newBrowserCDPSession() : undefined;
  /** `Extensions.loadUnpacked`: not in playwright-core's protocol types. */
  const loadUnpacked = async () =>
    ((await browserSession!.send('Extensions.loadUnpacked' as never, { path: resolve(extensionDir!) } as never)) as { id: string }).id;
  if (overProtocol) await loadUnpacked();

  let extensionId = '';
  if (extensionDir) {
    const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    extensionId = new URL(first.url()).host;
  }
  if (extensionDir && options.welcomePage !== 'keep' && existsSync(join(extensionDir, WELCOME_PAGE))) {
    await (await findWelcomePage(context, extensionId)).close();
  }

  const origin = `chrome-extension://${extensionId}/`;
  const ours = (w: Worker) => w.url().startsWith(origin);
  /** The newest Playwright handle on the worker. A stopped worker keeps its handle (and its target). */
  const handle = () => context.serviceWorkers().filter(ours).at(-1);
  /**
   * Set when the harness stops the worker, cleared once Chrome reports it running again. Only then is
   * the handle suspect: Chrome does not stop a worker Playwright is attached to for being idle, and an
   * `evaluate` on a stopped worker's handle waits, unanswered, until something restarts the worker.
   */
  let maybeStopped = false;

  /** An extension page for the length of `use`: to read storage, or to send the event that wakes the worker. */
  const onExtensionPage = async <T>(use: (page: Page) => Promise<T>): Promise<T> => {
    const page = await context.newPage();
    try {
      await page.goto(`${origin}popup.html`);
      return await use(page);
    } finally {
      await page.close();
    }
  };

  /** Follows the worker's running status ('stopped', 'starting', 'running', 'stopping') as Chrome reports it. */
  const watchStatus = async (page: Page) => {
    const cdp = await context.newCDPSession(page);
    const versions = new Map<string, string>();
    let changed = () => {};
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
      for (const v of event.versions) if (v.scriptURL.startsWith(origin)) versions.set(v.versionId, v.runningStatus);
      changed();
    });
    const status = () => {
      const all = [...versions.values()];
      return all.includes('running') ? 'running' : all.includes('starting') ? 'starting' : (all.at(-1) ?? 'unknown');
    };
    /** Resolves with the status once `ok` holds for it; enabling the domain reports every version at once. */
    const until = async (ok: (status: string) => boolean, what: string, timeout = 30_000): Promise<string> => {
      const reached = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`The service worker did not become ${what} within ${timeout} ms (last: ${status()}).`)), timeout);
        changed = () => {
          if (!versions.size || !ok(status())) return;
          clearTimeout(timer);
          resolve(status());
        };
      });
      changed();
      return reached;
    };
    await cdp.send('ServiceWorker.enable');
    return { cdp, until, detach: () => cdp.detach() };
  };
  const isUp = (status: string) => status === 'running' || status === 'starting';

  const worker = async (): Promise<Worker> => {
    const known = handle();
    if (known && !maybeStopped) return known;
    await onExtensionPage(async (page) => {
      const status = await watchStatus(page);
      try {
        if (!isUp(await status.until(() => true, 'known'))) {
          // Any extension event wakes it; a message from an extension page is the surest (the router
          // drops one it does not know).
          await page.evaluate(() =>
            (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.runtime.sendMessage({ type: 'harness-wake' }).catch(() => undefined),
          );
        }
        await status.until((s) => s === 'running', 'running');
      } finally {
        await status.detach();
      }
    });
    maybeStopped = false;
    return handle() ?? (await context.waitForEvent('serviceworker', { predicate: ours, timeout: 30_000 }));
  };

  // `chrome` exists only in the extension's own contexts (its worker and pages); this function runs there.
  const storageIn = (area: 'local' | 'sync' | 'session') =>
    (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage[area].get(null);

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
      await onExtensionPage(async (page) => {
        const status = await watchStatus(page);
        try {
          await status.cdp.send('ServiceWorker.stopAllWorkers');
          await status.until((s) => s === 'stopped', 'stopped');
        } finally {
          await status.detach();
        }
      });
      maybeStopped = true;
    },
    async readStorage(area) {
      if (maybeStopped) {
        // While the worker is down, read from an extension page: looking must neither wake it (what
        // restarts it is up to the extension and the test) nor wait for it.
        const read = await onExtensionPage(async (page) => {
          const status = await watchStatus(page);
          const up = isUp(await status.until(() => true, 'known').finally(() => status.detach()));
          return up ? undefined : { items: await page.evaluate(storageIn, area) };
        });
        if (read) return read.items;
        // Something restarted it (a message, an alarm): its handle answers again.
        maybeStopped = false;
      }
      return (await worker()).evaluate(storageIn, area);
    },
    async reload() {
      if (!browserSession) throw new Error('reload() needs an extension launched with reloadable: true.');
      const before = new Set(context.serviceWorkers());
      const started = context.waitForEvent('serviceworker', { predicate: (w) => ours(w) && !before.has(w), timeout: 30_000 });
      await loadUnpacked();
      await started;
      maybeStopped = false;
      return handle()!;
    },
    async close() {
      await context.close();
      if (!options.keepProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
