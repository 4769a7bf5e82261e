import type { TwilioAccountRecord, TwilioPhoneNumberRecord } from '../types';
import { faults } from './errors';
import type { PhoneNumberTies, SecondaryTokenRecord, TwilioMessageRecord } from './state';

/**
 * Resources as api.twilio.com renders them: snake_case, every property the OpenAPI spec declares
 * (nulls included), URIs relative to https://api.twilio.com, dates in RFC 2822 ("Thu, 30 Jul 2015
 * 20:00:00 +0000"). contract.test.ts holds these to the spec in tests/fixtures/twilio-oai/.
 */
export const API_VERSION = '2010-04-01';
const BASE = `/${API_VERSION}`;

export function rfc2822(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

const ACCOUNT_SUBRESOURCES: Array<[string, string]> = [
  ['available_phone_numbers', 'AvailablePhoneNumbers'],
  ['calls', 'Calls'],
  ['conferences', 'Conferences'],
  ['incoming_phone_numbers', 'IncomingPhoneNumbers'],
  ['notifications', 'Notifications'],
  ['outgoing_caller_ids', 'OutgoingCallerIds'],
  ['recordings', 'Recordings'],
  ['transcriptions', 'Transcriptions'],
  ['addresses', 'Addresses'],
  ['signing_keys', 'SigningKeys'],
  ['connect_apps', 'ConnectApps'],
  ['sip', 'SIP'],
  ['authorized_connect_apps', 'AuthorizedConnectApps'],
  ['usage', 'Usage'],
  ['keys', 'Keys'],
  ['applications', 'Applications'],
  ['short_codes', 'SMS/ShortCodes'],
  ['queues', 'Queues'],
  ['messages', 'Messages'],
  ['balance', 'Balance'],
];

const accountUri = (sid: string) => `${BASE}/Accounts/${sid}.json`;

/**
 * Twilio returns the auth_token on create and fetch alike, to the account's own credentials and to
 * its parent's (routes.ts lets nobody else fetch an account); the extension must drop it. The spec
 * says only "This token should be kept a secret" and makes it nullable (API-key callers get none).
 */
export function accountJson(account: TwilioAccountRecord) {
  return {
    auth_token: account.authToken,
    date_created: rfc2822(account.dateCreated),
    date_updated: rfc2822(account.dateUpdated),
    friendly_name: account.friendlyName,
    owner_account_sid: account.ownerAccountSid,
    sid: account.sid,
    status: account.status,
    subresource_uris: Object.fromEntries(
      ACCOUNT_SUBRESOURCES.map(([key, path]) => [key, `${BASE}/Accounts/${account.sid}/${path}.json`]),
    ),
    type: account.type,
    uri: accountUri(account.sid),
  };
}

export function phoneNumberJson(number: TwilioPhoneNumberRecord, ties: PhoneNumberTies = {}) {
  return {
    account_sid: number.accountSid,
    address_requirements: 'none',
    address_sid: null,
    api_version: API_VERSION,
    beta: false,
    capabilities: { voice: true, sms: true, mms: true, fax: false },
    date_created: rfc2822(number.dateCreated),
    date_updated: rfc2822(number.dateUpdated),
    emergency_status: 'Inactive',
    emergency_address_sid: null,
    emergency_address_status: 'unregistered',
    friendly_name: number.friendlyName,
    identity_sid: null,
    origin: 'twilio',
    phone_number: number.phoneNumber,
    sid: number.sid,
    sms_application_sid: null,
    sms_fallback_method: 'POST',
    sms_fallback_url: '',
    sms_method: 'POST',
    sms_url: '',
    status_callback: '',
    status_callback_method: 'POST',
    trunk_sid: null,
    uri: `${BASE}/Accounts/${number.accountSid}/IncomingPhoneNumbers/${number.sid}.json`,
    voice_application_sid: null,
    voice_caller_id_lookup: false,
    voice_fallback_method: 'POST',
    voice_fallback_url: '',
    voice_method: 'POST',
    voice_url: '',
    bundle_sid: ties.bundleSid ?? null,
    voice_receive_mode: 'voice',
    status: 'in-use',
    type: 'local',
  };
}

export function messageJson(message: TwilioMessageRecord) {
  const uri = `${BASE}/Accounts/${message.accountSid}/Messages/${message.sid}`;
  return {
    account_sid: message.accountSid,
    api_version: API_VERSION,
    body: message.body,
    date_created: rfc2822(message.dateCreated),
    date_sent: null,
    date_updated: rfc2822(message.dateCreated),
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: message.from,
    messaging_service_sid: null,
    // GSM-7 fits 160 characters per single segment, 153 per part once split.
    num_media: '0',
    num_segments: String(message.body.length <= 160 ? 1 : Math.ceil(message.body.length / 153)),
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: 'queued',
    subresource_uris: { media: `${uri}/Media.json` },
    to: message.to,
    uri: `${uri}.json`,
  };
}

/** accounts.twilio.com writes ISO 8601 UTC dates without fractions ("2015-07-31T04:00:00Z"). */
function iso8601(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const ACCOUNTS_ORIGIN = 'https://accounts.twilio.com';

/** POST /v1/AuthTokens/Secondary: the one answer that carries the new secondary token. */
export function secondaryTokenJson(accountSid: string, secondary: SecondaryTokenRecord) {
  return {
    account_sid: accountSid,
    date_created: iso8601(secondary.dateCreated),
    date_updated: iso8601(secondary.dateCreated),
    secondary_auth_token: secondary.token,
    // Absolute, as the spec's examples write it (its description says relative).
    url: `${ACCOUNTS_ORIGIN}/v1/AuthTokens/Secondary`,
  };
}

/** POST /v1/AuthTokens/Promote: the promoted token, now the primary. */
export function promotionJson(accountSid: string, promoted: SecondaryTokenRecord, now: Date) {
  return {
    account_sid: accountSid,
    auth_token: promoted.token,
    date_created: iso8601(promoted.dateCreated),
    date_updated: iso8601(now),
    url: `${ACCOUNTS_ORIGIN}/v1/AuthTokens/Promote`,
  };
}

export interface PageRequest {
  /** The list path, e.g. /2010-04-01/Accounts.json. */
  path: string;
  /** Filters as the client sent them, kept in every page URI. */
  filters: Array<[string, string]>;
  pageSize: number;
  page: number;
  /** Twilio's opaque paging token: PA<sid> = after that item, PB<sid> = before it. */
  pageToken: string | null;
}

/**
 * One page of a list the way Twilio pages: `page`, `page_size`, `start`, `end`, and URIs for the
 * first, previous and next pages (next/previous null at the ends), the item key named per resource.
 */
export function pageJson<T extends { sid: string }>(
  key: string,
  items: T[],
  request: PageRequest,
  render: (item: T) => unknown,
) {
  const { pageSize } = request;
  let startIndex = request.page * pageSize;
  const token = request.pageToken;
  if (token !== null) {
    const at = /^P[AB]/.test(token) ? items.findIndex((item) => item.sid === token.slice(2)) : -1;
    if (at < 0) throw faults.invalidPageToken(token);
    startIndex = token.startsWith('PA') ? at + 1 : Math.max(0, at - pageSize);
  }
  const slice = items.slice(startIndex, startIndex + pageSize);
  const pageUri = (page: number, pageTokenValue?: string) => {
    const query = new URLSearchParams(request.filters);
    query.set('PageSize', String(pageSize));
    query.set('Page', String(page));
    if (pageTokenValue) query.set('PageToken', pageTokenValue);
    return `${request.path}?${query.toString()}`;
  };
  const hasNext = startIndex + pageSize < items.length;
  const hasPrevious = request.page > 0 && slice.length > 0;
  return {
    [key]: slice.map(render),
    end: Math.max(startIndex + slice.length - 1, 0),
    first_page_uri: pageUri(0),
    next_page_uri: hasNext ? pageUri(request.page + 1, `PA${slice[slice.length - 1]!.sid}`) : null,
    page: request.page,
    page_size: pageSize,
    previous_page_uri: hasPrevious ? pageUri(request.page - 1, `PB${slice[0]!.sid}`) : null,
    start: startIndex,
    uri: pageUri(request.page, token ?? undefined),
  };
}
