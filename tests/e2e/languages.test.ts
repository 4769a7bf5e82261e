import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage, readCatalogue } from '../../scripts/lib/locales';
import { startStandIns, type StandIns } from '../stand-ins/start';
import { launchExtension, type ExtensionBrowser } from './harness';
import { crmRecord, openDashboard, until, waitForOverlayStatus, waitForState } from './support/flows';
import { clickOverlayButton, overlayButtons } from './support/overlay';

/**
 * The extension in a Spanish Chromium (issue 13 item 1): the production build, the browser started
 * with --lang=es, a real handoff through the stand-ins. Every word the admin meets comes from the
 * Spanish catalogue (locales/es), the names from Twilio and the CRM as those sites write them. The
 * expected sentences are the catalogue's own, filled in as the browser fills them, so a word left in
 * English in the code, or a key the Spanish catalogue lacks, fails here.
 */
const es = readCatalogue('es');
const say = (key: string, ...substitutions: string[]) => {
  const entry = es[key];
  if (!entry) throw new Error(`locales/es has no ${key}`);
  return formatMessage(entry.message, substitutions);
};

let sites: StandIns;
let ext: ExtensionBrowser;
const pages: Page[] = [];

beforeAll(async () => {
  sites = await startStandIns();
  ext = await launchExtension({ hostResolverRules: sites.hostResolverRules, args: ['--lang=es'] });
});
afterAll(async () => {
  await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
  await ext?.close();
  await sites?.close();
});

async function consolePage(sid: string): Promise<Page> {
  const page = await ext.context.newPage();
  pages.push(page);
  await openDashboard(page, sid);
  await until(() => overlayButtons(page).catch(() => []), (buttons) => buttons.some((b) => b.name === say('overlaySend') && !b.disabled), 'the Spanish Send to CRM button', 15_000);
  return page;
}

describe('in a Spanish Chromium', () => {
  const name = 'Clínica Dental Sol - Sevilla';
  const refused = 'Spa Lago Azul - Toledo';

  it('the console panel offers Enviar al CRM, and a handoff ends with the panel saying so in Spanish', async () => {
    sites.crm.generateLocations(30, { include: [{ name }, { name: refused }] });
    const account = sites.api.state.createAccount(name);
    const page = await consolePage(account.sid);
    expect((await overlayButtons(page)).map((b) => b.name)).toEqual(expect.arrayContaining([say('overlaySend'), say('overlayCopy'), say('overlayMinimize')]));

    await clickOverlayButton(page, say('overlaySend'));
    await waitForState(ext, account.sid, 'authorized', 60_000);
    const done = say('overlayAuthorized', say('overlayQuoted', name));
    await waitForOverlayStatus(page, new RegExp(`^${done.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(crmRecord(sites).writes).toEqual([expect.objectContaining({ accountSid: account.sid, authToken: account.authToken })]);
  });

  it('a pair Twilio refuses is refused in Spanish, in the panel and in the popup, with the reason worded from its code', async () => {
    const account = sites.api.state.createAccount(refused);
    sites.api.state.setStatus(account.sid, 'suspended');
    const page = await consolePage(account.sid);
    await clickOverlayButton(page, say('overlaySend'));
    const handoff = await waitForState(ext, account.sid, 'rejected', 60_000);
    // Twilio answers a suspended account's own pair with 20003, or the account with its status.
    const reason = handoff.reasonCode === 'account-suspended' ? say('reasonAccountSuspended') : say('twilioCode20003');
    expect(['account-suspended', 'twilio-20003']).toContain(handoff.reasonCode);
    const status = await waitForOverlayStatus(page, new RegExp(say('overlayRejected', '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    expect(status).toBe(say('overlayRejected', reason));
    expect(crmRecord(sites).writes.filter((w) => w.accountSid === account.sid)).toEqual([]);

    const popup = await ext.openExtensionPage('popup.html');
    pages.push(popup);
    await popup.getByRole('heading', { name: say('handoffsHeading') }).waitFor();
    expect(await popup.evaluate(() => [document.documentElement.lang, document.title])).toEqual(['es', 'Handoff for Twilio']);
    const card = popup.locator('article', { hasText: `${account.sid.slice(0, 6)}…${account.sid.slice(-4)}` });
    await expect.poll(() => card.locator('.badge').innerText()).toBe(say('stateRejected'));
    expect(await card.innerText()).toContain(reason);
    // Its time is the browser's language's (16:15, not 4:15 PM).
    expect(await card.innerText()).toMatch(/\b\d{1,2}:\d{2}\b(?! ?[AP]M)/);
    // Nothing of the English catalogue on screen.
    const english = readCatalogue('en');
    const shown = await popup.locator('body').innerText();
    for (const key of ['handoffsHeading', 'stateRejected', 'pasteHeading', 'openSettings', 'tokenGone', 'discard']) expect(shown, key).not.toContain(english[key]!.message);
  });

  it('the options page has its title, language and headings in Spanish', async () => {
    const options = await ext.openExtensionPage('options.html');
    pages.push(options);
    await options.getByRole('heading', { name: say('optionsTitle') }).waitFor();
    expect(await options.evaluate(() => [document.documentElement.lang, document.title])).toEqual(['es', say('optionsTitle')]);
    for (const key of ['hostsHeading', 'behaviourHeading', 'wordingHeading', 'auditHeading']) {
      await expect.poll(() => options.getByRole('heading', { name: say(key) }).count(), { message: key }).toBe(1);
    }
  });
});
