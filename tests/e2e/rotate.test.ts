import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIns, type StandIns } from '../stand-ins/start';
import { rawClient } from '../stand-ins/twilio-api/raw-client';
import { launchExtension, type ExtensionBrowser } from './harness';
import { until } from './support/flows';
import { unlockMaster } from './support/session';
import { grantedBuild, type GrantedBuild } from './support/white-label';

/**
 * Token rotation end to end: the production build in real Chromium on the bulk connect page, the
 * stand-ins under their real host names (api.twilio.com, accounts.twilio.com, the CRM). Headless
 * Chromium never answers the permission prompt, so the build is a test copy whose manifest already
 * grants accounts.twilio.com (`request` then resolves at once, as after the admin's Allow); the
 * refusal is tested with the fake browser (tests/unit/rotate-plan.test.tsx).
 */
let sites: StandIns;
let ext: ExtensionBrowser;
let build: GrantedBuild;

beforeAll(async () => {
  sites = await startStandIns();
  build = grantedBuild(['accounts.twilio.com']);
  ext = await launchExtension({ hostResolverRules: sites.hostResolverRules, extensionDir: build.dir });
});

afterAll(async () => {
  await ext?.close();
  await sites?.close();
  build?.remove();
});

const rowOf = (page: Page, locationId: string) => page.locator(`tr[data-rotate-location-id="${locationId}"]`);

