import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Location } from '../../utils/handoff/types';
import type { RunRequest } from '../../utils/crm/driver';
import type { CrmProfile } from '../../utils/crm/profile';
import type { HarnessRun } from './support/crm-driver-harness';
import { buildDriverHarness } from './support/build-driver';
import { throwawayCertificate } from '../stand-ins/cert';
import { startTwilioApi, type TwilioApiStandIn } from '../stand-ins/twilio-api/server';
import { CRM_ERROR_TEXT, DUPLICATE_NAME, searchLocations as standInSearch, startCrm, type CrmStandIn } from '../stand-ins/crm/server';

/**
 * The CRM driver in real Chromium against the Vue 3 + naive-ui stand-in, before the extension build
 * exists: the driver is bundled with vite into an IIFE (tests/e2e/support/) and injected into the
 * page; `app.gohighlevel.com` resolves to the stand-in through host resolver rules. What the stand-in
 * backend records (submissions received, writes accepted) is the proof.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HOST = 'app.gohighlevel.com';
const PAGE = `https://${HOST}/settings/phone_integration`;

const OLD_SID = 'AC0123456789abcdef0123456789abcdef';
const ACME = { id: 'Xq7Lm2Np9Rs4Tv6Wy8Za', name: 'Acme Dental - Austin', sid: null };
const BRIGHT = { id: 'Bk3Cd5Ef7Gh9Jk1Lm3Np', name: 'Bright Smile Orthodontics - Dallas', sid: OLD_SID };
const LAKESIDE = { id: 'Lc2Ph4On6Eq8Rs0Tu2Vw', name: 'Lakeside Med Spa - Tampa', managedBy: 'lc-phone' as const };
const NEAR = [
  { id: 'Nr1Ac2Me3Da4Au5St6In', name: 'Acme Dental Austin', sid: 'AC' + '2'.repeat(32) },
  { id: 'Nr7Ac8Me9Da0Au1Tx2Zz', name: 'Acme Dental - Austin TX', sid: 'AC' + '3'.repeat(32) },
];
const TWIN_SIDS = ['AC' + '4'.repeat(32), 'AC' + '5'.repeat(32)];
const TWINS = [
  { id: 'Tw1nAaaaaaaaaaaaaaa1', name: DUPLICATE_NAME, sid: TWIN_SIDS[0] },
  { id: 'Tw1nBbbbbbbbbbbbbbb2', name: DUPLICATE_NAME, sid: TWIN_SIDS[1] },
];

let harness: string;
let api: TwilioApiStandIn;
let crm: CrmStandIn;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  harness = await buildDriverHarness();
  const cert = throwawayCertificate();
  api = await startTwilioApi({ cert });
  crm = await startCrm({
    cert,
    twilioApiOrigin: api.origin,
    twilioApiCa: cert.cert,
    generate: { count: 5000, include: [ACME, BRIGHT, LAKESIDE, ...NEAR, ...TWINS] },
    switches: { loaderDelayMs: 300 },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1:${crm.port}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`,
    ],
  });
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  crm.reset();
});

afterAll(async () => {
  await browser?.close();
  await crm?.close();
  await api?.close();
});

async function openPhoneIntegration(path = PAGE): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  contexts.push(context);
  await context.addInitScript({ content: harness });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(path);
  return page;
}

function run(page: Page, request: RunRequest, options: { go?: boolean; waits?: Partial<CrmProfile['waits']> } = {}): Promise<HarnessRun> {
  return page.evaluate(([r, o]) => window.crmDriver.run(r, o), [request, options] as const);
}

const at = (location: { id: string; name: string }): Location => ({ id: location.id, name: location.name });

function newSubAccount(name: string) {
  return api.state.createAccount(name, api.state.master.sid);
}

const dialogFields = (page: Page) =>
  page.evaluate(() => Array.from(document.querySelectorAll<HTMLInputElement>('[role="dialog"] input'), (input) => input.value));

describe('CRM driver in Chromium against the stand-in', () => {
  it('searches a 5,000-location list through the search box and reads every result page, 100 rows a page', async () => {
    // A query whose results span a few pages of the largest size naive-ui's picker offers (100),
    // chosen from the stand-in's own data.
    const word = ['Dental', 'Law', 'Chiro', 'Yoga', 'Clinic', 'Vet', 'Spa', 'Salon'].find((q) => {
      const n = standInSearch(crm.state.locations, q, '').length;
      return n > 100 && n <= 400;
    });
    expect(word).toBeDefined();
    const expected = standInSearch(crm.state.locations, word!, '');
    expect(crm.state.locations).toHaveLength(5000);

    const page = await openPhoneIntegration();
    const { reply, chunks } = await page.evaluate((q) => window.crmDriver.search(q), word!);
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.locations).toEqual(
      expected.map((l) => ({ id: l.id, name: l.name, sid: l.sid, managedBy: l.managedBy })),
    );
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(expected.length);
    expect(chunks.length).toBe(Math.ceil(expected.length / 100));
    // Learned through the UI: the list endpoint was called by the page with what was typed, then
    // with the page size chosen in the pagination bar's picker.
    const asked = crm.state.listRequests.filter((request) => request.search === word).map((r) => `${r.page}×${r.limit}`);
    expect(asked).toEqual(['1×10', '1×100', ...Array.from({ length: chunks.length - 1 }, (_, i) => `${i + 2}×100`)]);

    const exact = await page.evaluate((q) => window.crmDriver.search(q), ACME.name);
    expect(exact.reply).toMatchObject({ ok: true });
    if (exact.reply.ok) {
      expect(exact.reply.locations).toContainEqual({ id: ACME.id, name: ACME.name, sid: null, managedBy: 'not-available' });
      expect(exact.reply.locations.map((l) => l.name)).toContain('Acme Dental - Austin TX');
    }
  });

  it('inspect reads the SID the location holds and closes the dialog without writing', async () => {
    const page = await openPhoneIntegration();
    const { outcome, events } = await run(page, { action: 'inspect', location: at(BRIGHT) });
    expect(outcome).toEqual({ kind: 'inspected', currentSid: OLD_SID, managedBy: 'twilio', canUpdate: true });
    expect(await page.locator('[role="dialog"]').count()).toBe(0);
    expect(crm.state.submissions).toEqual([]);
    expect(events.map((e) => e.event)).not.toContain('submit-intent');
  });

  it('fill puts both values in so Vue keeps them; the admin’s own click then writes exactly that pair', async () => {
    const account = newSubAccount(ACME.name);
    const page = await openPhoneIntegration();
    const { outcome } = await run(page, { action: 'fill', location: at(ACME), sid: account.sid, token: account.authToken });
    expect(outcome).toEqual({ kind: 'filled' });
    await page.waitForTimeout(500);
    expect(await dialogFields(page)).toEqual([account.sid, account.authToken]);
    const authorize = page.locator('[role="dialog"] button', { hasText: 'Authorize' });
    expect(await authorize.isEnabled()).toBe(true);
    expect(crm.state.submissions).toEqual([]);
    await authorize.click();
    await expect.poll(() => crm.state.writes.length).toBe(1);
    expect(crm.state.writes[0]).toMatchObject({ locationId: ACME.id, accountSid: account.sid, authToken: account.authToken, previousSid: null });
  });

  it('submit authorizes once, after the background said go, and reads the success toast', async () => {
    const account = newSubAccount(BRIGHT.name);
    const page = await openPhoneIntegration();
    const { outcome, events } = await run(page, {
      action: 'submit',
      location: at(BRIGHT),
      sid: account.sid,
      token: account.authToken,
      expectedCurrentSid: OLD_SID,
    });
    expect(outcome).toEqual({ kind: 'authorized', message: 'Twilio credentials updated successfully' });
    expect(crm.state.submissions).toHaveLength(1);
    expect(crm.state.writes).toEqual([expect.objectContaining({ locationId: BRIGHT.id, accountSid: account.sid, authToken: account.authToken, previousSid: OLD_SID })]);
    const order = events.map((e) => e.event);
    expect(order.filter((e) => e === 'submit-intent')).toHaveLength(1);
    expect(order.indexOf('read-back')).toBeLessThan(order.indexOf('submit-intent'));
    expect(order.indexOf('submit-intent')).toBeLessThan(order.indexOf('read-result'));
  });

  it('does not click when the background does not say go', async () => {
    const account = newSubAccount(BRIGHT.name);
    const page = await openPhoneIntegration();
    const { outcome } = await run(page, { action: 'submit', location: at(BRIGHT), sid: account.sid, token: account.authToken, expectedCurrentSid: OLD_SID }, { go: false });
    expect(outcome).toMatchObject({ kind: 'driver-error', step: 'submit', code: 'not-allowed', submitted: false });
    expect(crm.state.submissions).toEqual([]);
  });

  it('reports the CRM’s own error text: one submission, no write', async () => {
    const account = newSubAccount(BRIGHT.name);
    const page = await openPhoneIntegration();
    const { outcome } = await run(page, { action: 'submit', location: at(BRIGHT), sid: account.sid, token: 'f'.repeat(32), expectedCurrentSid: OLD_SID });
    expect(outcome).toEqual({ kind: 'crm-error', message: CRM_ERROR_TEXT.invalidCredentials });
    expect(crm.state.submissions).toHaveLength(1);
    expect(crm.state.writes).toEqual([]);
  });

  it('reads "session expired" after Authorize as the CRM’s error', async () => {
    const account = newSubAccount(BRIGHT.name);
    const page = await openPhoneIntegration();
    // The session runs out while the dialog is open: the Authorize request is the first to get 401.
    // Switched as that request leaves the page: the driver clicks too soon after the dialog opens
    // for the test to race it.
    await page.route('**/sub-accounts/*/twilio', (route) => {
      crm.switches.sessionExpired = true;
      return route.continue();
    });
    const { outcome } = await run(page, { action: 'submit', location: at(BRIGHT), sid: account.sid, token: account.authToken, expectedCurrentSid: OLD_SID });
    expect(outcome).toEqual({ kind: 'crm-error', message: expect.stringMatching(/session has expired/i) });
    expect(crm.state.writes).toEqual([]);
  });

  it('refuses an LC Phone row: inspect and fill both say why, no row action taken', async () => {
    const page = await openPhoneIntegration();
    const inspected = await run(page, { action: 'inspect', location: at(LAKESIDE) });
    expect(inspected.outcome).toMatchObject({ kind: 'inspected', canUpdate: false, managedBy: 'lc-phone', code: 'lc-phone', params: { name: LAKESIDE.name, provider: 'LC Phone' } });
    const fill = await run(page, { action: 'fill', location: at(LAKESIDE), sid: OLD_SID, token: 'a'.repeat(32) });
    expect(fill.outcome).toMatchObject({ kind: 'inspected', canUpdate: false, code: 'lc-phone', params: { name: LAKESIDE.name, provider: 'LC Phone' } });
    expect(crm.state.actions).toEqual([]);
    expect(crm.state.submissions).toEqual([]);
  });

  it('refuses a row whose menu offers only "Link to LeadConnector"', async () => {
    crm.switches.agencyOnLcPhone = true;
    const page = await openPhoneIntegration();
    const { outcome } = await run(page, { action: 'fill', location: at(BRIGHT), sid: OLD_SID, token: 'a'.repeat(32) });
    expect(outcome).toMatchObject({ kind: 'inspected', canUpdate: false, code: 'no-update-entry', params: { name: BRIGHT.name, offered: expect.stringMatching(/Link to LeadConnector/) } });
    expect(await page.locator('.hr-dropdown-menu:visible').count()).toBe(0);
    expect(crm.state.actions).toEqual([]);
  });

  it('works on the older layout: pencil, Bootstrap modal, "Twilio Account SID", Save', async () => {
    crm.switches.layout = 'legacy';
    const account = newSubAccount(BRIGHT.name);
    const page = await openPhoneIntegration(`https://${HOST}/settings/twilio`);
    const inspected = await run(page, { action: 'inspect', location: at(BRIGHT) });
    expect(inspected.outcome).toEqual({ kind: 'inspected', currentSid: OLD_SID, managedBy: 'twilio', canUpdate: true });
    const { outcome } = await run(page, { action: 'submit', location: at(BRIGHT), sid: account.sid, token: account.authToken, expectedCurrentSid: OLD_SID });
    expect(outcome).toMatchObject({ kind: 'authorized' });
    expect(crm.state.writes).toEqual([expect.objectContaining({ locationId: BRIGHT.id, accountSid: account.sid, authToken: account.authToken })]);
    const lc = await run(page, { action: 'fill', location: at(LAKESIDE), sid: OLD_SID, token: 'a'.repeat(32) });
    expect(lc.outcome).toMatchObject({ kind: 'inspected', canUpdate: false });
  });

  it('reads the error inside the older layout’s modal', async () => {
    crm.switches.layout = 'legacy';
    const account = newSubAccount(BRIGHT.name);
    const page = await openPhoneIntegration();
    const { outcome } = await run(page, { action: 'submit', location: at(BRIGHT), sid: account.sid, token: 'e'.repeat(32), expectedCurrentSid: OLD_SID });
    expect(outcome).toEqual({ kind: 'crm-error', message: CRM_ERROR_TEXT.invalidCredentials });
    expect(crm.state.writes).toEqual([]);
  });

  it('proves the dialog by the row → menu → dialog chain when it shows no name', async () => {
    crm.switches.dialogVariant = 'unnamed';
    const account = newSubAccount(ACME.name);
    const page = await openPhoneIntegration();
    const { outcome } = await run(page, { action: 'submit', location: at(ACME), sid: account.sid, token: account.authToken });
    expect(outcome).toMatchObject({ kind: 'authorized' });
    expect(crm.state.writes).toEqual([expect.objectContaining({ locationId: ACME.id, accountSid: account.sid })]);
  });

  it('a dialog that never opens stops with a typed error naming the step, nothing written', async () => {
    crm.switches.dialogNeverOpens = true;
    const page = await openPhoneIntegration();
    const { outcome } = await run(page, { action: 'submit', location: at(BRIGHT), sid: OLD_SID, token: 'a'.repeat(32) }, { waits: { stepMs: 2000 } });
    expect(outcome).toMatchObject({ kind: 'driver-error', step: 'open-dialog', code: 'timeout', params: { what: 'opened', control: 'Update Credentials', seconds: 2 }, submitted: false });
    expect(crm.state.submissions).toEqual([]);
  });

  it('tells two same-named locations apart by id and never takes a near name', async () => {
    const page = await openPhoneIntegration();
    const second = await run(page, { action: 'inspect', location: at(TWINS[1]!) });
    expect(second.outcome).toMatchObject({ kind: 'inspected', currentSid: TWIN_SIDS[1] });
    const near = await run(page, { action: 'inspect', location: { id: ACME.id, name: 'Acme Dental' } });
    expect(near.outcome).toMatchObject({ kind: 'driver-error', step: 'find-row', code: 'not-found', params: { name: 'Acme Dental' } });
  });

  it('self-check finds every anchor and writes nothing, and names what is missing on another page', async () => {
    const page = await openPhoneIntegration();
    const report = await page.evaluate(() => window.crmDriver.check());
    expect(report.anchors.filter((anchor) => !anchor.found)).toEqual([]);
    expect(report.anchors.map(({ anchor }) => anchor)).toEqual([
      'page',
      'loaded',
      'tab',
      'table',
      'name-column',
      'managed-by-column',
      'search-box',
      'rows',
      'row-ids',
      'row-menus',
      'pagination',
    ]);
    expect(crm.state.submissions).toEqual([]);
    expect(await page.locator('[role="dialog"]').count()).toBe(0);

    await page.goto(`https://${HOST}/`);
    const elsewhere = await page.evaluate(() => window.crmDriver.check());
    expect(elsewhere.anchors).toEqual([{ anchor: 'page', found: false }]);
  });
});
