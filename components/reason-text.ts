import {
  DRIVER_REASON_PREFIX,
  TWILIO_REASON_PREFIX,
  type DriverParams,
  type DriverStopCode,
  type DriverThing,
  type FixedReasonCode,
  type FixedReasons,
  type FollowUpParams,
  type ReasonParams,
  type TwilioErrorParams,
} from '../utils/handoff/reasons';
import type { DriverStep } from '../utils/messages';
import type { TwilioOperation } from '../utils/twilio/errors';

/**
 * Why a handoff stopped or ended, in the admin's words: one entry per code of
 * utils/handoff/reasons.ts, filled with the parameters the background stored. Part of the UI's
 * wording (components/text.ts re-exports it); a file of its own because the background words
 * reasons too (for the console overlay and its replies) and must not load the popup's text.
 * Parameters may be missing from a damaged or older record: no wording may then say "undefined".
 */

type Params = Readonly<Record<string, string | number | undefined>>;
type Words<P> = (params: Partial<P>) => string;

const TWILIO_OPERATION_TEXT: Record<TwilioOperation, string> = {
  'fetch-account': 'checking the account',
  'list-numbers': 'listing phone numbers',
  'send-message': 'sending the test message',
};

/** Sentences for Twilio codes an agency admin can meet here; others fall back to Twilio's own text. */
const TWILIO_CODE_TEXT: Record<number, string> = {
  // A wrong token, a suspended account and a closed account all get this answer (errors/20003).
  20003: 'Twilio refused this Account SID and Auth Token: the token is wrong, or the account is suspended or closed.',
  20403: 'Twilio refused access to this account: it is suspended or closed.',
  20005: 'This Twilio account is not active: it is suspended or closed.',
  20008: 'These are Twilio test credentials. Use the live Account SID and Auth Token of the sub-account.',
  20429: 'Twilio is limiting requests right now (too many at once). Try again in a minute.',
  20500: 'Twilio had an internal error. Try again in a few minutes.',
  20503: 'Twilio is temporarily unavailable. Try again in a few minutes.',
  21211: "Twilio says the 'To' number is not a valid phone number.",
  21212: "Twilio says the 'From' number is not a valid phone number.",
  21266: "The 'To' and 'From' numbers are the same.",
  21408: 'This account may not send SMS to the country of the To number (Messaging geographic permissions).',
  21606: "The 'From' number is not an SMS-capable number of this account.",
  21610: 'The recipient has opted out (replied STOP) of messages from this number.',
  21611: "The 'From' number has too many messages queued. Try again later.",
  21612: "Twilio cannot reach the 'To' number from this 'From' number.",
  21614: "The 'To' number cannot receive SMS (it is not a mobile number).",
};

// A POST that got no answer may still have reached Twilio.
const MAYBE_SENT =
  'The message may or may not have been sent: check the Messaging logs in the Twilio console before sending another.';

/** One sentence an agency admin understands, saying what failed and, where it matters, what to do. */
function twilioText(p: Partial<TwilioErrorParams>): string {
  const doing = (p.operation && TWILIO_OPERATION_TEXT[p.operation]) ?? 'talking to Twilio';
  const sending = p.operation === 'send-message';
  const http = p.httpStatus === undefined ? '' : ` (HTTP ${p.httpStatus})`;
  switch (p.twilioCode) {
    case 'network':
      return sending
        ? `Could not reach Twilio while ${doing}: the network connection was lost or blocked. ${MAYBE_SENT}`
        : `Could not reach Twilio while ${doing}: the network connection was lost or blocked. Check the connection and try again.`;
    case 'timeout':
      return sending
        ? `Twilio did not answer in time while ${doing}. ${MAYBE_SENT}`
        : `Twilio did not answer in time while ${doing}. Try again in a moment.`;
    case 'parse':
      return `Twilio sent an answer the extension could not read while ${doing}${http}. Try again; if it keeps happening, Twilio's API may have changed.`;
    case 'unexpected':
      return `Something unexpected went wrong while ${doing}. Try again.`;
  }
  if (p.twilioCode === 20404) {
    return p.operation === 'fetch-account'
      ? 'Twilio knows no account with this Account SID. Check that the whole SID was copied.'
      : `Twilio could not find what it was asked for while ${doing}.`;
  }
  const known = typeof p.twilioCode === 'number' ? TWILIO_CODE_TEXT[p.twilioCode] : undefined;
  if (known) return known;
  if (p.httpStatus !== undefined && p.httpStatus >= 500) {
    return `Twilio had a problem while ${doing}${http}. Try again in a few minutes.`;
  }
  return `Twilio refused the request while ${doing}${p.detail ? `: ${p.detail}` : ''}${p.twilioCode === undefined ? '' : ` (error ${p.twilioCode})`}.`;
}

