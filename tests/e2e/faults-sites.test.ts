import { describe, expect, it } from 'vitest';
import { storedReasonText } from '../../components/text';
import { MASTER_VAULT_KEY } from '../../utils/master/session';
import { sendToCrm, until, waitForOverlayStatus } from './support/flows';
import {
  ACCOUNT_PATH,
  accountRequests,
  consoleTab,
  consoleWindow,
  crmWith,
  describeAfterTheMatrix,
  expectCrmRecord,
  ext,
  handoffsOf,
  handoffWhen,
  ledger,
  pages,
  pausedBeforeFill,
  requestLog,
  send,
  settles,
  sites,
  stepNames,
  subaccount,
  tokensSeen,
  useFaultMatrix,
} from './support/fault-matrix';
import { clickOverlayButton, overlayButtons } from './support/overlay';

/**
 * The fault matrix (tests/e2e/support/fault-matrix.ts), its other half: Twilio's and the CRM's own
 * faults, a CRM window that will not close, handoffs at the same time, and master mode.
 */
useFaultMatrix();

describe('Twilio faults during verification', () => {
  it('a dropped connection is retried: one write', async () => {
    const { account, location } = await send('Dropped Once Dental - Troy', () => {
      sites.api.switches.matchPath = ACCOUNT_PATH;
      sites.api.switches.dropConnections = 1;
    });
    const done = await settles(account.sid, 'authorized');
    const requests = accountRequests(account.sid);
    expect(requests[0]!.outcome).toBe('dropped');
    expect(requests.slice(1).some((r) => r.status === 200)).toBe(true);
    expectCrmRecord('Twilio dropped one connection', 1, location, account, 1, 1, done, requestLog(account.sid));
  });

  it('every connection dropped: zero writes, the reason says Twilio could not be reached', async () => {
    const { account, location } = await send('Dropped Always Dental - Kent', () => {
      sites.api.switches.matchPath = ACCOUNT_PATH;
      sites.api.switches.dropConnections = 'always';
    });
    const done = await settles(account.sid, 'rejected', 60_000);
    expect(done.reasonCode).toBe('twilio-unreachable');
    expect(storedReasonText(done)).toMatch(/Could not reach Twilio/);
    const requests = accountRequests(account.sid);
    // ky's three retries; Chromium may add its own silent retry of a dropped reused connection.
    expect(requests.length).toBeGreaterThanOrEqual(4);
    expect(requests.every((r) => r.outcome === 'dropped')).toBe(true);
    expectCrmRecord('Twilio dropped every connection', requests.length, location, account, 0, 0, done, requestLog(account.sid));
  });

  it('429 twice is retried after Retry-After: one write', async () => {
    const { account, location } = await send('Rate Limited Twice Vets - Gary', () => {
      sites.api.switches.matchPath = ACCOUNT_PATH;
      sites.api.switches.rateLimit = 2;
    });
    const done = await settles(account.sid, 'authorized');
    expect(accountRequests(account.sid).slice(0, 3).map((r) => r.status)).toEqual([429, 429, 200]);
    expectCrmRecord('Twilio 429 twice', 2, location, account, 1, 1, done, requestLog(account.sid));
  });

  it('429 on every attempt: retried three times, then zero writes with the reason', async () => {
    const { account, location, page } = await send('Rate Limited Always Vets - Muncie', () => {
      sites.api.switches.matchPath = ACCOUNT_PATH;
      sites.api.switches.rateLimit = 'always';
    });
    const done = await settles(account.sid, 'rejected');
    expect(accountRequests(account.sid).map((r) => r.status)).toEqual([429, 429, 429, 429]);
    expect(done.reasonCode).toBe('twilio-unreachable');
    expect(storedReasonText(done)).toMatch(/limiting requests/);
    await waitForOverlayStatus(page, /limiting requests/);
    expectCrmRecord('Twilio 429 on every attempt', 4, location, account, 0, 0, done, requestLog(account.sid));
  });

  it('500: zero writes, the reason says Twilio had an internal error', async () => {
    const { account, location } = await send('Server Error Physio - Elgin', () => {
      sites.api.switches.matchPath = ACCOUNT_PATH;
      sites.api.switches.serverError = 'always';
      sites.api.switches.serverErrorStatus = 500;
    });
    const done = await settles(account.sid, 'rejected');
    expect(accountRequests(account.sid).map((r) => r.status)).toEqual([500]);
    expect(storedReasonText(done)).toMatch(/internal error/);
    expectCrmRecord('Twilio 500', 1, location, account, 0, 0, done);
  });

  it('no answer at all: zero writes after the timeout, the reason says so', async () => {
    const { account, location } = await send('Hanging Api Dental - Peoria', () => {
      sites.api.switches.matchPath = ACCOUNT_PATH;
      sites.api.switches.hang = true;
    });
    const done = await settles(account.sid, 'rejected', 60_000);
    expect(storedReasonText(done)).toMatch(/did not answer in time/);
    expect(accountRequests(account.sid).map((r) => r.outcome)).toEqual(['hanging']);
    expectCrmRecord('Twilio never answers', 1, location, account, 0, 0, done);
  });
});

