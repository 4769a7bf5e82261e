// i18n-ignore-file: zod messages of the profile's schema, read by developers in test failures; never shown.
import * as z from 'zod/mini';

/**
 * The shape of a CRM site profile (./profile.ts), checked by tests (tests/unit/crm-profile.test.ts)
 * rather than at run time: no extension page or script imports this file, so none carries the schema
 * code (the CRM content script's budget is 20 KB gzipped, and shared chunks go to every page).
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
const Path = /* @__PURE__ */ z.string().check(z.regex(/^\/[\w/-]*$/));

/**
 * The generic steps a run is made of, in the only order they make sense; the driver runs those a
 * profile lists (utils/crm/driver.ts `RUN_STEPS`). Only `open-tab` may be left out (a page whose list
 * has no tab to open); the others are what makes a write safe.
 */
export const RUN_STEP_NAMES = ['open-page', 'open-tab', 'find-row', 'open-editor', 'check-editor', 'read-current', 'fill', 'submit', 'read-result'] as const;
export type RunStepName = (typeof RUN_STEP_NAMES)[number];
const OPTIONAL_STEPS: ReadonlySet<RunStepName> = new Set(['open-tab']);

/** Each step at most once, in RUN_STEP_NAMES order, every step that is not optional present. */
export function stepsProblem(steps: readonly RunStepName[]): string | undefined {
  const order = steps.map((step) => RUN_STEP_NAMES.indexOf(step));
  if (order.some((index, i) => i > 0 && index <= order[i - 1]!)) return 'steps out of order or repeated';
  const missing = RUN_STEP_NAMES.filter((step) => !OPTIONAL_STEPS.has(step) && !steps.includes(step));
  return missing.length > 0 ? `missing steps: ${missing.join(', ')}` : undefined;
}

export const CrmProfile = z.object({
  /** How messages name the page, the list's tab and the phone provider whose rows take no credentials. */
  names: z.object({ page: Text, listTab: Text, otherProvider: Text }),
  /** Which layout this profile reads, and the page anchors that tell it (utils/crm/profile.ts `chooseLayout`). */
  layout: z.object({
    id: Text,
    anchors: z.object({
      /** A path only this layout lives at. */
      paths: z.array(Path),
      /** Elements only this layout draws (its design system's classes); each one present counts. */
      selectors: Selectors,
    }),
  }),
  /** The run, as the generic steps the driver executes. */
  steps: /* @__PURE__ */ z.array(z.enum(RUN_STEP_NAMES)).check(z.refine((steps) => stepsProblem(steps) === undefined, 'steps must follow RUN_STEP_NAMES')),
  /** Agency-level page paths; white-label hosts serve the same paths. */
  paths: z.array(Path),
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
    /** The SID cell's empty markers ("—"): the location holds no SID. Any other text that is no full SID is unknown. */
    emptySid: Texts,
  }),
  pagination: z.object({
    containers: Selectors,
    /** Controls inside a pagination container that may be "next page"; `nextNames` says which. */
    next: Selectors,
    nextNames: Texts,
    /** naive-ui renders prev and next as unnamed icon items with the same class: next is the last. */
    lastArrow: Selectors,
    disabled: Selectors,
    /** A control under a list that appends the next rows ("Load more"); `loadMoreNames` says which. */
    loadMore: Selectors,
    loadMoreNames: Texts,
    maxPages: /* @__PURE__ */ z.int().check(z.minimum(1), z.maximum(10_000)),
    /** The rows-per-page control (a select, or a trigger opening `sizeMenus` of `sizeOptions`); `sizeWords` are stripped from its text to leave the number. */
    sizeControls: Selectors,
    sizeMenus: Selectors,
    sizeOptions: Selectors,
    sizeWords: Texts,
    /** The largest page size chosen: bigger pages mean fewer turns but longer reads of one page. */
    maxPageSize: /* @__PURE__ */ z.int().check(z.minimum(1), z.maximum(1000)),
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
    /** Words (contained) of an entry that opens the credentials editor when no listed name fits. */
    credentialWords: Texts,
  }),
  /** Words (contained) of controls never pressed: destructive or moving actions. */
  never: Texts,
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
    /** Always errors. */
    errors: Selectors,
    /** Alerts and status lines whose kind their class or words tell. */
    messages: Selectors,
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
    /** An editor that closed after submit with no message: how long to wait for one before reading the page back. */
    silentMs: Ms,
    /** A press that showed nothing for this long is tried once more (the page was re-rendering under it). */
    reactMs: Ms,
  }),
});
export type CrmProfile = z.infer<typeof CrmProfile>;