/** After "authorized": what Twilio's follow-up check found, when the admin asked for one. */
function followUpText(p: Partial<FollowUpParams>): string {
  if (p.twilioCode !== undefined) return ` The follow-up check with Twilio failed: ${twilioText(p)}`;
  if (p.accountStatus === undefined) return '';
  const count = `${p.numbers ?? 0}${p.moreNumbers ? '+' : ''}`;
  // The help article's own check: a location needs a number in its sub-account to text or call.
  const noNumber =
    count === '0' ? ' It has no phone number yet: the location can neither text nor call until one is bought in this sub-account or moved to it from the agency’s account (Options → Move phone numbers).' : '';
  return ` Twilio reports the account ${p.accountStatus} with ${count} phone number${count === '1' ? '' : 's'}.${noNumber}`;
}

/** A name from Twilio or the CRM in quotes; `otherwise` when the record lost it. */
function quotedOr(name: string | number | undefined, otherwise: string): string {
  return name ? `"${name}"` : otherwise;
}

const REASON_TEXT: { [C in FixedReasonCode]: Words<FixedReasons[C]> } = {
  'account-suspended': () => 'Twilio says this account is suspended. Only an active sub-account can be connected to a CRM location.',
  'account-closed': () => 'Twilio says this account is closed. Only an active sub-account can be connected to a CRM location.',
  'master-account': () =>
    'This is a master (parent) Twilio account, not a sub-account. Each CRM location should get its own sub-account; if you really mean to use the master account, override this in the extension popup.',
  'not-agency-account': (p) =>
    `This sub-account belongs to the Twilio account ${p.owner ?? 'of someone else'}, which is not one of your agency’s accounts (Options → Your agency’s Twilio accounts). Nothing was sent to the CRM. If it is yours, add it there and send again.`,
  'several-names': (p) => `More than one CRM location is named ${quotedOr(p.name, 'like this sub-account')}. Choose the right one in the extension popup.`,
  'no-name-match': (p) =>
    `No CRM location is named ${quotedOr(p.name, 'like this sub-account')}. Choose the location in the extension popup, or give the sub-account the location's exact name in Twilio.`,
  'several-holders': () => 'More than one CRM location holds this Account SID. Choose the right one in the extension popup.',
  'no-name': () => 'This sub-account has no name to match. Choose the location in the extension popup.',
  'target-not-found': (p) =>
    `The location this was started for is no longer listed in the CRM under the name ${quotedOr(p.name, 'of this sub-account')}. Nothing was written; check the location in the CRM, then choose it in the extension popup or discard this handoff.`,
  'lc-phone': (p) =>
    `${quotedOr(p.location, 'This location')} uses LC Phone (LeadConnector's phone service), so it has no Twilio credentials to update. Change its phone provider in the CRM first.`,
  // The driver's refusal when it said why (older versions: its sentence); ours otherwise.
  'row-cannot-update': (p) =>
    (p.driverCode === undefined ? undefined : driverStopText(p.driverCode, p)) ??
    p.message ??
    `${quotedOr(p.location, 'This location')} cannot take Twilio credentials in the CRM: its row offers no way to update them.`,
  'crm-unreachable': (p) =>
    `The CRM page${p.host ? ` at ${p.host}` : ''} did not load the extension ${p.seconds ? `within ${p.seconds} seconds` : 'in time'}. Is the Phone Integration page open and are you logged in?`,
  'crm-not-opened': (p) => `Could not open ${p.host ?? 'the CRM'}.`,
  'crm-tab-closed': () => 'The CRM tab was closed.',
  'crm-tab-error': (p) => `The CRM tab could not be used: ${p.detail ?? 'no reason was given.'}`,
  'crm-bad-answer': () => 'The CRM page gave an answer the extension does not understand.',
  'crm-run-refused': () => 'The CRM page did not accept the request.',
  'crm-no-answer': () => 'The CRM page did not answer.',
  'crm-error': (p) => `The CRM did not accept the credentials: ${p.message ?? 'it gave no reason.'}`,
  'crm-accepted': (p) => `${p.message ?? 'The CRM accepted the credentials.'}${followUpText(p)}`,
  'crm-shows-new-sid': (p) =>
    `${p.closedSilently ? 'The CRM’s editor closed without a message; the location now shows the new Account SID.' : 'The CRM shows the new Account SID for this location.'}${followUpText(p)}`,
  'fill-stopped': () => 'The CRM page stopped before filling the credentials. Nothing was submitted; try again.',
  interrupted: () =>
    'The extension was interrupted after it clicked Authorize and cannot tell whether the CRM saved the credentials. Open the location in the CRM and check; the extension will not submit again by itself.',
  internal: (p) => `Something went wrong in the extension: ${p.detail ?? 'no details.'}`,
  // Only met in a race (the popup offers what the state allows), so the machine's own names do.
  'not-now': (p) => `${p.event ? `"${p.event}"` : 'This'} is not possible while the handoff is ${p.state ?? 'in this state'}.`,
  'not-master-account': () => 'Only a master-account rejection can be overridden.',
  'stale-run': () => 'That request came from an earlier attempt.',
  'no-retry': () => 'This handoff was refused for a reason a retry cannot change.',
  'handoff-gone': () => 'This handoff no longer exists (it may have expired).',
};

