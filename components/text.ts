import type { HandoffState } from '../utils/handoff/types';
import type { AuditOutcome } from '../utils/audit';
import type { HostProblem } from '../utils/hosts';
import type { CheckAnchor } from '../utils/messages';
import { t, tCount, uiLocale } from '../utils/i18n';
import { LABEL_VARIANT_MAX_LENGTH, LABEL_VARIANTS_PER_KIND, type LabelVariantKind, type LabelVariantProblem } from '../utils/crm/label-variants';

/**
 * Every word the popup and the options page show, in one place for translation. Functions take
 * the values they place; names from Twilio or the CRM are passed in and rendered as text.
 * Reasons (why a handoff stopped) are worded in ./reason-text.ts, re-exported here: the background
 * words them too, and this whole file would not fit its size budget.
 */
export { reasonText, storedReasonText } from './reason-text';

/** Each handoff state in the admin's words (DESIGN.md §2). */
export const STATE_TEXT: Record<HandoffState, string> = {
  captured: t('stateCaptured'),
  verifying: t('stateVerifying'),
  verified: t('stateVerified'),
  rejected: t('stateRejected'),
  matched: t('stateMatched'),
  'needs-choice': t('stateNeedsChoice'),
  'needs-replace-confirmation': t('stateNeedsReplaceConfirmation'),
  filling: t('stateFilling'),
  filled: t('stateFilled'),
  submitting: t('stateSubmitting'),
  authorized: t('stateAuthorized'),
  failed: t('stateFailed'),
  'needs-check': t('stateNeedsCheck'),
  expired: t('stateExpired'),
  discarded: t('stateDiscarded'),
};

/** One sentence under the state, when the state alone does not say what happens next. */
export const STATE_HINT: Partial<Record<HandoffState, string>> = {
  'needs-choice': t('stateHintNeedsChoice'),
  'needs-replace-confirmation': t('stateHintNeedsReplaceConfirmation'),
  filled: t('stateHintFilled'),
  'needs-check': t('stateHintNeedsCheck'),
  expired: t('stateHintExpired'),
};

export const OUTCOME_TEXT: Record<AuditOutcome, string> = {
  authorized: STATE_TEXT.authorized,
  failed: STATE_TEXT.failed,
  'needs-check': STATE_TEXT['needs-check'],
  rejected: STATE_TEXT.rejected,
  expired: STATE_TEXT.expired,
  discarded: STATE_TEXT.discarded,
};

export const HOST_PROBLEM_TEXT: Record<HostProblem, string> = {
  empty: t('hostProblemEmpty'),
  invalid: t('hostProblemInvalid'),
  port: t('hostProblemPort'),
  'ip-address': t('hostProblemIpAddress'),
  'default-host': t('hostProblemDefaultHost'),
  'twilio-host': t('hostProblemTwilioHost'),
};


/** "Check this page": each anchor the CRM driver relies on, and what to do when it is missing. */
export const CHECK_ANCHOR_TEXT: Record<CheckAnchor, { name: string; missing: string }> = {
  page: {
    name: t('checkAnchorPageName'),
    missing: t('checkAnchorPageMissing'),
  },
  loaded: { name: t('checkAnchorLoadedName'), missing: t('checkAnchorLoadedMissing') },
  tab: {
    name: t('checkAnchorTabName'),
    missing: t('checkAnchorTabMissing'),
  },
  table: { name: t('checkAnchorTableName'), missing: t('checkAnchorTableMissing') },
  'name-column': { name: t('checkAnchorNameColumnName'), missing: t('checkAnchorNameColumnMissing') },
  'managed-by-column': {
    name: t('checkAnchorManagedByColumnName'),
    missing: t('checkAnchorManagedByColumnMissing'),
  },
  'search-box': { name: t('checkAnchorSearchBoxName'), missing: t('checkAnchorSearchBoxMissing') },
  rows: { name: t('checkAnchorRowsName'), missing: t('checkAnchorRowsMissing') },
  'row-ids': {
    name: t('checkAnchorRowIdsName'),
    missing: t('checkAnchorRowIdsMissing'),
  },
  'row-menus': {
    name: t('checkAnchorRowMenusName'),
    missing: t('checkAnchorRowMenusMissing'),
  },
  pagination: {
    name: t('checkAnchorPaginationName'),
    missing: t('checkAnchorPaginationMissing'),
  },
};

