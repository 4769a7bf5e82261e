import type { CrmRunMessage, CrmSearchReply, DriverOutcome, DriverStep } from '../messages';
import type { Location } from '../handoff/types';
import type { DriverStopCode, DriverStops, DriverThing } from '../handoff/reasons';
import { isDomError, orNone } from '../dom/errors';
import { accessibleName, clickTarget, isVisible, normalizeText, queryVisible, textOf } from '../dom/find';
import { clickElement, fillField, pressEscape } from '../dom/fill';
import { nextTask, shownFrame, waitFor, waitForQuiet } from '../dom/wait-for';
import { DriverError, driverErrorOutcome } from './errors';
import { chooseLayout, isPhoneIntegrationPage, type CrmProfile } from './profile';
import type { RunStepName } from './profile-schema';
import {
  dialogMessages,
  dialogShowsExactly,
  findDialogButton,
  findDialogFields,
  findEditorByFields,
  findLoadMore,
  findNextPage,
  findPageSizeControl,
  findRowTrigger,
  findSearchBox,
  findUpdateEntry,
  findSubAccountTab,
  findTable,
  closingDialogs,
  isButtonEnabled,
  isForbidden,
  isLeaving,
  isTabActive,
  largerPageSize,
  loaderVisible,
  menuItems,
  namesShownInDialog,
  pageSizeOptions,
  readRows,
  shownRows,
  tableRows,
  tableSignature,
  toastKind,
  visibleDialogs,
  visibleMenus,
  visibleToasts,
  type DialogFields,
  type RowEntry,
  type Table,
} from './page';
import { NAME_KEY_PREFIX, partialFits, rowPatterns } from './rows';

/**
 * The CRM driver: find the location's row, open its credentials editor from whatever each click
 * brings, read what it holds, fill, submit and read the answer. Every wait is bounded by the profile,
 * every failure names its step (DRIVER_STEPS), only allowed controls are pressed, nothing is filled
 * into an editor that was not proven to be the location's or that holds a SID nobody agreed to
 * replace, and the submit button is pressed at most once per run, only after the background said go.
 * What it knows of a site comes from the profile: no CRM's words live here. It reports codes and
 * facts (utils/handoff/reasons.ts `DriverStops`), never sentences: the UI words them.
 */

export interface DriverContext {
  /** The profile to read the page with, or, when `layouts` are given, the one for a page that fits none of them. */
  profile: CrmProfile;
  /** The site's layouts: the page's anchors choose one when the page has loaded (`chooseLayout`). */
  layouts?: readonly CrmProfile[];
  doc: Document;
  /** The page's URL now (SPA navigation changes it under us). */
  url: () => string;
  signal?: AbortSignal;
}

export interface DriverHooks {
  /** A step starts (becomes crm-progress). */
  onStep?: (step: DriverStep) => void;
  /** Rows read from one result page, at most 500 at a time (becomes crm-locations-seen). */
  onLocationsSeen?: (locations: Location[]) => void;
  /** Asked right before the Authorize click; true lets it go (the background recorded `submitting`). */
  confirmSubmit?: () => Promise<boolean>;
}

export type RunRequest = Pick<CrmRunMessage, 'action' | 'location' | 'sid' | 'token' | 'expectedCurrentSid'>;

/** crm-locations-seen carries at most this many locations per message (utils/messages.ts). */
export const LOCATIONS_CHUNK = 500;
/** Rows read in one task of a long page (readPage). */
export const ROWS_PER_TASK = 20;

/** Why a row cannot take credentials: a refusal's code and its facts. */
type Refusal = { [C in 'lc-phone' | 'no-trigger' | 'no-update-entry']: { code: C; params: DriverStops[C] } }['lc-phone' | 'no-trigger' | 'no-update-entry'];

/** What can follow a click that should lead to the credentials editor. */
type Appeared = { kind: 'editor'; element: Element } | { kind: 'menu'; element: Element } | { kind: 'dialog'; element: Element };

/** Menus or windows passed through on the way to the editor (a pencil that opens a menu is two). */
const MAX_HOPS = 3;

/** Text compared as the CRM's search compares it: without case and accents. */
const fold = (text: string) => normalizeText(text).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

export class DriverRun {
  step: DriverStep = 'open-page';
  submitted = false;
  /** The submit button's own text, once it was pressed. */
  button: string | undefined;
  /** The layout the page's anchors chose (open-page); until then the context's profile. */
  chosen: CrmProfile | undefined;

  constructor(
    readonly ctx: DriverContext,
    readonly hooks: DriverHooks,
  ) {}

  get profile(): CrmProfile {
    return this.chosen ?? this.ctx.profile;
  }

  /** The layout the page shows now, by its anchors; the context's profile without layouts to choose from. */
  chooseLayout(): CrmProfile {
    const { layouts, profile, doc, url } = this.ctx;
    this.chosen = layouts && layouts.length > 0 ? chooseLayout(doc, url(), layouts, profile) : profile;
    return this.chosen;
  }

  get doc() {
    return this.ctx.doc;
  }