/**
 * What the CRM driver was doing at each step, for a stop whose code this version does not know. The
 * CRM's own names for its places come with a stop's parameters, so none is written here.
 */
const DRIVER_STEP_TEXT: Record<DriverStep, string> = {
  'open-page': 'The extension could not open the CRM page it works on.',
  'open-tab': 'The extension could not open the tab with the CRM’s list of locations.',
  search: 'The extension could not search the CRM’s list of locations.',
  'find-row': 'The extension could not find this location in the CRM’s list.',
  'row-state': 'The extension could not read this location’s row in the CRM.',
  'open-menu': 'The extension could not open this location’s menu in the CRM.',
  'open-dialog': 'The extension could not open this location’s credentials editor in the CRM.',
  'check-dialog': 'The extension could not read what the credentials editor holds.',
  'fill-sid': 'The extension could not fill in the Account SID.',
  'fill-token': 'The extension could not fill in the Auth Token.',
  'read-back': 'The extension could not read back the values it filled in.',
  submit: 'The extension could not press the editor’s submit button.',
  'read-result': 'The extension could not read the CRM’s answer.',
};

/** Steps where a stop most likely means the page changed its layout or wording under the driver. */
const PAGE_STEPS: ReadonlySet<string> = new Set<DriverStep>(['open-page', 'open-tab', 'search', 'find-row', 'open-menu', 'open-dialog', 'check-dialog', 'fill-sid', 'fill-token']);
/** Stops that are no change of the page, whatever step they happened at: they say what to do. */
const NOT_THE_PAGE: ReadonlySet<string> = new Set<DriverStopCode>(['bad-value', 'aborted']);
/** Steps just before the click: a stop there sent nothing, which the admin should know. */
const BEFORE_CLICK_STEPS: ReadonlySet<string> = new Set<DriverStep>(['read-back', 'submit']);
/** Stops that say themselves that nothing was sent. */
const SAY_NOTHING_SENT: ReadonlySet<string> = new Set<DriverStopCode>(['not-allowed', 'not-kept', 'dialog-closed']);
const NOTHING_SENT = 'Nothing was submitted; try again.';
const PAGE_CHANGED_HINT =
  'Nothing was submitted. If the CRM page looks different from usual, run "Check this page" in the extension popup on that page, and add any new wording under "CRM wording" in the extension options.';

type Value = string | number | undefined;
const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
/** `the Phone Integration page`: the CRM's own name for a place, as its profile gives it. */
const the = (name: Value, otherwise: string) => (name ? `the ${name}` : otherwise);

