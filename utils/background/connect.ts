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

/** pickSubaccount with the master unlocked in this browser session, or the words to unlock it. */
export async function subaccountForLocation(location: Pick<Location, 'name'>, options: PickOptions): Promise<SubaccountPick> {
  const master = await masterCredentials();
  if (!master) return { ok: false, message: connectText.locked };
  return pickSubaccount(createMasterClient({ sid: master.sid, token: master.token, pageSize: PAGE_SIZE }), location, options);
}