  at(step: DriverStep): void {
    this.step = step;
    this.hooks.onStep?.(step);
  }

  fail<C extends DriverStopCode>(code: C, params: DriverStops[C]): never {
    throw new DriverError(this.step, code, params, this.submitted);
  }

  /** A bounded wait; its timeout names what it waited for and the profile's name for it. */
  async wait<T>(probe: () => T | null | undefined | false, timeoutMs: number, what: DriverThing, name?: string): Promise<T> {
    return waitFor(probe, { timeoutMs, what, name, signal: this.ctx.signal });
  }

  /** A wait whose running out fails the step with code `timeout` and these facts. */
  async waitOr<T>(params: DriverStops['timeout'], wait: () => Promise<T>): Promise<T> {
    try {
      return await wait();
    } catch (error) {
      if (isDomError(error) && error.code === 'timeout') {
        const { waitedMs } = error.facts;
        this.fail('timeout', { ...params, ...(waitedMs !== undefined && { seconds: Math.round(waitedMs / 100) / 10 }) });
      }
      throw error;
    }
  }

  /** A wait whose running out is an answer, not a failure (closing a menu or a dialog). */
  async waitSoft(probe: () => boolean, timeoutMs: number, what: DriverThing): Promise<boolean> {
    try {
      return await this.wait(probe, timeoutMs, what);
    } catch (error) {
      if (isDomError(error) && error.code === 'timeout') return false;
      throw error;
    }
  }

  // ── open-page, open-tab ───────────────────────────────────────────────────────────────────
  async openPage(): Promise<void> {
    this.at('open-page');
    if (!isPhoneIntegrationPage(this.ctx.url(), this.profile)) {
      this.fail('wrong-page', { page: this.profile.names.page });
    }
    const { doc } = this;
    // The layout is chosen again on every look: its anchors render with the page, not before it.
    await this.wait(
      () => {
        const profile = this.chooseLayout();
        return !loaderVisible(doc, profile) && (orNone(() => findSubAccountTab(doc, profile)) ?? orNone(() => findTable(doc, profile))) !== undefined;
      },
      this.profile.waits.pageMs,
      'page',
      this.profile.names.page,
    );
  }

  /** The page loaded, its list's tab open when the layout has one (step `open-tab`): the table. */
  async openList(): Promise<Table> {
    await this.openPage();
    if (this.profile.steps.includes('open-tab')) return this.openTab();
    const { profile, doc } = this;
    return this.wait(() => !loaderVisible(doc, profile) && orNone(() => findTable(doc, profile)), profile.waits.pageMs, 'table');
  }

  async openTab(): Promise<Table> {
    this.at('open-tab');
    const { profile, doc } = this;
    const tab = findSubAccountTab(doc, profile);
    if (tab && !isTabActive(tab, profile)) {
      clickElement(clickTarget(tab, profile.tabs.subAccount));
      await this.wait(() => isTabActive(tab, profile) || !tab.isConnected, profile.waits.stepMs, 'list-tab-open', profile.names.listTab);
    }
    return this.wait(() => !loaderVisible(doc, profile) && orNone(() => findTable(doc, profile)), profile.waits.pageMs, 'table');
  }

  // ── search ────────────────────────────────────────────────────────────────────────────────
  /**
   * Types the query into the list's search box and waits for the list's answer: its loader came and
   * went, or it shows other rows, and every row shown fits the query. A list that gives neither sign
   * (no loader, the same rows, rows the query does not explain) counts as settled once it stayed the
   * same for a while, as the profile's search waits say.
   */
  async typeSearch(query: string, table: Table): Promise<void> {
    const { profile, doc } = this;
    const { waits } = profile;
    const what = 'search-results';
    // A load already under way (the list refreshing after a write) would pass for the answer.
    await this.wait(() => !loaderVisible(doc, profile), waits.searchMs, what, query);
    const box = findSearchBox(doc, profile, table.element);
    const before = tableSignature(doc, profile);
    const typedAt = Date.now();
    fillField(box, query, 'search-box');
    const key = fold(query);
    let sawLoader = false;
    const loading = () => {
      const shown = loaderVisible(doc, profile);
      sawLoader ||= shown;
      return shown;
    };
    const changed = () => tableSignature(doc, profile) !== before;
    await this.quiet(
      waits.quietMs,
      what,
      query,
      () => {
        const elapsed = Date.now() - typedAt;
        return !loading() && elapsed >= waits.searchDebounceMs && (sawLoader || changed() || elapsed >= waits.searchUnchangedMs);
      },
      () => {
        if (loading() || !(sawLoader || changed())) return false;
        const rows = shownRows(doc, profile);
        // No rows is an answer only from a list that said it loaded.
        return (sawLoader || rows.length > 0) && rows.every((row) => fold(textOf(row)).includes(key));
      },
    );
  }

  /** The page's own sign (`answered`), or else the table stayed the same for `quietMs` while `ready` held. */
  quiet(quietMs: number, what: DriverThing, name: string | undefined, ready: () => boolean, answered: () => boolean): Promise<void> {
    const { profile, doc } = this;
    return waitForQuiet(() => tableSignature(doc, profile), { quietMs, timeoutMs: profile.waits.searchMs, what, name, signal: this.ctx.signal, ready, answered });
  }

