import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TwilioAccountRecord } from '../types';
import { throwawayCertificate } from '../cert';
import { startTwilioApi, type TwilioApiStandIn } from '../twilio-api/server';
import { get as httpsGet } from 'node:https';
import {
  ACCENTED_NAMES,
  CRM_ERROR_TEXT,
  DEFAULT_LAYOUT,
  DUPLICATE_NAME,
  LONG_NAMES,
  NEAR_DUPLICATE_NAMES,
  foldForSearch,
  startCrm,
  type CrmLayout,
  type CrmStandIn,
} from './server';
import { generateLocations } from './locations';
import type { PhoneIntegrationBoot } from './wire';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HOST = 'app.gohighlevel.com';
const WHITE_LABEL = 'app.myagency.test';
const PAGE = `https://${HOST}/settings/phone_integration`;

const OLD_SID = 'AC0123456789abcdef0123456789abcdef';
const ACME = { id: 'Xq7Lm2Np9Rs4Tv6Wy8Za', name: 'Acme Dental - Austin', sid: null };
const BRIGHT = { id: 'Bk3Cd5Ef7Gh9Jk1Lm3Np', name: 'Bright Smile Orthodontics - Dallas', sid: OLD_SID };
const LAKESIDE = { id: 'Lc2Ph4On6Eq8Rs0Tu2Vw', name: 'Lakeside Med Spa - Tampa', managedBy: 'lc-phone' as const };

let api: TwilioApiStandIn;
let crm: CrmStandIn;
let browser: Browser;
let account: TwilioAccountRecord;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const cert = throwawayCertificate();
  api = await startTwilioApi({ cert });
  account = api.state.createAccount('Acme Dental - Austin', api.state.master.sid);
  crm = await startCrm({
    cert,
    twilioApiOrigin: api.origin,
    twilioApiCa: cert.cert,
    generate: { count: 30, include: [ACME, BRIGHT, LAKESIDE] },
    switches: { loaderDelayMs: 50 },
  });
  const rules = [`MAP ${HOST} 127.0.0.1:${crm.port}`, `MAP ${WHITE_LABEL} 127.0.0.1:${crm.port}`, 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'];
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--ignore-certificate-errors',
      `--host-resolver-rules=${rules.join(', ')}`,
    ],
  });
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  crm.reset();
});

