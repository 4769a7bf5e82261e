import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { AccountSid } from './twilio/credentials';

/**
 * The agency's own Twilio accounts (issue 11 item 9): the master accounts its sub-accounts belong to.
 * Once the admin names at least one, a pair whose account belongs to any other Twilio account is
 * refused before the CRM is touched: someone else's valid sub-account, named like one of the
 * agency's locations, can no longer be written into it. The list is the admin's (options page);
 * connecting the master account adds its SID. No secret: SIDs only, in storage.local.
 */
export const AGENCY_ACCOUNTS_KEY = 'agencyAccounts';
const MAX_ACCOUNTS = 50;
const AgencyAccounts = z.array(AccountSid).check(z.maxLength(MAX_ACCOUNTS));

export async function loadAgencyAccounts(): Promise<string[]> {
  const parsed = AgencyAccounts.safeParse((await browser.storage.local.get(AGENCY_ACCOUNTS_KEY))[AGENCY_ACCOUNTS_KEY]);
  return parsed.success ? parsed.data : [];
}

export async function addAgencyAccount(sid: string): Promise<string[]> {
  const current = await loadAgencyAccounts();
  if (current.includes(sid)) return current;
  const next = AgencyAccounts.parse([...current, sid]);
  await browser.storage.local.set({ [AGENCY_ACCOUNTS_KEY]: next });
  return next;
}

export async function removeAgencyAccount(sid: string): Promise<string[]> {
  const next = (await loadAgencyAccounts()).filter((known) => known !== sid);
  await browser.storage.local.set({ [AGENCY_ACCOUNTS_KEY]: next });
  return next;
}

/** Whether the account may go to the CRM: any, until the admin names the agency's accounts. */
export function belongsToAgency(ownerAccountSid: string, agencyAccounts: readonly string[]): boolean {
  return agencyAccounts.length === 0 || agencyAccounts.includes(ownerAccountSid);
}