  /**
   * Rows of every result page, turning pages or pressing "Load more" (bounded). A list that grows in
   * place shows earlier rows again; each row element counts once for the text it shows.
   */
  async readAllPages(onPage?: (entries: RowEntry[], pageIndex: number) => void): Promise<Location[][]> {
    const { profile, doc } = this;
    const pages: Location[][] = [];
    const seen = new Map<Element, string>();
    for (let pageIndex = 0; ; pageIndex++) {
      if (pageIndex === 0) await this.enlargePage(findTable(doc, profile));
      const table = findTable(doc, profile);
      const entries = (await this.readPage(table)).filter(({ row }) => {
        const text = textOf(row);
        if (seen.get(row) === text) return false;
        seen.set(row, text);
        return true;
      });
      const locations = entries.map((entry) => entry.location);
      pages.push(locations);
      // Reading a page of 100 rows, reporting it and turning to the next are three tasks, not one: the
      // page stays responsive while a list of 5,000 is read (issue 12: no long task of ours over 50 ms).
      await nextTask();
      onPage?.(entries, pageIndex);
      for (let i = 0; i < locations.length; i += LOCATIONS_CHUNK) this.hooks.onLocationsSeen?.(locations.slice(i, i + LOCATIONS_CHUNK));
      await nextTask();
      const next = findNextPage(doc, profile, table.element) ?? findLoadMore(doc, profile, table.element);
      if (!next) return pages;
      if (pageIndex + 1 >= profile.pagination.maxPages) this.fail('too-many-pages', { pages: profile.pagination.maxPages });
      await this.turnPage(next);
    }
  }

  /**
   * The rows a page shows, read `ROWS_PER_TASK` at a time with the page's own tasks between: 100 rows
   * read in one go held a CRM page of 5,000 locations for 20 to 40 ms (scripts/health-scale.ts). A
   * page that re-rendered meanwhile is read again in one go, so no read mixes two lists.
   */
  async readPage(table: Table): Promise<RowEntry[]> {
    const { profile } = this;
    const rows = tableRows(table.element, profile);
    const patterns = rowPatterns(profile);
    if (rows.length <= ROWS_PER_TASK) return readRows(table, profile, patterns, rows);
    const texts = rows.map(textOf);
    const entries: RowEntry[] = [];
    for (let start = 0; start < rows.length; start += ROWS_PER_TASK) {
      if (start > 0) await nextTask();
      entries.push(...readRows(table, profile, patterns, rows.slice(start, start + ROWS_PER_TASK)));
    }
    const now = tableRows(table.element, profile);
    const same = table.element.isConnected && now.length === rows.length && now.every((row, i) => row === rows[i] && textOf(row) === texts[i]);
    return same ? entries : readRows(findTable(this.doc, profile), profile, patterns);
  }

  /**
   * A list of several pages set to its largest page size (up to the profile's), as a person reading
   * a long list does: 5,000 locations are 50 turns instead of 500. Best effort: no size control, no
   * larger size, a menu that does not open or a list that does not change leave the list as it was.
   * A list that changed but no longer starts with the row it started with is not read on: where it
   * stands now is unknown, and pages read from there might not add up to the whole list.
   */
  async enlargePage(table: Table): Promise<void> {
    const { profile, doc } = this;
    const { pagination, waits } = profile;
    if (!findNextPage(doc, profile, table.element)) return;
    const rows = tableRows(table.element, profile);
    const control = findPageSizeControl(doc, profile, table.element, rows.length);
    if (!control) return;
    const firstBefore = rows[0] && textOf(rows[0]);
    const before = tableSignature(doc, profile);
    const select = control.element instanceof HTMLSelectElement ? control.element : undefined;
    if (select) {
      const choice = largerPageSize(pageSizeOptions(select, profile), control.size, pagination.maxPageSize);
      if (!choice) return;
      select.value = (choice.element as HTMLOptionElement).value;
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
      const menusBefore = queryVisible(doc, pagination.sizeMenus);
      this.press(control.element);
      const offered = (menu: Element) => pageSizeOptions(menu, profile);
      const menu = await this.waitSoft(
        () => queryVisible(doc, pagination.sizeMenus).some((m) => !menusBefore.includes(m) && offered(m).length > 1),
        waits.reactMs,
        'opened',
      ).then((opened) => (opened ? queryVisible(doc, pagination.sizeMenus).find((m) => !menusBefore.includes(m) && offered(m).length > 1) : undefined));
      const choice = menu && largerPageSize(offered(menu), control.size, pagination.maxPageSize);
      if (!menu || !choice) {
        if (menu) await this.closeMenu(menu);
        else pressEscape(doc);
        return;
      }
      this.press(choice.element);
    }
    const grown = () => !loaderVisible(doc, profile) && shownRows(doc, profile).length > rows.length;
    if (!(await this.waitSoft(grown, waits.stepMs, 'next-page')) && tableSignature(doc, profile) === before) return;
    await this.quiet(waits.pageQuietMs, 'next-page', undefined, () => !loaderVisible(doc, profile), () => false);
    const firstAfter = shownRows(doc, profile)[0];
    if (firstBefore !== undefined && (firstAfter === undefined || textOf(firstAfter) !== firstBefore)) this.fail('list-moved', {});
  }