afterAll(async () => {
  await browser?.close();
  await crm?.close();
  await api?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return page;
}

const tab = (page: Page, name: string) => page.locator('.hr-tabs-tab', { hasText: name });
const rows = (page: Page) => page.locator('.hr-data-table-tbody .hr-data-table-tr');
const rowNames = (page: Page) => page.locator('.hr-data-table-tbody .subaccount-cell__name').allTextContents();
const dialog = (page: Page) => page.locator('[role="dialog"]');
const toast = (page: Page, text: string) => page.locator('.hr-message__content', { hasText: text });
const searchBox = (page: Page) => page.getByPlaceholder('Search sub-accounts by name, ID or SID');

function rowFor(page: Page, name: string): Locator {
  return rows(page).filter({ has: page.locator('.subaccount-cell__name').getByText(name, { exact: true }) });
}

async function openSubAccounts(page: Page, url = PAGE): Promise<void> {
  await page.goto(url);
  await tab(page, 'Sub Account Settings').click();
  await rows(page).first().waitFor();
  await expect.poll(() => page.locator('.hr-data-table--loading').count()).toBe(0);
}

/** Narrows the table to one name through the search box, as a person would. */
async function findRow(page: Page, name: string): Promise<Locator> {
  const before = crm.state.listRequests.length;
  await searchBox(page).fill(name);
  await expect.poll(() => crm.state.listRequests.slice(before).some((r) => r.search === name)).toBe(true);
  await expect.poll(() => page.locator('.hr-data-table--loading').count()).toBe(0);
  const row = rowFor(page, name);
  await row.first().waitFor();
  return row;
}

async function menuEntries(page: Page, row: Locator): Promise<string[]> {
  await row.locator('button').click();
  const menu = page.locator('.hr-dropdown-menu');
  await menu.waitFor();
  const labels = await menu.locator('.hr-dropdown-option-body__label').allTextContents();
  await page.keyboard.press('Escape');
  await page.mouse.click(5, 5);
  await menu.waitFor({ state: 'detached' });
  return labels;
}

async function openUpdateCredentials(page: Page, name: string): Promise<Locator> {
  const row = await findRow(page, name);
  await row.locator('button').click();
  await page.locator('.hr-dropdown-menu .hr-dropdown-option', { hasText: 'Update Credentials' }).click();
  const d = dialog(page);
  await d.waitFor();
  return d;
}

/** The input in the same form item as a visible label (naive-ui does not link them with `for`). */
const field = (scope: Locator, label: string) =>
  scope.locator('.hr-form-item').filter({ has: scope.page().locator('.hr-form-item-label__text', { hasText: label }) }).locator('input');

describe('locations generator and search (no browser)', () => {
  it('is deterministic per seed, unique by default, and adds the special names on request', () => {
    const a = generateLocations(200, { seed: 3 });
    expect(generateLocations(200, { seed: 3 })).toEqual(a);
    expect(generateLocations(200, { seed: 4 }).map((l) => l.name)).not.toEqual(a.map((l) => l.name));
    expect(a).toHaveLength(200);
    expect(new Set(a.map((l) => l.name)).size).toBe(200);
    expect(new Set(a.map((l) => l.id)).size).toBe(200);
    for (const l of a) {
      expect(l.id).toMatch(/^[A-Za-z0-9]{20}$/);
      expect(l.name).toMatch(/^\S.*\S$/);
      if (l.managedBy === 'twilio') expect(l.sid).toMatch(/^AC[0-9a-f]{32}$/);
      else expect(l.sid).toBeNull();
    }
    const special = generateLocations(50, { duplicates: true, nearDuplicates: true, accented: true, longNames: true });
    expect(special).toHaveLength(50);
    expect(special.filter((l) => l.name === DUPLICATE_NAME)).toHaveLength(2);
    for (const name of [...NEAR_DUPLICATE_NAMES, ...ACCENTED_NAMES, ...LONG_NAMES]) expect(special.some((l) => l.name === name)).toBe(true);
    for (const name of LONG_NAMES) expect(name.length).toBeGreaterThanOrEqual(120);
    expect(generateLocations(5000)).toHaveLength(5000);
  });

  it('gives every location an address, stable per seed; twins differ by it', () => {
    const a = generateLocations(50, { seed: 3, duplicates: true });
    expect(generateLocations(50, { seed: 3, duplicates: true }).map((l) => l.address)).toEqual(a.map((l) => l.address));
    for (const l of a) expect(l.address).toMatch(/^\d{3,4} [A-Z][\w ]+, [A-Z][\w. ]+$/);
    const austin = generateLocations(5, { include: [{ name: 'Acme Dental - Austin' }] }).find((l) => l.name === 'Acme Dental - Austin');
    expect(austin?.address).toMatch(/, Austin$/);
    const twins = a.filter((l) => l.name === DUPLICATE_NAME);
    expect(twins[0]?.address).not.toBe(twins[1]?.address);
  });

  it('folds case and accents like a database collation', () => {
    expect(foldForSearch('Café Crème - Montréal')).toBe('cafe creme - montreal');
    expect(foldForSearch('  ZOË ')).toBe('zoe');
  });
});

describe('CRM stand-in in Chromium', () => {
  it('shows a spinner for the loader delay, then opens on Agency Settings', async () => {
    crm.switches.loaderDelayMs = 1500;
    const page = await newPage();
    await page.goto(PAGE);
    await page.locator('.phone-loader .hr-spin').waitFor();
    expect(await page.locator('.hr-tabs-tab').count()).toBe(0);
    await page.screenshot({ path: '/tmp/crm-loader.png' });
    await page.locator('.hr-tabs-tab').first().waitFor();
    expect(await page.locator('.hr-tabs-tab__label').allTextContents()).toEqual(['Agency Settings', 'Sub Account Settings', 'Account Creation']);
    expect(await page.locator('.hr-tabs-tab--active').textContent()).toBe('Agency Settings');
    await expect.poll(() => page.locator('.phone-loader').count()).toBe(0);
    await page.screenshot({ path: '/tmp/crm-agency-tab.png' });
  });

  it('is reachable from the dashboard, on the alias path and on a white-label host', async () => {
    const page = await newPage();
    await page.goto(`https://${HOST}/`);
    await page.getByRole('heading', { name: 'Agency Dashboard' }).waitFor();
    await page.locator('.agency-sidebar').getByRole('link', { name: 'Settings' }).click();
    await page.locator('.settings-nav').getByRole('link', { name: 'Phone Integration' }).click();
    await tab(page, 'Sub Account Settings').click();
    await rows(page).first().waitFor();
    expect(page.url()).toBe(PAGE);

    await openSubAccounts(page, `https://${HOST}/settings/twilio`);
    expect(await rows(page).count()).toBe(10);

    const before = crm.state.listRequests.length;
    await openSubAccounts(page, `https://${WHITE_LABEL}/settings/phone_integration`);
    expect(crm.state.listRequests.slice(before).map((r) => r.host)).toContain(WHITE_LABEL);

    const notFound = await page.goto(`https://${HOST}/no/such/page`);
    expect(notFound?.status()).toBe(404);
  });

  it('lists sub-accounts with name, id, SID and Managed By, pages on the server', async () => {
    const page = await newPage();
    await openSubAccounts(page);
    expect(await page.locator('.hr-data-table-th .hr-data-table-th__title').allTextContents()).toEqual(['Sub-Account', 'Account SID', 'Managed By', 'Actions']);
    await page.screenshot({ path: '/tmp/crm-table.png' });
    expect(await page.locator('.hr-pagination-prefix').textContent()).toBe('Total 30');
    expect(await rows(page).count()).toBe(10);

    const acme = rowFor(page, ACME.name);
    expect(await acme.locator('.subaccount-cell__id').textContent()).toBe(ACME.id);
    expect(await acme.locator('td').nth(1).textContent()).toBe('—');
    expect(await acme.locator('td').nth(2).textContent()).toBe('Not available');

    const firstPage = await rowNames(page);
    const seen = crm.state.listRequests.length;
    await page.locator('.hr-pagination-item', { hasText: /^2$/ }).click();
    await expect.poll(() => crm.state.listRequests.slice(seen).some((r) => r.page === 2 && r.limit === 10)).toBe(true);
    await expect.poll(async () => (await rowNames(page))[0]).not.toBe(firstPage[0]);
    const secondPage = await rowNames(page);
    expect(secondPage.some((n) => firstPage.includes(n))).toBe(false);

    await page.locator('.hr-pagination .hr-select').click();
    await page.locator('.hr-base-select-option', { hasText: '25 / page' }).click();
    await expect.poll(() => rows(page).count()).toBe(25);
    expect(crm.state.listRequests.at(-1)).toMatchObject({ page: 1, limit: 25 });

    const bright = await findRow(page, BRIGHT.name);
    expect(await bright.locator('td').nth(1).textContent()).toBe(OLD_SID);
    expect(await bright.locator('td').nth(2).textContent()).toBe('Twilio');
    const lake = await findRow(page, LAKESIDE.name);
    expect(await lake.locator('td').nth(2).textContent()).toBe('✓ LC Phone');

    const refreshes = crm.state.listRequests.length;
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => crm.state.listRequests.length).toBe(refreshes + 1);
  });

  it('searches on the server after a debounce: name (case and accents folded), id and SID', async () => {
    crm.generateLocations(40, { accented: true, include: [ACME, BRIGHT, LAKESIDE] });
    const page = await newPage();
    await openSubAccounts(page);
    const before = crm.state.listRequests.length;
    const typing = Date.now();
    await searchBox(page).pressSequentially('smile orth', { delay: 20 });
    const typed = Date.now() - typing;
    await expect.poll(() => rowNames(page)).toEqual([BRIGHT.name]);
    await page.waitForTimeout(400);
    // One request for the whole word typed quickly: the box waits ~300 ms after the last key. Ten keys
    // typed in under 300 ms leave no gap the debounce could fire in; on a machine too busy for that the
    // keys still come far apart less often than one in three.
    const searches = crm.state.listRequests.slice(before).map((r) => r.search);
    if (typed < 300) expect(searches).toEqual(['smile orth']);
    else expect(searches.length, searches.join(' | ')).toBeLessThanOrEqual(3);
    expect(searches.at(-1)).toBe('smile orth');

    await searchBox(page).fill('CAFE CREME');
    await expect.poll(() => rowNames(page)).toEqual(['Café Crème - Montréal']);
    await searchBox(page).fill(ACME.id);
    await expect.poll(() => rowNames(page)).toEqual([ACME.name]);
    await searchBox(page).fill(OLD_SID.slice(0, 14));
    await expect.poll(() => rowNames(page)).toEqual([BRIGHT.name]);
    await searchBox(page).fill('no such sub-account');
    await page.locator('.hr-data-table-empty .hr-empty__description', { hasText: 'No Data' }).waitFor();
    expect(await rows(page).count()).toBe(0);
    expect(crm.state.listRequests.at(-1)?.search).toBe('no such sub-account');
  });

  it('offers the menu entries of each row state, in a menu rendered into body', async () => {
    const page = await newPage();
    await openSubAccounts(page);
    const acme = await findRow(page, ACME.name);
    await acme.locator('button').click();
    const menu = page.locator('.hr-dropdown-menu');
    await menu.waitFor();
    expect(await menu.evaluate((el) => el.closest('#app') === null && el.ownerDocument.body.contains(el))).toBe(true);
    await page.screenshot({ path: '/tmp/crm-menu.png' });
    await page.mouse.click(5, 5);
    await menu.waitFor({ state: 'detached' });

    expect(await menuEntries(page, acme)).toEqual(['Update Credentials']);
    expect(await menuEntries(page, await findRow(page, BRIGHT.name))).toEqual(['Update Credentials', 'Disconnect']);
    expect(await menuEntries(page, await findRow(page, LAKESIDE.name))).toEqual(['SMS Compliance', 'Delete Connection']);

    crm.switches.agencyOnLcPhone = true;
    await openSubAccounts(page);
    expect(await menuEntries(page, await findRow(page, BRIGHT.name))).toEqual(['Link to LeadConnector']);
    expect(await menuEntries(page, await findRow(page, ACME.name))).toEqual(['Link to LeadConnector']);
    expect(await menuEntries(page, await findRow(page, LAKESIDE.name))).toEqual(['SMS Compliance', 'Delete Connection']);
    const lc = await findRow(page, BRIGHT.name);
    await lc.locator('button').click();
    await page.locator('.hr-dropdown-menu').waitFor();
    await page.screenshot({ path: '/tmp/crm-menu-lc.png' });
  });

  it('Update Credentials: pre-filled SID, password token, Authorize disabled until both are filled', async () => {
    const page = await newPage();
    await openSubAccounts(page);
    const d = await openUpdateCredentials(page, BRIGHT.name);
    expect(await d.evaluate((el) => el.closest('#app') === null)).toBe(true);
    expect(await d.locator('.credentials-header__title').textContent()).toBe('Update Credentials');
    expect(await d.locator('.credentials-header__subtitle').textContent()).toBe(BRIGHT.name);
    expect(await d.locator('.hr-form-item-label__text').allTextContents()).toEqual(['Account SID', 'Auth Token']);
    const sid = field(d, 'Account SID');
    const token = field(d, 'Auth Token');
    expect(await sid.inputValue()).toBe(OLD_SID);
    expect(await token.inputValue()).toBe('');
    expect(await token.getAttribute('type')).toBe('password');
    const authorize = d.getByRole('button', { name: 'Authorize' });
    expect(await authorize.isDisabled()).toBe(true);
    expect(await d.getByRole('button', { name: 'Cancel' }).isEnabled()).toBe(true);
    await page.screenshot({ path: '/tmp/crm-dialog.png' });
    await token.fill('0123456789abcdef0123456789abcdef');
    expect(await authorize.isEnabled()).toBe(true);
    await sid.fill('');
    expect(await authorize.isDisabled()).toBe(true);
    await d.getByRole('button', { name: 'Cancel' }).click();
    await d.waitFor({ state: 'hidden' });
    expect(crm.state.submissions).toHaveLength(0);
  });

  it('inputs are v-model bound: a value set without an input event is reverted at the next render', async () => {
    const page = await newPage();
    await openSubAccounts(page);
    const d = await openUpdateCredentials(page, ACME.name);
    const sid = field(d, 'Account SID');
    const token = field(d, 'Auth Token');
    const authorize = d.getByRole('button', { name: 'Authorize' });

    // Plain assignment: the DOM shows it until the component renders again (here: focusing it).
    await sid.evaluate((el: HTMLInputElement, v) => { el.value = v; }, account.sid);
    await token.evaluate((el: HTMLInputElement, v) => { el.value = v; }, account.authToken);
    expect(await token.inputValue()).toBe(account.authToken);
    expect(await authorize.isDisabled()).toBe(true);
    await sid.focus();
    await token.focus();
    await sid.focus();
    await page.waitForTimeout(50);
    expect(await sid.inputValue()).toBe('');
    expect(await token.inputValue()).toBe('');
    expect(await authorize.isDisabled()).toBe(true);

    // A change event alone does not update the model either: NInput re-renders and reverts at once.
    await token.evaluate((el: HTMLInputElement, v) => {
      el.value = v;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, account.authToken);
    await page.waitForTimeout(50);
    expect(await token.inputValue()).toBe('');

    // With an input event the model takes the value, and it survives re-renders.
    for (const [input, value] of [[sid, account.sid], [token, account.authToken]] as const) {
      await input.evaluate((el: HTMLInputElement, v) => {
        el.value = v;
        el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: v }));
      }, value);
    }
    await sid.focus();
    await token.focus();
    await page.locator('body').click({ position: { x: 5, y: 5 }, force: true }).catch(() => undefined);
    await page.waitForTimeout(50);
    expect(await sid.inputValue()).toBe(account.sid);
    expect(await token.inputValue()).toBe(account.authToken);
    expect(await authorize.isEnabled()).toBe(true);
    expect(crm.state.submissions).toHaveLength(0);
  });

  it('Authorize with a pair Twilio accepts: one submission, one write, the row shows the new SID', async () => {
    const page = await newPage();
    await openSubAccounts(page);
    const d = await openUpdateCredentials(page, ACME.name);
    await field(d, 'Account SID').fill(account.sid);
    await field(d, 'Auth Token').fill(account.authToken);
    const twilioBefore = api.requests.length;
    await d.getByRole('button', { name: 'Authorize' }).click();
    await toast(page, 'Twilio credentials updated successfully').waitFor();
    await d.waitFor({ state: 'hidden' });
    const row = rowFor(page, ACME.name);
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe(account.sid);
    expect(await row.locator('td').nth(2).textContent()).toBe('Twilio');
    await page.screenshot({ path: '/tmp/crm-success.png' });

    expect(crm.state.submissions).toHaveLength(1);
    expect(crm.state.submissions[0]).toMatchObject({ locationId: ACME.id, accountSid: account.sid, authToken: account.authToken, host: HOST, outcome: 'written' });
    expect(crm.state.writes).toHaveLength(1);
    expect(crm.state.writes[0]).toMatchObject({ locationId: ACME.id, accountSid: account.sid, authToken: account.authToken, previousSid: null });
    expect(crm.state.writes[0]?.at).toBeInstanceOf(Date);
    expect(crm.state.locations.find((l) => l.id === ACME.id)).toMatchObject({ sid: account.sid, managedBy: 'twilio' });
    const checks = api.requests.slice(twilioBefore);
    expect(checks.map((r) => `${r.method} ${r.path} ${r.authSid}`)).toEqual([`GET /2010-04-01/Accounts/${account.sid}.json ${account.sid}`]);
  });

  it('Authorize with a pair Twilio refuses: one submission, no write, the error shown, dialog open', async () => {
    const page = await newPage();
    await openSubAccounts(page);
    const d = await openUpdateCredentials(page, BRIGHT.name);
    await field(d, 'Account SID').fill(account.sid);
    await field(d, 'Auth Token').fill('ffffffffffffffffffffffffffffffff');
    await d.getByRole('button', { name: 'Authorize' }).click();
    await d.locator('.hr-alert', { hasText: CRM_ERROR_TEXT.invalidCredentials }).waitFor();
    await toast(page, CRM_ERROR_TEXT.invalidCredentials).waitFor();
    expect(await d.isVisible()).toBe(true);
    expect(await field(d, 'Auth Token').inputValue()).toBe('ffffffffffffffffffffffffffffffff');
    await page.screenshot({ path: '/tmp/crm-dialog-error.png' });
    expect(crm.state.submissions).toHaveLength(1);
    expect(crm.state.submissions[0]).toMatchObject({ locationId: BRIGHT.id, outcome: 'refused', message: CRM_ERROR_TEXT.invalidCredentials });
    expect(crm.state.writes).toHaveLength(0);
    expect(crm.state.locations.find((l) => l.id === BRIGHT.id)?.sid).toBe(OLD_SID);
  });

  it('dialog variant B names the location nowhere', async () => {
    crm.switches.dialogVariant = 'unnamed';
    const page = await newPage();
    await openSubAccounts(page);
    const d = await openUpdateCredentials(page, BRIGHT.name);
    const text = await d.textContent();
    expect(text).toContain('Update Credentials');
    expect(text).not.toContain('Bright Smile');
    expect(text).not.toContain(BRIGHT.id);
    expect(await d.locator('.credentials-header__subtitle').count()).toBe(0);
    await page.screenshot({ path: '/tmp/crm-dialog-unnamed.png' });
  });

  it('the dialog-never-opens switch: Update Credentials does nothing', async () => {
    crm.switches.dialogNeverOpens = true;
    const page = await newPage();
    await openSubAccounts(page);
    const row = await findRow(page, BRIGHT.name);
    await row.locator('button').click();
    await page.locator('.hr-dropdown-option', { hasText: 'Update Credentials' }).click();
    await page.waitForTimeout(700);
    expect(await dialog(page).count()).toBe(0);
  });

  it('legacy layout: a pencil per row opens a Bootstrap dialog with Save', async () => {
    crm.switches.layout = 'legacy';
    const page = await newPage();
    await openSubAccounts(page);
    expect(await page.locator('.hr-data-table-tbody .hr-button').count()).toBe(0);
    expect(await rowFor(page, LAKESIDE.name).locator('button').count()).toBe(0);
    const row = await findRow(page, ACME.name);
    await row.locator('button.legacy-edit').click();
    const d = page.locator('div.modal[role="dialog"]');
    await d.waitFor();
    expect(await d.evaluate((el) => el.closest('#app') === null && el.querySelector('.modal-dialog .modal-content') !== null)).toBe(true);
    expect(await d.locator('.modal-title').textContent()).toBe('Edit Twilio Credentials');
    expect(await d.locator('p.text-muted').textContent()).toBe(`Location: ${ACME.name}`);
    const sid = d.getByLabel('Twilio Account SID');
    const token = d.getByLabel('Twilio Auth Token');
    expect(await sid.inputValue()).toBe('');
    expect(await token.getAttribute('type')).toBe('password');
    await page.screenshot({ path: '/tmp/crm-legacy.png' });

    // Empty fields: Save checks on click and sends nothing.
    await d.getByRole('button', { name: 'Save' }).click();
    expect(await d.locator('.invalid-feedback').allTextContents()).toEqual(['This field is required', 'This field is required']);
    expect(crm.state.submissions).toHaveLength(0);

    // v-model here too: a silent assignment is undone when the dialog renders again.
    await sid.evaluate((el: HTMLInputElement, v) => { el.value = v; }, account.sid);
    await token.fill(account.authToken);
    expect(await sid.inputValue()).toBe('');

    await sid.fill(account.sid);
    await d.getByRole('button', { name: 'Save' }).click();
    await toast(page, 'Twilio credentials updated successfully').waitFor();
    await d.waitFor({ state: 'detached' });
    expect(crm.state.writes).toHaveLength(1);
    expect(crm.state.writes[0]).toMatchObject({ locationId: ACME.id, accountSid: account.sid });

    crm.switches.dialogVariant = 'unnamed';
    await openSubAccounts(page);
    await (await findRow(page, BRIGHT.name)).locator('button.legacy-edit').click();
    await d.waitFor();
    expect(await d.textContent()).not.toContain(BRIGHT.name);
    await token.fill('ffffffffffffffffffffffffffffffff');
    await d.getByRole('button', { name: 'Save' }).click();
    await d.locator('.alert-danger', { hasText: CRM_ERROR_TEXT.invalidCredentials }).waitFor();
    expect(crm.state.writes).toHaveLength(1);
  });

  it('slow responses: the table and the Authorize button show loading while the backend works', async () => {
    const page = await newPage();
    await openSubAccounts(page);
    crm.switches.listDelayMs = 1500;
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('.hr-data-table--loading').waitFor();
    await page.locator('.hr-data-table--loading').waitFor({ state: 'detached', timeout: 5000 });
    crm.switches.listDelayMs = 0;

    crm.switches.authorizeDelayMs = 1500;
    const d = await openUpdateCredentials(page, ACME.name);
    await field(d, 'Account SID').fill(account.sid);
    await field(d, 'Auth Token').fill(account.authToken);
    await d.getByRole('button', { name: 'Authorize' }).click();
    const loading = d.locator('.hr-button--loading', { hasText: 'Authorize' });
    await loading.waitFor();
    expect(await field(d, 'Auth Token').isDisabled()).toBe(true);
    // The button shows loading at the click, before the request reaches the server (seen late on a
    // loaded machine): wait for it to arrive, then it must be the one pending submission.
    await expect.poll(() => crm.state.submissions.length).toBe(1);
    expect(crm.state.submissions[0]?.outcome).toBe('pending');
    expect(crm.state.writes).toHaveLength(0);
    await page.screenshot({ path: '/tmp/crm-authorizing.png' });
    await toast(page, 'Twilio credentials updated successfully').waitFor({ timeout: 5000 });
    expect(crm.state.writes).toHaveLength(1);
  });

  it('rate limit: the CRM answers 429 with its own message', async () => {
    const page = await newPage();
    await openSubAccounts(page);
    crm.switches.rateLimit = 'authorize';
    crm.switches.rateLimitRemaining = 1;
    const d = await openUpdateCredentials(page, ACME.name);
    await field(d, 'Account SID').fill(account.sid);
    await field(d, 'Auth Token').fill(account.authToken);
    await d.getByRole('button', { name: 'Authorize' }).click();
    await d.locator('.hr-alert', { hasText: CRM_ERROR_TEXT.rateLimited }).waitFor();
    await toast(page, CRM_ERROR_TEXT.rateLimited).waitFor();
    expect(crm.state.submissions.map((s) => s.outcome)).toEqual(['rate-limited']);
    expect(crm.state.writes).toHaveLength(0);
    expect(crm.switches.rateLimit).toBe('off');
    await d.getByRole('button', { name: 'Authorize' }).click();
    await toast(page, 'Twilio credentials updated successfully').waitFor();
    expect(crm.state.submissions.map((s) => s.outcome)).toEqual(['rate-limited', 'written']);

    crm.switches.rateLimit = 'all';
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => toast(page, CRM_ERROR_TEXT.rateLimited).count()).toBeGreaterThan(0);
  });

  it('session expired: the backend answers 401 and the page asks to log in again', async () => {
    const page = await newPage();
    await openSubAccounts(page);
    crm.switches.sessionExpired = true;
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('.hr-result', { hasText: 'Your session has expired. Please log in again.' }).waitFor();
    await toast(page, 'Your session has expired. Please log in again.').waitFor();
    expect(await page.getByRole('button', { name: 'Log in' }).isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/crm-expired.png' });

    await page.reload();
    await page.locator('.hr-result', { hasText: 'Your session has expired. Please log in again.' }).waitFor();

    // Expiring while the dialog is open: the submission is received and refused, nothing written.
    crm.switches.sessionExpired = false;
    await openSubAccounts(page);
    const d = await openUpdateCredentials(page, ACME.name);
    await field(d, 'Account SID').fill(account.sid);
    await field(d, 'Auth Token').fill(account.authToken);
    crm.switches.sessionExpired = true;
    await d.getByRole('button', { name: 'Authorize' }).click();
    await page.locator('.hr-result', { hasText: 'Your session has expired. Please log in again.' }).waitFor();
    expect(crm.state.submissions.map((s) => s.outcome)).toEqual(['session-expired']);
    expect(crm.state.writes).toHaveLength(0);
  });

  it('other row actions ask first and are recorded', async () => {
    const page = await newPage();
    await openSubAccounts(page);
    const row = await findRow(page, BRIGHT.name);
    await row.locator('button').click();
    await page.locator('.hr-dropdown-option', { hasText: 'Disconnect' }).click();
    const confirm = page.locator('.hr-dialog[role="dialog"]');
    await confirm.waitFor();
    expect(await confirm.locator('.hr-dialog__title').textContent()).toContain('Disconnect Twilio');
    await confirm.getByRole('button', { name: 'Disconnect' }).click();
    await toast(page, 'Twilio disconnected').waitFor();
    // The selection is recorded before the confirm, then the confirmed action.
    expect(crm.state.actions).toMatchObject([{ kind: 'menu:disconnect', locationId: BRIGHT.id }, { kind: 'disconnect', locationId: BRIGHT.id }]);
    await expect.poll(() => rowFor(page, BRIGHT.name).locator('td').nth(2).textContent()).toBe('Not available');
  });

  it('list size and name switches: 5,000 locations, duplicates, near-duplicates, accents, long names', async () => {
    crm.generateLocations(5000, { duplicates: true, nearDuplicates: true, accented: true, longNames: true });
    const page = await newPage();
    await openSubAccounts(page);
    expect(await page.locator('.hr-pagination-prefix').textContent()).toBe('Total 5000');
    await page.screenshot({ path: '/tmp/crm-5000.png' });
    const someone = crm.state.locations[4321];
    if (!someone) throw new Error('no location 4321');
    await findRow(page, someone.name);
    expect(await rowFor(page, someone.name).locator('.subaccount-cell__id').allTextContents()).toContain(someone.id);

    await findRow(page, DUPLICATE_NAME);
    expect(await rowFor(page, DUPLICATE_NAME).count()).toBe(2);
    const ids = await rowFor(page, DUPLICATE_NAME).locator('.subaccount-cell__id').allTextContents();
    expect(new Set(ids).size).toBe(2);

    await searchBox(page).fill('Acme Dental');
    await expect.poll(async () => (await rowNames(page)).filter((n) => NEAR_DUPLICATE_NAMES.includes(n as never)).sort()).toEqual([...NEAR_DUPLICATE_NAMES].sort());

    await searchBox(page).fill('montreal');
    await expect.poll(() => rowNames(page)).toContain('Café Crème - Montréal');

    const long = LONG_NAMES[0];
    await findRow(page, long);
    const cell = rowFor(page, long).locator('.subaccount-cell__name');
    expect(await cell.textContent()).toBe(long);
    expect(await cell.getAttribute('title')).toBe(long);
    await searchBox(page).fill('');
    await page.screenshot({ path: '/tmp/crm-long-names.png' });
    await searchBox(page).fill('Dentistry Center');
    await expect.poll(() => rowNames(page)).toContain(long);
    await page.screenshot({ path: '/tmp/crm-long-name.png' });
  });

  it('setLocations takes an explicit list; reset restores the start', async () => {
    crm.setLocations([{ name: 'Only One - Boise', sid: OLD_SID }, { name: 'Only Two - Reno' }]);
    const page = await newPage();
    await openSubAccounts(page);
    expect(await rowNames(page)).toEqual(['Only One - Boise', 'Only Two - Reno']);
    crm.reset();
    expect(crm.state.locations).toHaveLength(30);
    expect(crm.state.locations.find((l) => l.id === ACME.id)).toMatchObject({ name: ACME.name, sid: null, managedBy: 'not-available' });
  });
});