/** CRM wording (options page): where each kind of wording shows in the CRM. */
export const LABEL_VARIANT_KIND_TEXT: Record<LabelVariantKind, string> = {
  sidLabel: t('wordingKindSidLabel'),
  tokenLabel: t('wordingKindTokenLabel'),
  submitButton: t('wordingKindSubmitButton'),
  updateCredentials: t('wordingKindUpdateCredentials'),
  searchBox: t('wordingKindSearchBox'),
  subAccountTab: t('wordingKindSubAccountTab'),
  cancelButton: t('wordingKindCancelButton'),
  lcPhone: t('wordingKindLcPhone'),
};

export const LABEL_VARIANT_PROBLEM_TEXT: Record<LabelVariantProblem, string> = {
  empty: t('wordingProblemEmpty'),
  'too-long': t('wordingProblemTooLong', LABEL_VARIANT_MAX_LENGTH),
  'not-plain': t('wordingProblemNotPlain'),
  duplicate: t('wordingProblemDuplicate'),
  'built-in': t('wordingProblemBuiltIn'),
  conflict: t('wordingProblemConflict'),
  'too-many': t('wordingProblemTooMany', LABEL_VARIANTS_PER_KIND),
};

const timeFormat = new Intl.DateTimeFormat(uiLocale(), { hour: 'numeric', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'short', timeStyle: 'short' });

