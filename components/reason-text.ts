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
import { t, tCount } from '../utils/i18n';

/**
 * Why a handoff stopped or ended, in the admin's words: one entry per code of
 * utils/handoff/reasons.ts, filled with the parameters the background stored. Part of the UI's
 * wording (components/text.ts re-exports it); a file of its own because the background words
 * reasons too (for the console overlay and its replies) and must not load the popup's text.
 * Parameters may be missing from a damaged or older record: no wording may then say "undefined".
 * The words are the catalogue's (locales/<lang>/reasons.json); only facts are placed here.
 */

type Params = Readonly<Record<string, string | number | undefined>>;
type Words<P> = (params: Partial<P>) => string;

const TWILIO_OPERATION_TEXT: Record<TwilioOperation, string> = {
  'fetch-account': t('twilioOperationFetchAccount'),
  'list-numbers': t('twilioOperationListNumbers'),
  'send-message': t('twilioOperationSendMessage'),
};

/** Sentences for Twilio codes an agency admin can meet here; others fall back to Twilio's own text. */
const TWILIO_CODE_TEXT: Record<number, string> = {
  // A wrong token, a suspended account and a closed account all get this answer (errors/20003).
  20003: t('twilioCode20003'),
  20403: t('twilioCode20403'),
  20005: t('twilioCode20005'),
  20008: t('twilioCode20008'),
  20429: t('twilioCode20429'),
  20500: t('twilioCode20500'),
  20503: t('twilioCode20503'),
  21211: t('twilioCode21211'),
  21212: t('twilioCode21212'),
  21266: t('twilioCode21266'),
  21408: t('twilioCode21408'),
  21606: t('twilioCode21606'),
  21610: t('twilioCode21610'),
  21611: t('twilioCode21611'),
  21612: t('twilioCode21612'),
  21614: t('twilioCode21614'),
};

// A POST that got no answer may still have reached Twilio.
const MAYBE_SENT = t('twilioMaybeSent');

/** One sentence an agency admin understands, saying what failed and, where it matters, what to do. */
function twilioText(p: Partial<TwilioErrorParams>): string {
  const doing = (p.operation && TWILIO_OPERATION_TEXT[p.operation]) ?? t('twilioOperationOther');
  const sending = p.operation === 'send-message';
  switch (p.twilioCode) {
    case 'network':
      return `${t('twilioNetwork', doing)} ${sending ? MAYBE_SENT : t('twilioNetworkRetry')}`;
    case 'timeout':
      return `${t('twilioTimeout', doing)} ${sending ? MAYBE_SENT : t('twilioTimeoutRetry')}`;
    case 'parse':
      return p.httpStatus === undefined ? t('twilioParse', doing) : t('twilioParseHttp', doing, p.httpStatus);
    case 'unexpected':
      return t('twilioUnexpected', doing);
  }
  if (p.twilioCode === 20404) {
    return p.operation === 'fetch-account' ? t('twilioUnknownSid') : t('twilioNotFound', doing);
  }
  const known = typeof p.twilioCode === 'number' ? TWILIO_CODE_TEXT[p.twilioCode] : undefined;
  if (known) return known;
  if (p.httpStatus !== undefined && p.httpStatus >= 500) {
    return t('twilioServerError', doing, p.httpStatus);
  }
  // Twilio's own `detail` as Twilio wrote it, and its code, when the answer had them.
  if (p.twilioCode === undefined) return p.detail ? t('twilioRefusedDetail', doing, p.detail) : t('twilioRefused', doing);
  return p.detail ? t('twilioRefusedDetailCode', doing, p.detail, p.twilioCode) : t('twilioRefusedCode', doing, p.twilioCode);
}

/** After "authorized": what Twilio's follow-up check found, when the admin asked for one. */
function followUpText(p: Partial<FollowUpParams>): string {
  if (p.twilioCode !== undefined) return ` ${t('followUpFailed', twilioText(p))}`;
  if (p.accountStatus === undefined) return '';
  const numbers = `${p.numbers ?? 0}`;
  const report = p.moreNumbers
    ? t('followUpReportMore', p.accountStatus, numbers)
    : t(numbers === '1' ? 'followUpReportOne' : 'followUpReportOther', p.accountStatus, numbers);
  // The help article's own check: a location needs a number in its sub-account to text or call.
  const noNumber = !p.moreNumbers && numbers === '0' ? ` ${t('followUpNoNumber')}` : '';
  return ` ${report}${noNumber}`;
}

/** A name from Twilio or the CRM in quotes; `otherwise` when the record lost it. */
function quotedOr(name: string | number | undefined, otherwise: string): string {
  return name ? t('reasonQuotedName', name) : otherwise;
}

