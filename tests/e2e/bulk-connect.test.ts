import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStandIns, type StandIns } from '../stand-ins/start';
import { launchExtension, type ExtensionBrowser } from './harness';
import { until } from './support/flows';
import { unlockMaster } from './support/session';

/**
 * Bulk connect end to end (issue 12 item 3): production build, real Chromium, the stand-ins under
 * their real host names. The master account is unlocked the way the options page keeps it
 * (storage.session, written from an extension page); the CRM lists six locations, each a case of the
 * plan. The CRM backend must receive exactly the planned writes, each once, and the report no token.
 */
let sites: StandIns;
let ext: ExtensionBrowser;

beforeAll(async () => {
  sites = await startStandIns();
  ext = await launchExtension({ hostResolverRules: sites.hostResolverRules });
});

// Each case (and its retry) starts from the stand-ins as started: a retry must not meet the
// sub-accounts its first attempt created, two of one name being a case the plan skips.
beforeEach(() => {
  sites.api.reset();
  sites.crm.reset();
});

afterAll(async () => {
  await ext?.close();
  await sites?.close();
});

const rowOf = (page: Page, locationId: string) => page.locator(`tr[data-location-id="${locationId}"]`);

describe('bulk connect', () => {
  it('plans six locations as expected, connects the three it can, each once, and reports without a token', async () => {
    const { state } = sites.api;
    const acme = state.createAccount('Acme Dental - Austin');
    const bayside = state.createAccount('bayside pediatrics – TAMPA');
    const twins = [state.createAccount('Evergreen Law Group'), state.createAccount('Evergreen Law Group')];
    const cedarSid = 'AC' + 'c'.repeat(32);
    const locations = sites.crm.setLocations([
      { name: 'Acme Dental - Austin' },
      { name: 'Bayside Pediatrics - Tampa' },
      { name: 'Cedar Vet Clinic - Salem', sid: cedarSid },
      { name: 'Delta Spa - Reno', managedBy: 'lc-phone' },
      { name: 'Evergreen Law Group' },
      { name: 'Fern Clinic - Boise' },
    ]);
    const id = (name: string) => locations.find((l) => l.name.startsWith(name))!.id;

    const page = await ext.openExtensionPage('connect.html');
    await unlockMaster(page, sites.api.state.master);
    await page.getByRole('checkbox', { name: /Create missing sub-accounts/ }).check();
    await page.getByRole('button', { name: 'Read the CRM and make the plan' }).click();
    await rowOf(page, id('Fern')).waitFor({ timeout: 60_000 });

    const plan = Object.fromEntries(
      await Promise.all(locations.map(async (l) => [l.name, await rowOf(page, l.id).getAttribute('data-action')] as const)),
    );
    expect(plan).toEqual({
      'Acme Dental - Austin': 'existing',
      'Bayside Pediatrics - Tampa': 'existing',
      'Cedar Vet Clinic - Salem': 'skip',
      'Delta Spa - Reno': 'skip',
      'Evergreen Law Group': 'skip',
      'Fern Clinic - Boise': 'create',
    });
    await expect(rowOf(page, id('Cedar')).textContent()).resolves.toContain('Already connected');
    await expect(rowOf(page, id('Delta')).textContent()).resolves.toContain('LC Phone');
    await expect(rowOf(page, id('Evergreen')).textContent()).resolves.toContain('2 sub-accounts under the master have this name');
    expect(sites.crm.state.writes).toEqual([]);
    expect(state.listSubaccounts(state.master.sid).filter((a) => a.friendlyName === 'Fern Clinic - Boise')).toEqual([]);

    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await until(
      () => page.getByTestId('bulk-progress').textContent(),
      (text) => /^3 of 3 · 3 connected/.test(text ?? ''),
      'the run to connect three locations',
      180_000,
      500,
    );
    await page.getByText('Finished.').waitFor();

    const ferns = state.listSubaccounts(state.master.sid).filter((a) => a.friendlyName === 'Fern Clinic - Boise');
    expect(ferns).toHaveLength(1);
    const writes = sites.crm.state.writes.map((w) => ({ locationId: w.locationId, accountSid: w.accountSid, authToken: w.authToken }));
    expect(writes).toHaveLength(3);
    expect(writes).toEqual(
      expect.arrayContaining([
        { locationId: id('Acme'), accountSid: acme.sid, authToken: acme.authToken },
        { locationId: id('Bayside'), accountSid: bayside.sid, authToken: bayside.authToken },
        { locationId: id('Fern'), accountSid: ferns[0]!.sid, authToken: ferns[0]!.authToken },
      ]),
    );
    expect(sites.crm.state.submissions).toHaveLength(3);

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('button', { name: 'Download report (CSV)' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain(`Acme Dental - Austin,${id('Acme')},${acme.sid},connected`);
    expect(csv).toContain(`Fern Clinic - Boise,${id('Fern')},${ferns[0]!.sid},connected`);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(7);
    const secrets = [acme, bayside, ...twins, ferns[0]!, state.master].map((a) => a.authToken);
    for (const token of secrets) expect(csv).not.toContain(token);

    // Nothing of the run, nor any token, outside memory: storage.local and sync hold no token.
    const persisted = JSON.stringify([await ext.readStorage('local'), await ext.readStorage('sync')]);
    for (const token of secrets) expect(persisted).not.toContain(token);
    expect(persisted).toContain(ferns[0]!.sid);
  }, 300_000);

  it('a page reloaded and a service worker stopped mid-run: it resumes, and every location is written once', async () => {
    const { state } = sites.api;
    const names = ['Juniper Dental - Provo', 'Kestrel Vets - Ogden', 'Linden Physio - Logan', 'Mesa Chiro - Orem'];
    const accounts = names.map((name) => state.createAccount(name));
    const locations = sites.crm.setLocations(names.map((name) => ({ name })));
    // Slow enough Authorize answers that the stop lands while a handoff is under way.
    sites.crm.switches.authorizeDelayMs = 1_500;

    const page = await ext.openExtensionPage('connect.html');
    await unlockMaster(page, sites.api.state.master);
    await page.getByRole('button', { name: 'Start over' }).click();
    await page.getByRole('button', { name: 'Read the CRM and make the plan' }).click();
    await rowOf(page, locations[3]!.id).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await until(() => Promise.resolve(sites.crm.state.submissions.length), (n) => n >= 1, 'a first Authorize request', 120_000);

    await ext.stopServiceWorker();
    await page.reload();
    await until(
      () => page.getByTestId('bulk-progress').textContent(),
      (text) => /^4 of 4 · 4 connected/.test(text ?? ''),
      'the resumed run to connect all four locations',
      240_000,
      500,
    );
    const writes = sites.crm.state.writes.map((w) => `${w.locationId} ${w.accountSid}`).sort();
    expect(writes).toEqual(locations.map((l, i) => `${l.id} ${accounts[i]!.sid}`).sort());
  }, 360_000);
});
