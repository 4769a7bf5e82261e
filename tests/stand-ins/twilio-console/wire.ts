/**
 * The JSON the console stand-in's backend speaks with its React app (same origin, /api/...).
 * Shared by server.ts and the browser app; types only.
 */

export type AccountInfoVariant = 'paste-card' | 'table' | 'password-input';
export type LegacyVariant = 'table' | 'definition-list';

/** What the page is allowed to show; the console's feature flags, sent with the session. */
export interface ConsoleFlags {
  variant: AccountInfoVariant;
  legacyVariant: LegacyVariant;
  tokenVisible: boolean;
  revealDisabled: boolean;
  revealHidden: boolean;
  legacyTestCredentials: boolean;
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

export interface AuthTokenResponse {
  authToken: string;
}

export interface ApiErrorBody {
  code: number;
  message: string;
}

/** Name of the cookie (Domain=.twilio.com) that carries the selected account to both hosts. */
export const ACCOUNT_COOKIE = 'tw-console-account';