  async turnPage(next: Element): Promise<void> {
    const { profile, doc } = this;
    const before = tableSignature(doc, profile);
    this.press(next);
    const turned = () => tableSignature(doc, profile) !== before && !loaderVisible(doc, profile);
    // Other rows and no loader: the next page. An empty one is more likely the old rows just cleared.
    await this.quiet(profile.waits.pageQuietMs, 'next-page', undefined, turned, () => turned() && shownRows(doc, profile).length > 0);
  }

  /** A click on a control the profile does not forbid; a forbidden one stops the run unpressed. */
  press(element: Element): void {
    if (isForbidden(element, this.profile)) this.refuseToPress(element);
    clickElement(element);
  }

  /** Stops before a forbidden control, naming it as the page does. */
  refuseToPress(element: Element): never {
    const control = textOf(element) || accessibleName(element);
    this.fail('forbidden', control ? { control } : {});
  }

  async search(query: string): Promise<Location[]> {
    const table = await this.openList();
    this.at('search');
    await this.typeSearch(query, table);
    return dedupe((await this.readAllPages()).flat());
  }

  // ── find-row ──────────────────────────────────────────────────────────────────────────────
  /**
   * The one row showing this location: same key and exactly the same name (never a near one). The
   * list is searched by the exact name first; when the match sits on an earlier result page than the
   * one shown at the end, the search is typed again and the pages turned to it.
   */
  async findRow(location: Location): Promise<RowEntry> {
    const table = await this.openList();
    this.at('search');
    const { doc, profile } = this;
    const box = orNone(() => findSearchBox(doc, profile, table.element));
    const isIt = (candidate: Location) => candidate.id === location.id && candidate.name === location.name;
    const onScreen = () => readRows(findTable(doc, profile), profile).filter((entry) => isIt(entry.location));
    const byId = !location.id.startsWith(NAME_KEY_PREFIX);
    // The crm-search before this run typed this very name and its answer is still shown: with a real
    // id, the row on screen is the location, and searching again would only wait out the debounce.
    if (byId && box?.value === location.name && !loaderVisible(doc, profile) && onScreen().length === 1) this.at('find-row');
    else {
      if (box) await this.typeSearch(location.name, table);
      const pagesWithIt: number[] = [];
      let count = 0;
      await this.readAllPages((entries, pageIndex) => {
        const hits = entries.filter((entry) => isIt(entry.location)).length;
        if (hits > 0) pagesWithIt.push(pageIndex);
        count += hits;
      });
      this.at('find-row');
      // With real ids, the same id on two pages is one location shown twice; without, two rows are two.
      const { name } = location;
      if (count === 0) this.fail('not-found', { name });
      if (count > 1 && !byId) this.fail('ambiguous', { count, name });
      const target = pagesWithIt[0] ?? 0;
      if (onScreen().length === 0) {
        if (!box) this.fail('row-lost', { name: location.name });
        await this.typeSearch(location.name, findTable(doc, profile));
        for (let i = 0; i < target; i++) {
          const next = findNextPage(doc, profile, findTable(doc, profile).element) ?? findLoadMore(doc, profile, findTable(doc, profile).element);
          if (!next) this.fail('row-lost', { name: location.name });
          await this.turnPage(next);
        }
      }
    }
    const rows = onScreen();
    const [only] = rows;
    if (!only) this.fail('not-found', { name: location.name });
    if (rows.length !== 1) this.fail('ambiguous', { count: rows.length, name: location.name });
    return only;
  }

  // ── row-state, open-menu, open-dialog ─────────────────────────────────────────────────────
  /**
   * Closes dialogs left open (an earlier fill, an announcement) so the new one is the only new one.
   * One that does not close within the profile's `reactMs` never does (seen in Chromium: the editor
   * of the location before, drawn after its page closed it, deaf to Cancel) and costs a reload of
   * the page (runner.ts): waiting the whole `stepMs` for it cost 8 s each time, 22 times in a bulk
   * run of 465 locations (scripts/bulk-scale.ts). Nothing was pressed in the editor yet, so a
   * window that was only slow costs a reload, never a write.
   */
  async closeOpenDialogs(): Promise<void> {
    const { doc, profile } = this;
    for (const dialog of visibleDialogs(doc, profile)) await this.closeDialog(dialog, profile.waits.reactMs);
    if (visibleDialogs(doc, profile).length > 0) this.fail('dialog-already-open', {});
    // A window still closing (the editor of the location before, a moment after its save) is let go
    // before the next opens. Opened again mid-leave, Vue's <Transition> (3.5) takes the old leave's
    // late transitionend for the new one: the editor stays drawn for good, closed for the page, deaf
    // to Cancel, and costs a reload (a bulk run of 465 met 21, 4 s each). A hidden tab runs no
    // frames, so its leave never ends: nothing to wait for there.
    await this.waitSoft(() => doc.hidden || closingDialogs(doc, profile).length === 0, profile.waits.reactMs, 'dialog-closed');
  }

