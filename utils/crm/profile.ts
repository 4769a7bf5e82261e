import type { CrmProfile } from './profile-schema';

/**
 * Everything the CRM driver relies on to find its way around HighLevel's Phone Integration page
 * (DESIGN.md §3, issue 6 item 1): paths, selectors, label texts and their variants, button and
 * menu names, value formats and wait bounds. Driver code takes every selector and text from here.
 *
 * Two layouts are covered side by side: the current one (naive-ui derivative with the `hr` class
 * prefix, ⋮ row menu, dialogs at the end of <body>, "Authorize") and the older one (pencil icon
 * opening the dialog directly, Bootstrap-style modal, "Save", "Twilio Account SID" labels).
 * Lists run from specific to generic; finders try them in order and refuse ambiguous answers.
 */

export type { CrmProfile };

/**
 * The built-in profile for HighLevel and its white-label hosts. A plain constant, type-checked
 * here and checked against the schema (./profile-schema.ts) by tests (tests/unit/crm-profile.test.ts),
 * so no extension script carries the schema code (the content script's budget is 20 KB gzipped).
 */
export const HIGHLEVEL_PROFILE: CrmProfile = {
  // How messages name the site's places; the driver core has no words of its own for them.
  names: { page: 'Phone Integration page', listTab: 'Sub Account Settings tab', otherProvider: 'LC Phone' },
  paths: ['/settings/phone_integration', '/settings/twilio'],
  formats: {
    locationId: '^[A-Za-z0-9]{20}$',
    accountSid: '^AC[0-9a-f]{32}$',
    authToken: '^[0-9a-f]{32}$',
    locationIdInHref: '/location/([A-Za-z0-9]{20})(?:[/?#]|$)',
  },
  page: {
    loaders: [
      '.hr-spin-body', // naive-ui NSpin while `show`
      '.hr-spin',
      '.hr-data-table--loading', // NDataTable `loading`: the table itself carries the class
      '.hr-data-table-loading-wrapper',
      '.hr-skeleton',
      '[aria-busy="true"]',
      '.spinner-border', // Bootstrap (older layout)
    ],
    leaving: ['[class*="-leave-active"]'], // Vue's <Transition> (v-leave-active, fade-…-leave-active)
  },
  tabs: {
    tabs: ['[role="tab"]', '.hr-tabs-tab', '.nav-tabs .nav-link', '.nav-pills .nav-link'],
    active: ['[aria-selected="true"]', '.hr-tabs-tab--active', '.active', '[aria-current="page"]'],
    subAccount: ['Sub Account Settings', 'Sub-Account Settings', 'Subaccount Settings', 'Sub Accounts', 'Sub-Accounts'],
  },
  search: {
    inputs: ['input[type="search"]', 'input[type="text"]', 'input:not([type])'],
    texts: ['Search sub-account', 'Search sub account', 'Search subaccount', 'Search location', 'Search'],
  },
  table: {
    containers: ['.hr-data-table', 'table', '[role="table"]', '[role="grid"]'],
    headerCells: ['th', '[role="columnheader"]'],
    rows: ['tbody tr', '[role="row"]'],
    cells: ['td', '[role="cell"]', '[role="gridcell"]'],
    columns: {
      name: ['Sub-Account', 'Sub Account', 'Sub-Account Name', 'Location', 'Location Name', 'Account Name', 'Name', 'Account'],
      id: ['Location ID', 'Sub-Account ID', 'ID'],
      sid: ['Account SID', 'Twilio Account SID', 'Twilio SID', 'SID'],
      managedBy: ['Managed By', 'Provider', 'Phone Provider'],
    },
    notName: ['[class*="avatar" i]', 'img', 'svg', 'button', 'input', '[role="button"]', '.sr-only', '.visually-hidden'],
    idAttributes: ['data-location-id', 'data-id', 'data-row-key', 'data-key'],
    idPrefixes: ['ID', 'Location ID', 'Sub-Account ID'],
    idLinks: ['a[href]'],
    // What a SID cell shows for a location without one. Anything else that is not a whole SID is unknown.
    emptySid: ['—', '–', '-', '−', 'None', 'Not set', 'Not connected', 'N/A'],
  },
  pagination: {
    containers: ['.hr-pagination', '.pagination', 'nav[aria-label*="pagination" i]'],
    next: ['button', 'a', '[role="button"]', '.hr-pagination-item', '.page-link'],
    nextNames: ['Next page', 'Go to next page', 'Next', '›', '»', '>'],
    lastArrow: ['.hr-pagination-item--button'],
    disabled: ['[disabled]', '[aria-disabled="true"]', '.hr-pagination-item--disabled', '.disabled'],
    // Lists that grow in place: a button under the table.
    loadMore: ['button', 'a', '[role="button"]'],
    loadMoreNames: ['Load more', 'Show more', 'View more', 'Load more results', 'More results'],
    maxPages: 1000,
  },
  managedBy: {
    // Matched exactly, then as the beginning of the text: "Twilio" also reads "Twilio (own account)".
    twilio: ['Twilio', 'Own Twilio', 'Agency Twilio'],
    lcPhone: ['LC Phone', 'LC-Phone', 'LeadConnector'],
    notAvailable: ['Not available', 'N/A', 'Not connected'],
  },
  rowActions: {
    clickable: ['button', '[role="button"]', 'a[href="#"]', 'a:not([href])', '[aria-haspopup]'],
    menuTriggers: ['[aria-haspopup]'],
    iconContent: ['svg', 'i', 'img', 'span'],
    menuNames: ['More actions', 'More', 'Actions', 'Options', 'Menu', '⋮', '⋯', '…'],
    menuIcons: ['[class*="dots" i]', '[class*="ellipsis" i]', '[class*="kebab" i]', '[class*="more-vert" i]', '[data-icon*="ellipsis" i]'],
    editNames: ['Edit', 'Edit credentials', 'Update'],
    editIcons: ['[class*="pencil" i]', '[data-icon*="pencil" i]', '.fa-edit', '[class*="icon-edit" i]'],
  },
  menu: {
    containers: ['.hr-dropdown-menu', '[role="menu"]', '.dropdown-menu', '[role="listbox"]'],
    items: ['.hr-dropdown-option', '[role="menuitem"]', '.dropdown-item', '[role="option"]', 'li'],
    updateCredentials: ['Update Credentials', 'Update Twilio Credentials', 'Edit Credentials', 'Edit Twilio Credentials', 'Manage Credentials', 'Update Twilio Account'],
    // Failing those, an entry that speaks of credentials (and names nothing forbidden).
    credentialWords: ['credential'],
  },
  // Never pressed, in a menu, a row or an editor: they delete, disconnect, move the location to
  // LC Phone, or create accounts (help articles: "Link to LeadConnector" moves it at once).
  never: ['Delete', 'Disconnect', 'Remove', 'LeadConnector', 'Create', 'Unlink', 'Move', 'Transfer', 'Release', 'Reset', 'Revoke'],
  dialog: {
    containers: ['[role="dialog"]', '[role="alertdialog"]', '.hr-modal', '.hr-dialog', '.hr-drawer', '.modal.show', 'dialog[open]'],
    titles: ['.hr-card-header__main', '.hr-dialog__title', '.modal-title', '[role="heading"]', 'h2', 'h3', 'h4', 'h5'],
    nameTemplates: [
      'Update Credentials - {name}',
      'Update Credentials for {name}',
      'Update Credentials: {name}',
      'Twilio Credentials - {name}',
      'Location: {name}',
      'Sub-Account: {name}',
      'Sub Account: {name}',
    ],
    sidLabels: ['Account SID', 'Twilio Account SID', 'Twilio SID'],
    tokenLabels: ['Auth Token', 'Twilio Auth Token', 'Authentication Token', 'Twilio Token'],
    // Compared without case and separators: accountSid also finds account_sid and account-sid.
    sidNames: ['accountSid', 'twilioAccountSid', 'sid'],
    tokenNames: ['authToken', 'twilioAuthToken', 'token'],
    buttons: ['button', '[role="button"]', 'input[type="submit"]', 'input[type="button"]'],
    submit: ['Authorize', 'Save', 'Save Changes', 'Save Credentials', 'Connect', 'Update', 'Update Credentials', 'Submit'],
    cancel: ['Cancel', 'Close'],
    close: ['.hr-base-close', '.hr-card-header__close', '.hr-dialog__close', '.btn-close', '.close', '[aria-label="Close" i]'],
    disabled: ['.hr-button--disabled', '.disabled', '[disabled]'],
    // Always errors.
    errors: ['.hr-form-item-feedback--error', '.hr-alert--error-type', '.hr-alert--warning-type', '.alert-danger', '.alert-warning', '.invalid-feedback', '.text-danger'],
    // Messages whose kind their class or words tell (an inline "Credentials saved." is a success).
    messages: ['.hr-alert', '.alert', '[role="alert"]', '[role="status"]'],
  },
  toasts: {
    // naive-ui messages and notifications, Bootstrap toasts and alerts, Vue-Toastification, ARIA live regions.
    containers: ['.hr-message', '.hr-notification', '.toast', '.Vue-Toastification__toast', '.alert', '[role="alert"]', '[role="status"]'],
    success: ['[class*="--success"]', '.toast-success', '.bg-success', '.alert-success'],
    error: ['[class*="--error"]', '[class*="--warning"]', '.toast-error', '.toast-warning', '.bg-danger', '.alert-danger', '.alert-warning'],
    successWords: ['success', 'updated', 'authorized', 'saved', 'connected'],
    errorWords: ['error', 'invalid', 'fail', 'unable', 'expired', 'denied', 'unauthorized', 'wrong', 'incorrect', 'could not', "couldn't"],
  },
  waits: {
    pageMs: 30_000,
    stepMs: 8_000,
    searchDebounceMs: 400,
    searchUnchangedMs: 2_500,
    quietMs: 600,
    pageQuietMs: 250,
    enableMs: 5_000,
    searchMs: 30_000,
    submitIntentMs: 10_000,
    resultMs: 30_000,
    silentMs: 1_500,
    reactMs: 3_000,
  },
};

/** Phone Integration page detection, a pure function of the URL (the path, trailing slash ignored). */
export function isPhoneIntegrationPage(url: string | URL, profile: CrmProfile = HIGHLEVEL_PROFILE): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  const path = parsed.pathname.replace(/(.)\/+$/, '$1');
  return profile.paths.includes(path);
}
