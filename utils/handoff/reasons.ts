import * as z from 'zod/mini';
import type { DriverStep } from '../messages';
import type { TwilioLocalCode, TwilioOperation } from '../twilio/errors';

/**
 * Why a handoff was refused, failed, waits for the admin or ended as it did: a code and its
 * parameters. Handoffs and audit rows store these, never a sentence, so the wording lives in one
 * place (components/text.ts `reasonText`) and can be translated (issue 13). Parameters hold facts
 * only: names, statuses, counts, Twilio's codes, the CRM driver's codes and facts, and the other
 * sites' own words (Twilio's message, the CRM's toast), which are not ours to word.
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
 * What the CRM driver looks for or waits for, named in its stops as `what` (a DomError's subject, a
 * wait that ran out). Keys, not words: components/reason-text.ts words them, with the names the
 * site's profile gives (`name`: the page, the list's tab, a control's own text, a search query).
 */
export const DRIVER_THINGS = [
  'page',
  'table',
  'list-tab',
  'list-tab-open',
  'search-box',
  'search-results',
  'next-page',
  'pagination',
  'next-page-button',
  'row-menu-button',
  'row-edit-button',
  'menu-entry',
  'opened',
  'fields',
  'sid-field',
  'token-field',
  'editor-loaded',
  'cancel-button',
  'submit-button',
  'submit-enabled',
  'answer',
  'list-refreshed',
  'dialog-closed',
  'menu-closed',
] as const;
export type DriverThing = (typeof DRIVER_THINGS)[number];

/** A look-up or a wait of the driver that failed (a DomError): what, and the facts it knew. */
type ThingParams = { what: DriverThing; name?: string };

/**
 * The CRM driver's stops and refusals, by the code it reports (`driverCode` once stored), and the
 * parameters each carries: facts only (names the site's profile gives, the CRM's own words, counts,
 * SIDs, seconds), never a sentence. The driver sends these; components/reason-text.ts words them.
 */
export type DriverStops = {
  // The page and the list.
  'wrong-page': { page: string };
  'too-many-pages': { pages: number };
  /** The list no longer started with its first row after its page size was changed. */
  'list-moved': Record<string, never>;
  // find-row: no row, or several, for the location's exact name; a row that could not be found again.
  'not-found': { name: string } | ThingParams;
  ambiguous: { count: number; name: string } | (ThingParams & { count?: number });
  'row-lost': { name: string };
  'trigger-gone': { name: string };
  // Refusals (an `inspected` outcome that cannot take credentials, or a stop of "open the dialog").
  'lc-phone': { name: string; provider: string };
  'no-trigger': { name: string };
  'no-update-entry': { name: string; offered: string };
  // Menus and windows on the way to the editor.
  'several-opened': { count: number; opened: 'dialog' | 'menu' };
  'dialog-already-open': Record<string, never>;
  'not-editor': Record<string, never>;
  'no-editor': { hops: number };
  'wrong-dialog': { shown: string; name: string };
  // Filling and submitting.
  'bad-value': { field: 'sid' | 'token' };
  'dialog-closed': Record<string, never>;
  'not-kept': { field: 'sid' | 'token' };
  'not-allowed': Record<string, never>;
  forbidden: { control?: string };
  // The answer. `said` is what the CRM's toasts said, its own words.
  'no-answer': { closed: 0 | 1; said?: string };
  'closed-silently-other': { now: string };
  'closed-silently-empty': Record<string, never>;
  'closed-silently-unread': Record<string, never>;
  // Waits and look-ups (DomError). `control` is the pressed control's own text, when it has one.
  timeout: ThingParams & { seconds?: number; control?: string };
  'not-editable': ThingParams;
  aborted: ThingParams;
  internal: Record<string, never>;
  /** An error nobody expected: its own message. */
  unexpected: { detail: string };
};
export type DriverStopCode = keyof DriverStops;

/** The driver's codes, for code that must visit them all (tests that every one is worded). */
export const DRIVER_STOP_CODES = [
  'wrong-page',
  'too-many-pages',
  'list-moved',
  'not-found',
  'ambiguous',
  'row-lost',
  'trigger-gone',
  'lc-phone',
  'no-trigger',
  'no-update-entry',
  'several-opened',
  'dialog-already-open',
  'not-editor',
  'no-editor',
  'wrong-dialog',
  'bad-value',
  'dialog-closed',
  'not-kept',
  'not-allowed',
  'forbidden',
  'no-answer',
  'closed-silently-other',
  'closed-silently-empty',
  'closed-silently-unread',
  'timeout',
  'not-editable',
  'aborted',
  'internal',
  'unexpected',
] as const satisfies readonly DriverStopCode[];

/**
 * A stop reported by the CRM driver, stored as `driver:<step>`: its code as `driverCode` and its
 * parameters beside it. `button` is the submit button's own text once it was pressed. Records of
 * versions before driver codes hold `message`, the driver's sentence, which is shown as it was.
 */
export type DriverParams = {
  driverCode?: string;
  /** Set once the Authorize click was sent: the CRM may have received it. */
  submitted?: 1;
  button?: string;
  message?: string;
} & { [param: string]: string | number | undefined };

/** Every code with a fixed name, and the parameters each one carries. */
export type FixedReasons = {
  // Twilio's answer about the account.
  'account-suspended': Record<string, never>;
  'account-closed': Record<string, never>;
  'master-account': Record<string, never>;
  /** A sub-account of a Twilio account that is not one of the agency's (utils/agency-accounts.ts). */
  'not-agency-account': { owner: string };
  // Matching a CRM location (utils/match.ts `why`).
  'several-names': { name: string };
  'no-name-match': { name: string };
  'several-holders': Record<string, never>;
  'no-name': Record<string, never>;
  /** The location the handoff was started for is not listed under the sub-account's name now. */
  'target-not-found': { name: string };
  // The location cannot take credentials: `driverCode` and its parameters say why, when the driver
  // found out (older records hold the driver's sentence as `message`).
  'lc-phone': { location: string };
  'row-cannot-update': { location?: string } & DriverParams;
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
  /**
   * The CRM shows the new SID where it showed another: read back after its editor closed without a
   * word (`closedSilently`), or after an interruption.
   */
  'crm-shows-new-sid': FollowUpParams & { closedSilently?: 1 };
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
  'not-agency-account',
  'several-names',
  'no-name-match',
  'several-holders',
  'no-name',
  'target-not-found',
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

/** The parameters as stored (a reason's, a driver stop's): absent values dropped, so the record stays JSON-safe. */
export function storedParams(params: Reason['params'] | DriverStops[DriverStopCode]): ReasonParams {
  const stored: ReasonParams = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number') stored[key] = value;
  }
  return stored;
}