describe('CRM faults', () => {
  it('Authorize answered after 10 s: still exactly one write', async () => {
    const { account, location } = await send('Slow Crm Dental - Joliet', () => {
      sites.crm.switches.authorizeDelayMs = 10_000;
    });
    const done = await settles(account.sid, 'authorized');
    expectCrmRecord('CRM answers after 10 s', 1, location, account, 1, 1, done);
  });

  it('Authorize answered with 429: the CRM\'s own text, one submission, zero writes', async () => {
    const { account, location, page } = await send('Busy Crm Vets - Aurora', () => {
      sites.crm.switches.rateLimit = 'authorize';
    });
    const done = await settles(account.sid, 'failed');
    expect(done).toMatchObject({ reasonCode: 'crm-error', reasonParams: { message: expect.stringContaining('Too many requests. Please wait a moment and try again.') } });
    expect(sites.crm.state.submissions[0]!.outcome).toBe('rate-limited');
    await waitForOverlayStatus(page, /Too many requests/);
    expectCrmRecord('CRM answers 429', 1, location, account, 0, 1, done);
  });

  it('the session expires before Authorize: one submission, zero writes, the reason shown', async () => {
    // The CRM page stays open at the Replace question while the session ends; Authorize is its next request.
    const { account, location, page, replace } = await pausedBeforeFill('Expired Session Spa - Naperville', false);
    sites.crm.switches.sessionExpired = true;
    await replace();
    const done = await settles(account.sid, 'failed');
    expect(done).toMatchObject({ reasonCode: 'crm-error', reasonParams: { message: expect.stringContaining('Your session has expired. Please log in again.') } });
    expect(sites.crm.state.submissions.map((s) => s.outcome)).toEqual(['session-expired']);
    await waitForOverlayStatus(page, /session has expired/);
    expectCrmRecord('CRM session expired', 1, location, account, 0, 1, done);
  });

  it('the dialog never opens: a typed error naming the step, zero submissions', async () => {
    const { account, location } = await send('Stuck Dialog Physio - Evanston', () => {
      sites.crm.switches.dialogNeverOpens = true;
    });
    const done = await settles(account.sid, 'failed');
    expect(done.reasonCode).toBe('driver:open-dialog');
    // The driver's code and facts (the entry it pressed, in the CRM's words), worded for the admin.
    expect(done.reasonParams).toMatchObject({ driverCode: 'timeout', what: 'opened', control: 'Update Credentials' });
    expect(storedReasonText(done)).toMatch(/^Pressing "Update Credentials" opened nothing \(waited [\d.]+ seconds?\)\./);
    expectCrmRecord('CRM dialog never opens', 1, location, account, 0, 0, done);
  });
});

describe('a window on the CRM page that will not close', () => {
  it('the editor drawn again for good after a save (Cancel does nothing): the next handoff reloads the page once, and each location gets its one write', async () => {
    const names = ['Sticky Editor Dental - Joliet', 'Sticky Editor Vets - Peoria'];
    const [first, second] = names.map(subaccount);
    sites.crm.switches.editorSticksAfterSave = true;
    sites.crm.setLocations([{ name: 'Quiet Harbor Dental - Erie' }, ...names.map((name) => ({ name }))]);
    const [locFirst, locSecond] = names.map((n) => sites.crm.state.locations.find((l) => l.name === n)!);

    await sendToCrm(await consoleTab(first!.sid));
    const doneFirst = await settles(first!.sid, 'authorized');
    // What the admin would meet on the CRM page now: the editor back on screen, deaf to Cancel.
    const crm = ext.context.pages().find((p) => p.url().includes('gohighlevel.com'))!;
    const stuck = crm.getByRole('dialog').filter({ hasText: names[0]! });
    await stuck.waitFor();
    await stuck.getByRole('button', { name: 'Cancel' }).click();
    await crm.waitForTimeout(1_000);
    await expect(stuck.isVisible()).resolves.toBe(true);

    await sendToCrm(await consoleTab(second!.sid));
    const doneSecond = await settles(second!.sid, 'authorized');
    expect(stepNames(doneSecond)).toContain('crm-reloaded');
    expect(stepNames(doneFirst)).not.toContain('crm-reloaded');
    expect(sites.crm.state.writes.map((w) => [w.locationId, w.accountSid, w.authToken])).toEqual([
      [locFirst!.id, first!.sid, first!.authToken],
      [locSecond!.id, second!.sid, second!.authToken],
    ]);
    expect(sites.crm.state.submissions).toHaveLength(2);
    ledger.push({ name: 'CRM editor drawn for good (the save before it)', faults: 0, writes: 1, submissions: 1, state: doneFirst.state });
    ledger.push({ name: 'CRM editor drawn for good (the next handoff)', faults: 1, writes: 1, submissions: 1, state: doneSecond.state, note: 'the CRM page reloaded once' });
  });
});