describe('token rotation', () => {
  it('rotates one connected location: the CRM holds the new token, now the primary, and the old one is refused', async () => {
    const { state } = sites.api;
    const harbor = state.createAccount('Harbor Dental - Mobile');
    const oldToken = harbor.authToken;
    const foreignSid = 'AC' + 'd'.repeat(32);
    // The location was renamed in the CRM since it was connected: it is found by the SID it holds.
    const locations = sites.crm.setLocations([
      { name: 'Harbor Dental (Mobile, AL)', sid: harbor.sid, managedBy: 'twilio' },
      { name: 'Ivy Vets - Dothan' },
      { name: 'Juniper Law - Selma', sid: foreignSid, managedBy: 'twilio' },
    ]);
    const [harborRow, ivyRow, juniperRow] = locations.map((l) => l.id) as [string, string, string];

    const page = await ext.openExtensionPage('connect.html');
    await unlockMaster(page, sites.api.state.master);
    await page.getByRole('button', { name: 'Read connected locations' }).click();
    await rowOf(page, juniperRow).waitFor({ timeout: 60_000 });
    await page.getByText('1 can be rotated, 2 cannot.').waitFor();
    await expect(rowOf(page, ivyRow).textContent()).resolves.toContain('Not connected');
    await expect(rowOf(page, juniperRow).textContent()).resolves.toContain('not one of the master account’s sub-accounts');
    await expect(rowOf(page, ivyRow).getByRole('button').count()).resolves.toBe(0);
    expect(sites.crm.state.writes).toEqual([]);

    const before = sites.api.requests.length;
    await rowOf(page, harborRow).getByRole('button', { name: 'Rotate Harbor Dental (Mobile, AL)' }).click();
    await until(
      () => page.getByTestId('rotate-progress').textContent(),
      (text) => /^1 of 1 · 1 rotated/.test(text ?? ''),
      'the rotation of one location',
      180_000,
      500,
    );
    await page.getByText('Finished.').waitFor();
    const row = rowOf(page, harborRow);
    await expect(row.getAttribute('data-state')).resolves.toBe('done');
    await expect(row.textContent()).resolves.toContain('The CRM holds the new token, now the primary; the old token no longer works.');

    // The CRM took one write: this SID with a new token, which Twilio now has as the primary.
    const writes = sites.crm.state.writes.map((w) => ({ locationId: w.locationId, accountSid: w.accountSid, authToken: w.authToken }));
    expect(writes).toHaveLength(1);
    const newToken = writes[0]!.authToken;
    expect(writes[0]).toEqual({ locationId: harborRow, accountSid: harbor.sid, authToken: newToken });
    expect(newToken).not.toBe(oldToken);
    expect(state.findAccount(harbor.sid)!.authToken).toBe(newToken);
    expect(state.secondaryToken(harbor.sid)).toBeUndefined();

    // Twilio's API (the stand-in) refuses the old token and accepts the one the CRM holds.
    const api = rawClient(sites.api);
    const path = `/2010-04-01/Accounts/${harbor.sid}.json`;
    expect((await api({ path, auth: { sid: harbor.sid, token: oldToken } })).status).toBe(401);
    expect((await api({ path, auth: { sid: harbor.sid, token: newToken } })).status).toBe(200);

    // At accounts.twilio.com, as the sub-account: one secondary made, one promotion, nothing deleted.
    const rotation = sites.api.requests.slice(before).filter((r) => r.host === 'accounts.twilio.com');
    expect(rotation.map((r) => [r.method, r.path, r.authSid, r.status])).toEqual([
      ['POST', '/v1/AuthTokens/Secondary', harbor.sid, 201],
      ['POST', '/v1/AuthTokens/Promote', harbor.sid, 200],
    ]);

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Download rotation report (CSV)' }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain(`"Harbor Dental (Mobile, AL)",${harborRow},${harbor.sid},rotated`);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(4);
    const secrets = [oldToken, newToken, state.master.authToken];
    for (const token of secrets) expect(csv).not.toContain(token);

    // No token outside memory, and none left in memory by the rotation once it is done.
    const persisted = JSON.stringify([await ext.readStorage('local'), await ext.readStorage('sync')]);
    for (const token of secrets) expect(persisted).not.toContain(token);
    expect(persisted).toContain(harbor.sid);
    expect(Object.keys(await ext.readStorage('session')).filter((key) => key.startsWith('token:rotate:'))).toEqual([]);
    expect(await page.content()).not.toContain(newToken);
  }, 300_000);

  it('a promotion Twilio refuses leaves both tokens working and the CRM on the new one; Retry finishes it', async () => {
    const { state } = sites.api;
    const kestrel = state.createAccount('Kestrel Vets - Ogden');
    const oldToken = kestrel.authToken;
    sites.crm.reset();
    const [location] = sites.crm.setLocations([{ name: 'Kestrel Vets - Ogden', sid: kestrel.sid, managedBy: 'twilio' }]);
    const page = await ext.openExtensionPage('connect.html');
    await page.getByRole('button', { name: 'Read connected locations' }).click();
    await page.getByText('1 can be rotated, 0 cannot.').waitFor({ timeout: 60_000 });

    // One server error, for the promotion only (a POST is never repeated by itself).
    Object.assign(sites.api.switches, { serverError: 1, serverErrorStatus: 500, matchPath: /\/v1\/AuthTokens\/Promote$/ });
    await page.getByRole('button', { name: 'Rotate Kestrel Vets - Ogden' }).click();
    const row = rowOf(page, location!.id);
    await until(() => row.getAttribute('data-state'), (s) => s === 'stopped', 'the row to stop at the promotion', 180_000, 500);
    await expect(row.textContent()).resolves.toContain('The CRM holds the new token, but promoting it failed');
    await expect(row.textContent()).resolves.toContain('Both tokens still work and nothing was promoted. Press Retry to promote it.');

    const newToken = sites.crm.state.writes.at(-1)!.authToken;
    expect(sites.crm.state.writes.map((w) => [w.locationId, w.accountSid])).toEqual([[location!.id, kestrel.sid]]);
    const api = rawClient(sites.api);
    const path = `/2010-04-01/Accounts/${kestrel.sid}.json`;
    expect((await api({ path, auth: { sid: kestrel.sid, token: oldToken } })).status).toBe(200);
    expect((await api({ path, auth: { sid: kestrel.sid, token: newToken } })).status).toBe(200);
    expect(state.secondaryToken(kestrel.sid)?.token).toBe(newToken);

    await row.getByRole('button', { name: 'Retry Kestrel Vets - Ogden' }).click();
    await until(() => row.getAttribute('data-state'), (s) => s === 'done', 'the retried promotion', 120_000, 500);
    // Promoted once, with the same token: no second secondary, no second CRM write.
    expect(state.findAccount(kestrel.sid)!.authToken).toBe(newToken);
    expect(sites.crm.state.writes).toHaveLength(1);
    expect(sites.api.requests.filter((r) => r.host === 'accounts.twilio.com' && r.path === '/v1/AuthTokens/Secondary' && r.authSid === kestrel.sid)).toHaveLength(1);
    expect((await api({ path, auth: { sid: kestrel.sid, token: oldToken } })).status).toBe(401);
  }, 300_000);
});
