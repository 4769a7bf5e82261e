// First: the words of the modules below come from the English catalogue in node.
import './lib/node-i18n';
/**
 * `npm run demo`: the main job, end to end. Builds the extension, starts the three stand-in sites,
 * opens Chromium with the extension (headless unless a display is available), and performs a real
 * handoff the way an admin would: create a sub-account in the Twilio console, open it, click Send to
 * CRM. Prints each step with its time and saves screenshots into demo-output/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { storedReasonText } from '../components/reason-text';
import { launchExtension } from '../tests/e2e/harness';
import {
  createSubaccountInConsole,
  crmRecord,
  handoffFor,
  openSubaccountFromList,
  sendToCrm,
  until,
  waitForOverlayStatus,
  waitForState,
} from '../tests/e2e/support/flows';
import { clickOverlayButton, overlayButtons, overlayStatus } from '../tests/e2e/support/overlay';
import { startStandIns } from '../tests/stand-ins/start';
import { ensureChromium } from './lib/chromium';

const root = join(import.meta.dirname, '..');
const out = join(root, 'demo-output');
const LOCATION = 'Acme Dental - Austin';
const started = Date.now();
const log = (line: string) => console.log(`${`${((Date.now() - started) / 1000).toFixed(2)}s`.padStart(8)}  ${line}`);
const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: join(out, `${name}.png`) });
  log(`  screenshot demo-output/${name}.png`);
};

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const chromium = ensureChromium(log);
  log(`Chromium: ${chromium}`);
  if (!process.argv.includes('--no-build')) {
    log('Building the extension (wxt build)…');
    const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore' });
    if (build.status !== 0) throw new Error('wxt build failed: run `npx wxt build` to see why.');
  }
  log('Starting the stand-in sites (Twilio console, Twilio API, CRM) on 127.0.0.1…');
  const sites = await startStandIns();
  // Near names ("Acme Dental Austin", "Acme Dental - Austin TX") sit beside the real one.
  sites.crm.generateLocations(250, { nearDuplicates: true });
  const target = sites.crm.state.locations.find((l) => l.name === LOCATION)!;
  log(`CRM has ${sites.crm.state.locations.length} locations; "${LOCATION}" is ${target.id}, holding ${target.sid ?? 'no Account SID'}.`);

  const headless = !process.env.DISPLAY;
  const ext = await launchExtension({ hostResolverRules: sites.hostResolverRules, headless });
  log(`Chromium started ${headless ? 'headless' : 'with a window'}, extension ${ext.extensionId} loaded.`);
  try {
    const page = await ext.context.newPage();
    log('Twilio console: Accounts → Subaccounts → Create Account…');
    await createSubaccountInConsole(page, LOCATION);
    await shot(page, '1-subaccounts');
    log(`Opening the sub-account "${LOCATION}"…`);
    await openSubaccountFromList(page, LOCATION);
    const account = sites.api.state.listSubaccounts(sites.api.state.master.sid).find((a) => a.friendlyName === LOCATION)!;
    log(`Console shows Account SID ${account.sid}; the Auth Token is masked.`);
    await until(() => overlayButtons(page).catch(() => []), (buttons) => buttons.some((b) => b.name === 'Send to CRM'), 'the overlay', 15_000);
    await shot(page, '2-account-info-with-overlay');

    log('Clicking Send to CRM…');
    const clicked = Date.now();
    await sendToCrm(page);
    const settled = await until(
      () => handoffFor(ext, account.sid),
      (h) => h?.state === 'authorized' || h?.state === 'needs-replace-confirmation' || ['rejected', 'failed', 'needs-check', 'needs-choice'].includes(h?.state ?? ''),
      'the handoff to settle',
      90_000,
    );
    if (settled?.state === 'needs-replace-confirmation') {
      log(`The location holds another Account SID (${settled.previousSid}); the overlay asks first.`);
      await waitForOverlayStatus(page, /another Twilio account/);
      await shot(page, '3-replace-question');
      log('Clicking Replace credentials…');
      await clickOverlayButton(page, 'Replace credentials');
    }
    await waitForState(ext, account.sid, 'authorized', 90_000).catch(async (error: unknown) => {
      const handoff = await handoffFor(ext, account.sid);
      throw new Error(`The handoff ended as "${handoff?.state}": ${(handoff && storedReasonText(handoff)) ?? String(error)}`);
    });
    const handoff = (await handoffFor(ext, account.sid))!;
    for (const step of handoff.steps) log(`  +${String(step.at - handoff.createdAt).padStart(5)} ms  ${step.step}${step.detail && step.step !== 'filling' && step.step !== 'submitting' ? ` (${step.detail})` : ''}`);
    const write = crmRecord(sites).writes.at(-1);
    log(`CRM backend recorded ${crmRecord(sites).writes.length} write: location ${write?.locationId}, Account SID ${write?.accountSid}, token ${write?.authToken === account.authToken ? 'matches' : 'DOES NOT MATCH'} (${write ? write.at.getTime() - clicked : '?'} ms after the click).`);
    log(`Overlay says: ${await overlayStatus(page)}`);
    await shot(page, '4-overlay-done');
    const crm = ext.context.pages().find((p) => p.url().startsWith('https://app.gohighlevel.com/'));
    if (crm) await shot(crm, '5-crm-after-authorize');
    const popup = await ext.openExtensionPage('popup.html');
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.getByText(LOCATION).first().waitFor();
    await shot(popup, '6-popup');
    if (write?.locationId !== target.id || write.accountSid !== account.sid || write.authToken !== account.authToken) {
      throw new Error('The CRM did not receive exactly the expected pair for the expected location.');
    }
    log('Done: one click, one write, to the right location.');
  } finally {
    await ext.close();
    await sites.close();
  }
}

main().catch((error: unknown) => {
  console.error(`\nDemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
