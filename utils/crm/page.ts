import type { Location } from '../handoff/types';
import type { DriverThing } from '../handoff/reasons';
import { DomError } from '../dom/errors';
import {
  accessibleName,
  commonAncestorDepth,
  exactlyOne,
  findAllByName,
  findField,
  hasAny,
  isDisabled,
  isField,
  isVisible,
  matchesAny,
  matchesText,
  normalizeText,
  outermost,
  innermost,
  queryAll,
  queryVisible,
  textOf,
  type Field,
} from '../dom/find';
import type { CrmProfile } from './profile';
import { mapColumns, readRow, rowPatterns, type ColumnMap, type RowPatterns } from './rows';

/**
 * Look-ups on the Phone Integration page, without waiting and without acting: each answers "what
 * is on the page now". The driver adds the waits and the clicks; the self-check reports them.
 */

/** Exactly one of `elements`; a failure names the thing by its key (utils/handoff/reasons.ts). */
const one = <T extends Element>(elements: readonly T[], what: DriverThing, name?: string): T => exactlyOne(elements, what, name);

/**
 * On its way out. Vue keeps an element in the page through its leave transition, which runs from
 * the next animation frame: slow in a headless browser and never in a background tab, where a
 * closed dialog or a finished loader would otherwise stay "shown" until the admin looks.
 */
export function isLeaving(element: Element, profile: CrmProfile): boolean {
  return element.closest(profile.page.leaving.join(', ')) !== null;
}

function present(root: ParentNode, selectors: readonly string[], profile: CrmProfile): Element[] {
  return queryVisible(root, selectors).filter((element) => !isLeaving(element, profile));
}

export function loaderVisible(root: ParentNode, profile: CrmProfile): boolean {
  return present(root, profile.page.loaders, profile).length > 0;
}

export function findSubAccountTab(doc: Document, profile: CrmProfile): Element | undefined {
  const tabs = findAllByName(doc, profile.tabs.tabs, profile.tabs.subAccount);
  return tabs.length > 0 ? one(tabs, 'list-tab', profile.names.listTab) : undefined;
}

export function isTabActive(tab: Element, profile: CrmProfile): boolean {
  const parent = tab.parentElement;
  return matchesAny(tab, profile.tabs.active) || (parent !== null && matchesAny(parent, profile.tabs.active));
}

export interface Table {
  element: Element;
  columns: ColumnMap;
  /** Header texts in column order. */
  headers: string[];
}

function headerTexts(container: Element, profile: CrmProfile): string[] {
  return queryVisible(container, profile.table.headerCells).map(textOf);
}

/**
 * The sub-accounts table: among visible tables, the one whose headers name the Managed By or the
 * name column; when headers say nothing, the only table there is.
 */
export function findTable(doc: Document, profile: CrmProfile): Table {
  const tables = outermost(queryVisible(doc, profile.table.containers));
  const described = tables.filter((table) => {
    const columns = mapColumns(headerTexts(table, profile), profile);
    return columns.managedBy !== undefined || columns.name !== undefined;
  });
  const element = one(described.length > 0 ? described : tables, 'table');
  const headers = headerTexts(element, profile);
  return { element, columns: mapColumns(headers, profile), headers };
}

export function tableRows(table: Element, profile: CrmProfile): Element[] {
  return queryVisible(table, profile.table.rows).filter((row) => queryAll(row, profile.table.headerCells).length === 0);
}

/** The rows the sub-accounts table shows now; none while there is no one table (it is re-rendering). */
export function shownRows(doc: Document, profile: CrmProfile): Element[] {
  try {
    return tableRows(findTable(doc, profile).element, profile);
  } catch {
    return [];
  }
}

/** What identifies the table's current content: changes when a search or a page turn lands. */
export function tableSignature(doc: Document, profile: CrmProfile): string {
  const rows = shownRows(doc, profile);
  return `${rows.length}\u0000${rows.map((row) => textOf(row)).join('\u0001')}`;
}

export interface RowEntry {
  row: Element;
  location: Location;
}

/** The locations the table's rows show (or those of `rows`, some of its rows). */
export function readRows(
  table: Table,
  profile: CrmProfile,
  patterns: RowPatterns = rowPatterns(profile),
  rows: readonly Element[] = tableRows(table.element, profile),
): RowEntry[] {
  const entries: RowEntry[] = [];
  for (const row of rows) {
    const location = readRow(row, table.columns, profile, patterns, table.headers);
    if (location) entries.push({ row, location });
  }
  return entries;
}

