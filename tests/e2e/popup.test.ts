import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reasonText, STATE_TEXT } from '../../components/text';
import { HANDOFF_STATES } from '../../utils/handoff/types';
import { shortSid } from '../../utils/twilio/credentials';
import { startStandIns, type StandIns } from '../stand-ins/start';
import { SUBACCOUNTS_URL } from '../stand-ins/twilio-console/server';
import { launchExtension, type ExtensionBrowser } from './harness';
import { axeViolations, blocking } from './support/axe';
import { crmRecord, handoffFor, openDashboard, sendToCrm, waitForState } from './support/flows';
import { activeTabUrl, handoffCard, openPopup, stateBadge } from './support/popup';
import { everyStateHandoffs, seedExtension, seededLocations } from './support/seed';

/**
 * The popup (issue 4, "Done when"): production build, real Chromium, the three stand-ins. The popup is
 * opened the way Chrome shows it, in a popup window in front of the page the admin is on, so it acts
 * on that page's tab (utils/active-tab.ts). Each case counts what the CRM backend received.
 */
let sites: StandIns;
let ext: ExtensionBrowser;
const pages: Page[] = [];
const tokensSeen: string[] = [];

beforeAll(async () => {
  sites = await startStandIns();
  ext = await launchExtension({ hostResolverRules: sites.hostResolverRules });
});

beforeEach(async () => {
  sites.crm.reset();
  sites.console.reset();
  // Each case starts with an empty popup: the earlier cases' handoffs are all finished by now.
  const worker = await ext.worker();
  await worker.evaluate(() => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage.session.clear());
});

afterEach(async () => {
  const persisted = JSON.stringify([await ext.readStorage('local'), await ext.readStorage('sync')]);
  for (const token of tokensSeen) expect(persisted).not.toContain(token);
  for (const page of [...pages.splice(0), ...ext.context.pages()]) {
    if (!page.isClosed() && !page.url().startsWith('about:blank')) await page.close();
  }
});

afterAll(async () => {
  await ext?.close();
  await sites?.close();
});

async function newPage(): Promise<Page> {
  const page = await ext.context.newPage();
  pages.push(page);
  return page;
}

function subaccount(name: string) {
  const account = sites.api.state.createAccount(name);
  tokensSeen.push(account.authToken);
  return account;
}

function crmTab(): Page | undefined {
  return ext.context.pages().find((p) => p.url().startsWith('https://app.gohighlevel.com/'));
}

/** The Update Credentials dialog open in the CRM tab: the location it names and the SID it shows. */
async function openCrmDialog(page: Page): Promise<{ title: string; location: string; sid: string } | undefined> {
  return page.evaluate(() => {
    const dialog = [...document.querySelectorAll('[role="dialog"]')].find((d) => (d as HTMLElement).offsetParent !== null || d.getClientRects().length > 0);
    if (!dialog) return undefined;
    const input = dialog.querySelector('input');
    return {
      title: dialog.querySelector('.credentials-header__title')?.textContent?.trim() ?? '',
      location: dialog.querySelector('.credentials-header__subtitle')?.textContent?.trim() ?? '',
      sid: input?.value ?? '',
    };
  });
}

async function setAutoAuthorize(on: boolean): Promise<void> {
  const options = await ext.openExtensionPage('options.html');
  await options.getByRole('radio', { name: on ? /Authorize automatically/ : /Fill in and wait for me/ }).check();
  await options.getByText('Saved.').waitFor();
  await options.close();
}