describe('CRM stand-in layout matrix in Chromium', () => {
  const TWIN = 'Twin Pines Dental - Eugene';
  const SMALL = [
    ACME,
    BRIGHT,
    LAKESIDE,
    { id: 'Tw1nP1nesAAAAAAAAAAA', name: TWIN, address: '12 Oak Ave, Eugene' },
    { id: 'Tw1nP1nesBBBBBBBBBBB', name: TWIN, address: '880 River Rd, Eugene' },
  ];
  const layout = (changes: Partial<CrmLayout>): CrmLayout => ({ ...DEFAULT_LAYOUT, ...changes });
  const headers = (page: Page) => page.locator('.hr-data-table-th .hr-data-table-th__title').allTextContents();
  const tableHtml = (page: Page) => page.locator('.hr-data-table').evaluate((el) => el.outerHTML);
  const kinds = () => crm.state.actions.map((a) => `${a.kind} ${a.locationId}`);

  /** Loads the page as a test's layout has it; the rows are there when this returns. */
  async function openLayout(page: Page): Promise<void> {
    await page.goto(PAGE);
    if (crm.switches.layoutMatrix.defaultTab === 'agency') await tab(page, 'Sub Account Settings').click();
    await rows(page).first().waitFor();
    await expect.poll(() => page.locator('.hr-data-table--loading').count()).toBe(0);
  }

  it('switches are page-load switches: reset restores the default layout, legacy ignores the matrix', async () => {
    crm.switches.layoutMatrix.editor = 'drawer';
    crm.switches.layoutMatrix = layout({ sidDisplay: 'absent' });
    const boot = (): Promise<PhoneIntegrationBoot> => new Promise((resolve, reject) => {
      httpsGet(`${crm.origin}/api/v1/agency/phone-integration`, { rejectUnauthorized: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve(JSON.parse(body) as PhoneIntegrationBoot));
      }).on('error', reject);
    });
    expect((await boot()).features.layoutMatrix).toEqual(layout({ sidDisplay: 'absent' }));
    crm.switches.layout = 'legacy';
    expect((await boot()).features.layoutMatrix).toEqual(DEFAULT_LAYOUT);
    crm.reset();
    expect(crm.switches.layoutMatrix).toEqual(DEFAULT_LAYOUT);
    expect(crm.switches.layoutMatrix).not.toBe(DEFAULT_LAYOUT);
    crm.switches.layoutMatrix.result = 'silent';
    expect(DEFAULT_LAYOUT.result).toBe('toast');
  });

  it('the design system under another class prefix: only class names change, menus and toasts included', async () => {
    crm.setLocations(SMALL);
    crm.switches.layoutMatrix = layout({ classPrefix: 'n', defaultTab: 'sub-accounts' });
    const page = await newPage();
    await page.goto(PAGE);
    await page.locator('.n-data-table-tbody .n-data-table-tr').first().waitFor();
    expect(await page.locator('[class*="hr-"]').count()).toBe(0);
    expect(await page.locator('.n-tabs-tab--active').textContent()).toBe('Sub Account Settings');
    await page.locator('.n-data-table-tr', { hasText: BRIGHT.name }).locator('td[data-col-key="actions"] button').click();
    await page.locator('.n-dropdown-menu .n-dropdown-option', { hasText: 'Update Credentials' }).click();
    await page.locator('.n-modal[role="dialog"]').waitFor();
    expect(await page.locator('[class*="hr-"]').count()).toBe(0);
  });

  it('SID shown masked, cut or not at all; no id; an Address column; opens on Sub Account Settings', async () => {
    crm.setLocations(SMALL);
    crm.switches.layoutMatrix = layout({ sidDisplay: 'masked-2-6', idDisplay: 'none', addressColumn: true, defaultTab: 'sub-accounts' });
    crm.switches.loaderDelayMs = 0;
    const page = await newPage();
    await page.goto(PAGE);
    await rows(page).first().waitFor();
    expect(await page.locator('.hr-tabs-tab--active').textContent()).toBe('Sub Account Settings');
    expect(await headers(page)).toEqual(['Sub-Account', 'Address', 'Account SID', 'Managed By', 'Actions']);
    expect(await rowFor(page, BRIGHT.name).locator('td[data-col-key="accountSid"]').textContent()).toBe(`AC••••••••${OLD_SID.slice(-6)}`);
    expect(await rowFor(page, ACME.name).locator('td[data-col-key="accountSid"]').textContent()).toBe('—');
    expect(await rowFor(page, TWIN).locator('td[data-col-key="address"]').allTextContents()).toEqual(['12 Oak Ave, Eugene', '880 River Rd, Eugene']);
    expect(await rowFor(page, ACME.name).locator('td[data-col-key="address"]').textContent()).toMatch(/^\d+ .+, Austin$/);
    const html = await tableHtml(page);
    for (const l of crm.state.locations) expect(html).not.toContain(l.id);
    expect(html).not.toContain(OLD_SID);
    await page.screenshot({ path: '/tmp/crm-matrix-masked.png' });

    const shown: Record<string, string> = { 'masked-6-4': `${OLD_SID.slice(0, 6)}••••${OLD_SID.slice(-4)}`, ellipsis: `${OLD_SID.slice(0, 12)}…` };
    for (const [sidDisplay, text] of Object.entries(shown)) {
      crm.switches.layoutMatrix = layout({ sidDisplay: sidDisplay as CrmLayout['sidDisplay'] });
      await openLayout(page);
      expect(await rowFor(page, BRIGHT.name).locator('td[data-col-key="accountSid"]').textContent()).toBe(text);
      expect(await rowFor(page, BRIGHT.name).locator('.subaccount-cell__id').textContent()).toBe(BRIGHT.id);
      expect(await tableHtml(page)).not.toContain(OLD_SID);
    }

    crm.switches.layoutMatrix = layout({ sidDisplay: 'absent' });
    await openLayout(page);
    expect(await headers(page)).toEqual(['Sub-Account', 'Managed By', 'Actions']);
    const absent = await tableHtml(page);
    expect(absent).not.toContain(OLD_SID.slice(0, 12));
    expect(absent).not.toContain(OLD_SID.slice(-6));
    expect(absent).not.toContain('—');
  });

  it('pencil → menu, drawer editor with aria-label fields and Connect, inline success and inline-only errors', async () => {
    crm.setLocations(SMALL);
    crm.switches.layoutMatrix = layout({ rowAction: 'pencil-menu', menuWording: 'lower', editor: 'drawer', fieldLabels: 'aria-label', submitWording: 'Connect', result: 'inline' });
    const page = await newPage();
    await openLayout(page);
    const bright = rowFor(page, BRIGHT.name);
    const pencil = bright.getByRole('button', { name: 'Edit' });
    expect(await pencil.getAttribute('title')).toBe('Edit');
    expect(await pencil.getAttribute('aria-label')).toBe('Edit');
    expect(await menuEntries(page, rowFor(page, LAKESIDE.name))).toEqual(['SMS Compliance', 'Delete Connection']);
    await pencil.click();
    expect(await page.locator('.hr-dropdown-menu .hr-dropdown-option-body__label').allTextContents()).toEqual(['update credentials', 'Disconnect']);
    await page.locator('.hr-dropdown-option', { hasText: 'update credentials' }).click();

    const d = page.locator('.hr-drawer[role="dialog"][aria-modal="true"]');
    await d.waitFor();
    expect(await d.evaluate((el) => el.closest('#app') === null && el.classList.contains('hr-drawer--right-placement'))).toBe(true);
    expect(await d.locator('.credentials-header__title').textContent()).toBe('Update Credentials');
    expect(await d.locator('.hr-form-item-label').count()).toBe(0);
    const sid = d.getByLabel('Account SID');
    const token = d.getByLabel('Auth Token');
    expect(await sid.inputValue()).toBe(OLD_SID);
    expect(await sid.getAttribute('placeholder')).toBe('AC…');
    expect(await token.getAttribute('placeholder')).toBe('Auth Token');
    expect(await token.getAttribute('type')).toBe('password');

    await token.fill('ffffffffffffffffffffffffffffffff');
    await d.getByRole('button', { name: 'Connect' }).click();
    await d.locator('.hr-alert', { hasText: CRM_ERROR_TEXT.invalidCredentials }).waitFor();
    expect(await page.locator('.hr-message').count()).toBe(0);

    await sid.fill(account.sid);
    await token.fill(account.authToken);
    await d.getByRole('button', { name: 'Connect' }).click();
    await d.locator('.hr-alert', { hasText: 'Credentials saved.' }).waitFor();
    expect(await d.locator('.hr-alert').count()).toBe(1);
    await expect.poll(() => bright.locator('td[data-col-key="accountSid"]').textContent()).toBe(account.sid);
    expect(await d.isVisible()).toBe(true);
    expect(await page.locator('.hr-message').count()).toBe(0);
    expect(crm.state.writes).toEqual([expect.objectContaining({ locationId: BRIGHT.id, accountSid: account.sid })]);
    await page.screenshot({ path: '/tmp/crm-matrix-drawer.png' });
  });

  it('pencil → editor at once (none where no update): silent result; Delete connection and Create Sub-Account are recorded', async () => {
    crm.setLocations(SMALL);
    crm.switches.layoutMatrix = layout({ rowAction: 'pencil-editor', submitWording: 'Save', result: 'silent', editorExtras: 'delete-create' });
    const page = await newPage();
    await openLayout(page);
    expect(await rowFor(page, LAKESIDE.name).locator('button').count()).toBe(0);
    await rowFor(page, ACME.name).getByRole('button', { name: 'Edit' }).click();
    const d = page.locator('.hr-modal[role="dialog"]');
    await d.waitFor();
    expect(await page.locator('.hr-dropdown-menu').count()).toBe(0);
    expect(await d.locator('.hr-form-item-label__text').allTextContents()).toEqual(['Account SID', 'Auth Token']);
    await d.getByRole('button', { name: 'Create Sub-Account' }).click();
    await expect.poll(kinds).toEqual([`create-subaccount ${ACME.id}`]);
    await field(d, 'Account SID').fill(account.sid);
    await field(d, 'Auth Token').fill(account.authToken);
    await d.getByRole('button', { name: 'Save' }).click();
    await d.waitFor({ state: 'hidden' });
    await expect.poll(() => rowFor(page, ACME.name).locator('td[data-col-key="accountSid"]').textContent()).toBe(account.sid);
    expect(await toast(page, 'Twilio credentials updated successfully').count()).toBe(0);
    expect(crm.state.writes).toEqual([expect.objectContaining({ locationId: ACME.id, accountSid: account.sid })]);

    await rowFor(page, BRIGHT.name).getByRole('button', { name: 'Edit' }).click();
    await d.waitFor();
    const remove = d.getByRole('button', { name: 'Delete connection' });
    expect(await remove.getAttribute('class')).toContain('hr-button--error-type');
    await remove.click();
    await expect.poll(kinds).toEqual([`create-subaccount ${ACME.id}`, `delete-connection-editor ${BRIGHT.id}`]);
    await expect.poll(() => rowFor(page, BRIGHT.name).locator('td[data-col-key="accountSid"]').textContent()).toBe('—');
    expect(crm.state.writes).toHaveLength(1);

    crm.switches.agencyOnLcPhone = true;
    await openLayout(page);
    expect(await page.locator('.hr-data-table-tbody button').count()).toBe(0);
  });

  it('selecting a destructive entry is recorded even when the confirm is cancelled', async () => {
    crm.setLocations(SMALL);
    crm.switches.layoutMatrix = layout({ menuWording: 'edit-twilio' });
    const page = await newPage();
    await openLayout(page);
    const confirm = page.locator('.hr-dialog[role="dialog"]');
    /** Picks the entry, then cancels the confirm; answers the menu's entries as they were shown. */
    const selectAndCancel = async (name: string, entry: string): Promise<string[]> => {
      await rowFor(page, name).locator('button').click();
      const option = page.locator('.hr-dropdown-option', { hasText: entry });
      await option.waitFor();
      const labels = await page.locator('.hr-dropdown-menu .hr-dropdown-option-body__label').allTextContents();
      await option.click();
      await confirm.waitFor();
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await confirm.waitFor({ state: 'detached' });
      return labels;
    };
    expect(await selectAndCancel(BRIGHT.name, 'Disconnect')).toEqual(['Edit Twilio Credentials', 'Disconnect']);
    await selectAndCancel(LAKESIDE.name, 'Delete Connection');
    crm.switches.agencyOnLcPhone = true;
    await openLayout(page);
    await selectAndCancel(ACME.name, 'Link to LeadConnector');
    expect(kinds()).toEqual([`menu:disconnect ${BRIGHT.id}`, `menu:delete-connection ${LAKESIDE.id}`, `menu:link-leadconnector ${ACME.id}`]);
    expect(crm.state.locations.find((l) => l.id === BRIGHT.id)?.sid).toBe(OLD_SID);
  });

  it('"Load more" appends 10 rows a press; client search downloads once and filters in the page', async () => {
    crm.switches.layoutMatrix = layout({ list: 'load-more' });
    const page = await newPage();
    await openLayout(page);
    expect(await rows(page).count()).toBe(10);
    expect(await page.locator('.hr-pagination').count()).toBe(0);
    const more = page.getByRole('button', { name: 'Load more' });
    await more.click();
    await expect.poll(() => rows(page).count()).toBe(20);
    expect(crm.state.listRequests.at(-1)).toMatchObject({ page: 2, limit: 10 });
    await more.click();
    await expect.poll(() => rows(page).count()).toBe(30);
    expect(await more.count()).toBe(0);
    expect(await page.locator('.subaccounts-more__count').textContent()).toBe('Showing 30 of 30');
    const names = await rowNames(page);
    expect(new Set(names).size).toBe(30);

    crm.switches.layoutMatrix = layout({ search: 'client', list: 'load-more' });
    const before = crm.state.listRequests.length;
    await openLayout(page);
    expect(await rowNames(page)).toEqual(names.slice(0, 10));
    await searchBox(page).fill('smile orth');
    await expect.poll(() => rowNames(page)).toEqual([BRIGHT.name]);
    await searchBox(page).fill(ACME.id);
    await expect.poll(() => rowNames(page)).toEqual([ACME.name]);
    await searchBox(page).fill(OLD_SID.slice(2, 14).toUpperCase());
    await expect.poll(() => rowNames(page)).toEqual([BRIGHT.name]);
    await searchBox(page).fill('');
    await expect.poll(() => rows(page).count()).toBe(10);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows(page).count()).toBe(20);
    expect(crm.state.listRequests.slice(before).map((r) => `${r.search}|${r.page}|${r.limit}`)).toEqual(['|1|10000']);

    crm.switches.layoutMatrix = layout({ search: 'client' });
    await openLayout(page);
    expect(await page.locator('.hr-pagination-prefix').textContent()).toBe('Total 30');
    await page.locator('.hr-pagination-item', { hasText: /^2$/ }).click();
    await expect.poll(() => rowNames(page)).toEqual(names.slice(10, 20));
    expect(crm.state.listRequests.slice(before).map((r) => r.limit)).toEqual([10000, 10000]);
  });
});
