import { connectText } from '../../components/connect-text';
import type { Location } from '../handoff/types';
import { masterCredentials } from '../master/session';
import { normaliseName } from '../match';
import { createMasterClient, type TwilioMasterClient } from '../twilio/master';
import { TwilioApiError, type TwilioMasterOperation } from '../twilio/errors';

export type SubaccountPick = { ok: true; sid: string; token: string; created: boolean } | { ok: false; message: string };

export interface PickOptions {
  /** The admin asked beforehand for a sub-account to be created when none has the location's name. */
  create: boolean;
  /** The sub-account a plan chose: it must still be the one with that name, or nothing happens. */
  expectedSid?: string;
}

/**
 * The one sub-account under the master named like the location (names compared as matching does:
 * case, spacing, punctuation and accents aside), with its Auth Token. The whole list is read every
 * time, not Twilio's exact-name filter: "Acme Dental – Austin" must find "acme dental - austin", and
 * a second sub-account of that name appearing since a plan was made must stop it. None: created only
 * if asked; a create that was cut off is found by its name on the next try, never made twice.
 */
export async function pickSubaccount(
  client: Pick<TwilioMasterClient, 'listSubaccounts' | 'fetchSubaccountCredentials' | 'createSubaccount'>,
  location: Pick<Location, 'name'>,
  options: PickOptions,
): Promise<SubaccountPick> {
  const wanted = normaliseName(location.name);
  if (!wanted) return { ok: false, message: connectText.noName };
  try {
    const named = (await client.listSubaccounts()).filter((account) => normaliseName(account.friendlyName ?? '') === wanted);
    if (named.length > 1) return { ok: false, message: connectText.several(named.length, location.name) };
    const [only] = named;
    if (options.expectedSid !== undefined && only?.sid !== options.expectedSid) {
      return { ok: false, message: connectText.changed(location.name) };
    }
    if (only) {
      const credentials = await client.fetchSubaccountCredentials(only.sid);
      return { ok: true, sid: credentials.sid, token: credentials.authToken, created: false };
    }
    if (!options.create) return { ok: false, message: connectText.none(location.name) };
    const created = await client.createSubaccount(location.name.trim());
    return { ok: true, sid: created.sid, token: created.authToken, created: true };
  } catch (error) {
    if (error instanceof TwilioApiError) return { ok: false, message: connectText.twilio(error as TwilioApiError<TwilioMasterOperation>) };
    throw error;
  }
}

/** Most sub-accounts one list page brings (Twilio's maximum): one request for most agencies. */
const PAGE_SIZE = 1000;

/**
 * How long a pick made ahead of its ask may be used: a few locations' handoffs. Its token stays in
 * this worker's memory only, never stored, and is dropped when it is taken or this runs out.
 */
export const PREPARED_PICK_MS = 15_000;

interface PreparedPick {
  masterSid: string;
  name: string;
  expectedSid: string;
  pick: Promise<SubaccountPick>;
  timer: ReturnType<typeof setTimeout>;
}

/** Picks made ahead, by location id: at most one per location. */
const prepared = new Map<string, PreparedPick>();

function forgetPrepared(locationId: string): void {
  const entry = prepared.get(locationId);
  if (!entry) return;
  clearTimeout(entry.timer);
  prepared.delete(locationId);
}

/** Drops every pick made ahead (the master was found locked: none of them may be used). */
export function forgetPreparedPicks(): void {
  for (const id of [...prepared.keys()]) forgetPrepared(id);
}

/**
 * A bulk run's next location, picked while the CRM writes the one before it (a pick reads the whole
 * sub-account list: measured at 775 sub-accounts, 372 ms of a location's 1.48 s (medians) when it
 * waited its turn). Only the sub-account a plan chose is picked ahead, never created: a create happens when its
 * own row asks. The ask that takes it still checks that the master is unlocked, and picks again
 * unless this one found exactly the plan's sub-account.
 */
export async function preparePick(location: Pick<Location, 'id' | 'name'>, expectedSid: string): Promise<void> {
  const master = await masterCredentials();
  if (!master) return;
  forgetPrepared(location.id);
  const client = createMasterClient({ sid: master.sid, token: master.token, pageSize: PAGE_SIZE });
  // A failure here is only a pick the ask makes again, in its own turn, with its own words.
  const pick = pickSubaccount(client, location, { create: false, expectedSid }).catch((): SubaccountPick => ({ ok: false, message: '' }));
  const timer = setTimeout(() => forgetPrepared(location.id), PREPARED_PICK_MS);
  prepared.set(location.id, { masterSid: master.sid, name: location.name, expectedSid, pick, timer });
}

/** The pick made ahead for exactly this ask (same master, name and plan's sub-account), taken once. */
async function takePrepared(location: Pick<Location, 'id' | 'name'>, options: PickOptions, masterSid: string): Promise<SubaccountPick | undefined> {
  const entry = prepared.get(location.id);
  if (!entry) return undefined;
  forgetPrepared(location.id);
  if (entry.masterSid !== masterSid || entry.name !== location.name || entry.expectedSid !== options.expectedSid) return undefined;
  const pick = await entry.pick;
  return pick.ok && !pick.created ? pick : undefined;
}

/** pickSubaccount with the master unlocked in this browser session, or the words to unlock it. */
export async function subaccountForLocation(location: Pick<Location, 'id' | 'name'>, options: PickOptions): Promise<SubaccountPick> {
  const master = await masterCredentials();
  if (!master) {
    forgetPreparedPicks();
    return { ok: false, message: connectText.locked };
  }
  const ready = await takePrepared(location, options, master.sid);
  if (ready) return ready;
  return pickSubaccount(createMasterClient({ sid: master.sid, token: master.token, pageSize: PAGE_SIZE }), location, options);
}
