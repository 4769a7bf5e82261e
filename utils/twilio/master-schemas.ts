import * as z from 'zod/mini';
import { AccountSid, AuthToken } from './credentials';
import { AccountStatus, IncomingPhoneNumber, TwilioAccount } from './schemas';

/**
 * The parts of Twilio's answers the master-account clients read (api.twilio.com 2010-04-01 and
 * accounts.twilio.com v1, checked against Twilio's specs by the stand-in's contract test). Kept
 * apart from schemas.ts so that the background, which never lists or creates sub-accounts, does not
 * load them. As there, undeclared keys are dropped: `auth_token` survives only in the schemas whose
 * purpose is to hand a token over (SubaccountCredentials, SecondaryAuthToken).
 */

/** One page of a list: its items and where the next page is (null on the last). */
const page = <S extends z.ZodMiniType>(key: string, item: S) =>
  z.pipe(
    z.object({ [key]: z.array(item), next_page_uri: z.nullable(z.string()) }),
    z.transform((wire) => ({ items: wire[key] as z.infer<S>[], nextPageUri: wire.next_page_uri as string | null })),
  );

/** Accounts.json: through TwilioAccount, so no account's token survives the listing. */
export const AccountPage = page('accounts', TwilioAccount);
export const IncomingPhoneNumberList = page('incoming_phone_numbers', IncomingPhoneNumber);

/** A sub-account as its parent fetches or creates it: the one account answer that keeps the token. */
export const SubaccountCredentials = z.pipe(
  z.object({
    sid: AccountSid,
    owner_account_sid: AccountSid,
    friendly_name: z.nullable(z.string()),
    status: AccountStatus,
    auth_token: AuthToken,
  }),
  z.transform((wire) => ({
    sid: wire.sid,
    ownerAccountSid: wire.owner_account_sid,
    friendlyName: wire.friendly_name,
    status: wire.status,
    /** The sub-account's primary Auth Token. */
    authToken: wire.auth_token,
  })),
);
export type SubaccountCredentials = z.infer<typeof SubaccountCredentials>;

/** POST /v1/AuthTokens/Secondary. */
export const SecondaryAuthToken = z.pipe(
  z.object({
    account_sid: AccountSid,
    secondary_auth_token: AuthToken,
    date_created: z.nullable(z.string()),
  }),
  z.transform((wire) => ({
    accountSid: wire.account_sid,
    secondaryToken: wire.secondary_auth_token,
    /** ISO 8601. */
    dateCreated: wire.date_created,
  })),
);
export type SecondaryAuthToken = z.infer<typeof SecondaryAuthToken>;

/** POST /v1/AuthTokens/Promote. Twilio echoes the promoted token; the caller already holds it, so it is dropped. */
export const AuthTokenPromotion = z.pipe(
  z.object({
    account_sid: AccountSid,
    date_updated: z.nullable(z.string()),
  }),
  z.transform((wire) => ({
    accountSid: wire.account_sid,
    /** ISO 8601. */
    dateUpdated: wire.date_updated,
  })),
);
export type AuthTokenPromotion = z.infer<typeof AuthTokenPromotion>;
