import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onAlarm } from '../../utils/background/alarms';
import { expiryAlarm } from '../../utils/background/handoffs';
import { keepMaster, lockMaster, MASTER_EXPIRY_ALARM, MASTER_ID, MASTER_LIFETIME_MINUTES, masterCredentials, masterInfo } from '../../utils/master/session';

const SID = 'AC' + '1'.repeat(32);
const TOKEN = '0123456789abcdef'.repeat(2);
const NOW = 1_800_000_000_000;

beforeEach(() => fakeBrowser.reset());

describe('the master account for the session', () => {
  it('is kept in storage.session only, with its expiry and the alarm that wipes it', async () => {
    await keepMaster({ sid: SID, friendlyName: 'Agency Main' }, TOKEN, NOW);
    const expiresAt = NOW + MASTER_LIFETIME_MINUTES * 60_000;
    expect(await masterCredentials(NOW)).toEqual({ sid: SID, friendlyName: 'Agency Main', expiresAt, token: TOKEN });
    expect(await masterInfo(NOW)).toEqual({ sid: SID, friendlyName: 'Agency Main', expiresAt });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
    expect(JSON.stringify(await fakeBrowser.storage.sync.get(null))).not.toContain(TOKEN);
    expect(await fakeBrowser.alarms.get(MASTER_EXPIRY_ALARM)).toMatchObject({ scheduledTime: expiresAt });
    expect(MASTER_EXPIRY_ALARM).toBe(expiryAlarm(MASTER_ID));
  });

  it('is gone once its time is up, even before the alarm fires', async () => {
    await keepMaster({ sid: SID, friendlyName: '' }, TOKEN, NOW);
    const later = NOW + MASTER_LIFETIME_MINUTES * 60_000;
    expect(await masterCredentials(later)).toBeUndefined();
    expect(await masterInfo(NOW)).toBeUndefined();
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain(TOKEN);
  });

  it('the background’s expiry alarm wipes it', async () => {
    await keepMaster({ sid: SID, friendlyName: '' }, TOKEN);
    await onAlarm(MASTER_EXPIRY_ALARM);
    expect(await masterCredentials()).toBeUndefined();
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain(TOKEN);
  });

  it('a reader that finds the token before the info (a connect under way) leaves the token alone', async () => {
    await fakeBrowser.storage.session.set({ 'token:master': { token: TOKEN, expiresAt: NOW + 60_000 } });
    expect(await masterCredentials(NOW)).toBeUndefined();
    await fakeBrowser.storage.session.set({ 'master-account': { sid: SID, friendlyName: '', expiresAt: NOW + 60_000 } });
    expect((await masterCredentials(NOW))?.token).toBe(TOKEN);
  });

  it('locking forgets it and its alarm', async () => {
    await keepMaster({ sid: SID, friendlyName: '' }, TOKEN);
    await lockMaster();
    expect(await masterCredentials()).toBeUndefined();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(await fakeBrowser.alarms.get(MASTER_EXPIRY_ALARM)).toBeFalsy();
  });
});
