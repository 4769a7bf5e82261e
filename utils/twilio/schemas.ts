import * as z from 'zod/mini';
import { AccountSid } from './credentials';

/**
 * The parts of Twilio's REST responses the extension reads (api.twilio.com 2010-04-01, checked
 * against Twilio's OpenAPI spec by tests/stand-ins/twilio-api/contract.test.ts). Each schema reads
 * Twilio's snake_case and gives our camelCase object. Undeclared keys are dropped, and the Account
 * schema never lets `auth_token` through: Twilio echoes the token in every Account response.
 */

export const AccountStatus = z.enum(['active', 'suspended', 'closed']);
export type AccountStatus = z.infer<typeof AccountStatus>;

export const TwilioAccount = z.pipe(
  z.object({
    sid: AccountSid,
    // Declared nullable by the spec, but DESIGN.md's sub-account test (owner != sid) needs it: an
    // answer without it is refused rather than guessed about.
    owner_account_sid: AccountSid,
    friendly_name: z.nullable(z.string()),
    status: AccountStatus,
    // i18n-ignore: Twilio's own values.
    type: z.enum(['Trial', 'Full']),
    date_created: z.nullable(z.string()),
    date_updated: z.nullable(z.string()),
  }),
  z.transform((wire) => ({
    sid: wire.sid,
    ownerAccountSid: wire.owner_account_sid,
    friendlyName: wire.friendly_name,
    status: wire.status,
    type: wire.type,
    /** RFC 2822, as Twilio writes dates. */
    dateCreated: wire.date_created,
    dateUpdated: wire.date_updated,
    /** A master (parent) account owns itself; a sub-account is owned by its parent. */
    isSubaccount: wire.owner_account_sid !== wire.sid,
  })),
);
export type TwilioAccount = z.infer<typeof TwilioAccount>;

const Capabilities = z.object({
  sms: z.optional(z.boolean()),
  voice: z.optional(z.boolean()),
  mms: z.optional(z.boolean()),
});

export const IncomingPhoneNumber = z.pipe(
  z.object({
    sid: z.string(),
    account_sid: z.nullable(z.string()),
    phone_number: z.string(),
    friendly_name: z.nullable(z.string()),
    capabilities: z.nullable(Capabilities),
  }),
  z.transform((wire) => ({
    sid: wire.sid,
    accountSid: wire.account_sid,
    /** E.164. */
    phoneNumber: wire.phone_number,
    friendlyName: wire.friendly_name,
    sms: wire.capabilities?.sms === true,
    voice: wire.capabilities?.voice === true,
  })),
);
export type IncomingPhoneNumber = z.infer<typeof IncomingPhoneNumber>;

export const IncomingPhoneNumberPage = z.pipe(
  z.object({
    incoming_phone_numbers: z.array(IncomingPhoneNumber),
    next_page_uri: z.nullable(z.string()),
    page: z.number(),
    page_size: z.number(),
  }),
  z.transform((wire) => ({
    numbers: wire.incoming_phone_numbers,
    /** More numbers exist beyond this page. */
    hasMore: wire.next_page_uri !== null,
    page: wire.page,
    pageSize: wire.page_size,
  })),
);
export type IncomingPhoneNumberPage = z.infer<typeof IncomingPhoneNumberPage>;

export const TwilioMessage = z.pipe(
  z.object({
    sid: z.string(),
    account_sid: z.nullable(z.string()),
    to: z.nullable(z.string()),
    from: z.nullable(z.string()),
    status: z.string(),
    error_code: z.nullable(z.number()),
    error_message: z.nullable(z.string()),
    date_created: z.nullable(z.string()),
  }),
  z.transform((wire) => ({
    sid: wire.sid,
    accountSid: wire.account_sid,
    to: wire.to,
    from: wire.from,
    /** queued, sending, sent, failed, delivered, undelivered, ... */
    status: wire.status,
    errorCode: wire.error_code,
    errorMessage: wire.error_message,
    dateCreated: wire.date_created,
  })),
);
export type TwilioMessage = z.infer<typeof TwilioMessage>;

/** Twilio's error body: `{code, message, more_info, status}`. */
export const TwilioErrorBody = z.object({
  code: z.number(),
  message: z.string(),
  more_info: z.optional(z.nullable(z.string())),
  status: z.optional(z.number()),
});
export type TwilioErrorBody = z.infer<typeof TwilioErrorBody>;
