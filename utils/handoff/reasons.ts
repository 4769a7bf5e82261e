import * as z from 'zod/mini';
import type { DriverStep } from '../messages';
import type { TwilioLocalCode, TwilioOperation } from '../twilio/errors';

/**
 * Why a handoff was refused, failed, waits for the admin or ended as it did: a code and its
 * parameters. Handoffs and audit rows store these, never a sentence, so the wording lives in one
 * place (components/text.ts `reasonText`) and can be translated (issue 13). Parameters hold facts
 * only: names, statuses, counts, Twilio's codes, and the other sites' own words (Twilio's message,
 * the CRM's toast, the CRM driver's message), which are not ours to word.
 */

/** What a stored reason's parameters may hold: JSON-safe, flat, so storage and zod keep it as is. */
export const ReasonParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type ReasonParams = z.infer<typeof ReasonParams>;

/** A Twilio failure: what we asked, what Twilio (or the network) answered. */
export type TwilioErrorParams = {
  /** Twilio's error code (20003, ...) or a local one (network, timeout, parse, unexpected). */
  twilioCode: number | TwilioLocalCode;
  operation: TwilioOperation;
  /** The HTTP status; absent when no answer came. */
  httpStatus?: number;
  /** Twilio's own message for its code; what happened, for local codes. */
  detail: string;
};

/** After the CRM accepted the pair: Twilio's follow-up check, when the admin asked for one. */
export type FollowUpParams = {
  accountStatus?: string;
  numbers?: number;
  /** Twilio has more numbers than one page showed. */
  moreNumbers?: 1;
} & Partial<TwilioErrorParams>;

/**
 * A stop reported by the CRM driver (DriverError). Today it sends `message`, its own words; it may
 * later send parameters of its own, which pass through as they are, so the wording must not need
 * `message`.
 */
export type DriverParams = {
  message?: string;
  /** The driver's own code for the stop (`no-row`, `timeout`, ...). */
  driverCode?: string;
  /** Set once the Authorize click was sent: the CRM may have received it. */
  submitted?: 1;
} & { [param: string]: string | number | undefined };

/** Every code with a fixed name, and the parameters each one carries. */
export type FixedReasons = {
  // Twilio's answer about the account.
  'account-suspended': Record<string, never>;
  'account-closed': Record<string, never>;
  'master-account': Record<string, never>;
  // Matching a CRM location (utils/match.ts `why`).
  'several-names': { name: string };
  'no-name-match': { name: string };
  'several-holders': Record<string, never>;
  'no-name': Record<string, never>;
  // The location cannot take credentials. `message` is the driver's words, when it gave any.
  'lc-phone': { location: string };
  'row-cannot-update': { location?: string; message?: string };
  // The CRM tab (utils/background/crm-tab.ts).
  'crm-unreachable': { host: string; seconds: number };
  'crm-not-opened': { host: string };
  'crm-tab-closed': Record<string, never>;
  'crm-tab-error': { detail: string };
  'crm-bad-answer': Record<string, never>;
  'crm-run-refused': Record<string, never>;
  'crm-no-answer': Record<string, never>;
  // The CRM's answer. `message` is the CRM's own text.
  'crm-error': { message: string };
  'crm-accepted': { message: string } & FollowUpParams;
  /** Settled after an interruption: the CRM shows the new SID where it showed another. */
  'crm-shows-new-sid': FollowUpParams;
  'fill-stopped': Record<string, never>;
  interrupted: Record<string, never>;
  // The extension itself: an error nobody expected. `detail` is the error's message.
  internal: { detail: string };
  // Refusals of the state machine: never stored, worded for the reply to the popup.
  'not-now': { event: string; state: string };
  'not-master-account': Record<string, never>;
  'stale-run': Record<string, never>;
  'no-retry': Record<string, never>;
  'handoff-gone': Record<string, never>;
};
export type FixedReasonCode = keyof FixedReasons;

/** The fixed codes, for code that must visit them all (tests that every one is worded). */
export const FIXED_REASON_CODES = [
  'account-suspended',
  'account-closed',
  'master-account',
  'several-names',
  'no-name-match',
  'several-holders',
  'no-name',
  'lc-phone',
  'row-cannot-update',
  'crm-unreachable',
  'crm-not-opened',
  'crm-tab-closed',
  'crm-tab-error',
  'crm-bad-answer',
  'crm-run-refused',
  'crm-no-answer',
  'crm-error',
  'crm-accepted',
  'crm-shows-new-sid',
  'fill-stopped',
  'interrupted',
  'internal',
  'not-now',
  'not-master-account',
  'stale-run',
  'no-retry',
  'handoff-gone',
] as const satisfies readonly FixedReasonCode[];

/**
 * Twilio failures keep Twilio's code in theirs (`twilio-20003`, `twilio-timeout`); the ones a retry
 * can cure are `twilio-unreachable`. All carry TwilioErrorParams, which the wording reads.
 */
export type TwilioReasonCode = 'twilio-unreachable' | `twilio-${number}` | `twilio-${TwilioLocalCode}`;
/** A stop of the CRM driver, named by its step: `driver:find-row`. */
export type DriverReasonCode = `driver:${DriverStep}`;

export type Reason =
  | { [C in FixedReasonCode]: { code: C; params: FixedReasons[C] } }[FixedReasonCode]
  | { code: TwilioReasonCode; params: TwilioErrorParams }
  | { code: DriverReasonCode; params: DriverParams };

export const TWILIO_REASON_PREFIX = 'twilio-';
export const DRIVER_REASON_PREFIX = 'driver:';

/** The parameters as stored: absent values dropped, so the record stays JSON-safe. */
export function storedParams(params: Reason['params']): ReasonParams {
  const stored: ReasonParams = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number') stored[key] = value;
  }
  return stored;
}
