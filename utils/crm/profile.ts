import * as z from 'zod/mini';
import { normalizeText, textKey } from '../dom/find';

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

const Text = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200));
const Texts = z.array(Text);
const Selector = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(300));
const Selectors = z.array(Selector);
/** A regular expression's source, checked to compile. */
const Pattern = /* @__PURE__ */ z.string().check(
  z.minLength(1),
  z.refine((source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression'),
);
const Ms = /* @__PURE__ */ z.int().check(z.minimum(0), z.maximum(600_000));

export const CrmProfile = z.object({
  /** Agency-level page paths; white-label hosts serve the same paths. */
  paths: z.array(/* @__PURE__ */ z.string().check(z.regex(/^\/[\w/-]*$/))),
  formats: z.object({
    /** HighLevel location ids: 20 letters and digits. */
    locationId: Pattern,
    accountSid: Pattern,
    /** What the Auth Token field must hold; the background checked it, the driver fills nothing else. */
    authToken: Pattern,
    /** A link that carries a location id, first group = the id. */
    locationIdInHref: Pattern,
  }),
  page: z.object({
    /** Spinners and skeletons, on the page and in dialogs; only visible ones count as loading. */
    loaders: Selectors,
    /** An element leaving (a transition running its way out): a loader, menu or dialog in it is gone. */
    leaving: Selectors,
  }),
  tabs: z.object({
    tabs: Selectors,
    active: Selectors,
    subAccount: Texts,
  }),
  search: z.object({
    inputs: Selectors,
    /** Placeholder or aria-label beginnings, specific first. */
    texts: Texts,
  }),
  table: z.object({
    containers: Selectors,
    headerCells: Selectors,
    rows: Selectors,
    cells: Selectors,
    columns: z.object({ name: Texts, id: Texts, sid: Texts, managedBy: Texts }),
    /** Inside a name cell: things that are not the name (avatars with initials, icons, copy buttons). */
    notName: Selectors,
    /** Attributes that may carry the location id, on the row or inside it. */
    idAttributes: z.array(/* @__PURE__ */ z.string().check(z.regex(/^[a-z][a-z0-9-]*$/))),
    /** Words before an id shown as text ("ID: …"). */
    idPrefixes: Texts,
    /** Links whose address may carry the location id (`formats.locationIdInHref`). */
    idLinks: Selectors,
  }),
  pagination: z.object({
    containers: Selectors,
    /** Controls inside a pagination container that may be "next page"; `nextNames` says which. */
    next: Selectors,
    nextNames: Texts,
    /** naive-ui renders prev and next as unnamed icon items with the same class: next is the last. */
    lastArrow: Selectors,
    disabled: Selectors,
    maxPages: /* @__PURE__ */ z.int().check(z.minimum(1), z.maximum(10_000)),
  }),
  managedBy: z.object({ twilio: Texts, lcPhone: Texts, notAvailable: Texts }),
  rowActions: z.object({
    clickable: Selectors,
    /** Controls that say they open a menu. */
    menuTriggers: Selectors,
    /** What an icon-only button holds; an unnamed button with one of these is the usual ⋮. */
    iconContent: Selectors,
    menuNames: Texts,
    menuIcons: Selectors,
    editNames: Texts,
    editIcons: Selectors,
  }),
  menu: z.object({
    containers: Selectors,
    items: Selectors,
    updateCredentials: Texts,
  }),
  dialog: z.object({
    containers: Selectors,
    titles: Selectors,
    /** How a dialog may show the location's name; `{name}` is the name. */
    nameTemplates: Texts,
    sidLabels: Texts,
    tokenLabels: Texts,
    sidNames: Texts,
    tokenNames: Texts,
    buttons: Selectors,
    submit: Texts,
    cancel: Texts,
    close: Selectors,
    disabled: Selectors,
    errors: Selectors,
  }),
  toasts: z.object({
    containers: Selectors,
    success: Selectors,
    error: Selectors,
    successWords: Texts,
    errorWords: Texts,
  }),
  waits: z.object({
    /** The page's own loading, first visit. */
    pageMs: Ms,
    /** Any single look-up: a tab, a menu, a dialog. */
    stepMs: Ms,
    /**
     * The next four are for pages that give no sign of being done (a loader that came and went, rows
     * that fit the query, a dialog showing the row's SID). Such a list's rows count only this long
     * after typing (the site debounces)…
     */
    searchDebounceMs: Ms,
    /** …and if the table did not change at all, this long before the old rows count as the answer. */
    searchUnchangedMs: Ms,
    /** A list or a dialog without such a sign is settled when it stayed the same this long. */
    quietMs: Ms,
    /** After a page turn changed the rows but shows none, settled when unchanged this long. */
    pageQuietMs: Ms,
    /** Authorize/Save becoming enabled after filling. */
    enableMs: Ms,
    /** Bound on the whole search of one result page (typing to settled rows). */
    searchMs: Ms,
    /** The background's answer to crm-submit-intent. */
    submitIntentMs: Ms,
    /** The CRM's answer after Authorize; the slow CRM of issue 6 takes 10 s. */
    resultMs: Ms,
  }),
});
export type CrmProfile = z.infer<typeof CrmProfile>;

/**
 * The built-in profile for HighLevel and its white-label hosts. A plain constant, type-checked
 * here and checked against the schema by tests (tests/unit/crm-profile.test.ts), so the content
 * script does not carry the schema code (its size budget is 20 KB gzipped).
 */
export const HIGHLEVEL_PROFILE: CrmProfile = {
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
  },
  pagination: {
    containers: ['.hr-pagination', '.pagination', 'nav[aria-label*="pagination" i]'],
    next: ['button', 'a', '[role="button"]', '.hr-pagination-item', '.page-link'],
    nextNames: ['Next page', 'Go to next page', 'Next', '›', '»', '>'],
    lastArrow: ['.hr-pagination-item--button'],
    disabled: ['[disabled]', '[aria-disabled="true"]', '.hr-pagination-item--disabled', '.disabled'],
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
    updateCredentials: ['Update Credentials', 'Update Twilio Credentials', 'Edit Credentials', 'Update Twilio Account'],
  },
  dialog: {
    containers: ['[role="dialog"]', '[role="alertdialog"]', '.hr-modal', '.hr-dialog', '.modal.show', 'dialog[open]'],
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
    submit: ['Authorize', 'Save', 'Save Changes', 'Update', 'Update Credentials', 'Submit'],
    cancel: ['Cancel', 'Close'],
    close: ['.hr-base-close', '.hr-card-header__close', '.hr-dialog__close', '.btn-close', '.close', '[aria-label="Close" i]'],
    disabled: ['.hr-button--disabled', '.disabled', '[disabled]'],
    errors: [
      '.hr-form-item-feedback--error',
      '.hr-alert--error-type',
      '.hr-alert--warning-type',
      '.alert-danger',
      '.alert-warning',
      '.invalid-feedback',
      '.text-danger',
      '[role="alert"]',
    ],
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
  },
};

/**
 * Label variants an admin may add in the options page when the CRM changes its wording. Only texts,
 * never selectors: a text can at worst fail to match, it cannot reach into other parts of the page.
 */
const Variant = /* @__PURE__ */ z.string().check(
  z.minLength(1),
  z.maxLength(100),
  z.refine((text) => !/[\u0000-\u001f\u007f]/.test(text) && normalizeText(text).length > 0, 'a visible text without control characters'),
);
export const LabelVariants = z.object({
  subAccountTab: z.optional(/* @__PURE__ */ z.array(Variant).check(z.maxLength(20))),
  searchBox: z.optional(/* @__PURE__ */ z.array(Variant).check(z.maxLength(20))),
  updateCredentials: z.optional(/* @__PURE__ */ z.array(Variant).check(z.maxLength(20))),
  sidLabel: z.optional(/* @__PURE__ */ z.array(Variant).check(z.maxLength(20))),
  tokenLabel: z.optional(/* @__PURE__ */ z.array(Variant).check(z.maxLength(20))),
  submitButton: z.optional(/* @__PURE__ */ z.array(Variant).check(z.maxLength(20))),
  cancelButton: z.optional(/* @__PURE__ */ z.array(Variant).check(z.maxLength(20))),
  lcPhone: z.optional(/* @__PURE__ */ z.array(Variant).check(z.maxLength(20))),
});
export type LabelVariants = z.infer<typeof LabelVariants>;

function withVariants(base: readonly string[], added: readonly string[] | undefined): string[] {
  const seen = new Set(base.map(textKey));
  const merged = [...base];
  for (const text of added ?? []) {
    const clean = normalizeText(text);
    if (!seen.has(textKey(clean))) {
      seen.add(textKey(clean));
      merged.push(clean);
    }
  }
  return merged;
}

/**
 * The profile with the admin's variants appended after the built-in texts (built-in ones are tried
 * first). Unparseable variants are refused whole, so a bad entry never half-applies.
 */
export function mergeLabelVariants(profile: CrmProfile, raw: unknown): CrmProfile {
  const variants = LabelVariants.parse(raw);
  return CrmProfile.parse({
    ...profile,
    tabs: { ...profile.tabs, subAccount: withVariants(profile.tabs.subAccount, variants.subAccountTab) },
    search: { ...profile.search, texts: withVariants(profile.search.texts, variants.searchBox) },
    menu: { ...profile.menu, updateCredentials: withVariants(profile.menu.updateCredentials, variants.updateCredentials) },
    managedBy: { ...profile.managedBy, lcPhone: withVariants(profile.managedBy.lcPhone, variants.lcPhone) },
    dialog: {
      ...profile.dialog,
      sidLabels: withVariants(profile.dialog.sidLabels, variants.sidLabel),
      tokenLabels: withVariants(profile.dialog.tokenLabels, variants.tokenLabel),
      submit: withVariants(profile.dialog.submit, variants.submitButton),
      cancel: withVariants(profile.dialog.cancel, variants.cancelButton),
    },
  });
}

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
