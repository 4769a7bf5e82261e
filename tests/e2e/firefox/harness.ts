import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ensureFirefox } from '../../../scripts/lib/firefox';
import type { Certificate } from '../../stand-ins/cert';
import { REPO_ROOT, WELCOME_PAGE } from '../harness';
import { startHostProxy, type HostProxy } from './host-proxy';

/**
 * The production Firefox build (`wxt build -b firefox --mv3`) in Debian's firefox-esr, driven over
 * WebDriver BiDi with puppeteer-core (which never downloads a browser). What Chromium gets from flags
 * (tests/e2e/harness.ts) comes here from the profile:
 *
 * - the real host names reach the stand-ins through a local CONNECT proxy (host-proxy.ts) set in the
 *   prefs for every scheme, localhost included; it refuses every other host (what it refused is in
 *   `proxy.refused`: only Firefox's own Mozilla services, which the quiet prefs do not all silence),
 *   so nothing leaves the machine;
 * - the stand-ins' throwaway certificate is a trusted root in this profile's NSS database (certutil,
 *   trust `C,,`), so Firefox validates every stand-in's certificate as it would a real site's: no TLS
 *   check is off (checked: with another certificate trusted instead, the console page fails with
 *   Firefox's security error);
 * - the add-on is installed as a temporary add-on (BiDi `webExtension.install`) with a fixed
 *   moz-extension UUID (`extensions.webextensions.uuids`), so its pages have a known address. The
 *   welcome tab it opens on install stays open as the harness's control tab (below).
 *
 * Firefox grants an MV3 add-on the host permissions its manifest lists at install (127 and later);
 * the optional ones (white-label CRM hosts) are not granted, and no test here needs them.
 */
export const FIREFOX_BUILD_DIR = join(REPO_ROOT, '.output/firefox-mv3');

export interface FirefoxLaunchOptions {
  /** The stand-ins' host names and ports (StandIns.hosts). */
  hosts: Readonly<Record<string, number>>;
  /** The certificate every stand-in serves (StandIns are started with throwawayCertificate()). */
  certificate: Certificate;
  headless?: boolean;
}

export interface FirefoxExtension {
  browser: Browser;
  /** `moz-extension://<uuid>/` */
  base: string;
  geckoId: string;
  profileDir: string;
  proxy: HostProxy;
  newPage(): Promise<Page>;
  /** Opens an extension page (e.g. `popup.html`) in a tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Reads a storage area from an extension page (storage.session is open to extension pages). */
  readStorage(area: 'local' | 'sync' | 'session'): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Quiet and offline: no updates, telemetry, safe-browsing lists, DNS-over-HTTPS or prefetching. */
const QUIET_PREFS: Record<string, unknown> = {
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.search.update': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.server': '',
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'services.settings.server': '',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'security.OCSP.enabled': 0,
  'security.remote_settings.crlite_filters.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.startup.homepage': 'about:blank',
  'browser.aboutwelcome.enabled': false,
};

/** Every request through the host proxy; Firefox otherwise bypasses a proxy for localhost. */
function proxyPrefs(port: number): Record<string, unknown> {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.socks_remote_dns': true,
  };
}

/** A new NSS database in the profile, with the stand-ins' certificate as a trusted root for TLS servers. */
function trustCertificate(profileDir: string, certificate: Certificate): void {
  const pem = join(profileDir, 'stand-ins.pem');
  writeFileSync(pem, certificate.cert);
  const db = `sql:${profileDir}`;
  execFileSync('certutil', ['-N', '-d', db, '--empty-password'], { stdio: 'pipe' });
  execFileSync('certutil', ['-A', '-d', db, '-n', 'twilio-handoff stand-ins', '-t', 'C,,', '-i', pem], { stdio: 'pipe' });
  rmSync(pem);
}

/** `browser` exists only in the extension's own contexts (its pages); functions typed with it run there. */
type ExtensionGlobal = { browser: typeof import('wxt/browser').browser };

async function until<T>(read: () => Promise<T | undefined>, what: string, timeout = 30_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function launchFirefoxExtension(options: FirefoxLaunchOptions): Promise<FirefoxExtension> {
  const executablePath = ensureFirefox();
  const manifestPath = join(FIREFOX_BUILD_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`No Firefox build at ${FIREFOX_BUILD_DIR}: run \`npm run build:firefox\` first.`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { browser_specific_settings: { gecko: { id: string } } };
  const geckoId = manifest.browser_specific_settings.gecko.id;

  const profileDir = mkdtempSync(join(tmpdir(), 'handoff-firefox-'));
  const proxy = await startHostProxy(options.hosts);
  let browser: Browser | undefined;
  try {
    trustCertificate(profileDir, options.certificate);
    const uuid = randomUUID();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: options.headless ?? true,
      userDataDir: profileDir,
      defaultViewport: { width: 1280, height: 860 },
      extraPrefsFirefox: { ...QUIET_PREFS, ...proxyPrefs(proxy.port), 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }) },
    });
    const installed = await browser.installExtension(FIREFOX_BUILD_DIR);
    if (installed !== geckoId) throw new Error(`Firefox installed the add-on as ${installed}, not ${geckoId}.`);
    const base = `moz-extension://${uuid}/`;
    const opened = browser;
    /**
     * Firefox's BiDi does not report an extension page's address (puppeteer's `url()` stays
     * about:blank) and refuses to navigate a tab to a moz-extension:// address without system
     * access, which this harness does not ask for. Scripts run in extension pages all the same: a
     * page is told by its own `location.href`, and extension pages are opened by the extension
     * itself (`tabs.create`) from the welcome tab it opens on install, kept as the control tab.
     */
    const href = (page: Page) => page.evaluate(() => location.href).catch(() => '');
    const findPage = (url: string, except: ReadonlySet<Page>) =>
      until(async () => {
        for (const page of await opened.pages()) if (!except.has(page) && (await href(page)) === url) return page;
        return undefined;
      }, url);
    const control = await findPage(`${base}${WELCOME_PAGE}`, new Set());

    return {
      browser: opened,
      base,
      geckoId,
      profileDir,
      proxy,
      newPage: () => opened.newPage(),
      async openExtensionPage(path) {
        const before = new Set(await opened.pages());
        await control.evaluate(async (url) => {
          await (globalThis as unknown as ExtensionGlobal).browser.tabs.create({ url });
        }, `${base}${path}`);
        return findPage(`${base}${path}`, before);
      },
      async readStorage(area) {
        return control.evaluate(
          (name) => (globalThis as unknown as ExtensionGlobal).browser.storage[name].get(null),
          area,
        );
      },
      async close() {
        await opened.close();
        await proxy.close();
        rmSync(profileDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await proxy.close();
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
}