  async closeDialog(dialog: Element, boundMs = this.profile.waits.stepMs): Promise<void> {
    const { profile } = this;
    const control =
      orNone(() => findDialogButton(dialog, profile, profile.dialog.cancel, 'cancel-button')) ?? queryVisible(dialog, profile.dialog.close)[0];
    if (control && !isForbidden(control, profile)) clickElement(control);
    else pressEscape(this.doc);
    await this.waitSoft(() => this.gone(dialog), boundMs, 'dialog-closed');
  }

  /**
   * Out of the page, or leaving it in a hidden tab: there its leave transition waits for a frame
   * that comes only when the admin looks.
   */
  gone(element: Element): boolean {
    return !isVisible(element) || (this.doc.hidden && isLeaving(element, this.profile));
  }

  /**
   * Escape and a press outside (click-outside handlers); clicking the trigger again could reopen it.
   * Best effort: a menu left open does no harm, the next menu is told apart as the new one.
   */
  async closeMenu(menu: Element): Promise<void> {
    pressEscape(this.doc);
    clickElement(this.doc.body);
    await this.waitSoft(() => this.gone(menu), this.profile.waits.stepMs, 'menu-closed');
  }

  /**
   * The row's control that leads to its actions (a ⋮ menu button, a pencil, whatever it opens).
   * Undefined when the row has none: a row that cannot take credentials, or a layout whose control
   * the profile does not know; either way nothing can be done on it.
   */
  rowTrigger(row: Element): Element | undefined {
    return orNone(() => findRowTrigger(row, this.profile))?.element;
  }

  /**
   * Clicks `control` and waits for what it brings: a new menu, a new window, or the credential fields
   * in whatever holds them. What follows is decided by what appeared, never by the control's looks.
   * `label` is the control's own text (a menu entry's), when it has one worth naming.
   */
  async clickAndSee(control: Element, label: string | undefined, timeoutMs = this.profile.waits.stepMs): Promise<Appeared> {
    const { profile, doc } = this;
    const menusBefore = visibleMenus(doc, profile);
    const dialogsBefore = visibleDialogs(doc, profile);
    const editorBefore = findEditorByFields(doc, profile);
    this.press(control);
    const named = label === undefined ? {} : { control: label };
    const appeared = await this.waitOr<Appeared>({ what: 'opened', ...named }, () => this.wait<Appeared>(
      () => {
        const dialogs = visibleDialogs(doc, profile).filter((d) => !dialogsBefore.includes(d));
        if (dialogs.length > 1) this.fail('several-opened', { count: dialogs.length, opened: 'dialog' });
        const [dialog] = dialogs;
        if (dialog) return { kind: 'dialog', element: dialog };
        const menus = visibleMenus(doc, profile).filter((m) => !menusBefore.includes(m) && menuItems(m, profile).length > 0);
        if (menus.length > 1) this.fail('several-opened', { count: menus.length, opened: 'menu' });
        const [menu] = menus;
        if (menu) return { kind: 'menu', element: menu };
        const editor = findEditorByFields(doc, profile);
        return editor && editor !== editorBefore ? { kind: 'editor', element: editor } : undefined;
      },
      timeoutMs,
      'opened',
      label,
    ));
    if (appeared.kind !== 'dialog') return appeared;
    // A window opens before its content renders: it is the editor once the fields show in it.
    const fields = await this.waitSoft(() => orNone(() => findDialogFields(appeared.element, profile)) !== undefined, profile.waits.stepMs, 'fields');
    return fields ? { kind: 'editor', element: appeared.element } : appeared;
  }

  /**
   * The row's control, pressed as a person would: when nothing shows for a moment (the list was
   * re-rendering under the click, a menu was still closing), once more on the row as it is now.
   * Pressing it again opens, at most, the same menu or editor; it never writes.
   */
  async pressTrigger(trigger: Element, row: Element, location: Location): Promise<Appeared> {
    try {
      return await this.clickAndSee(trigger, undefined, this.profile.waits.reactMs);
    } catch (error) {
      if (!(error instanceof DriverError) || error.code !== 'timeout') throw error;
    }
    for (const menu of visibleMenus(this.doc, this.profile)) await this.closeMenu(menu);
    const now = row.isConnected ? row : (await this.findRow(location)).row;
    this.at('open-menu');
    const again = this.rowTrigger(now);
    if (!again) this.fail('trigger-gone', { name: location.name });
    return this.clickAndSee(again, undefined);
  }

