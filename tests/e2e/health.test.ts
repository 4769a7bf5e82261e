import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MATRIX_LAYOUT, layoutSwitches } from '../stand-ins/crm/layouts';
import { startStandIns, type StandIns } from '../stand-ins/start';
import { launchExtension, type ExtensionBrowser } from './harness';
import { until } from './support/flows';
import { unlockMaster } from './support/session';

/**
 * The health page end to end (issue 12 item 4): production build, real Chromium, the stand-ins under
 * their real host names. The CRM's table holds one location per finding; the page must read each as
 * it is (a masked SID is "not shown", never "not connected"), and its fixes must do what they say:
 * Reactivate makes Twilio's account active, Connect starts the usual handoff, nothing else is written.
 */
let sites: StandIns;
let ext: ExtensionBrowser;

beforeAll(async () => {
  sites = await startStandIns();
  ext = await launchExtension({ hostResolverRules: sites.hostResolverRules });
});

afterAll(async () => {
  await ext?.close();
  await sites?.close();
});

const rowOf = (page: Page, locationId: string) => page.locator(`tr[data-location-id="${locationId}"]`);

describe('Twilio health', () => {
  it('reads every location as it is, filters by finding, and each fix does what it says', async () => {
    const { state } = sites.api;
    const acme = state.createAccount('Acme Dental - Austin');
    state.addPhoneNumber(acme.sid, '+15125550131');
    const bayside = state.createAccount('Bayside Pediatrics - Tampa');
    state.addPhoneNumber(bayside.sid, '+15125550132');
    state.setStatus(bayside.sid, 'suspended');
    const cedar = state.createAccount('Cedar Vet Clinic - Salem');
    state.setStatus(cedar.sid, 'closed');
    const delta = state.createAccount('Delta Spa - Reno');
    state.createAccount('Fern Clinic - Boise');
    const foreign = 'AC' + 'e'.repeat(32);
    const locations = sites.crm.setLocations([
      { name: 'Acme Dental - Austin', sid: acme.sid },
      { name: 'Bayside Pediatrics - Tampa', sid: bayside.sid },
      { name: 'Cedar Vet Clinic - Salem', sid: cedar.sid },
      { name: 'Delta Spa - Reno', sid: delta.sid },
      { name: 'Elm Street Dental', sid: acme.sid },
      { name: 'Fern Clinic - Boise' },
      { name: 'Grove Law', sid: foreign },
      { name: 'Harbor Chiro', sid: state.master.sid },
      { name: 'Iris Optics', managedBy: 'lc-phone' },
    ]);
    const id = (name: string) => locations.find((l) => l.name.startsWith(name))!.id;

    const page = await ext.openExtensionPage('health.html');
    await unlockMaster(page, sites.api.state.master);
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByTestId('health-summary').waitFor({ timeout: 60_000 });
    await page.getByLabel('Show').selectOption('all');

    const problems = Object.fromEntries(
      await Promise.all(locations.map(async (l) => [l.name, await rowOf(page, l.id).getAttribute('data-problems')] as const)),
    );
    expect(problems).toEqual({
      'Acme Dental - Austin': 'shared',
      'Bayside Pediatrics - Tampa': 'suspended',
      'Cedar Vet Clinic - Salem': 'closed',
      'Delta Spa - Reno': 'no-numbers',
      'Elm Street Dental': 'shared other-name',
      'Fern Clinic - Boise': 'not-connected',
      'Grove Law': 'not-ours',
      'Harbor Chiro': 'master-sid',
      'Iris Optics': '',
    });
    await expect(page.getByTestId('health-summary').textContent()).resolves.toContain('9 locations: 0 healthy, 8 with something to look at, 1 on LC Phone.');
    await expect(rowOf(page, id('Acme')).textContent()).resolves.toContain('active · 1 number');
    await expect(rowOf(page, id('Harbor')).textContent()).resolves.toContain('master Account SID');

    // The filter narrows to one finding.
    await page.getByLabel('Show').selectOption({ label: 'Suspended sub-account (1)' });
    await until(() => page.locator('tbody tr').count(), (n) => n === 1, 'the filter to leave one row', 10_000, 100);

    // Reactivate: Twilio's account is active again, and the row says so.
    await rowOf(page, id('Bayside')).getByRole('button', { name: 'Reactivate the sub-account of Bayside Pediatrics - Tampa' }).click();
    await rowOf(page, id('Bayside')).getByText('Reactivated.', { exact: true }).waitFor();
    // The row stays in view with what happened, its finding gone.
    await until(() => rowOf(page, id('Bayside')).getAttribute('data-problems'), (p) => p === '', 'Bayside’s finding to go', 10_000, 100);
    expect(state.listSubaccounts(state.master.sid).find((a) => a.sid === bayside.sid)?.status).toBe('active');

    // Move numbers… opens the options page's section with the sub-account chosen.
    await page.getByLabel('Show').selectOption('all');
    // A test text from a healthy row's own number, to the admin's phone, sent once.
    await rowOf(page, id('Acme')).getByRole('button', { name: 'Send a test text from the sub-account of Acme Dental - Austin' }).click();
    const form = rowOf(page, id('Acme')).getByRole('form', { name: 'Send a test text from the sub-account of Acme Dental - Austin' });
    await form.getByLabel('To (your phone, in +1… form)').fill('+15125550199');
    await form.getByRole('button', { name: 'Send the test text' }).click();
    await form.getByText(/Twilio took the text to \+15125550199/).waitFor();
    expect(state.listMessages(acme.sid).map((m) => ({ from: m.from, to: m.to }))).toEqual([{ from: '+15125550131', to: '+15125550199' }]);

    await expect(rowOf(page, id('Delta')).getByRole('link', { name: 'Move numbers…' }).getAttribute('href')).resolves.toBe(`/options.html?to=${delta.sid}#move-numbers`);

    // Connect a location that holds nothing: the usual handoff, one write of Fern's own pair.
    await rowOf(page, id('Fern')).getByRole('button', { name: 'Connect Fern Clinic - Boise' }).click();
    await rowOf(page, id('Fern')).getByText(/Started/).waitFor({ timeout: 60_000 });
    const fern = state.listSubaccounts(state.master.sid).find((a) => a.friendlyName === 'Fern Clinic - Boise')!;
    await until(() => Promise.resolve(sites.crm.state.writes.length), (n) => n >= 1, 'the CRM to receive Fern’s credentials', 120_000, 500);
    expect(sites.crm.state.writes.map((w) => ({ locationId: w.locationId, accountSid: w.accountSid, authToken: w.authToken }))).toEqual([
      { locationId: id('Fern'), accountSid: fern.sid, authToken: fern.authToken },
    ]);

    // Checked again: Fern is healthy now (its numbers aside), Bayside no longer suspended.
    await page.getByRole('button', { name: 'Check again' }).click();
    await until(() => rowOf(page, id('Fern')).getAttribute('data-problems'), (p) => p === 'no-numbers', 'Fern’s row after the check', 60_000, 250);
    await expect(rowOf(page, id('Bayside')).getAttribute('data-problems')).resolves.toBe('');

    // The report is kept without a token.
    const persisted = JSON.stringify(await ext.readStorage('local'));
    expect(persisted).toContain('health-report');
    for (const account of [acme, bayside, cedar, delta, fern, state.master]) expect(persisted).not.toContain(account.authToken);
  }, 300_000);

  it('a table that masks its SIDs: each connected row is "not shown", never judged, and nothing is written', async () => {
    const { state } = sites.api;
    sites.crm.reset();
    const kept = state.createAccount('Juniper Dental - Provo');
    state.addPhoneNumber(kept.sid, '+15125550141');
    const { layoutMatrix } = layoutSwitches({ ...DEFAULT_MATRIX_LAYOUT, sidDisplay: 'masked-2-6' });
    sites.crm.switches.layoutMatrix = layoutMatrix;
    // Layouts are page-load switches: the CRM tab the first check opened goes, and the next check opens one.
    for (const open of ext.context.pages()) if (open.url().includes('gohighlevel')) await open.close();
    const locations = sites.crm.setLocations([
      { name: 'Juniper Dental - Provo', sid: kept.sid },
      { name: 'Kestrel Vets - Ogden', sid: state.master.sid },
      { name: 'Linden Physio - Logan' },
    ]);

    const page = await ext.openExtensionPage('health.html');
    await unlockMaster(page, sites.api.state.master);
    await page.getByRole('button', { name: /Check (now|again)/ }).click();
    await until(() => page.getByTestId('health-summary').textContent(), (t) => /^3 locations/.test(t ?? ''), 'the new report', 60_000, 250);
    await page.getByLabel('Show').selectOption('all');
    const problems = await Promise.all(locations.map((l) => rowOf(page, l.id).getAttribute('data-problems')));
    expect(problems).toEqual(['sid-hidden', 'sid-hidden', 'not-connected']);
    await expect(rowOf(page, locations[1]!.id).textContent()).resolves.toContain('does not show this location’s Account SID in full');
    expect(sites.crm.state.writes).toEqual([]);
  }, 180_000);
});