export const text = {
  productName: t('productName'),
  openSettings: t('openSettings'),
  /** The welcome page (entrypoints/welcome), from the popup and the options page. */
  gettingStarted: t('gettingStarted'),
  bulkConnect: t('bulkConnect'),
  /** The popup opened by the keyboard command "Send the credentials on this page to the CRM" with nothing to send. */
  nothingToSend: t('nothingToSend'),
  // Options page: keyboard shortcuts
  shortcutsHeading: t('shortcutsHeading'),
  shortcutNone: t('shortcutNone'),
  /** The toolbar button's command (`_execute_action`), for a browser that gives it no description. */
  shortcutOpenPopup: t('shortcutOpenPopup'),
  shortcutsChrome: t('shortcutsChrome'),
  shortcutsFirefox: t('shortcutsFirefox'),

  // Popup: sections
  handoffsHeading: t('handoffsHeading'),
  locationsHeading: t('locationsHeading'),
  pasteHeading: t('pasteHeading'),

  // Popup: teaching states, one sentence each
  firstRun: t('firstRun'),
  noHandoffs: t('noHandoffs'),
  noLocations: t('noLocations'),
  noLocationMatches: t('noLocationMatches'),

  // Popup: active tab
  enableSiteLead: (host: string) => t('enableSiteLead', host),
  enableSite: t('enableSite'),
  lookalikeSite: (host: string) =>
    t('lookalikeSite', host),
  enableSiteLabel: (host: string) => t('enableSiteLabel', host),
  hostLookalike: (host: string) =>
    t('hostLookalike', host),
  hostAddAnyway: (host: string) => t('hostAddAnyway', host),
  enableSiteDenied: t('enableSiteDenied'),
  enableSiteDone: (host: string) => t('enableSiteDone', host),
  checkPage: t('checkPage'),
  checkPageFound: t('checkPageFound'),
  checkPageMissing: t('checkPageMissing'),
  checkPageAllFound: t('checkPageAllFound'),
  thisTwilioPage: t('thisTwilioPage'),
  thisTwilioPageLocation: (account: string) => t('thisTwilioPageLocation', account),
  thisTwilioPageNoLocation: (account: string) => t('thisTwilioPageNoLocation', account),

  // Handoff item
  unnamedAccount: t('unnamedAccount'),
  sidLabel: t('sidLabel'),
  locationLabel: t('locationLabel'),
  noLocationYet: t('noLocationYet'),
  expiresAt: (time: number) => t('expiresAt', timeFormat.format(time)),
  tokenGone: t('tokenGone'),
  reasonLabel: t('reasonLabel'),
  replacesSid: (sid: string) => t('replacesSid', sid),
  masterWarning: t('masterWarning'),

  // Handoff actions: visible text and accessible names
  openDialog: t('openDialog'),
  authorizeNow: t('authorizeNow'),
  retry: t('retry'),
  chooseLocation: t('chooseLocation'),
  confirmReplace: t('confirmReplace'),
  override: t('override'),
  copySid: t('copySid'),
  copyToken: t('copyToken'),
  discard: t('discard'),
  actionLabel: (action: string, name: string) => t('actionLabel', action, name),
  copied: t('copied'),
  copyFailed: t('copyFailed'),
  tokenUnavailable: t('tokenUnavailable'),
  working: t('working'),
  noAnswer: t('noAnswer'),

  // Location picker
  searchLocations: t('searchLocations'),
  searchPlaceholder: t('searchPlaceholder'),
  locationResults: t('locationResults'),
  suggested: t('suggested'),
  showingSome: (shown: number, total: number) => t('showingSome', shown, total),
  openLocationLabel: (name: string) => t('openLocationLabel', name),
  pickLocationLabel: (name: string) => t('pickLocationLabel', name),
  locationId: (id: string) => t('locationId', id),
  sendToLocation: (name: string) => t('sendToLocation', name),
  sendToLocationButton: t('sendToLocationButton'),
  cancel: t('cancel'),
  locationsSeen: (time: number) => t('locationsSeen', dateTimeFormat.format(time)),

  // Paste form
  pasteLead: t('pasteLead'),
  pasteSid: t('pasteSid'),
  pasteToken: t('pasteToken'),
  pasteSend: t('pasteSend'),
  pasteSent: t('pasteSent'),

  // Options page
  optionsTitle: t('optionsTitle'),
  hostsHeading: t('hostsHeading'),
  hostsLead: t('hostsLead'),
  hostAlwaysOn: t('hostAlwaysOn'),
  hostEnabled: t('hostEnabled'),
  hostNotAllowed: t('hostNotAllowed'),
  hostAllow: t('hostAllow'),
  hostAllowLabel: (host: string) => t('hostAllowLabel', host),
  hostRemove: t('hostRemove'),
  hostRemoveLabel: (host: string) => t('hostRemoveLabel', host),
  hostRemoved: (host: string) => t('hostRemoved', host),
  hostRemovedKept: (host: string) =>
    t('hostRemovedKept', host),
  hostAddLabel: t('hostAddLabel'),
  hostAddPlaceholder: t('hostAddPlaceholder'),
  hostAdd: t('hostAdd'),
  hostAdded: (host: string) => t('hostAdded', host),
  hostDenied: (host: string) => t('hostDenied', host),
  hostAlreadyListed: (host: string) => t('hostAlreadyListed', host),
  preferredHost: t('preferredHost'),

  behaviourHeading: t('behaviourHeading'),
  autoAuthorize: t('autoAuthorize'),
  autoAuthorizeHint: t('autoAuthorizeHint'),
  fillAndWait: t('fillAndWait'),
  fillAndWaitHint: t('fillAndWaitHint'),
  whenMatched: t('whenMatched'),
  tokenLifetime: t('tokenLifetime'),
  tokenLifetimeHint: (min: number, max: number) => t('tokenLifetimeHint', min, max),
  testAfterAuthorize: t('testAfterAuthorize'),
  testAfterAuthorizeHint: t('testAfterAuthorizeHint'),
  saved: t('saved'),

  wordingHeading: t('wordingHeading'),
  wordingLead: t('wordingLead'),
  wordingKind: t('wordingKind'),
  wordingText: t('wordingText'),
  wordingPlaceholder: t('wordingPlaceholder'),
  wordingAdd: t('wordingAdd'),
  wordingBuiltIn: (texts: readonly string[]) => t('wordingBuiltIn', texts.join(', ')),
  wordingAdded: (wording: string) => t('wordingAdded', wording),
  wordingNone: t('wordingNone'),
  wordingListLabel: t('wordingListLabel'),
  wordingRemove: t('wordingRemove'),
  wordingRemoveLabel: (wording: string, place: string) => t('wordingRemoveLabel', wording, place),
  wordingRemoved: (wording: string) => t('wordingRemoved', wording),

  auditHeading: t('auditHeading'),
  auditLead: t('auditLead'),
  auditEmpty: t('auditEmpty'),
  auditTable: t('auditTable'),
  auditWhen: t('auditWhen'),
  auditAccount: t('auditAccount'),
  auditSid: t('auditSid'),
  auditLocation: t('auditLocation'),
  auditReplaced: t('auditReplaced'),
  auditOutcome: t('auditOutcome'),
  auditReason: t('auditReason'),
  auditExport: t('auditExport'),
  auditClear: t('auditClear'),
  auditClearConfirm: t('auditClearConfirm'),
  auditCount: (count: number) => tCount('auditCountOne', 'auditCountOther', count),
  formatDateTime: (time: number) => dateTimeFormat.format(time),

  clearHeading: t('clearHeading'),
  clearLead: t('clearLead'),
  clearButton: t('clearButton'),
  clearConfirm: t('clearConfirm'),
  clearConfirmButton: t('clearConfirmButton'),
  cleared: t('cleared'),
  failedWith: (message: string) => t('failedWith', message),
} as const;