/** What the driver looked for (`what`); a function where the CRM's profile names it (`name`). */
const THING_TEXT: Record<DriverThing, string | ((name: Value) => string)> = {
  page: (name) => the(name, 'the CRM page the extension works on'),
  table: 'the table of locations',
  'list-tab': (name) => the(name, 'the tab with the list of locations'),
  'list-tab-open': (name) => the(name, 'the tab with the list of locations'),
  'search-box': 'the list’s search box',
  'search-results': (name) => `the search results${name ? ` for "${name}"` : ''}`,
  'next-page': 'the next result page',
  pagination: 'the list’s page controls',
  'next-page-button': 'the next-page button',
  'row-menu-button': 'the row’s menu button (⋮)',
  'row-edit-button': 'the row’s edit button (pencil)',
  'menu-entry': 'the credentials entry in the row’s menu',
  opened: (name) => `what ${quotedOr(name, 'the row’s action control')} opens`,
  fields: 'the Account SID and Auth Token fields',
  'sid-field': 'the Account SID field',
  'token-field': 'the Auth Token field',
  'editor-loaded': 'the credentials editor',
  'cancel-button': 'the editor’s cancel button',
  'submit-button': 'the editor’s submit button',
  'submit-enabled': 'the editor’s submit button',
  answer: 'the CRM’s answer',
  'list-refreshed': 'the list of locations, once the editor closed,',
  'dialog-closed': 'the window',
  'menu-closed': 'the menu',
};

/** How a wait ran out, where "did not show" would say it badly. */
const WAIT_TEXT: Partial<Record<string, string>> = {
  page: 'did not finish loading',
  'list-tab-open': 'did not open',
  'editor-loaded': 'did not finish loading',
  'submit-enabled': 'did not become enabled',
  answer: 'did not come',
  'list-refreshed': 'did not settle',
  'dialog-closed': 'did not close',
  'menu-closed': 'did not close',
};

function thing(p: Params): string {
  const words = (THING_TEXT as Partial<Record<string, string | ((name: Value) => string)>>)[String(p.what)] ?? 'something the extension looks for';
  return typeof words === 'string' ? words : words(p.name);
}

const field = (p: Params) => (p.field === 'token' ? 'Auth Token' : 'Account SID');
const row = (p: Params) => `The row for ${quotedOr(p.name, 'this location')}`;
const closed = 'The editor closed without a message, and the location';

/** Each stop and refusal of the CRM driver (utils/handoff/reasons.ts `DriverStops`) with its facts. */
const DRIVER_STOP_TEXT: Record<DriverStopCode, (p: Params) => string> = {
  'wrong-page': (p) => `This tab is not on ${the(p.page, 'the CRM page the extension works on')}.`,
  'too-many-pages': (p) => `The list had more than ${p.pages ?? 'a few dozen'} result pages after the search, so the extension stopped reading it.`,
  'not-found': (p) =>
    p.what ? `The extension could not find ${thing(p)} on the page.` : p.name ? `No row in the CRM’s list is named "${p.name}".` : 'No row in the CRM’s list has this location’s name.',
  ambiguous: (p) =>
    p.what
      ? `The extension found ${p.count ?? 'several'} candidates for ${thing(p)} and will not guess between them.`
      : `${p.count ?? 'Several'} rows in the CRM’s list show ${quotedOr(p.name, 'this name')} and nothing that tells them apart.`,
  'row-lost': (p) => `${row(p)} could not be found again after the list changed.`,
  'trigger-gone': (p) => `${row(p)} no longer shows its action control.`,
  'lc-phone': (p) =>
    `${quotedOr(p.name, 'This location')} uses ${p.provider ?? 'another phone service'}, so it has no Twilio credentials to update. Change its phone provider in the CRM first.`,
  'no-trigger': (p) => `${row(p)} shows no control that leads to its credentials.`,
  'no-update-entry': (p) => `${row(p)} offers no way to update its credentials${p.offered ? ` (only: ${p.offered})` : ''}.`,
  'several-opened': (p) => `${p.count ?? 'Several'} ${p.opened === 'menu' ? 'menus' : 'windows'} opened at once, and the extension will not guess between them.`,
  'dialog-already-open': () => 'A window open on the CRM page would not close. Close it there and try again.',
  'not-editor': () => 'A window opened, but it shows no Account SID and Auth Token fields the extension knows.',
  'no-editor': (p) => `The credentials editor did not open${p.hops ? ` after ${p.hops} menus or windows` : ''}.`,
  'wrong-dialog': (p) => `The editor that opened is for ${quotedOr(p.shown, 'another location')}, not ${quotedOr(p.name, 'this location')}.`,
  'bad-value': (p) => `The value to fill in is not a valid ${field(p)}, so nothing was filled in. Send the credentials again from the Twilio console.`,
  'dialog-closed': () => 'The editor closed before the values filled in could be checked, so nothing was submitted. Try again.',
  'not-kept': (p) => `The page did not keep the ${field(p)} that was filled in, so nothing was submitted. Try again.`,
  'not-allowed': () => 'The click on the submit button was not confirmed in time, so nothing was sent. Try again.',
  forbidden: (p) => `The extension stopped before pressing ${quotedOr(p.control, 'a control')}: it never presses a control named like that.`,
  'no-answer': (p) =>
    `The CRM gave no clear answer${p.closed === 1 ? ', and its editor closed' : p.closed === 0 ? ', and its editor stayed open' : ''}${p.said ? ` (it said: "${p.said}")` : ''}.`,
  'closed-silently-other': (p) => `${closed} now shows ${p.now ? `the Account SID ${p.now}` : 'another Account SID'}.`,
  'closed-silently-empty': () => `${closed} shows no Account SID.`,
  'closed-silently-unread': () => `${closed} could not be read again.`,
  timeout: (p) => {
    const waited = typeof p.seconds === 'number' ? ` (waited ${p.seconds} second${p.seconds === 1 ? '' : 's'})` : ' in time';
    if (p.what === 'opened') return `Pressing ${quotedOr(p.control ?? p.name, 'the row’s action control')} opened nothing${waited}.`;
    return `${capital(thing(p))} ${WAIT_TEXT[String(p.what)] ?? 'did not show'}${waited}.`;
  },
  'not-editable': (p) => `${capital(thing(p))} does not take a value (it is disabled or read-only).`,
  aborted: () => 'The extension was reloaded or updated while it worked on the CRM page. Reload that page and try again.',
  internal: () => 'The extension’s steps on the CRM page ended without an answer. Try again.',
  unexpected: (p) => `Something unexpected went wrong on the CRM page${p.detail ? `: ${String(p.detail).replace(/[.\s]+$/, '')}` : ''}.`,
};