/** Of several candidates, those that share the deepest ancestor with the table (the table's own controls). */
function nearest<T extends Element>(candidates: T[], table: Element): T[] {
  const depths = candidates.map((candidate) => commonAncestorDepth(candidate, table));
  return candidates.filter((_, index) => depths[index] === Math.max(...depths));
}

/**
 * The list's search box: an input whose placeholder or accessible name begins with one of the
 * profile's texts, specific texts first. Several hits for the same text: the one nearest the table.
 */
export function findSearchBox(doc: Document, profile: CrmProfile, table: Element | undefined): Field {
  const inputs = queryVisible(doc, profile.search.inputs).filter(isField);
  for (const text of profile.search.texts) {
    const hits = inputs.filter(
      (input) => matchesText(input.placeholder, [text], 'prefix') || matchesText(accessibleName(input), [text], 'prefix'),
    );
    if (hits.length > 0) return one(table ? nearest(hits, table) : hits, 'search-box');
  }
  throw new DomError('not-found', 'search-box' satisfies DriverThing);
}

/** The next-page control when there is one and it is enabled; undefined on the last page. */
export function findNextPage(doc: Document, profile: CrmProfile, table: Element): Element | undefined {
  const { pagination } = profile;
  const containers = nearest(outermost(queryVisible(doc, pagination.containers)), table);
  if (containers.length === 0) return undefined;
  const container = one(containers, 'pagination');
  const named = findAllByName(container, pagination.next, pagination.nextNames);
  const arrows = queryVisible(container, pagination.lastArrow);
  const next = named.length > 0 ? one(innermost(named), 'next-page-button') : arrows.at(-1);
  if (!next) return undefined;
  const parent = next.parentElement;
  const disabled = isDisabled(next, pagination.disabled) || (parent !== null && parent !== container && matchesAny(parent, pagination.disabled));
  return disabled ? undefined : next;
}

/**
 * The "Load more" control under a list that grows in place instead of paging; undefined when there
 * is none (or it is disabled: everything is loaded).
 */
export function findLoadMore(doc: Document, profile: CrmProfile, table: Element): Element | undefined {
  const hits = nearest(findAllByName(doc, profile.pagination.loadMore, profile.pagination.loadMoreNames), table);
  const [only] = hits;
  return only && hits.length === 1 && !isDisabled(only, profile.pagination.disabled) ? only : undefined;
}

/**
 * The number a rows-per-page control or one of its options shows: "10 / page", "Rows per page: 25",
 * "Show 50 entries", "100". Undefined for anything else ("All", "Page 2 of 9", words alone).
 */
export function pageSizeIn(text: string, words: readonly string[]): number | undefined {
  let rest = normalizeText(text).toLowerCase().replace(/(\d)[,.\u00a0\u202f](?=\d{3}\b)/g, '$1');
  for (const word of [...words].sort((a, b) => b.length - a.length)) rest = rest.replaceAll(word.toLowerCase(), ' ');
  rest = rest.replace(/[\s/:|·•()-]+/g, ' ').trim();
  return /^\d{1,5}$/.test(rest) && Number(rest) > 0 ? Number(rest) : undefined;
}

/** What a select-like control shows as its value: a <select>'s chosen option, else its text. */
function shownValue(control: Element): string {
  return control instanceof HTMLSelectElement ? (control.selectedOptions[0]?.text ?? '') : textOf(control);
}

export interface SizeChoice {
  element: Element;
  size: number;
}

/**
 * The list's rows-per-page control: near the table and in none of its rows, showing exactly
 * `rowsShown` (the count of a full page's rows, so never a page jumper showing page 1). Undefined
 * when there is none or several.
 */
export function findPageSizeControl(doc: Document, profile: CrmProfile, table: Element, rowsShown: number): SizeChoice | undefined {
  const { pagination } = profile;
  // naive-ui draws the pagination inside the table's container: only a row's own controls are out.
  const inRow = profile.table.rows.join(', ');
  const controls = outermost(queryVisible(doc, pagination.sizeControls)).filter(
    (control) => control.closest(inRow) === null && pageSizeIn(shownValue(control), pagination.sizeWords) === rowsShown,
  );
  const hits = nearest(controls, table);
  return hits.length === 1 ? { element: hits[0]!, size: rowsShown } : undefined;
}

/** The sizes a size control's list offers (a <select>'s options, or the entries of the menu it opened). */
export function pageSizeOptions(list: Element, profile: CrmProfile): SizeChoice[] {
  const { pagination } = profile;
  const entries = list instanceof HTMLSelectElement ? [...list.options] : innermost(queryVisible(list, pagination.sizeOptions));
  return entries.flatMap((element) => {
    const size = pageSizeIn(textOf(element), pagination.sizeWords);
    return size === undefined || (element instanceof HTMLOptionElement && element.disabled) ? [] : [{ element, size }];
  });
}