describe('handoffs at the same time', () => {
  it('two handoffs for different locations at once: one write each, each to its own location', async () => {
    const a = subaccount('Twin Start Dental - Akron');
    const b = subaccount('Twin Start Vets - Dayton');
    sites.crm.setLocations([{ name: 'Twin Start Dental - Akron' }, { name: 'Twin Start Vets - Dayton' }, { name: 'Quiet Harbor Dental - Erie' }]);
    const [locA, locB] = ['Twin Start Dental - Akron', 'Twin Start Vets - Dayton'].map((n) => sites.crm.state.locations.find((l) => l.name === n)!);
    const [pageA, pageB] = await Promise.all([consoleWindow(a.sid), consoleWindow(b.sid)]);
    // A slow Twilio makes sure both are under way together, whatever the skew between the two clicks.
    sites.api.switches.matchPath = ACCOUNT_PATH;
    sites.api.switches.delayMs = 1_500;
    await Promise.all([sendToCrm(pageA), sendToCrm(pageB)]);
    const [doneA, doneB] = await Promise.all([settles(a.sid, 'authorized'), settles(b.sid, 'authorized')]);
    expect(doneA.createdAt).toBeLessThan(doneB.updatedAt);
    expect(doneB.createdAt).toBeLessThan(doneA.updatedAt);
    const { writes, submissions } = sites.crm.state;
    expect(writes).toHaveLength(2);
    expect(writes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ locationId: locA!.id, accountSid: a.sid, authToken: a.authToken }),
        expect.objectContaining({ locationId: locB!.id, accountSid: b.sid, authToken: b.authToken }),
      ]),
    );
    expect(submissions.map((s) => s.locationId).sort()).toEqual([locA!.id, locB!.id].sort());
    expect([doneA.submissions, doneB.submissions]).toEqual([1, 1]);
    ledger.push({ name: 'two handoffs at once (A)', faults: 0, writes: writes.filter((w) => w.locationId === locA!.id).length, submissions: 1, state: doneA.state });
    ledger.push({ name: 'two handoffs at once (B)', faults: 0, writes: writes.filter((w) => w.locationId === locB!.id).length, submissions: 1, state: doneB.state });
  });

  it('Send to CRM clicked twice quickly: one handoff, one submission', async () => {
    const name = 'Double Click Dental - Flint';
    const account = subaccount(name);
    const location = crmWith(name);
    const page = await consoleTab(account.sid);
    await until(async () => (await overlayButtons(page).catch(() => [])).some((b) => b.name === 'Send to CRM' && !b.disabled), Boolean, 'Send to CRM');
    // Both clicks are aimed before either lands: the second reaches the button before it shows the first.
    await Promise.all([clickOverlayButton(page, 'Send to CRM'), clickOverlayButton(page, 'Send to CRM')]);
    const done = await settles(account.sid, 'authorized');
    expect(await handoffsOf(account.sid)).toHaveLength(1);
    expectCrmRecord('Send to CRM clicked twice', 1, location, account, 1, 1, done);
  });

  it('the same account sent from two tabs at the same moment: one handoff, one submission', async () => {
    const name = 'Two Tabs Same Account - Kent';
    const account = subaccount(name);
    const location = crmWith(name);
    const [pageA, pageB] = await Promise.all([consoleWindow(account.sid), consoleWindow(account.sid)]);
    // A slow Twilio keeps the first handoff in flight even when one window's click lands later; a click
    // after it ended would rightly start a new one (a token update, a second write). The two real-mouse
    // clicks in two windows once landed about 3 s apart (writes 5.4 s apart) on the 2-core machine: 6 s
    // covers that and stays under the Twilio client's 10 s timeout.
    sites.api.switches.matchPath = ACCOUNT_PATH;
    sites.api.switches.delayMs = 6_000;
    await Promise.all([sendToCrm(pageA), sendToCrm(pageB)]);
    const done = await settles(account.sid, 'authorized');
    expect(await handoffsOf(account.sid)).toHaveLength(1);
    await Promise.all([waitForOverlayStatus(pageA, /Done/), waitForOverlayStatus(pageB, /Done/)]);
    expectCrmRecord('same account from two tabs at once', 1, location, account, 1, 1, done);
  });

  it('a second Send to CRM while one is in flight: the button waits, another tab joins the same handoff', async () => {
    const name = 'In Flight Vets - Gary';
    // The CRM holds the Authorize request long enough for a second console tab to open and send: a send
    // after the first handoff ended would rightly start a new one. 3 s was once too short with the
    // layout matrix running beside this file on the 2-core machine (two handoffs); 8 s stays under the
    // test build's 20 s watchdog.
    const { account, location, page } = await send(name, () => {
      sites.crm.switches.authorizeDelayMs = 8_000;
    });
    await handoffWhen(account.sid, 'a pending submission', (h) => h.state === 'submitting' && sites.crm.state.submissions.length === 1);
    const button = (await overlayButtons(page)).find((b) => b.name === 'Send to CRM');
    expect(button?.disabled).toBe(true);
    await clickOverlayButton(page, 'Send to CRM');
    const other = await consoleTab(account.sid);
    await sendToCrm(other);
    const done = await settles(account.sid, 'authorized');
    expect(await handoffsOf(account.sid)).toHaveLength(1);
    await waitForOverlayStatus(other, /Done/);
    expectCrmRecord('second Send to CRM while in flight', 1, location, account, 1, 1, done);
  });
});