const REASON_TEXT: { [C in FixedReasonCode]: Words<FixedReasons[C]> } = {
  'account-suspended': () => t('reasonAccountSuspended'),
  'account-closed': () => t('reasonAccountClosed'),
  'master-account': () => t('reasonMasterAccount'),
  'not-agency-account': (p) => t('reasonNotAgencyAccount', p.owner ?? t('reasonNotAgencyAccountOwnerUnknown')),
  'several-names': (p) => t('reasonSeveralNames', quotedOr(p.name, t('reasonSeveralNamesUnnamed'))),
  'no-name-match': (p) => t('reasonNoNameMatch', quotedOr(p.name, t('reasonNoNameMatchUnnamed'))),
  'several-holders': () => t('reasonSeveralHolders'),
  'no-name': () => t('reasonNoName'),
  'target-not-found': (p) => t('reasonTargetNotFound', quotedOr(p.name, t('reasonTargetNotFoundUnnamed'))),
  'lc-phone': (p) => t('reasonLcPhone', quotedOr(p.location, t('reasonLcPhoneUnnamed'))),
  // The driver's refusal when it said why (older versions: its sentence); ours otherwise.
  'row-cannot-update': (p) =>
    (p.driverCode === undefined ? undefined : driverStopText(p.driverCode, p)) ??
    p.message ??
    t('reasonRowCannotUpdate', quotedOr(p.location, t('reasonRowCannotUpdateUnnamed'))),
  'crm-unreachable': (p) =>
    p.host
      ? p.seconds
        ? t('reasonCrmUnreachableHostSeconds', p.host, p.seconds)
        : t('reasonCrmUnreachableHost', p.host)
      : p.seconds
        ? t('reasonCrmUnreachableSeconds', p.seconds)
        : t('reasonCrmUnreachable'),
  'crm-not-opened': (p) => t('reasonCrmNotOpened', p.host ?? t('reasonCrmNotOpenedUnnamed')),
  'crm-tab-closed': () => t('reasonCrmTabClosed'),
  'crm-tab-error': (p) => t('reasonCrmTabError', p.detail ?? t('reasonCrmTabErrorNoDetail')),
  'crm-bad-answer': () => t('reasonCrmBadAnswer'),
  'crm-run-refused': () => t('reasonCrmRunRefused'),
  'crm-no-answer': () => t('reasonCrmNoAnswer'),
  'crm-error': (p) => t('reasonCrmError', p.message ?? t('reasonCrmErrorNoMessage')),
  'crm-accepted': (p) => `${p.message ?? t('reasonCrmAccepted')}${followUpText(p)}`,
  'crm-shows-new-sid': (p) =>
    `${p.closedSilently ? t('reasonCrmShowsNewSidClosedSilently') : t('reasonCrmShowsNewSid')}${followUpText(p)}`,
  'fill-stopped': () => t('reasonFillStopped'),
  interrupted: () => t('reasonInterrupted'),
  internal: (p) => t('reasonInternal', p.detail ?? t('reasonInternalNoDetail')),
  // Only met in a race (the popup offers what the state allows), so the machine's own names do.
  'not-now': (p) => t('reasonNotNow', quotedOr(p.event, t('reasonNotNowThis')), p.state ?? t('reasonNotNowThisState')),
  'not-master-account': () => t('reasonNotMasterAccount'),
  'stale-run': () => t('reasonStaleRun'),
  'no-retry': () => t('reasonNoRetry'),
  'handoff-gone': () => t('reasonHandoffGone'),
};

/**
 * What the CRM driver was doing at each step, for a stop whose code this version does not know. The
 * CRM's own names for its places come with a stop's parameters, so none is written here.
 */
const DRIVER_STEP_TEXT: Record<DriverStep, string> = {
  'open-page': t('driverStepOpenPage'),
  'open-tab': t('driverStepOpenTab'),
  search: t('driverStepSearch'),
  'find-row': t('driverStepFindRow'),
  'row-state': t('driverStepRowState'),
  'open-menu': t('driverStepOpenMenu'),
  'open-dialog': t('driverStepOpenDialog'),
  'check-dialog': t('driverStepCheckDialog'),
  'fill-sid': t('driverStepFillSid'),
  'fill-token': t('driverStepFillToken'),
  'read-back': t('driverStepReadBack'),
  submit: t('driverStepSubmit'),
  'read-result': t('driverStepReadResult'),
};