  /**
   * Opens the location's credentials editor from its row, going on from whatever each click brings
   * (a menu, a second menu, the editor) and pressing only allowed entries; returns the editor, or why
   * the row cannot take credentials.
   */
  async openEditor(row: Element, location: Location): Promise<{ editor: Element } | { refused: Refusal }> {
    this.at('row-state');
    const { name } = location;
    if (location.managedBy === 'lc-phone') return { refused: { code: 'lc-phone', params: { name, provider: this.profile.names.otherProvider } } };

    this.at('open-menu');
    await this.closeOpenDialogs();
    const trigger = this.rowTrigger(row);
    if (!trigger) {
      this.at('row-state');
      return { refused: { code: 'no-trigger', params: { name } } };
    }
    let appeared = await this.pressTrigger(trigger, row, location);
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      if (appeared.kind === 'editor') {
        this.at('check-dialog');
        return { editor: appeared.element };
      }
      if (appeared.kind === 'dialog') {
        // Left open for the admin to see where the run stopped; the next run closes it first.
        this.at('check-dialog');
        this.fail('not-editor', {});
      }
      const menu = appeared.element;
      const items = menuItems(menu, this.profile);
      const entry = findUpdateEntry(items, this.profile);
      if (!entry) {
        const offered = items.map(textOf).join(', ');
        await this.closeMenu(menu);
        this.at('row-state');
        return { refused: { code: 'no-update-entry', params: { name, offered } } };
      }
      this.at('open-dialog');
      appeared = await this.clickAndSee(clickTarget(entry, [textOf(entry)]), textOf(entry));
    }
    this.fail('no-editor', { hops: MAX_HOPS });
  }

  // ── check-dialog ──────────────────────────────────────────────────────────────────────────
  /**
   * Waits until the editor's fields are there and done loading. An editor that agrees with the row,
   * with both fields enabled, is done: the SID the row shows (or one that fits what a masked row
   * shows), or no SID where the row showed the page's own empty marker (a known none, never an
   * unreadable cell). Any other may still be loading its SID without a loader, so it must stay the
   * same for the profile's quiet period (a SID read too early could skip the Replace question).
   */
  async settledFields(dialog: Element, row: Location): Promise<DialogFields> {
    const { profile } = this;
    const fields = () => findDialogFields(dialog, profile);
    await this.wait(() => orNone(fields), profile.waits.stepMs, 'fields');
    const ready = () => !loaderVisible(dialog, profile);
    const fitsRow = (value: string | null) =>
      value === null ? row.sid === null : row.sid === value || (row.sidPartial !== undefined && partialFits(row.sidPartial, value));
    await waitForQuiet(
      () => {
        const now = fields();
        return `${now.sid.value} ${now.sid.disabled} ${now.token.disabled}`;
      },
      {
        quietMs: profile.waits.quietMs,
        timeoutMs: profile.waits.stepMs,
        what: 'editor-loaded',
        root: dialog,
        signal: this.ctx.signal,
        ready,
        answered: () => {
          const { sid, token } = fields();
          return ready() && !sid.disabled && !token.disabled && fitsRow(normalizeText(sid.value) || null);
        },
      },
    );
    return fields();
  }

  /** Fails unless the editor is this location's: by the name it shows, or by the chain when it shows none. */
  checkDialogName(dialog: Element, location: Location): void {
    if (dialogShowsExactly(dialog, location.name)) return;
    const shown = namesShownInDialog(dialog, this.profile);
    if (shown.length === 0) return;
    if (!shown.includes(location.name)) this.fail('wrong-dialog', { shown: shown.join(', '), name: location.name });
  }

  // ── fill, read-back, submit, read-result ──────────────────────────────────────────────────
  async fill(dialog: Element, sid: string, token: string): Promise<void> {
    const { profile } = this;
    this.at('fill-sid');
    fillField(findDialogFields(dialog, profile).sid, sid, 'sid-field');
    this.at('fill-token');
    fillField(findDialogFields(dialog, profile).token, token, 'token-field');
    this.at('read-back');
    // Vue re-renders in a microtask after the input events, so a task later a value the page put back
    // from its own state shows; read then, and once more a task later.
    for (let i = 0; i < 2; i++) {
      await nextTask();
      this.readBack(dialog, sid, token);
    }
  }

  /** Both fields hold exactly what was filled, read from the page as it is now (never the token in a message). */
  readBack(dialog: Element, sid: string, token: string): void {
    if (!dialog.isConnected) this.fail('dialog-closed', {});
    const now = findDialogFields(dialog, this.profile);
    if (now.sid.value !== sid) this.fail('not-kept', { field: 'sid' });
    if (now.token.value !== token) this.fail('not-kept', { field: 'token' });
  }

  async submit(dialog: Element, sid: string, token: string): Promise<DriverOutcome | 'closed-silently'> {
    const { profile, doc } = this;
    this.at('submit');
    // Renderers that batch to animation frames get theirs while the background is asked.
    const frame = shownFrame(doc);
    const button = await this.wait(
      () => {
        const found = findDialogButton(dialog, profile, profile.dialog.submit, 'submit-button');
        return isButtonEnabled(found, profile) ? found : undefined;
      },
      profile.waits.enableMs,
      'submit-enabled',
    );
    if (isForbidden(button, profile)) this.refuseToPress(button);
    const go = await Promise.race([
      this.hooks.confirmSubmit?.() ?? Promise.resolve(false),
      new Promise<false>((resolve) => setTimeout(resolve, profile.waits.submitIntentMs, false)),
    ]);
    if (!go) this.fail('not-allowed', {});
    // A late re-render between the read-back and now would send something else: look once more.
    await frame;
    this.readBack(dialog, sid, token);
    const toastsBefore = visibleToasts(doc, profile, dialog);
    const said = new Set(dialogMessages(dialog, profile).map((message) => message.text));
    this.submitted = true;
    this.button = textOf(button) || accessibleName(button) || undefined;
    clickElement(button);
    this.at('read-result');
    return this.readResult(dialog, toastsBefore, said);
  }

  /**
   * The CRM's answer: a message in the editor or a toast (its own words, by kind), or the editor
   * closing with a success toast. Toasts are remembered as they appear, since they vanish after a
   * while. An editor that closed and said nothing for a while is `closed-silently`: the caller reads
   * the result back from the page, never assumes it.
   */
  async readResult(dialog: Element, toastsBefore: Element[], saidBefore: Set<string>): Promise<DriverOutcome | 'closed-silently'> {
    const { profile, doc } = this;
    const seen = new Map<Element, { kind: ReturnType<typeof toastKind>; text: string }>();
    let closedAt: number | undefined;
    try {
      return await this.wait<DriverOutcome | 'closed-silently'>(
        () => {
          for (const toast of visibleToasts(doc, profile, dialog)) {
            if (!toastsBefore.includes(toast) && !seen.has(toast)) seen.set(toast, { kind: toastKind(toast, profile), text: textOf(toast) });
          }
          const shown = [...seen.values()];
          const closed = !dialog.isConnected || !isVisible(dialog) || isLeaving(dialog, profile);
          if (!closed) {
            const fresh = dialogMessages(dialog, profile).filter((message) => !saidBefore.has(message.text));
            const error = fresh.filter((message) => message.kind === 'error');
            if (error.length > 0) return { kind: 'crm-error', message: error.map((m) => m.text).join(' ') };
            const success = fresh.find((message) => message.kind === 'success');
            if (success) return { kind: 'authorized', message: success.text };
          }
          const error = shown.find((toast) => toast.kind === 'error');
          if (error) return { kind: 'crm-error', message: error.text };
          const success = shown.find((toast) => toast.kind === 'success');
          if (closed && success) return { kind: 'authorized', message: success.text };
          if (closed) {
            closedAt ??= Date.now();
            if (Date.now() - closedAt >= profile.waits.silentMs) return 'closed-silently';
          }
          return undefined;
        },
        profile.waits.resultMs,
        'answer',
      );
    } catch (error) {
      if (!isDomError(error) || error.code !== 'timeout') throw error;
      const said = [...seen.values()].map((toast) => toast.text).join(' ');
      this.fail('no-answer', { closed: dialog.isConnected ? 0 : 1, ...(said ? { said } : {}) });
    }
  }

  /**
   * After an editor closed without a word: what the location holds now, read as a person would check
   * (the row's SID when it shows it whole, else the editor opened again and closed unchanged).
   */
  async readCurrentSid(location: Location): Promise<string | null | undefined> {
    // The list refreshes after a write: read it once it stopped changing, never the rows of before.
    const { profile, doc } = this;
    await this.quiet(profile.waits.quietMs, 'list-refreshed', undefined, () => !loaderVisible(doc, profile), () => false);
    const { row, location: read } = await this.findRow(location);
    if (read.sid !== undefined) return read.sid;
    const opened = await this.openEditor(row, read);
    if ('refused' in opened) return undefined;
    const fields = await this.settledFields(opened.editor, read);
    const sid = normalizeText(fields.sid.value) || null;
    await this.closeDialog(opened.editor);
    return sid;
  }
}

