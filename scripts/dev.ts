/**
 * `npm run dev`: work on the extension against the stand-ins, rebuilt on every edit. Starts the three
 * stand-in sites (seeded: a CRM of 250 locations, a few Twilio sub-accounts), WXT's dev server
 * (it rebuilds on every edit), and a Chromium of our own with the dev build loaded, mapped onto the
 * stand-ins by --host-resolver-rules. WXT's own browser runner is off: it would open the real sites.
 * The reload of the whole extension WXT asks for after a background edit is done by loading the
 * rebuilt folder again over the DevTools protocol: Chromium 156 does not bring an extension back from
 * its own chrome.runtime.reload(), headless or with a window (README, Development).
 *
 * With a display (DISPLAY set) Chromium has a window; without one it runs headless and says so, and
 * the stand-ins' addresses are printed for a browser elsewhere. Ctrl+C stops everything.
 * `--smoke`: starts it all, checks that the stand-ins answer in that Chromium and the extension
 * loaded (its service worker, its popup) and comes back from a whole-extension reload, then stops;
 * exit 0 when all of it held.
 */
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { createServer } from 'wxt';
import { launchExtension } from '../tests/e2e/harness';
import { startStandIns } from '../tests/stand-ins/start';
import { ensureChromium } from './lib/chromium';
import { runMain, timedLog } from './lib/scale-run';

const root = join(import.meta.dirname, '..');
const DEV_BUILD_DIR = join(root, '.output', 'chrome-mv3-dev');
const CRM_PAGE = 'https://app.gohighlevel.com/settings/phone_integration';
const CONSOLE_PAGE = 'https://console.twilio.com/us1/account/manage-account/subaccounts';
const smoke = process.argv.includes('--smoke');
const log = timedLog();

/** A port nothing listens on now, on 127.0.0.1 (the dev server binds there). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function main(): Promise<void> {
  log(`Chromium: ${ensureChromium(log)}`);
  log('Starting the stand-in sites (Twilio console, Twilio API, CRM) on 127.0.0.1…');
  const sites = await startStandIns();
  sites.crm.generateLocations(250, { nearDuplicates: true });
  for (const name of ['Acme Dental - Austin', 'Bayside Pediatrics - Tampa', 'Cedar Vet Clinic - Salem']) sites.api.state.createAccount(name);
  log(`CRM: ${sites.crm.state.locations.length} locations; Twilio: ${sites.api.state.listSubaccounts(sites.api.state.master.sid).length} sub-accounts under the master.`);

  const port = await freePort();
  log(`Starting WXT's dev server on 127.0.0.1:${port} (its browser runner off)…`);
  const server = await createServer({
    webExt: { disabled: true },
    dev: { server: { host: '127.0.0.1', port, origin: `http://127.0.0.1:${port}`, strictPort: true } },
  });
  await server.start();
  log(`WXT's dev server runs at ${server.origin}; the dev build is in .output/chrome-mv3-dev.`);

  const headless = !process.env.DISPLAY;
  if (headless) log('No display (DISPLAY is not set): Chromium runs headless. Set DISPLAY for a window.');
  const ext = await launchExtension({ hostResolverRules: sites.hostResolverRules, headless, extensionDir: DEV_BUILD_DIR, welcomePage: 'keep', reloadable: true });
  // WXT reloads the whole extension after a background or content-script edit by asking the dev build
  // to call chrome.runtime.reload(), from which Chromium 156 does not bring it back: load the rebuilt
  // folder again over the DevTools protocol instead (storage kept, as a reload keeps it).
  let reloading: Promise<unknown> = Promise.resolve();
  server.reloadExtension = () => {
    reloading = ext.reload().then(
      (worker) => log(`Reloaded the extension: its service worker runs again (${worker.url()}).`),
      (error: unknown) => log(`The extension did not come back after the rebuild: ${String(error)}. Restart npm run dev.`),
    );
  };
  log(`Chromium started ${headless ? 'headless' : 'with a window'}; the dev build ${ext.extensionId} is loaded from .output/chrome-mv3-dev.`);

  const stop = async () => {
    await ext.close().catch(() => undefined);
    await server.stop().catch(() => undefined);
    await sites.close().catch(() => undefined);
  };
  try {
    const consolePage = await ext.context.newPage();
    await consolePage.goto(CONSOLE_PAGE);
    const crmPage = await ext.context.newPage();
    await crmPage.goto(CRM_PAGE);
    if (smoke) {
      await consolePage.getByRole('button', { name: 'Create Account' }).waitFor({ timeout: 30_000 });
      log('The Twilio console stand-in answers in Chromium (Subaccounts, Create Account).');
      await crmPage.getByText('Phone Integration').first().waitFor({ timeout: 30_000 });
      log('The CRM stand-in answers in Chromium (Phone Integration).');
      const worker = await ext.worker();
      log(`The extension's service worker runs: ${worker.url()}`);
      const popup = await ext.openExtensionPage('popup.html');
      await popup.getByRole('heading', { name: 'Handoff for Twilio' }).waitFor({ timeout: 30_000 });
      log('The popup opens.');
      // As after an edit of the background: WXT asks for a reload of the whole extension.
      server.reloadExtension();
      await reloading;
      const after = await ext.worker();
      if (after === worker) throw new Error('The service worker is the one from before the reload.');
      const again = await ext.openExtensionPage('popup.html');
      await again.getByRole('heading', { name: 'Handoff for Twilio' }).waitFor({ timeout: 30_000 });
      log('After a reload of the whole extension (what WXT asks for after a background edit) the worker runs again and the popup opens.');
      log('Smoke check passed.');
      return;
    }
    log('Ready. Edit any file under entrypoints/, components/ or utils/: WXT rebuilds it and reloads the page, the content script or the whole extension, as the change needs.');
    log(`  Twilio console: ${CONSOLE_PAGE}`);
    log(`  CRM:            ${CRM_PAGE}`);
    log(`  Stand-ins for a browser elsewhere: --host-resolver-rules="${sites.hostResolverRules}" --ignore-certificate-errors`);
    log('Ctrl+C stops the browser, the dev server and the stand-ins.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      ext.context.once('close', () => resolve());
    });
  } finally {
    await stop();
  }
}

runMain(async () => {
  await main();
  // WXT's dev server leaves handles behind (its keyboard shortcuts read stdin): end here.
  process.exit(0);
});