describe('the popup shows each handoff and acts on it', () => {
  it('follows a handoff to Authorized, then Open update dialog opens that location among 5,000 in the CRM tab', async () => {
    const name = 'Zenith Orthodontics - Boise';
    const account = subaccount(name);
    sites.crm.generateLocations(5_000, { include: [{ name }], nearDuplicates: true, accented: true });
    const target = sites.crm.state.locations.find((l) => l.name === name)!;

    const consolePage = await newPage();
    await openDashboard(consolePage, account.sid);
    // The admin opens the popup on the Twilio page, then sends; the popup follows along.
    const popup = await openPopup(ext, consolePage);
    await expect.poll(() => popup.getByText(/Nothing in progress|Open a sub-account/).count()).toBe(1);
    await sendToCrm(consolePage);

    const card = handoffCard(popup, name);
    await expect.poll(() => stateBadge(card).textContent(), { timeout: 90_000 }).toBe(STATE_TEXT.authorized);
    await waitForState(ext, account.sid, 'authorized');
    const facts = await card.locator('dl').innerText();
    expect(facts).toContain(shortSid(account.sid));
    expect(facts).toContain(name);
    expect(await card.innerText()).toContain('Token wiped');
    // The active tab is this Twilio page, and the popup says where its account went.
    await expect.poll(() => popup.getByText(`${name} goes to:`).count()).toBe(1);
    expect(crmRecord(sites).writes).toEqual([expect.objectContaining({ locationId: target.id, accountSid: account.sid })]);

    // No CRM tab left: Open update dialog must open one, find the location among 5,000 and open its dialog.
    await crmTab()?.close();
    const listed = sites.crm.state.listRequests.length;
    await card.getByRole('button', { name: `Open update dialog: ${name}` }).click();
    await expect.poll(() => crmTab() !== undefined, { timeout: 30_000 }).toBe(true);
    const crm = crmTab()!;
    await expect.poll(() => openCrmDialog(crm), { timeout: 60_000 }).toEqual({ title: 'Update Credentials', location: name, sid: account.sid });
    // It searched the way a person does, and it brought the CRM tab to the front.
    expect(sites.crm.state.listRequests.slice(listed).some((r) => r.search === name)).toBe(true);
    expect(await activeTabUrl(ext)).toBe('https://app.gohighlevel.com/settings/phone_integration');
    // Opening the dialog writes nothing.
    expect(crmRecord(sites).writes).toHaveLength(1);
    expect(crmRecord(sites).submissions).toHaveLength(1);
    expect(await card.locator('.notice').textContent()).toBe('');
  });

  it('fill and wait: shows the handoff waiting for the admin, and Authorize now writes once', async () => {
    const name = 'Bayside Pediatrics - Tampa';
    const account = subaccount(name);
    sites.crm.setLocations([{ name: 'Bayside Pediatrics' }, { name }]);
    const target = sites.crm.state.locations.find((l) => l.name === name)!;
    await setAutoAuthorize(false);
    try {
      const consolePage = await newPage();
      await openDashboard(consolePage, account.sid);
      await sendToCrm(consolePage);
      await waitForState(ext, account.sid, 'filled', 60_000);
      expect(crmRecord(sites).submissions).toHaveLength(0);

      const popup = await openPopup(ext, consolePage);
      const card = handoffCard(popup, name);
      expect(await stateBadge(card).textContent()).toBe(STATE_TEXT.filled);
      await card.getByRole('button', { name: `Authorize now: ${name}` }).click();
      await expect.poll(() => stateBadge(card).textContent(), { timeout: 60_000 }).toBe(STATE_TEXT.authorized);
      expect(crmRecord(sites).writes).toEqual([expect.objectContaining({ locationId: target.id, accountSid: account.sid })]);
      expect(crmRecord(sites).submissions).toHaveLength(1);
    } finally {
      await setAutoAuthorize(true);
    }
  });

  it('finishes a needs-choice handoff (two equal names) with the chosen location: exactly one write, there', async () => {
    const name = 'Twin Pines Dental - Eugene';
    const account = subaccount(name);
    const [first, second] = sites.crm.setLocations([{ name }, { name }]);
    const consolePage = await newPage();
    await openDashboard(consolePage, account.sid);
    await sendToCrm(consolePage);
    const waiting = await waitForState(ext, account.sid, 'needs-choice', 60_000);
    expect(waiting.candidates?.map((c) => c.location.id).sort()).toEqual([first!.id, second!.id].sort());

    const popup = await openPopup(ext, consolePage);
    const card = handoffCard(popup, name);
    expect(await stateBadge(card).textContent()).toBe(STATE_TEXT['needs-choice']);
    expect(await card.locator('.handoff__reason').textContent()).toMatch(/More than one CRM location is named/);
    await card.getByRole('button', { name: `Choose location: ${name}` }).click();

    // Both candidates first, as suggested, told apart by their CRM ids; the other known locations after them.
    const results = card.getByRole('list', { name: 'Matching locations' }).getByRole('listitem');
    await results.nth(1).waitFor();
    const rows = await results.allTextContents();
    const suggested = rows.filter((row) => row.includes('Suggested'));
    expect(rows.slice(0, 2), JSON.stringify(rows)).toEqual(suggested);
    expect(suggested.every((row) => row.startsWith(name))).toBe(true);
    expect(suggested.map((row) => /ID (\S+)/.exec(row)?.[1]).sort()).toEqual([first!.id, second!.id].sort());

    // The second one: not simply whatever comes first.
    await results.filter({ hasText: `ID ${second!.id}` }).getByRole('button', { name: `Choose ${name}` }).click();
    await card.getByText(`Send credentials to ${name}`).first().waitFor();
    expect(crmRecord(sites).submissions).toHaveLength(0);
    await card.getByRole('button', { name: 'Send here' }).click();

    await waitForState(ext, account.sid, 'authorized', 60_000);
    await expect.poll(() => stateBadge(card).textContent()).toBe(STATE_TEXT.authorized);
    expect(crmRecord(sites).writes).toEqual([expect.objectContaining({ locationId: second!.id, accountSid: account.sid, authToken: account.authToken })]);
    expect(crmRecord(sites).submissions).toHaveLength(1);
    expect((await handoffFor(ext, account.sid))?.location?.id).toBe(second!.id);
  });

  it('the choice works with the keyboard alone: Tab, Enter and the arrow keys', async () => {
    const name = 'Keyboard Kids Dental - Akron';
    const account = subaccount(name);
    const locations = sites.crm.setLocations([{ name }, { name }]);
    const consolePage = await newPage();
    await openDashboard(consolePage, account.sid);
    await sendToCrm(consolePage);
    await waitForState(ext, account.sid, 'needs-choice', 60_000);

    const popup = await openPopup(ext, consolePage);
    const focused = () =>
      popup.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return { name: '', outline: 'none', details: '' };
        const describedBy = el.getAttribute('aria-describedby');
        return {
          name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '',
          outline: getComputedStyle(el).outlineStyle,
          details: describedBy ? (document.getElementById(describedBy)?.textContent ?? '') : '',
        };
      });

    // Tab from the top of the popup to the handoff's Choose location button.
    let presses = 0;
    while ((await focused()).name !== `Choose location: ${name}`) {
      await popup.keyboard.press('Tab');
      if (++presses > 40) throw new Error(`Tab never reached Choose location; last focus: ${JSON.stringify(await focused())}`);
    }
    expect((await focused()).outline).not.toBe('none');
    await popup.keyboard.press('Enter');
    // Focus lands in the search box of the list that opened.
    await expect.poll(async () => popup.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowDown');
    const onResult = await focused();
    expect(onResult.name).toBe(`Choose ${name}`);
    expect(onResult.outline).not.toBe('none');
    const chosenId = /ID (\S+)/.exec(onResult.details)?.[1];
    expect(locations.map((l) => l.id)).toContain(chosenId);
    await popup.keyboard.press('Enter');
    // The question comes next, with focus on its answer.
    await expect.poll(async () => (await focused()).name).toBe('Send here');
    await popup.keyboard.press('Enter');

    await waitForState(ext, account.sid, 'authorized', 60_000);
    expect(crmRecord(sites).writes).toEqual([expect.objectContaining({ locationId: chosenId, accountSid: account.sid })]);
    expect(crmRecord(sites).submissions).toHaveLength(1);
  });

  it('a pair Twilio refuses, entered in the paste field: nothing reaches the CRM, the popup says why', async () => {
    const name = 'Wrong Token Dental - Provo';
    const account = subaccount(name);
    sites.crm.setLocations([{ name }]);
    const wrongToken = randomBytes(16).toString('hex');
    tokensSeen.push(wrongToken);
    const consolePage = await newPage();
    await consolePage.goto(SUBACCOUNTS_URL);
    const popup = await openPopup(ext, consolePage);
    await popup.getByText('Paste credentials').click();

    // A malformed token is caught in the popup: nothing is sent.
    await popup.getByLabel('Account SID').fill(account.sid);
    await popup.getByLabel('Auth Token').fill('not-a-token');
    await popup.getByRole('button', { name: 'Send to CRM' }).click();
    await expect.poll(() => popup.locator('#paste-token-error').count()).toBe(1);
    expect(await ext.readStorage('session')).toEqual({});

    await popup.getByLabel('Auth Token').fill(wrongToken);
    await popup.getByRole('button', { name: 'Send to CRM' }).click();
    await popup.getByText('Sent. Its progress shows under Handoffs.').waitFor({ timeout: 30_000 });
    const handoff = await waitForState(ext, account.sid, 'rejected', 60_000);
    // Stored: Twilio's code and its own words, no sentence of ours; the popup words them.
    expect(handoff).toMatchObject({ reasonCode: 'twilio-20003', reasonParams: { twilioCode: 20003, operation: 'fetch-account', httpStatus: 401 } });
    expect(handoff).not.toHaveProperty('reason');

    // Twilio answers 401 before any name is known: the card is the unnamed sub-account with this SID.
    const card = popup.getByRole('article').filter({ hasText: shortSid(account.sid) });
    await expect.poll(() => stateBadge(card).textContent(), { timeout: 30_000 }).toBe(STATE_TEXT.rejected);
    const shown = await card.locator('.handoff__reason').textContent();
    expect(shown).toBe(reasonText(handoff.reasonCode!, handoff.reasonParams));
    expect(shown).toMatch(/Twilio refused this Account SID and Auth Token/);

    expect(crmRecord(sites).submissions).toHaveLength(0);
    expect(crmRecord(sites).writes).toHaveLength(0);
    expect(sites.crm.state.listRequests).toHaveLength(0);
    // The fields were cleared; the token shows nowhere in the popup.
    expect(await popup.getByLabel('Auth Token').inputValue()).toBe('');
    expect(await popup.content()).not.toContain(wrongToken);
  });
});

describe('accessibility of the popup with data in it', () => {
  it('axe finds no serious or critical violation with a handoff in each state and the choice list open, light and dark', async () => {
    await seedExtension(ext, { handoffs: everyStateHandoffs(), locations: seededLocations() });
    const popup = await openPopup(ext);
    // Every state on screen, in the admin's words.
    await expect.poll(() => popup.locator('.badge').allTextContents()).toEqual(expect.arrayContaining(HANDOFF_STATES.map((s) => STATE_TEXT[s])));
    expect(await popup.getByRole('article').count()).toBe(HANDOFF_STATES.length);
    await popup.getByRole('button', { name: 'Choose location: Twin Pines Dental - Eugene' }).click();
    await popup.getByRole('list', { name: 'Matching locations' }).first().waitFor();
    await popup.getByText('Paste credentials').click();

    for (const colorScheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme });
      const background = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(colorScheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(23, 25, 28)');
      const findings = await axeViolations(popup);
      expect(blocking(findings), `${colorScheme}: ${JSON.stringify(findings, null, 1)}`).toEqual([]);
    }
  });
});