describe('master mode', () => {
  it('the master account entered in the options page, remembered with a passphrase, connects a location from the bulk page: one write', async () => {
    const { master } = sites.api.state;
    // The search below looks for the master's token and for base64 of its SID:token, as for the sub-accounts'.
    tokensSeen.push({ sid: master.sid, token: master.authToken });
    const name = 'Master Mode Dental - Tulsa';
    const account = subaccount(name);
    const location = crmWith(name);
    const options = await ext.openExtensionPage('options.html');
    pages.push(options);
    await options.getByLabel('Master Account SID').fill(master.sid);
    await options.getByLabel('Master Auth Token').fill(master.authToken);
    await options.getByRole('checkbox', { name: /Remember on this computer/ }).check();
    await options.getByLabel('Passphrase', { exact: true }).fill('a passphrase of the test');
    await options.getByLabel('Passphrase again').fill('a passphrase of the test');
    await options.getByRole('button', { name: 'Connect master account' }).click();
    await options.getByText(/^Connected: /).waitFor({ timeout: 30_000 });
    await options.getByText('Saved on this computer, encrypted with your passphrase.').waitFor({ timeout: 30_000 });
    // The sealed copy is on disk (storage.local) for the profile search below: ciphertext, never the token.
    const sealed = (await ext.readStorage('local'))[MASTER_VAULT_KEY];
    expect(sealed).toBeDefined();
    expect(JSON.stringify(sealed)).not.toContain(master.authToken);

    const bulk = await ext.openExtensionPage('connect.html');
    pages.push(bulk);
    await bulk.getByRole('button', { name: 'Read the CRM and make the plan' }).click();
    await bulk.locator(`tr[data-location-id="${location.id}"][data-action="existing"]`).waitFor({ timeout: 60_000 });
    await bulk.getByRole('button', { name: 'Connect', exact: true }).click();
    await until(() => bulk.getByTestId('bulk-progress').textContent(), (text) => /^1 of 1 · 1 connected/.test(text ?? ''), 'the run to connect the location', 120_000, 500);
    const { writes } = sites.crm.state;
    expect(writes).toEqual([expect.objectContaining({ locationId: location.id, accountSid: account.sid, authToken: account.authToken })]);
    ledger.push({ name: 'master mode, bulk page', faults: 0, writes: writes.length, submissions: sites.crm.state.submissions.length, state: 'authorized' });
  });
});

describeAfterTheMatrix();
