import type { HandoffState } from '../utils/handoff/types';
import type { AuditOutcome } from '../utils/audit';
import type { HostProblem } from '../utils/hosts';
import type { CheckAnchor } from '../utils/messages';
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
  captured: 'Received',
  verifying: 'Checking with Twilio',
  verified: 'Checked with Twilio',
  rejected: 'Refused',
  matched: 'Location found',
  'needs-choice': 'Choose a location',
  'needs-replace-confirmation': 'Replace credentials?',
  filling: 'Filling in the CRM',
  filled: 'Filled in, waiting for you',
  submitting: 'Authorizing',
  authorized: 'Authorized',
  failed: 'Failed',
  'needs-check': 'Check in the CRM',
  expired: 'Expired',
  discarded: 'Discarded',
};

/** One sentence under the state, when the state alone does not say what happens next. */
export const STATE_HINT: Partial<Record<HandoffState, string>> = {
  'needs-choice': 'More than one location could be the one, or none has this name: pick it below.',
  'needs-replace-confirmation':
    'This location uses another sub-account. Replacing it stops that sub-account’s numbers serving this location.',
  filled: 'The credentials are in the update dialog. Click Authorize there or here.',
  'needs-check': 'The CRM may have received the credentials. Open the update dialog to see what it holds.',
  expired: 'The token was wiped. Send it again from the Twilio console.',
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
  empty: 'Type the address of your CRM, for example app.youragency.com.',
  invalid: 'This is not a site address. Type it like app.youragency.com.',
  port: 'Leave out the port number.',
  'ip-address': 'Use the site’s name, not an IP address.',
  'default-host': 'app.gohighlevel.com is always on.',
  'twilio-host': 'That is a Twilio site, not your CRM.',
};

const ADD_WORDING = 'If your CRM words it differently, add that wording under CRM wording in Settings.';

/** "Check this page": each anchor the CRM driver relies on, and what to do when it is missing. */
export const CHECK_ANCHOR_TEXT: Record<CheckAnchor, { name: string; missing: string }> = {
  page: {
    name: 'Phone Integration page',
    missing: 'Open Settings → Phone Integration in the agency view of your CRM, then check again.',
  },
  loaded: { name: 'Page finished loading', missing: 'The page did not finish loading. Reload the tab and check again.' },
  tab: {
    name: 'Sub Account Settings tab',
    missing: `Older layouts list sub-accounts without this tab, and that works. ${ADD_WORDING}`,
  },
  table: { name: 'Sub-accounts table', missing: 'Open the Sub Account Settings tab, then check again.' },
  'name-column': { name: 'Name column', missing: 'The first text column is read as the location name.' },
  'managed-by-column': {
    name: 'Managed By column',
    missing: 'LC Phone locations are then known only by their menu, which offers no Update Credentials.',
  },
  'search-box': { name: 'Search box', missing: `Long lists are searched through it. ${ADD_WORDING}` },
  rows: { name: 'Location rows', missing: 'Clear the search box and filters, then check again.' },
  'row-ids': {
    name: 'Location ids in rows',
    missing: 'Rows without an id are told apart by name only: two locations with the same name are refused.',
  },
  'row-menus': {
    name: 'Row menu buttons (⋮ or pencil)',
    missing: 'Without them no update dialog can be opened. Reload the tab and check again.',
  },
  pagination: {
    name: 'Pagination',
    missing: 'Without page controls only the rows shown can be read. That is fine when every location fits on one page.',
  },
};

/** CRM wording (options page): where each kind of wording shows in the CRM. */
export const LABEL_VARIANT_KIND_TEXT: Record<LabelVariantKind, string> = {
  sidLabel: 'Account SID field label',
  tokenLabel: 'Auth Token field label',
  submitButton: 'Authorize button',
  updateCredentials: 'Update Credentials menu entry',
  searchBox: 'Search box placeholder',
  subAccountTab: 'Sub Account Settings tab',
  cancelButton: 'Cancel button',
  lcPhone: 'LC Phone name in the Managed By column',
};

export const LABEL_VARIANT_PROBLEM_TEXT: Record<LabelVariantProblem, string> = {
  empty: 'Type the wording exactly as the CRM shows it.',
  'too-long': `Keep it to ${LABEL_VARIANT_MAX_LENGTH} characters or fewer.`,
  'not-plain': 'Use plain text only: no control characters, invisible characters or < >.',
  duplicate: 'This wording is already added.',
  'built-in': 'The extension already knows this wording.',
  conflict: 'This wording belongs to another field or button. Used for both, the two could not be told apart.',
  'too-many': `At most ${LABEL_VARIANTS_PER_KIND} wordings for one place. Remove one first.`,
};

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