/** The largest size offered above `current`, up to `max`; undefined when none is larger. */
export function largerPageSize(options: readonly SizeChoice[], current: number, max: number): SizeChoice | undefined {
  let best: SizeChoice | undefined;
  for (const option of options) if (option.size > current && option.size <= max && option.size > (best?.size ?? 0)) best = option;
  return best;
}

/**
 * Whether a control's name says it destroys or moves something (Delete, Disconnect, Link to
 * LeadConnector, Create Sub-Account): such a control is never pressed, whatever else matched it.
 */
export function isForbidden(element: Element, profile: CrmProfile): boolean {
  return [accessibleName(element), textOf(element)].some((name) => matchesText(name, profile.never, 'contains'));
}

/**
 * The menu entry that opens the credentials editor: an entry named as the profile lists (specific
 * first), else one whose name speaks of credentials; never a forbidden one. Undefined when none.
 */
export function findUpdateEntry(items: readonly Element[], profile: CrmProfile): Element | undefined {
  const allowed = items.filter((item) => !isForbidden(item, profile));
  for (const [texts, match] of [
    [profile.menu.updateCredentials, 'exact'],
    [profile.menu.credentialWords, 'contains'],
  ] as const) {
    const hits = allowed.filter((item) => matchesText(textOf(item), texts, match));
    if (hits.length > 0) return one(hits, 'menu-entry');
  }
  return undefined;
}

export type RowTrigger = { kind: 'menu' | 'pencil'; element: Element };

function clickablesIn(row: Element, profile: CrmProfile): Element[] {
  const { rowActions } = profile;
  const clickableSelector = rowActions.clickable.join(', ');
  const found = new Set(queryVisible(row, rowActions.clickable));
  for (const icon of queryVisible(row, [...rowActions.menuIcons, ...rowActions.editIcons])) {
    const holder = icon.closest(clickableSelector);
    found.add(holder && row.contains(holder) ? holder : icon);
  }
  return [...found];
}

/**
 * The control that opens a row's actions: the ⋮ menu button (current layout; usually without text,
 * known by aria, popup role or icon) or the pencil button (older layout, opens the dialog directly).
 */
export function findRowTrigger(row: Element, profile: CrmProfile): RowTrigger {
  const { rowActions } = profile;
  const clickables = clickablesIn(row, profile);
  const menus = innermost(
    clickables.filter(
      (element) =>
        matchesAny(element, rowActions.menuTriggers) || matchesText(accessibleName(element), rowActions.menuNames) || hasAny(element, rowActions.menuIcons),
    ),
  );
  if (menus.length > 0) return { kind: 'menu', element: one(menus, 'row-menu-button') };
  const pencils = innermost(
    clickables.filter((element) => matchesText(accessibleName(element), rowActions.editNames) || hasAny(element, rowActions.editIcons)),
  );
  if (pencils.length > 0) return { kind: 'pencil', element: one(pencils, 'row-edit-button') };
  // The usual ⋮: a button with an icon and no name at all.
  const unnamed = innermost(clickables.filter((element) => accessibleName(element) === '' && hasAny(element, rowActions.iconContent)));
  return { kind: 'menu', element: one(unnamed, 'row-menu-button') };
}

export function visibleMenus(doc: Document, profile: CrmProfile): Element[] {
  return outermost(present(doc, profile.menu.containers, profile));
}

export function menuItems(menu: Element, profile: CrmProfile): Element[] {
  return outermost(queryVisible(menu, profile.menu.items)).filter((item) => textOf(item) !== '');
}

export function visibleDialogs(doc: Document, profile: CrmProfile): Element[] {
  return outermost(present(doc, profile.dialog.containers, profile));
}

/** Windows on screen that are still running their leave transition: closed for the page, not gone yet. */
export function closingDialogs(doc: Document, profile: CrmProfile): Element[] {
  return queryVisible(doc, profile.dialog.containers).filter((element) => isLeaving(element, profile));
}

export interface DialogFields {
  sid: Field;
  token: Field;
}

/**
 * An editor that is no dialog the profile knows (a drawer, a panel): the nearest element around
 * both credential fields that also holds a submit button. Undefined when the fields are not there.
 */
