// i18n-ignore-file: the CRM's own wording (labels, buttons, menu entries in HighLevel's English) that the driver looks for on its page; never shown by the extension.
import type { CrmProfile, RunStepName } from './profile-schema';

/**
 * Everything the CRM driver relies on to find its way around HighLevel's Phone Integration page
 * (DESIGN.md §3; issue 9 item 3): paths, texts and their variants, value formats, wait bounds, and
 * one profile per layout the page is known to come in. Driver code takes every selector and text
 * from a profile; which layout's profile a run uses is decided by the page's own anchors
 * (`chooseLayout`), not by one merged list.
 *
 * A profile is the parts every layout shares (texts, and selectors by role or element) with the
 * layout's own hints (its design system's class names) put before them, specific first: finders try
 * them in order and refuse ambiguous answers. The layouts known today:
 * - `design-system` with the class prefix HighLevel's app uses (`hr-`), naive-ui's default (`n-`)
 *   and the older `hl-`: data table, ⋮ row menu or pencil, dialogs and drawers at the end of <body>;
 * - `classic`: the older Bootstrap page (pencil opening a `.modal`, "Save", `/settings/twilio`).
 * A page whose anchors fit none is read with the shared part alone: roles, names and visible text.
 */

export type { CrmProfile };

/** The order a run takes (a layout whose list has no tab to open leaves out `open-tab`). */
export const HIGHLEVEL_STEPS: RunStepName[] = ['open-page', 'open-tab', 'find-row', 'open-editor', 'check-editor', 'read-current', 'fill', 'submit', 'read-result'];