export const text = {
  productName: 'Handoff for Twilio',
  openSettings: 'Settings',
  /** The welcome page (entrypoints/welcome), from the popup and the options page. */
  gettingStarted: 'Getting started',
  bulkConnect: 'Bulk connect',
  /** The popup opened by the keyboard command "Send the credentials on this page to the CRM" with nothing to send. */
  nothingToSend:
    'Nothing was sent: the shortcut sends the Account SID and Auth Token that a Twilio console tab shows, and the active tab shows none. Open the sub-account’s Account Info in the Twilio console, then press the shortcut again, or paste the pair below.',
  // Options page: keyboard shortcuts
  shortcutsHeading: 'Keyboard shortcuts',
  shortcutNone: 'not set',
  /** The toolbar button's command (`_execute_action`), for a browser that gives it no description. */
  shortcutOpenPopup: 'Open Handoff for Twilio',
  shortcutsChrome: 'Change them on the browser’s shortcuts page',
  shortcutsFirefox: 'Change them in Firefox: about:addons → the gear menu → Manage Extension Shortcuts.',

  // Popup: sections
  handoffsHeading: 'Handoffs',
  locationsHeading: 'Open a location',
  pasteHeading: 'Paste credentials',

  // Popup: teaching states, one sentence each
  firstRun:
    'Open a sub-account in the Twilio console and click Send to CRM: its Account SID and Auth Token go to the CRM location with the same name.',
  noHandoffs: 'Nothing in progress. Open a sub-account in the Twilio console and click Send to CRM.',
  noLocations: 'Open Phone Integration in your CRM once, and its locations can be searched here.',
  noLocationMatches: 'No location matches.',

  // Popup: active tab
  enableSiteLead: (host: string) => `This looks like your CRM at ${host}.`,
  enableSite: 'Enable on this site',
  lookalikeSite: (host: string) =>
    `Careful: ${host} is named like HighLevel’s app but is not one of its sites. Pages like this are made to collect credentials. If it really is your agency’s CRM, add it under CRM sites in Settings.`,
  enableSiteLabel: (host: string) => `Enable Handoff for Twilio on ${host}`,
  hostLookalike: (host: string) =>
    `Careful: ${host} is named like HighLevel’s app but is not one of its sites. Pages like this are made to collect credentials. Add it only if it really is your agency’s own CRM address.`,
  hostAddAnyway: (host: string) => `Add ${host} anyway`,
  enableSiteDenied: 'The browser did not allow it. Try again, or add the site in Settings.',
  enableSiteDone: (host: string) => `Enabled on ${host}.`,
  checkPage: 'Check this page',
  checkPageFound: 'Found',
  checkPageMissing: 'Not found',
  checkPageAllFound: 'Everything the extension needs on this page was found.',
  thisTwilioPage: 'This Twilio page',
  thisTwilioPageLocation: (account: string) => `${account} goes to:`,
  thisTwilioPageNoLocation: (account: string) => `${account} has no location yet.`,

  // Handoff item
  unnamedAccount: 'Unnamed sub-account',
  sidLabel: 'Account SID',
  locationLabel: 'Location',
  noLocationYet: 'Not chosen yet',
  expiresAt: (time: number) => `Token kept until ${timeFormat.format(time)}`,
  tokenGone: 'Token wiped',
  reasonLabel: 'Why',
  replacesSid: (sid: string) => `Replaces ${sid}`,
  masterWarning:
    'This is a master account, not a sub-account. Its numbers and billing would serve this location. Send it only if you are sure.',

  // Handoff actions: visible text and accessible names
  openDialog: 'Open update dialog',
  authorizeNow: 'Authorize now',
  retry: 'Retry',
  chooseLocation: 'Choose location',
  confirmReplace: 'Replace credentials',
  override: 'Send master account anyway',
  copySid: 'Copy SID',
  copyToken: 'Copy token',
  discard: 'Discard',
  actionLabel: (action: string, name: string) => `${action}: ${name}`,
  copied: 'Copied',
  copyFailed: 'Could not copy',
  tokenUnavailable: 'The token is no longer kept.',
  working: 'Working…',
  noAnswer: 'The extension did not answer. Close this window and try again.',

  // Location picker
  searchLocations: 'Search locations',
  searchPlaceholder: 'Name, id or SID',
  locationResults: 'Matching locations',
  suggested: 'Suggested',
  showingSome: (shown: number, total: number) => `Showing ${shown} of ${total}. Type to narrow.`,
  openLocationLabel: (name: string) => `Open update dialog for ${name}`,
  pickLocationLabel: (name: string) => `Choose ${name}`,
  locationId: (id: string) => `ID ${id}`,
  sendToLocation: (name: string) => `Send credentials to ${name}`,
  sendToLocationButton: 'Send here',
  cancel: 'Cancel',
  locationsSeen: (time: number) => `Locations as seen ${dateTimeFormat.format(time)}.`,

  // Paste form
  pasteLead: 'When the Twilio page does not let the extension read the token, paste both values here.',
  pasteSid: 'Account SID',
  pasteToken: 'Auth Token',
  pasteSend: 'Send to CRM',
  pasteSent: 'Sent. Its progress shows under Handoffs.',

  // Options page
  optionsTitle: 'Handoff for Twilio settings',
  hostsHeading: 'CRM sites',
  hostsLead: 'The sites where your CRM runs. Agencies with their own domain add it here.',
  hostAlwaysOn: 'Always on',
  hostEnabled: 'On',
  hostNotAllowed: 'Not allowed by the browser',
  hostAllow: 'Allow',
  hostAllowLabel: (host: string) => `Allow ${host}`,
  hostRemove: 'Remove',
  hostRemoveLabel: (host: string) => `Remove ${host}`,
  hostRemoved: (host: string) => `Removed ${host}.`,
  hostRemovedKept: (host: string) =>
    `Removed ${host}. The browser kept its permission for it (it is built in), but the extension no longer runs there.`,
  hostAddLabel: 'Add a CRM site',
  hostAddPlaceholder: 'app.youragency.com',
  hostAdd: 'Add site',
  hostAdded: (host: string) => `Added ${host}.`,
  hostDenied: (host: string) => `The browser did not allow ${host}.`,
  hostAlreadyListed: (host: string) => `${host} is already listed.`,
  preferredHost: 'Send handoffs to',

  behaviourHeading: 'Behaviour',
  autoAuthorize: 'Authorize automatically',
  autoAuthorizeHint: 'Fill in the credentials and click Authorize when the location is certain.',
  fillAndWait: 'Fill in and wait for me',
  fillAndWaitHint: 'Fill in the credentials; you click Authorize in the CRM or in this popup.',
  whenMatched: 'When the location is found',
  tokenLifetime: 'Keep a token for (minutes)',
  tokenLifetimeHint: (min: number, max: number) => `Between ${min} and ${max}. Then it is wiped.`,
  testAfterAuthorize: 'Test the credentials after authorizing',
  testAfterAuthorizeHint: 'Checks the sub-account is active and owns phone numbers.',
  saved: 'Saved.',

  wordingHeading: 'CRM wording',
  wordingLead:
    'When your CRM renames a label or button the extension looks for, add the new wording here. The built-in wording is tried first, then yours.',
  wordingKind: 'Where the CRM shows it',
  wordingText: 'Wording',
  wordingPlaceholder: 'e.g. Twilio Auth Key',
  wordingAdd: 'Add wording',
  wordingBuiltIn: (texts: readonly string[]) => `Built in: ${texts.join(', ')}`,
  wordingAdded: (wording: string) => `Added “${wording}”. It counts from the next handoff or check.`,
  wordingNone: 'No wording added yet.',
  wordingListLabel: 'Added wording',
  wordingRemove: 'Remove',
  wordingRemoveLabel: (wording: string, place: string) => `Remove “${wording}” (${place})`,
  wordingRemoved: (wording: string) => `Removed “${wording}”.`,

  auditHeading: 'Audit log',
  auditLead: 'One row per finished handoff. It never holds a token.',
  auditEmpty: 'No finished handoffs yet.',
  auditTable: 'Audit log rows',
  auditWhen: 'When',
  auditAccount: 'Sub-account',
  auditSid: 'Account SID',
  auditLocation: 'Location',
  auditReplaced: 'Replaced SID',
  auditOutcome: 'Outcome',
  auditReason: 'Reason',
  auditExport: 'Export CSV',
  auditClear: 'Clear log',
  auditClearConfirm: 'Clear the audit log?',
  auditCount: (count: number) => (count === 1 ? '1 row' : `${count} rows`),
  formatDateTime: (time: number) => dateTimeFormat.format(time),

  clearHeading: 'Clear all data',
  clearLead:
    'Removes handoffs, tokens, settings, the audit log, known locations and your added CRM sites, and turns notifications and clipboard clearing off.',
  clearButton: 'Clear all data',
  clearConfirm: 'This cannot be undone. Clear everything?',
  clearConfirmButton: 'Yes, clear everything',
  cleared: 'All data cleared.',
  failedWith: (message: string) => `Failed: ${message}`,
} as const;