export function findEditorByFields(doc: Document, profile: CrmProfile): Element | undefined {
  let fields: DialogFields;
  try {
    fields = findDialogFields(doc.body, profile);
  } catch {
    return undefined;
  }
  for (let node = fields.sid.parentElement; node && node !== doc.body; node = node.parentElement) {
    if (!node.contains(fields.token)) continue;
    if (findAllByName(node, profile.dialog.buttons, profile.dialog.submit).length > 0) return node;
  }
  return undefined;
}

export function findDialogFields(dialog: Element, profile: CrmProfile): DialogFields {
  const { dialog: d } = profile;
  const known = [...d.sidLabels, ...d.tokenLabels];
  const sid = findField(dialog, { what: 'sid-field' satisfies DriverThing, labels: d.sidLabels, names: d.sidNames }, known);
  const token = findField(dialog, { what: 'token-field' satisfies DriverThing, labels: d.tokenLabels, names: d.tokenNames }, known);
  // Both clues point at one field: which is which cannot be told.
  if (sid === token) throw new DomError('ambiguous', 'fields' satisfies DriverThing);
  return { sid, token };
}

/** The first button text in the list that names exactly one button in the dialog. */
export function findDialogButton(dialog: Element, profile: CrmProfile, texts: readonly string[], what: DriverThing): Element {
  return one(findAllByName(dialog, profile.dialog.buttons, texts), what);
}

export function isButtonEnabled(button: Element, profile: CrmProfile): boolean {
  return !isDisabled(button, profile.dialog.disabled);
}

/**
 * The location name the dialog shows, if it shows one: a title or line matching one of the
 * profile's templates ("Update Credentials - {name}"). `{name}` alone never counts: any title
 * would match it.
 */
export function namesShownInDialog(dialog: Element, profile: CrmProfile): string[] {
  const templates = profile.dialog.nameTemplates
    .map((template) => template.split('{name}'))
    .filter((parts): parts is [string, string] => parts.length === 2 && (parts[0]!.trim() !== '' || parts[1]!.trim() !== ''));
  const texts = queryAll(dialog, ['*'])
    .filter((element) => element.children.length === 0 || matchesAny(element, profile.dialog.titles))
    .map(textOf)
    .filter((text) => text.length > 0 && text.length <= 600);
  const names = new Set<string>();
  for (const text of texts) {
    const lower = text.toLowerCase();
    for (const [before, after] of templates) {
      const head = before.trimStart().toLowerCase();
      const tail = after.trimEnd().toLowerCase();
      if (lower.startsWith(head) && lower.endsWith(tail) && text.length > head.length + tail.length) {
        const name = text.slice(head.length, text.length - tail.length).trim();
        if (name) names.add(name);
      }
    }
  }
  return [...names];
}

/** Whether some element in the dialog shows exactly this name. */
export function dialogShowsExactly(dialog: Element, name: string): boolean {
  return queryAll(dialog, ['*']).some((element) => textOf(element) === name);
}

export type ToastKind = 'success' | 'error' | 'unknown';

/**
 * What the editor says now, each message with its kind: error markers always mean an error; alerts
 * and status lines are read by their type class or words, and one that is not plainly a success
 * counts as an error (the CRM said something, and it was not "saved").
 */
export function dialogMessages(dialog: Element, profile: CrmProfile): { kind: 'success' | 'error'; text: string }[] {
  const errors = innermost(queryVisible(dialog, profile.dialog.errors));
  const messages = innermost(queryVisible(dialog, profile.dialog.messages)).filter((element) => !errors.some((e) => e.contains(element) || element.contains(e)));
  return [
    ...errors.map((element) => ({ kind: 'error' as const, text: textOf(element) })),
    ...messages.map((element) => ({ kind: toastKind(element, profile) === 'success' ? ('success' as const) : ('error' as const), text: textOf(element) })),
  ].filter((message) => message.text !== '');
}

export function visibleToasts(doc: Document, profile: CrmProfile, exclude?: Element): Element[] {
  return outermost(queryVisible(doc, profile.toasts.containers)).filter((toast) => !exclude?.contains(toast) && textOf(toast) !== '');
}

/** A toast's kind from its type class, else from its words; unknown when both or neither fit. */
export function toastKind(toast: Element, profile: CrmProfile): ToastKind {
  const { toasts } = profile;
  if (hasAny(toast, toasts.error)) return 'error';
  if (hasAny(toast, toasts.success)) return 'success';
  const text = textOf(toast);
  const error = matchesText(text, toasts.errorWords, 'contains');
  const success = matchesText(text, toasts.successWords, 'contains');
  if (error && !success) return 'error';
  if (success && !error) return 'success';
  return 'unknown';
}