/** The shared part: no class names of any layout's design system. */
const SHARED: CrmProfile = {
  // How messages name the site's places; the driver core has no words of its own for them.
  names: { page: 'Phone Integration page', listTab: 'Sub Account Settings tab', otherProvider: 'LC Phone' },
  layout: { id: 'generic', anchors: { paths: [], selectors: [] } },
  steps: HIGHLEVEL_STEPS,
  paths: ['/settings/phone_integration', '/settings/twilio'],
  formats: {
    locationId: '^[A-Za-z0-9]{20}$',
    accountSid: '^AC[0-9a-f]{32}$',
    authToken: '^[0-9a-f]{32}$',
    locationIdInHref: '/location/([A-Za-z0-9]{20})(?:[/?#]|$)',
  },
  page: {
    loaders: ['[aria-busy="true"]'],
    leaving: ['[class*="-leave-active"]'], // Vue's <Transition> (v-leave-active, fade-…-leave-active)
  },
  tabs: {
    tabs: ['[role="tab"]'],
    active: ['[aria-selected="true"]', '[aria-current="page"]'],
    subAccount: ['Sub Account Settings', 'Sub-Account Settings', 'Subaccount Settings', 'Sub Accounts', 'Sub-Accounts'],
  },
  search: {
    inputs: ['input[type="search"]', 'input[type="text"]', 'input:not([type])'],
    texts: ['Search sub-account', 'Search sub account', 'Search subaccount', 'Search location', 'Search'],
  },
  table: {
    containers: ['table', '[role="table"]', '[role="grid"]'],
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
    containers: ['nav[aria-label*="pagination" i]'],
    next: ['button', 'a', '[role="button"]'],
    nextNames: ['Next page', 'Go to next page', 'Next', '›', '»', '>'],
    lastArrow: [],
    disabled: ['[disabled]', '[aria-disabled="true"]'],
    // Lists that grow in place: a button under the table.
    loadMore: ['button', 'a', '[role="button"]'],
    loadMoreNames: ['Load more', 'Show more', 'View more', 'Load more results', 'More results'],
    maxPages: 1000,
    // The rows-per-page control ("10 / page", "Rows per page: 10", a <select> of sizes): a long list
    // is read in fewer turns at its largest size up to maxPageSize. Only a control showing exactly
    // the number of rows the full page shows counts (a page jumper shows the page: 1).
    sizeControls: ['select', '[role="combobox"]', '[aria-haspopup="listbox"]'],
    sizeMenus: ['[role="listbox"]', '[role="menu"]'],
    sizeOptions: ['[role="option"]', '[role="menuitem"]', 'option', 'li'],
    sizeWords: ['rows per page', 'items per page', 'per page', 'page size', '/ page', '/page', 'page', 'rows', 'items', 'entries', 'results', 'show'],
    maxPageSize: 100,
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
    editIcons: ['[class*="pencil" i]', '[data-icon*="pencil" i]', '[class*="icon-edit" i]'],
  },
  menu: {
    containers: ['[role="menu"]', '[role="listbox"]'],
    items: ['[role="menuitem"]', '[role="option"]', 'li'],
    updateCredentials: ['Update Credentials', 'Update Twilio Credentials', 'Edit Credentials', 'Edit Twilio Credentials', 'Manage Credentials', 'Update Twilio Account'],
    // Failing those, an entry that speaks of credentials (and names nothing forbidden).
    credentialWords: ['credential'],
  },
  // Never pressed, in a menu, a row or an editor: they delete, disconnect, move the location to
  // LC Phone, or create accounts (help articles: "Link to LeadConnector" moves it at once).
  never: ['Delete', 'Disconnect', 'Remove', 'LeadConnector', 'Create', 'Unlink', 'Move', 'Transfer', 'Release', 'Reset', 'Revoke'],
  dialog: {
    containers: ['[role="dialog"]', '[role="alertdialog"]', 'dialog[open]'],
    titles: ['[role="heading"]', 'h2', 'h3', 'h4', 'h5'],
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
    close: ['[aria-label="Close" i]'],
    disabled: ['[disabled]', '[aria-disabled="true"]'],
    // Always errors.
    errors: [],
    // Messages whose kind their class or words tell (an inline "Credentials saved." is a success).
    messages: ['[role="alert"]', '[role="status"]'],
  },
  toasts: {
    // ARIA live regions, and Vue-Toastification (used by many Vue apps, whatever their design system).
    containers: ['.Vue-Toastification__toast', '[role="alert"]', '[role="status"]'],
    // BEM modifiers (`…--success`), as Vue-Toastification and most design systems write them.
    success: ['[class*="--success"]'],
    error: ['[class*="--error"]', '[class*="--warning"]'],
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

/** A layout's own hints: selector lists put before the shared ones, key by key. */
type Hints = {
  [S in keyof CrmProfile]?: CrmProfile[S] extends Record<string, unknown> ? { [K in keyof CrmProfile[S]]?: CrmProfile[S][K] extends string[] ? string[] : never } : never;
};

interface LayoutSpec {
  id: string;
  anchors: CrmProfile['layout']['anchors'];
  steps?: RunStepName[];
  hints: Hints;
}

/** The shared part with a layout's hints in front of it. */
export function withLayout(shared: CrmProfile, spec: LayoutSpec): CrmProfile {
  const out: Record<string, unknown> = { ...shared, layout: { id: spec.id, anchors: spec.anchors }, steps: spec.steps ?? shared.steps };
  for (const [section, lists] of Object.entries(spec.hints) as Array<[keyof CrmProfile, Record<string, string[]>]>) {
    const base = shared[section] as unknown as Record<string, string[]>;
    const merged: Record<string, unknown> = { ...base };
    for (const [key, list] of Object.entries(lists)) merged[key] = [...new Set([...list, ...base[key]!])];
    out[section] = merged;
  }
  return out as unknown as CrmProfile;
}

/**
 * The design system's layout under one class prefix (naive-ui's `clsPrefix`): HighLevel's app
 * renders `hr-…`; the same components appear as `n-…` (naive-ui's default) and `hl-…` behind
 * design-system feature flags (DESIGN.md §3).
 */
function designSystem(prefix: string): LayoutSpec {
  const c = (names: string[]) => names.map((name) => name.replaceAll('~', prefix));
  return {
    id: `design-system-${prefix}`,
    anchors: { paths: [], selectors: c(['.~-data-table', '.~-tabs', '.~-pagination', '.~-button', '.~-input']) },
    hints: {
      page: { loaders: c(['.~-spin-body', '.~-spin', '.~-data-table--loading', '.~-data-table-loading-wrapper', '.~-skeleton']) },
      tabs: { tabs: c(['.~-tabs-tab']), active: c(['.~-tabs-tab--active']) },
      table: { containers: c(['.~-data-table']) },
      pagination: {
        containers: c(['.~-pagination']),
        next: c(['.~-pagination-item']),
        // naive-ui renders prev and next as unnamed icon items with the same class: next is the last.
        lastArrow: c(['.~-pagination-item--button']),
        disabled: c(['.~-pagination-item--disabled']),
        // naive-ui's size picker: an NSelect without roles, its menu teleported to the body.
        sizeControls: c(['.~-pagination .~-base-selection']),
        sizeMenus: c(['.~-base-select-menu']),
        sizeOptions: c(['.~-base-select-option']),
      },
      menu: { containers: c(['.~-dropdown-menu']), items: c(['.~-dropdown-option']) },
      dialog: {
        containers: c(['.~-modal', '.~-dialog', '.~-drawer']),
        titles: c(['.~-card-header__main', '.~-dialog__title']),
        close: c(['.~-base-close', '.~-card-header__close', '.~-dialog__close']),
        disabled: c(['.~-button--disabled']),
        errors: c(['.~-form-item-feedback--error', '.~-alert--error-type', '.~-alert--warning-type']),
        messages: c(['.~-alert']),
      },
      toasts: { containers: c(['.~-message', '.~-notification']) },
    },
  };
}

/** The older page: Bootstrap markup (nav-tabs, .modal, .alert, .pagination), pencil → "Save". */
const CLASSIC: LayoutSpec = {
  id: 'classic',
  anchors: { paths: ['/settings/twilio'], selectors: ['.nav-tabs', '.modal', '.btn', '.form-control', '.pagination'] },
  hints: {
    page: { loaders: ['.spinner-border', '.spinner-grow'] },
    tabs: { tabs: ['.nav-tabs .nav-link', '.nav-pills .nav-link'], active: ['.active'] },
    pagination: { containers: ['.pagination'], next: ['.page-link'], disabled: ['.disabled'] },
    rowActions: { editIcons: ['.fa-edit', '.fa-pencil'] },
    menu: { containers: ['.dropdown-menu'], items: ['.dropdown-item'] },
    dialog: {
      containers: ['.modal.show'],
      titles: ['.modal-title'],
      close: ['.btn-close', '.close'],
      disabled: ['.disabled'],
      errors: ['.alert-danger', '.alert-warning', '.invalid-feedback', '.text-danger'],
      messages: ['.alert'],
    },
    toasts: {
      containers: ['.toast', '.alert'],
      success: ['.toast-success', '.bg-success', '.alert-success'],
      error: ['.toast-error', '.toast-warning', '.bg-danger', '.alert-danger', '.alert-warning'],
    },
  },
};

/** Every layout HighLevel's page is known to come in, most likely first (ties go to the earlier). */
export const HIGHLEVEL_LAYOUTS: readonly CrmProfile[] = [designSystem('hr'), designSystem('n'), designSystem('hl'), CLASSIC].map((spec) => withLayout(SHARED, spec));

/** The layout of today's page (`hr-` design system): the profile tests and the options page start from. */
export const HIGHLEVEL_PROFILE: CrmProfile = HIGHLEVEL_LAYOUTS[0]!;

/** For a page whose anchors fit no known layout: roles, names and visible text only. */
export const HIGHLEVEL_GENERIC: CrmProfile = SHARED;

/**
 * The layout whose anchors the page shows most: each anchor selector present counts one, the URL's
 * path being one of the layout's counts one. No anchor at all → the generic profile. Pure apart
 * from reading the document.
 */
export function chooseLayout(doc: Document, url: string, layouts: readonly CrmProfile[], generic: CrmProfile): CrmProfile {
  const path = pagePath(url);
  let best = generic;
  let bestScore = 0;
  for (const layout of layouts) {
    const { paths, selectors } = layout.layout.anchors;
    let score = path !== undefined && paths.includes(path) ? 1 : 0;
    for (const selector of selectors) if (doc.querySelector(selector)) score++;
    if (score > bestScore) {
      best = layout;
      bestScore = score;
    }
  }
  return best;
}

/** Phone Integration page detection, a pure function of the URL (the path, trailing slash ignored). */
export function isPhoneIntegrationPage(url: string | URL, profile: CrmProfile = HIGHLEVEL_PROFILE): boolean {
  const path = pagePath(url);
  return path !== undefined && profile.paths.includes(path);
}

/** An https URL's path without a trailing slash; undefined for anything else. */
function pagePath(url: string | URL): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'https:' ? parsed.pathname.replace(/(.)\/+$/, '$1') : undefined;
}