/** Rows with real ids are one location however often they show; name-keyed rows stay as they are. */
function dedupe(locations: Location[]): Location[] {
  const seen = new Set<string>();
  return locations.filter((location) => {
    if (location.id.startsWith(NAME_KEY_PREFIX)) return true;
    const key = `${location.id}\u0000${location.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** crm-search: the list searched as a person would, every result page read. */
export async function searchLocations(query: string, ctx: DriverContext, hooks: DriverHooks = {}): Promise<CrmSearchReply> {
  const run = new DriverRun(ctx, hooks);
  try {
    return { ok: true, locations: await run.search(query) };
  } catch (error) {
    const outcome = driverErrorOutcome(error, run.step, false);
    return { ok: false, step: outcome.step, code: outcome.code, params: outcome.params };
  }
}

/** crm-run: inspect, fill, submit or open the location's dialog. Never throws; every end is an outcome. */
export async function runLocation(request: RunRequest, ctx: DriverContext, hooks: DriverHooks = {}): Promise<DriverOutcome> {
  const run = new DriverRun(ctx, hooks);
  try {
    return await runSteps(run, request);
  } catch (error) {
    // After the click, which button was pressed: the admin is asked to check what it did.
    return driverErrorOutcome(error, run.step, run.submitted, run.submitted && run.button ? { button: run.button } : {});
  }
}

/** What the steps of one run hand on to each other. */
interface RunState {
  request: RunRequest;
  credentials?: { sid: string; token: string };
  row?: RowEntry;
  editor?: Element;
  fields?: DialogFields;
  result?: DriverOutcome | 'closed-silently';
}

/** A step of a run: an outcome ends the run, undefined goes on to the profile's next step. */
type RunStep = (run: DriverRun, state: RunState) => Promise<DriverOutcome | undefined>;

/**
 * The generic steps a profile's `steps` list names. What a step does next depends on what the page
 * showed (the editor's SID decides, whatever the row showed) and on the request's action: `inspect`
 * ends once the current SID is read, `fill` once the fields hold the values, `open-dialog` once the
 * location's editor is open.
 */
export const RUN_STEPS: Record<RunStepName, RunStep> = {
  'open-page': async (run) => {
    await run.openPage();
    return undefined;
  },
  'open-tab': async (run) => {
    await run.openTab();
    return undefined;
  },
  'find-row': async (run, state) => {
    state.row = await run.findRow(state.request.location);
    return undefined;
  },
  'open-editor': async (run, state) => {
    const { row, location: read } = state.row!;
    const opened = await run.openEditor(row, read);
    if ('refused' in opened) {
      const { code, params } = opened.refused;
      if (state.request.action === 'open-dialog') throw new DriverError(run.step, code, params);
      return { kind: 'inspected', currentSid: read.sid ?? null, managedBy: read.managedBy ?? 'unknown', canUpdate: false, code, params };
    }
    state.editor = opened.editor;
    state.fields = await run.settledFields(opened.editor, read);
    return undefined;
  },
  'check-editor': async (run, state) => {
    // Once more now that it settled: a name rendered late is read too.
    run.at('check-dialog');
    run.checkDialogName(state.editor!, state.request.location);
    return undefined;
  },
  'read-current': async (run, state) => {
    const { request } = state;
    if (request.action === 'open-dialog') return { kind: 'dialog-opened' };
    // The editor's SID is the truth, whatever the row showed.
    const currentSid = normalizeText(state.fields!.sid.value) || null;
    const inspected: DriverOutcome = { kind: 'inspected', currentSid, managedBy: state.row!.location.managedBy ?? 'unknown', canUpdate: true };
    if (request.action === 'inspect') {
      await run.closeDialog(state.editor!);
      return inspected;
    }
    // Empty, this very SID (a token update) or the one the admin agreed to replace: go on. Any other
    // SID goes back to the background as what the location holds, to be asked about; nothing is filled.
    const { sid } = state.credentials!;
    if (currentSid !== null && currentSid !== sid && currentSid !== (request.expectedCurrentSid ?? null)) {
      await run.closeDialog(state.editor!);
      return inspected;
    }
    return undefined;
  },
  fill: async (run, state) => {
    const { sid, token } = state.credentials!;
    await run.fill(state.editor!, sid, token);
    if (state.request.action !== 'fill') return undefined;
    // "Filled" only once a renderer that batches to animation frames had its frame too.
    await shownFrame(run.doc);
    run.readBack(state.editor!, sid, token);
    return { kind: 'filled' };
  },
  submit: async (run, state) => {
    const { sid, token } = state.credentials!;
    state.result = await run.submit(state.editor!, sid, token);
    return undefined;
  },
  'read-result': async (run, state) => {
    const { result } = state;
    if (result === undefined) run.fail('internal', {});
    if (result !== 'closed-silently') return result;
    const { sid } = state.credentials!;
    const now = await run.readCurrentSid(state.request.location);
    run.at('read-result');
    // No words of the CRM to pass on: the background words a read-back of the new SID itself.
    if (now === sid) return { kind: 'authorized' };
    if (now) run.fail('closed-silently-other', { now });
    run.fail(now === null ? 'closed-silently-empty' : 'closed-silently-unread', {});
  },
};

/**
 * Runs the profile's steps in order. The first step finds the page and, by its anchors, the layout;
 * the rest are that layout's.
 */
async function runSteps(run: DriverRun, request: RunRequest): Promise<DriverOutcome> {
  const state: RunState = { request };
  if (request.action === 'fill' || request.action === 'submit') state.credentials = checkedCredentials(request, run.profile);
  await RUN_STEPS['open-page'](run, state);
  for (const name of run.profile.steps) {
    if (name === 'open-page') continue;
    const outcome = await RUN_STEPS[name](run, state);
    if (outcome) return outcome;
  }
  run.fail('internal', {});
}

/**
 * The background sends values it already normalised and verified (utils/twilio/credentials.ts);
 * the driver only refuses anything else, before touching the page, and fills exactly what it got.
 */
function checkedCredentials(request: RunRequest, profile: CrmProfile): { sid: string; token: string } {
  const { sid, token } = request;
  if (sid === undefined || !new RegExp(profile.formats.accountSid).test(sid)) {
    throw new DriverError('fill-sid', 'bad-value', { field: 'sid' });
  }
  if (token === undefined || !new RegExp(profile.formats.authToken).test(token)) {
    throw new DriverError('fill-token', 'bad-value', { field: 'token' });
  }
  return { sid, token };
}

