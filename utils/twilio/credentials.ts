import * as z from 'zod/mini';
import { t, type MessageKey } from '../i18n';

/**
 * Formats of the two values a handoff carries. An Account SID is `AC` + 32 lower-case hex;
 * an Auth Token is 32 lower-case hex (DESIGN.md §1). API key SIDs (`SK…`) are not accounts.
 */
export const ACCOUNT_SID_PATTERN = /^AC[0-9a-f]{32}$/;
export const AUTH_TOKEN_PATTERN = /^[0-9a-f]{32}$/;

// Pure: bundles that never use these schemas (the console content script) drop them and zod's regex check.
export const AccountSid = /* @__PURE__ */ z.string().check(z.regex(ACCOUNT_SID_PATTERN));
export const AuthToken = /* @__PURE__ */ z.string().check(z.regex(AUTH_TOKEN_PATTERN));

export type CredentialProblem =
  | 'sid-missing'
  | 'sid-is-api-key'
  | 'sid-format'
  | 'token-missing'
  | 'token-format';

/**
 * Characters a copy from a web page, a chat or a right-to-left document brings along: white space and
 * every invisible format character (zero-width space and joiners, BOM, soft hyphen, direction marks).
 */
const INVISIBLE = /[\s\p{Cf}]/gu;

// Keys, not words: the console detector imports this file, and words are only looked up when shown.
const CREDENTIAL_PROBLEM_KEY: Record<CredentialProblem, MessageKey> = {
  'sid-missing': 'credentialProblemSidMissing',
  'sid-is-api-key':
    'credentialProblemSidIsApiKey',
  'sid-format': 'credentialProblemSidFormat',
  'token-missing': 'credentialProblemTokenMissing',
  'token-format': 'credentialProblemTokenFormat',
};

/** Why a value was refused, in words an admin understands. */
export const credentialProblemText = (problem: CredentialProblem): string => t(CREDENTIAL_PROBLEM_KEY[problem]);

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: CredentialProblem };

export function parseAccountSid(raw: string | null | undefined): Parsed<string> {
  const cleaned = (raw ?? '').replace(INVISIBLE, '');
  if (!cleaned) return { ok: false, problem: 'sid-missing' };
  // Twilio SIDs are two upper-case letters then lower-case hex; fold the hex part only.
  const normalised = cleaned.slice(0, 2).toUpperCase() + cleaned.slice(2).toLowerCase();
  if (normalised.startsWith('SK')) return { ok: false, problem: 'sid-is-api-key' };
  if (!ACCOUNT_SID_PATTERN.test(normalised)) return { ok: false, problem: 'sid-format' };
  return { ok: true, value: normalised };
}

export function parseAuthToken(raw: string | null | undefined): Parsed<string> {
  const cleaned = (raw ?? '').replace(INVISIBLE, '').toLowerCase();
  if (!cleaned) return { ok: false, problem: 'token-missing' };
  if (!AUTH_TOKEN_PATTERN.test(cleaned)) return { ok: false, problem: 'token-format' };
  return { ok: true, value: cleaned };
}

/** `AC12…cdef`: enough to recognise an account without printing all of it. */
export function shortSid(sid: string): string {
  return sid.length > 10 ? `${sid.slice(0, 6)}…${sid.slice(-4)}` : sid;
}
