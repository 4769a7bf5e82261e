/**
 * `npm run dev`: work on the extension against the stand-ins, rebuilt on every edit. Starts the three
 * stand-in sites (seeded: a CRM of 250 locations, a few Twilio sub-accounts), WXT's dev server
 * (it rebuilds on every edit), and a Chromium of our own with the dev build loaded, mapped onto the
 * stand-ins by --host-resolver-rules. WXT's own browser runner is off: it would open the real sites.
 * The reload of the whole extension WXT asks for after a background or content-script edit leaves
 * it unloaded in headless Chromium 156 here (README, Development): restart after such an edit.
 *
 * With a display (DISPLAY set) Chromium has a window; without one it runs headless and says so, and
 * the stand-ins' addresses are printed for a browser elsewhere. Ctrl+C stops everything.
 * `--smoke`: starts it all, checks that the stand-ins answer in that Chromium and the extension
 * loaded (its service worker, its popup), then stops; exit 0 when all of it held.
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
  const ext = await launchExtension({ hostResolverRules: sites.hostResolverRules, headless, extensionDir: DEV_BUILD_DIR, welcomePage: 'keep' });
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
      log('Smoke check passed.');
      return;
    }
    log('Ready. Edit any file under entrypoints/, components/ or utils/ and WXT rebuilds it; after a change to the background or a content script, restart npm run dev (the extension does not come back from WXT\'s reload in headless Chromium 156).');
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