/** Steps where a stop most likely means the page changed its layout or wording under the driver. */
const PAGE_STEPS: ReadonlySet<string> = new Set<DriverStep>(['open-page', 'open-tab', 'search', 'find-row', 'open-menu', 'open-dialog', 'check-dialog', 'fill-sid', 'fill-token']);
/** Stops that are no change of the page, whatever step they happened at: they say what to do. */
const NOT_THE_PAGE: ReadonlySet<string> = new Set<DriverStopCode>(['bad-value', 'aborted']);
/** Steps just before the click: a stop there sent nothing, which the admin should know. */
const BEFORE_CLICK_STEPS: ReadonlySet<string> = new Set<DriverStep>(['read-back', 'submit']);
/** Stops that say themselves that nothing was sent. */
const SAY_NOTHING_SENT: ReadonlySet<string> = new Set<DriverStopCode>(['not-allowed', 'not-kept', 'dialog-closed']);
const NOTHING_SENT = t('driverNothingSent');
const PAGE_CHANGED_HINT = t('driverPageChangedHint');

type Value = string | number | undefined;
/** The first letter of a phrase that starts a sentence (the messages' descriptions say which). */
const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
/** `the Phone Integration page`: the CRM's own name for a place, as its profile gives it. */
const the = (name: Value, otherwise: string) => (name ? t('driverThingNamed', name) : otherwise);

/** What the driver looked for (`what`); a function where the CRM's profile names it (`name`). */
const THING_TEXT: Record<DriverThing, string | ((name: Value) => string)> = {
  page: (name) => the(name, t('driverThingPage')),
  table: t('driverThingTable'),
  'list-tab': (name) => the(name, t('driverThingListTab')),
  'list-tab-open': (name) => the(name, t('driverThingListTab')),
  'search-box': t('driverThingSearchBox'),
  'search-results': (name) => (name ? t('driverThingSearchResultsFor', name) : t('driverThingSearchResults')),
  'next-page': t('driverThingNextPage'),
  pagination: t('driverThingPagination'),
  'next-page-button': t('driverThingNextPageButton'),
  'row-menu-button': t('driverThingRowMenuButton'),
  'row-edit-button': t('driverThingRowEditButton'),
  'menu-entry': t('driverThingMenuEntry'),
  opened: (name) => t('driverThingOpened', quotedOr(name, t('driverThingActionControl'))),
  fields: t('driverThingFields'),
  'sid-field': t('driverThingSidField'),
  'token-field': t('driverThingTokenField'),
  'editor-loaded': t('driverThingEditor'),
  'cancel-button': t('driverThingCancelButton'),
  'submit-button': t('driverThingSubmitButton'),
  'submit-enabled': t('driverThingSubmitButton'),
  answer: t('driverThingAnswer'),
  'list-refreshed': t('driverThingListRefreshed'),
  'dialog-closed': t('driverThingWindow'),
  'menu-closed': t('driverThingMenu'),
};

/** How a wait ran out, where "did not show" would say it badly. */
const WAIT_TEXT: Partial<Record<string, string>> = {
  page: t('driverWaitLoad'),
  'list-tab-open': t('driverWaitOpen'),
  'editor-loaded': t('driverWaitLoad'),
  'submit-enabled': t('driverWaitEnable'),
  answer: t('driverWaitCome'),
  'list-refreshed': t('driverWaitSettle'),
  'dialog-closed': t('driverWaitClose'),
  'menu-closed': t('driverWaitClose'),
};

function thing(p: Params): string {
  const words = (THING_TEXT as Partial<Record<string, string | ((name: Value) => string)>>)[String(p.what)] ?? t('driverThingOther');
  return typeof words === 'string' ? words : words(p.name);
}

/** The location a row of the CRM's list is for, in the driverStopRow… sentences. */
const row = (p: Params) => quotedOr(p.name, t('driverStopRowUnnamed'));