/** A driver code in words; undefined for a code this version does not know. */
function driverStopText(code: Value, p: Params): string | undefined {
  return (DRIVER_STOP_TEXT as Partial<Record<string, (p: Params) => string>>)[String(code)]?.(p);
}

/**
 * A stop of the CRM driver: its code worded with its facts (older versions stored their sentence as
 * `message`, shown as it was), else what the step was for. After the submit button was pressed, the
 * admin is asked to check, never told to retry.
 */
function driverText(step: string, p: Partial<DriverParams>): string {
  const stepText = (DRIVER_STEP_TEXT as Partial<Record<string, string>>)[step] ?? 'The extension stopped on the CRM page.';
  const said = p.message ?? driverStopText(p.driverCode, p) ?? stepText;
  if (p.submitted) {
    return `${p.button ? `"${p.button}"` : 'The submit button'} was clicked, but ${said.charAt(0).toLowerCase()}${said.slice(1)} Check the location in the CRM; the extension will not submit again by itself.`;
  }
  const code = String(p.driverCode);
  if (PAGE_STEPS.has(step) && !NOT_THE_PAGE.has(code)) return `${said} ${PAGE_CHANGED_HINT}`;
  if (BEFORE_CLICK_STEPS.has(step) && p.message === undefined && !SAY_NOTHING_SENT.has(code)) return `${said} ${NOTHING_SENT}`;
  return said;
}

/** A reason code and its parameters in the admin's words. */
export function reasonText(code: string, params: Params = {}): string {
  if (code.startsWith(DRIVER_REASON_PREFIX)) return driverText(code.slice(DRIVER_REASON_PREFIX.length), params as Partial<DriverParams>);
  if (code.startsWith(TWILIO_REASON_PREFIX)) return twilioText(params as Partial<TwilioErrorParams>);
  const words = (REASON_TEXT as Partial<Record<string, Words<Params>>>)[code];
  return words ? words(params) : `This handoff stopped for a reason this version of the extension cannot describe (${code}).`;
}

/**
 * The reason a stored handoff or audit row gives. Versions before reason codes stored the sentence
 * itself (`reason`): it is shown as it was until the record gets a reason with parameters.
 */
export function storedReasonText(stored: { reasonCode?: string; reasonParams?: ReasonParams; reason?: string }): string | undefined {
  if (stored.reasonCode !== undefined && stored.reasonParams !== undefined) return reasonText(stored.reasonCode, stored.reasonParams);
  if (stored.reason !== undefined) return stored.reason;
  return stored.reasonCode === undefined ? undefined : reasonText(stored.reasonCode);
}
