import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { loadToken, saveToken, wipeToken } from '../handoff/store';
import { SealedPair } from './vault';

/**
 * The agency's master account for this browser session (issue 12 item 1), kept as the sub-accounts'
 * tokens are: the token in memory-backed storage.session (trusted contexts only) under the id
 * `master`, with an expiry the handoff store enforces on every read, and the same `expire:<id>`
 * alarm, which the background already answers by wiping it. Gone when the browser closes.
 */
export const MASTER_ID = 'master';
const MASTER_KEY = 'master-account';
/** Where "remember on this computer" keeps the sealed pair (storage.local, ciphertext only). */
export const MASTER_VAULT_KEY = 'master-vault';
export const MASTER_LIFETIME_MINUTES = 60;
/** expiryAlarm(MASTER_ID) of utils/background/handoffs.ts, the name utils/background/alarms.ts answers. */
export const MASTER_EXPIRY_ALARM = `expire:${MASTER_ID}`;

const MasterInfo = z.object({ sid: z.string(), friendlyName: z.string(), expiresAt: z.number() });
export type MasterInfo = z.infer<typeof MasterInfo>;

export interface MasterCredentials extends MasterInfo {
  token: string;
}

export async function keepMaster(info: Omit<MasterInfo, 'expiresAt'>, token: string, now = Date.now()): Promise<MasterInfo> {
  const stored: MasterInfo = { ...info, expiresAt: now + MASTER_LIFETIME_MINUTES * 60_000 };
  await saveToken(MASTER_ID, token, stored.expiresAt);
  await browser.storage.session.set({ [MASTER_KEY]: stored });
  await browser.alarms.create(MASTER_EXPIRY_ALARM, { when: stored.expiresAt });
  return stored;
}

/** What the pages show: the account and until when, or undefined once it expired or was locked. */
export async function masterInfo(now = Date.now()): Promise<MasterInfo | undefined> {
  return (await loadMaster(now))?.info;
}

/** For the work that calls Twilio as the master; undefined once it expired or was locked. */
export async function masterCredentials(now = Date.now()): Promise<MasterCredentials | undefined> {
  const loaded = await loadMaster(now);
  return loaded && { ...loaded.info, token: loaded.token };
}

/**
 * keepMaster writes the token before the info, so info without a token means it expired or was
 * locked (its leftover is removed); a token without info is a keepMaster half done, or another
 * reader's in between: left alone, never wiped (a reader must not undo a connect it raced with).
 */
async function loadMaster(now: number): Promise<{ info: MasterInfo; token: string } | undefined> {
  const info = MasterInfo.safeParse((await browser.storage.session.get(MASTER_KEY))[MASTER_KEY]);
  if (!info.success) return undefined;
  const token = await loadToken(MASTER_ID, now);
  if (!token) {
    await lockMaster();
    return undefined;
  }
  return { info: info.data, token };
}

export async function lockMaster(): Promise<void> {
  await wipeToken(MASTER_ID);
  await browser.storage.session.remove(MASTER_KEY);
  await browser.alarms.clear(MASTER_EXPIRY_ALARM);
}

export async function loadSealedMaster(): Promise<SealedPair | undefined> {
  const parsed = SealedPair.safeParse((await browser.storage.local.get(MASTER_VAULT_KEY))[MASTER_VAULT_KEY]);
  return parsed.success ? parsed.data : undefined;
}

export async function saveSealedMaster(sealed: SealedPair): Promise<void> {
  await browser.storage.local.set({ [MASTER_VAULT_KEY]: sealed });
}

export async function forgetSealedMaster(): Promise<void> {
  await browser.storage.local.remove(MASTER_VAULT_KEY);
}

/** True when a storage change concerns the master account (for live views). */
export const isMasterKey = (key: string): boolean => key === MASTER_KEY || key === MASTER_VAULT_KEY;
