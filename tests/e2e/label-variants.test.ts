import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_ANCHOR_TEXT, LABEL_VARIANT_KIND_TEXT, STATE_TEXT, storedReasonText, text } from '../../components/text';
import type { LabelVariantKind } from '../../utils/crm/label-variants';
import { startStandIns, type StandIns } from '../stand-ins/start';
import { launchExtension, type ExtensionBrowser } from './harness';
import { CRM_PAGE, crmRecord, openDashboard, sendToCrm, waitForState } from './support/flows';
import { handoffCard, openPopup, stateBadge } from './support/popup';

/**
 * Admin-added CRM wording (issue 6 item 1), end to end: production build, real Chromium, the
 * stand-ins, the options page's own form. The CRM stand-in's labels are fixed, so this test plays a
 * CRM release that renamed them: a script in the CRM pages (a test-side stand-in for the new
 * release, not extension code) rewrites the search box placeholder and the dialog's Auth Token label
 * and placeholder as they render. Before the admin adds the new wording the extension stops and
 * says what is missing; after, the same tab (no reload) works, with exactly one write.
 */
const RENAMED = {
  searchPlaceholder: 'Find client accounts by name, ID or SID',
  tokenLabel: 'Twilio Auth Key',
  tokenPlaceholder: 'Enter Twilio Auth Key',
};

let sites: StandIns;
let ext: ExtensionBrowser;
const pages: Page[] = [];
const tokensSeen: string[] = [];

beforeAll(async () => {
  sites = await startStandIns();
  ext = await launchExtension({ hostResolverRules: sites.hostResolverRules });
  await ext.context.addInitScript((renamed: typeof RENAMED) => {
    if (location.hostname !== 'app.gohighlevel.com') return;
    const rename = () => {
      for (const input of document.querySelectorAll<HTMLInputElement>('input[placeholder^="Search sub-accounts"]')) {
        input.placeholder = renamed.searchPlaceholder;
      }
      for (const label of document.querySelectorAll('[role="dialog"] .hr-form-item-label__text')) {
        if (label.textContent?.trim() === 'Auth Token') label.textContent = renamed.tokenLabel;
      }
      for (const input of document.querySelectorAll<HTMLInputElement>('[role="dialog"] input[placeholder="Enter Auth Token"]')) {
        input.placeholder = renamed.tokenPlaceholder;
      }
    };
    new MutationObserver(rename).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['placeholder'] });
  }, RENAMED);
});

beforeEach(() => {
  sites.crm.reset();
  sites.console.reset();
});

afterEach(async () => {
  const persisted = JSON.stringify([await ext.readStorage('local'), await ext.readStorage('sync')]);
  for (const token of tokensSeen) expect(persisted).not.toContain(token);
  await Promise.all(pages.splice(0).map((page) => (page.isClosed() ? undefined : page.close())));
});

afterAll(async () => {
  await ext?.close();
  await sites?.close();
});

async function newPage(url?: string): Promise<Page> {
  const page = await ext.context.newPage();
  pages.push(page);
  if (url) await page.goto(url);
  return page;
}

/** The admin adds a wording on the options page, as a person does it. */
async function addWording(kind: LabelVariantKind, wording: string): Promise<void> {
  const options = await ext.openExtensionPage('options.html');
  pages.push(options);
  const card = options.getByRole('region', { name: text.wordingHeading });
  await card.getByLabel(text.wordingKind).selectOption({ label: LABEL_VARIANT_KIND_TEXT[kind] });
  await card.getByLabel(text.wordingText, { exact: true }).fill(wording);
  await card.getByRole('button', { name: text.wordingAdd }).click();
  await card.getByText(text.wordingAdded(wording)).waitFor();
  await card.getByRole('list', { name: text.wordingListLabel }).getByText(wording, { exact: true }).waitFor();
  await options.close();
}

async function searchBoxLine(page: Page): Promise<string> {
  const popup = await openPopup(ext, page);
  pages.push(popup);
  await popup.getByRole('button', { name: text.checkPage }).click();
  const line = popup.locator('ul.check li', { hasText: CHECK_ANCHOR_TEXT['search-box'].name });
  await line.waitFor({ timeout: 60_000 });
  const said = ((await line.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  await popup.close();
  return said;
}

describe('wording the admin adds in the options page', () => {
  it('a renamed search box: the check says it is missing and where to add the wording; after adding it, found', async () => {
    const crm = await newPage(CRM_PAGE);
    await crm.getByText('Sub Account Settings', { exact: true }).click();
    await crm.getByPlaceholder(RENAMED.searchPlaceholder).waitFor();

    const before = await searchBoxLine(crm);
    expect(before).toBe(`${text.checkPageMissing} ${CHECK_ANCHOR_TEXT['search-box'].name} · ${CHECK_ANCHOR_TEXT['search-box'].missing}`);
    expect(before).toMatch(/CRM wording in Settings/);

    await addWording('searchBox', 'Find client accounts');
    // Same tab, no reload: the content script reads the wording for every request.
    expect(await searchBoxLine(crm)).toBe(`${text.checkPageFound} ${CHECK_ANCHOR_TEXT['search-box'].name}`);
    expect(crmRecord(sites)).toEqual({ writes: [], submissions: [] });
  });

  it('a renamed Auth Token field: the handoff stops at the dialog with nothing written; after adding the wording, Retry writes once', async () => {
    const name = 'Harbor Light Dental - Mobile';
    const account = sites.api.state.createAccount(name);
    tokensSeen.push(account.authToken);
    sites.crm.setLocations([{ name }, { name: 'Harbor Light Dental' }]);
    const target = sites.crm.state.locations.find((location) => location.name === name)!;

    const consolePage = await newPage();
    await openDashboard(consolePage, account.sid);
    await sendToCrm(consolePage);
    const failed = await waitForState(ext, account.sid, 'failed', 60_000);
    expect(storedReasonText(failed)).toMatch(/Account SID and Auth Token fields/);
    expect(crmRecord(sites)).toEqual({ writes: [], submissions: [] });
    // The run stopped at the location's dialog, which shows the new wording.
    const crmTab = ext.context.pages().find((page) => page.url().startsWith('https://app.gohighlevel.com/'))!;
    pages.push(crmTab);
    await crmTab.locator('[role="dialog"]').getByText(RENAMED.tokenLabel, { exact: true }).waitFor();

    await addWording('tokenLabel', RENAMED.tokenLabel);

    const popup = await openPopup(ext, consolePage);
    pages.push(popup);
    const card = handoffCard(popup, name);
    await expect.poll(() => stateBadge(card).textContent()).toBe(STATE_TEXT.failed);
    await card.getByRole('button', { name: text.actionLabel(text.retry, name) }).click();
    await waitForState(ext, account.sid, 'authorized', 60_000);
    expect(crmRecord(sites).writes).toEqual([
      expect.objectContaining({ locationId: target.id, accountSid: account.sid, authToken: account.authToken }),
    ]);
    expect(crmRecord(sites).submissions).toHaveLength(1);
  });
});