/** Each stop and refusal of the CRM driver (utils/handoff/reasons.ts `DriverStops`) with its facts. */
const DRIVER_STOP_TEXT: Record<DriverStopCode, (p: Params) => string> = {
  'wrong-page': (p) => t('driverStopWrongPage', the(p.page, t('driverThingPage'))),
  'too-many-pages': (p) => t('driverStopTooManyPages', p.pages ?? t('driverStopTooManyPagesUnknown')),
  'list-moved': () => t('driverStopListMoved'),
  'not-found': (p) =>
    p.what ? t('driverStopNotFound', thing(p)) : p.name ? t('driverStopNotFoundRow', p.name) : t('driverStopNotFoundRowUnnamed'),
  ambiguous: (p) =>
    p.what
      ? t('driverStopAmbiguous', p.count ?? t('driverStopAmbiguousSeveral'), thing(p))
      : t('driverStopAmbiguousRows', p.count ?? t('driverStopAmbiguousRowsSeveral'), quotedOr(p.name, t('driverStopAmbiguousRowsUnnamed'))),
  'row-lost': (p) => t('driverStopRowLost', row(p)),
  'trigger-gone': (p) => t('driverStopRowTriggerGone', row(p)),
  'lc-phone': (p) =>
    t('driverStopLcPhone', quotedOr(p.name, t('driverStopLcPhoneUnnamed')), p.provider ?? t('driverStopLcPhoneOtherProvider')),
  'no-trigger': (p) => t('driverStopRowNoTrigger', row(p)),
  'no-update-entry': (p) => (p.offered ? t('driverStopRowNoUpdateEntryOffered', row(p), p.offered) : t('driverStopRowNoUpdateEntry', row(p))),
  'several-opened': (p) =>
    p.opened === 'menu'
      ? t('driverStopSeveralMenus', p.count ?? t('driverStopSeveralMenusSeveral'))
      : t('driverStopSeveralWindows', p.count ?? t('driverStopSeveralWindowsSeveral')),
  'dialog-already-open': () => t('driverStopDialogAlreadyOpen'),
  'not-editor': () => t('driverStopNotEditor'),
  'no-editor': (p) => (p.hops ? t('driverStopNoEditorAfterHops', p.hops) : t('driverStopNoEditor')),
  'wrong-dialog': (p) =>
    t('driverStopWrongDialog', quotedOr(p.shown, t('driverStopWrongDialogOtherLocation')), quotedOr(p.name, t('driverStopWrongDialogThisLocation'))),
  'bad-value': (p) => t(p.field === 'token' ? 'driverStopBadValueToken' : 'driverStopBadValueSid'),
  'dialog-closed': () => t('driverStopDialogClosed'),
  'not-kept': (p) => t(p.field === 'token' ? 'driverStopNotKeptToken' : 'driverStopNotKeptSid'),
  'not-allowed': () => t('driverStopNotAllowed'),
  forbidden: (p) => t('driverStopForbidden', quotedOr(p.control, t('driverStopForbiddenUnnamed'))),
  'no-answer': (p) => {
    // Whether its editor closed (1), stayed open (0) or is not known; with the CRM's own words, if any.
    if (p.closed === 1) return p.said ? t('driverStopNoAnswerEditorClosedSaid', p.said) : t('driverStopNoAnswerEditorClosed');
    if (p.closed === 0) return p.said ? t('driverStopNoAnswerEditorOpenSaid', p.said) : t('driverStopNoAnswerEditorOpen');
    return p.said ? t('driverStopNoAnswerSaid', p.said) : t('driverStopNoAnswer');
  },
  'closed-silently-other': (p) => (p.now ? t('driverStopClosedSilentlyOther', p.now) : t('driverStopClosedSilentlyOtherUnknown')),
  'closed-silently-empty': () => t('driverStopClosedSilentlyEmpty'),
  'closed-silently-unread': () => t('driverStopClosedSilentlyUnread'),
  timeout: (p) => {
    const seconds = typeof p.seconds === 'number' ? p.seconds : undefined;
    if (p.what === 'opened') {
      const control = quotedOr(p.control ?? p.name, t('driverThingActionControl'));
      if (seconds === undefined) return t('driverStopTimeoutOpenedNothing', control);
      return tCount('driverStopTimeoutOpenedNothingWaitedOne', 'driverStopTimeoutOpenedNothingWaitedOther', seconds, control);
    }
    const waitText = WAIT_TEXT[String(p.what)] ?? t('driverWaitShow');
    if (seconds === undefined) return t('driverStopTimeout', capital(thing(p)), waitText);
    return tCount('driverStopTimeoutWaitedOne', 'driverStopTimeoutWaitedOther', seconds, capital(thing(p)), waitText);
  },
  'not-editable': (p) => t('driverStopNotEditable', capital(thing(p))),
  aborted: () => t('driverStopAborted'),
  internal: () => t('driverStopInternal'),
  unexpected: (p) => (p.detail ? t('driverStopUnexpectedDetail', String(p.detail).replace(/[.\s]+$/, '')) : t('driverStopUnexpected')),
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
  const stepText = (DRIVER_STEP_TEXT as Partial<Record<string, string>>)[step] ?? t('driverStepOther');
  const said = p.message ?? driverStopText(p.driverCode, p) ?? stepText;
  if (p.submitted) {
    // The sentence saying what went wrong goes on after "but", so it starts in lower case.
    return t('driverSubmittedBut', quotedOr(p.button, t('driverSubmittedButtonUnnamed')), `${said.charAt(0).toLowerCase()}${said.slice(1)}`);
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
  return words ? words(params) : t('reasonUnknownCode', code);
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
