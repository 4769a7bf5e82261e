/**
 * The JSON the console stand-in's backend speaks with its React app (same origin, /api/...).
 * Shared by server.ts and the browser app; types only.
 */

/**
 * Markup of the Account Info panel. 'copy-only': the token masked, no Show / eye control at all, only
 * the page's Copy button next to it (which fetches the token for the clipboard).
 */
export type AccountInfoVariant = 'paste-card' | 'table' | 'password-input' | 'copy-only';
export type LegacyVariant = 'table' | 'definition-list';
/** How the paste-card panel draws Show / Hide: a button, `<a href="#">`, or an element with role=link. */
export type ShowControl = 'button' | 'link' | 'role-link';
/** The API keys page's Test section: "Test Account SID" / "Test Auth Token", or plain labels under its heading. */
export type ApiKeysTestLabels = 'prefixed' | 'plain';

/** Twilio Regions the console can be switched to; routes live under `/<region>/…`. */
export type ConsoleRegion = 'us1' | 'ie1' | 'au1';
export const REGION_NAMES: Record<ConsoleRegion, string> = { us1: 'United States', ie1: 'Ireland', au1: 'Australia' };

/** What the page is allowed to show; the console's feature flags, sent with the session. */
export interface ConsoleFlags {
  variant: AccountInfoVariant;
  legacyVariant: LegacyVariant;
  tokenVisible: boolean;
  revealDisabled: boolean;
  revealHidden: boolean;
  legacyTestCredentials: boolean;
  showControl: ShowControl;
  apiKeysTestLabels: ApiKeysTestLabels;
  region: ConsoleRegion;
}

export interface AccountSummary {
  sid: string;
  friendlyName: string;
  status: 'active' | 'suspended' | 'closed';
  type: 'Full' | 'Trial';
  ownerAccountSid: string;
  /** ISO 8601. */
  dateCreated: string;
  isSubaccount: boolean;
}

export interface SessionResponse {
  master: AccountSummary;
  /** The account the console is switched into (the master when none was chosen). */
  current: AccountSummary;
  flags: ConsoleFlags;
}

export interface AccountResponse {
  account: AccountSummary;
  /** The SID of the account's test credentials (the legacy settings page lists them too). */
  testAccountSid: string;
  /** The account's numbers as the console shows them, e.g. "(808) 925-5327". */
  phoneNumbers: string[];
}

export interface SubaccountsResponse {
  accounts: AccountSummary[];
}

export interface ApiKeySummary {
  /** SK + 32 hex. */
  sid: string;
  friendlyName: string;
  type: 'Standard' | 'Main' | 'Restricted';
  /** ISO 8601. */
  dateCreated: string;
}

export interface ApiKeysResponse {
  keys: ApiKeySummary[];
}

export interface AuthTokenResponse {
  authToken: string;
}

export interface ApiErrorBody {
  code: number;
  message: string;
}

/** Name of the cookie (Domain=.twilio.com) that carries the selected account to both hosts. */
export const ACCOUNT_COOKIE = 'tw-console-account';
