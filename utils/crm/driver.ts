import type { CrmRunMessage, CrmSearchReply, DriverOutcome, DriverStep } from '../messages';
import type { Location } from '../handoff/types';
import { isDomError, orNone } from '../dom/errors';
import { clickTarget, isVisible, matchesText, normalizeText, queryVisible, textOf } from '../dom/find';
import { clickElement, fillField, pressEscape } from '../dom/fill';
import { nextTask, shownFrame, waitFor, waitForQuiet } from '../dom/wait-for';
import { DriverError, driverErrorOutcome } from './errors';
import { isPhoneIntegrationPage, type CrmProfile } from './profile';
import {
  dialogErrors,
  dialogShowsExactly,
  findDialogButton,
  findDialogFields,
  findNextPage,
  findRowTrigger,
  findSearchBox,
  findSubAccountTab,
  findTable,
  isButtonEnabled,
  isLeaving,
  isTabActive,
  loaderVisible,
  menuItems,
  namesShownInDialog,
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
  type RowTrigger,
  type Table,
} from './page';
import { NAME_KEY_PREFIX } from './rows';

/**
 * The CRM driver: the steps of issue 3 item 4 on HighLevel's Phone Integration page. Every wait is
 * bounded by the profile, every failure names its step (DRIVER_STEPS), nothing is filled into a
 * dialog that was not proven to be the location's, and the Authorize click is sent at most once per
 * run, only after the background said go.
 */

export interface DriverContext {
  profile: CrmProfile;
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

/** The row found for a run, and the SID it shows (undefined when the list has no SID column). */
export type FoundRow = RowEntry & { shownSid?: string | null };

/** Text compared as the CRM's search compares it: without case and accents. */
const fold = (text: string) => normalizeText(text).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

export class DriverRun {
  step: DriverStep = 'open-page';
  submitted = false;

  constructor(
    readonly ctx: DriverContext,
    readonly hooks: DriverHooks,
  ) {}

  get profile() {
    return this.ctx.profile;
  }

  get doc() {
    return this.ctx.doc;
  }

  at(step: DriverStep): void {
    this.step = step;
    this.hooks.onStep?.(step);
  }

  fail(code: string, message: string): never {
    throw new DriverError(this.step, code, message, this.submitted);
  }

  /** A bounded wait whose timeout is reported in the step's own words. */
  async wait<T>(probe: () => T | null | undefined | false, timeoutMs: number, what: string): Promise<T> {
    return waitFor(probe, { timeoutMs, what, signal: this.ctx.signal });
  }

  /** A wait whose running out is an answer, not a failure (closing a menu or a dialog). */
  async waitSoft(probe: () => boolean, timeoutMs: number, what: string): Promise<boolean> {
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
      this.fail('wrong-page', 'This tab is not on the Phone Integration page.');
    }
    const { profile, doc } = this;
    await this.wait(
      () => !loaderVisible(doc, profile) && (orNone(() => findSubAccountTab(doc, profile)) ?? orNone(() => findTable(doc, profile))) !== undefined,
      profile.waits.pageMs,
      'Phone Integration page',
    );
  }

  async openTab(): Promise<Table> {
    this.at('open-tab');
    const { profile, doc } = this;
    const tab = findSubAccountTab(doc, profile);
    if (tab && !isTabActive(tab, profile)) {
      clickElement(clickTarget(tab, profile.tabs.subAccount));
      await this.wait(() => isTabActive(tab, profile) || !tab.isConnected, profile.waits.stepMs, 'Sub Account Settings tab to open');
    }
    return this.wait(() => !loaderVisible(doc, profile) && orNone(() => findTable(doc, profile)), profile.waits.pageMs, 'sub-accounts table');
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
    const what = `search results for "${query}"`;
    // A load already under way (the list refreshing after a write) would pass for the answer.
    await this.wait(() => !loaderVisible(doc, profile), waits.searchMs, what);
    const box = findSearchBox(doc, profile, table.element);
    const before = tableSignature(doc, profile);
    const typedAt = Date.now();
    fillField(box, query, 'search box');
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
  quiet(quietMs: number, what: string, ready: () => boolean, answered: () => boolean): Promise<void> {
    const { profile, doc } = this;
    return waitForQuiet(() => tableSignature(doc, profile), { quietMs, timeoutMs: profile.waits.searchMs, what, signal: this.ctx.signal, ready, answered });
  }

  /** Rows of every result page, turning pages with the next-page control (bounded). */
  async readAllPages(onPage?: (entries: RowEntry[], pageIndex: number) => void): Promise<Location[][]> {
    const { profile, doc } = this;
    const pages: Location[][] = [];
    for (let pageIndex = 0; ; pageIndex++) {
      const table = findTable(doc, profile);
      const entries = readRows(table, profile);
      const locations = entries.map((entry) => entry.location);
      pages.push(locations);
      onPage?.(entries, pageIndex);
      for (let i = 0; i < locations.length; i += LOCATIONS_CHUNK) this.hooks.onLocationsSeen?.(locations.slice(i, i + LOCATIONS_CHUNK));
      const next = findNextPage(doc, profile, table.element);
      if (!next) return pages;
      if (pageIndex + 1 >= profile.pagination.maxPages) this.fail('too-many-pages', 'Too many result pages.');
      await this.turnPage(next);
    }
  }

  async turnPage(next: Element): Promise<void> {
    const { profile, doc } = this;
    const before = tableSignature(doc, profile);
    clickElement(next);
    const turned = () => tableSignature(doc, profile) !== before && !loaderVisible(doc, profile);
    // Other rows and no loader: the next page. An empty one is more likely the old rows just cleared.
    await this.quiet(profile.waits.pageQuietMs, 'next result page', turned, () => turned() && shownRows(doc, profile).length > 0);
  }

  async search(query: string): Promise<Location[]> {
    await this.openPage();
    const table = await this.openTab();
    this.at('search');
    await this.typeSearch(query, table);
    return dedupe((await this.readAllPages()).flat());
  }

  // ── find-row ──────────────────────────────────────────────────────────────────────────────
  /**
   * The one row showing this location: same id and exactly the same name (never a near one). The
   * list is searched by the exact name first; when the match sits on an earlier result page than the
   * last one read, the search is typed again and the pages turned to it.
   */
  async findRow(location: Location): Promise<FoundRow> {
    await this.openPage();
    const table = await this.openTab();
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
      const pages = await this.readAllPages((entries, pageIndex) => {
        const hits = entries.filter((entry) => isIt(entry.location)).length;
        if (hits > 0) pagesWithIt.push(pageIndex);
        count += hits;
      });
      this.at('find-row');
      // With real ids, the same id on two pages is one location shown twice; without, two rows are two.
      if (count === 0) this.fail('not-found', `No row for "${location.name}" (${location.id}).`);
      if (count > 1 && !byId) this.fail('ambiguous', `${count} rows show "${location.name}" and no ids to tell them apart.`);
      const target = pagesWithIt[0] ?? 0;
      if (target !== pages.length - 1) {
        if (!box) this.fail('not-found', `The row for "${location.name}" could not be reached again.`);
        await this.typeSearch(location.name, findTable(doc, profile));
        for (let i = 0; i < target; i++) {
          const next = findNextPage(doc, profile, findTable(doc, profile).element);
          if (!next) this.fail('not-found', `The row for "${location.name}" moved.`);
          await this.turnPage(next);
        }
      }
    }
    const rows = onScreen();
    const [only] = rows;
    if (!only || rows.length !== 1) this.fail(rows.length === 0 ? 'not-found' : 'ambiguous', `${rows.length} rows for "${location.name}".`);
    return table.columns.sid === undefined ? only : { ...only, shownSid: only.location.sid ?? null };
  }

  // ── row-state, open-menu, open-dialog ─────────────────────────────────────────────────────
  /** Closes dialogs left open (an earlier fill, an announcement) so the new one is the only new one. */
  async closeOpenDialogs(): Promise<void> {
    for (const dialog of visibleDialogs(this.doc, this.profile)) await this.closeDialog(dialog);
    if (visibleDialogs(this.doc, this.profile).length > 0) this.fail('dialog-already-open', 'A dialog open on the page would not close.');
  }

  async closeDialog(dialog: Element): Promise<void> {
    const { profile } = this;
    const control =
      orNone(() => findDialogButton(dialog, profile, profile.dialog.cancel, 'Cancel button')) ?? queryVisible(dialog, profile.dialog.close)[0];
    if (control) clickElement(control);
    else pressEscape(this.doc);
    await this.waitSoft(() => this.gone(dialog), profile.waits.stepMs, 'dialog to close');
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
    await this.waitSoft(() => this.gone(menu), this.profile.waits.stepMs, 'row menu to close');
  }

  /**
   * The row's ⋮ or pencil. A row without one while other rows have theirs is a row that cannot take
   * credentials (the older layout shows no pencil on LC Phone rows); none anywhere is a layout the
   * profile does not know, reported as open-menu's not-found.
   */
  rowTrigger(row: Element): RowTrigger | undefined {
    const trigger = orNone(() => findRowTrigger(row, this.profile));
    if (trigger) return trigger;
    const others = tableRows(findTable(this.doc, this.profile).element, this.profile).filter((other) => other !== row);
    if (others.some((other) => orNone(() => findRowTrigger(other, this.profile)))) return undefined;
    return findRowTrigger(row, this.profile);
  }

  /** Opens the location's Update Credentials dialog; returns it, or a reason the row cannot take credentials. */
  async openDialog(row: Element, location: Location): Promise<{ dialog: Element } | { refused: string }> {
    const { profile, doc } = this;
    this.at('row-state');
    const managedBy = location.managedBy;
    if (managedBy === 'lc-phone') return { refused: `"${location.name}" is on LC Phone.` };

    this.at('open-menu');
    await this.closeOpenDialogs();
    const trigger = this.rowTrigger(row);
    if (!trigger) {
      this.at('row-state');
      return { refused: `The row for "${location.name}" has no menu or edit button.` };
    }
    const dialogsBefore = visibleDialogs(doc, profile);
    if (trigger.kind === 'menu') {
      const menusBefore = visibleMenus(doc, profile);
      clickElement(trigger.element);
      const menu = await this.wait(
        () => {
          const fresh = visibleMenus(doc, profile).filter((m) => !menusBefore.includes(m));
          const [only] = fresh;
          return only && fresh.length === 1 && menuItems(only, profile).length > 0 ? only : undefined;
        },
        profile.waits.stepMs,
        'row menu (⋮) to open',
      );
      const items = menuItems(menu, profile);
      const update = items.filter((item) => matchesText(textOf(item), profile.menu.updateCredentials));
      if (update.length === 0) {
        const offered = items.map(textOf).join(', ');
        await this.closeMenu(menu);
        this.at('row-state');
        return { refused: `No Update Credentials for "${location.name}" (only: ${offered}).` };
      }
      const [entry] = update;
      if (!entry || update.length > 1) this.fail('ambiguous', 'ambiguous: Update Credentials menu entry');
      this.at('open-dialog');
      clickElement(clickTarget(entry, profile.menu.updateCredentials));
    } else {
      this.at('open-dialog');
      clickElement(trigger.element);
    }
    await this.wait(
      () => visibleDialogs(doc, profile).some((d) => !dialogsBefore.includes(d)),
      profile.waits.stepMs,
      'Update Credentials dialog to open',
    );
    // Dialogs opened by the same click render in the same task.
    await nextTask();
    this.at('check-dialog');
    const fresh = visibleDialogs(doc, profile).filter((d) => !dialogsBefore.includes(d));
    // The chain: the menu was opened from this row, and exactly one new dialog answered it.
    const [dialog] = fresh;
    if (!dialog || fresh.length !== 1) this.fail('ambiguous', `${fresh.length} dialogs opened at once.`);
    return { dialog };
  }

  // ── check-dialog ──────────────────────────────────────────────────────────────────────────
  /**
   * Waits until the dialog's fields are there and done loading. A dialog showing the SID the row
   * shows, with both fields enabled, is done; one that shows another (or the row shows none) may
   * still be loading it without a loader, so it must stay the same for the profile's quiet period
   * (a SID read too early could skip the Replace question).
   */
  async settledFields(dialog: Element, shownSid: string | null | undefined): Promise<DialogFields> {
    const { profile } = this;
    const fields = () => findDialogFields(dialog, profile);
    await this.wait(() => orNone(fields), profile.waits.stepMs, 'Account SID and Auth Token fields');
    const ready = () => !loaderVisible(dialog, profile);
    await waitForQuiet(
      () => {
        const now = fields();
        return `${now.sid.value} ${now.sid.disabled} ${now.token.disabled}`;
      },
      {
        quietMs: profile.waits.quietMs,
        timeoutMs: profile.waits.stepMs,
        what: 'dialog to finish loading',
        root: dialog,
        signal: this.ctx.signal,
        ready,
        answered: () => {
          const { sid, token } = fields();
          return ready() && !sid.disabled && !token.disabled && (normalizeText(sid.value) || null) === shownSid;
        },
      },
    );
    return fields();
  }

  /** Fails unless the dialog is this location's: by the name it shows, or by the chain when it shows none. */
  checkDialogName(dialog: Element, location: Location): void {
    if (dialogShowsExactly(dialog, location.name)) return;
    const shown = namesShownInDialog(dialog, this.profile);
    if (shown.length === 0) return;
    if (!shown.includes(location.name)) this.fail('wrong-dialog', `The dialog is for "${shown.join('", "')}", not "${location.name}".`);
  }

  // ── fill, read-back, submit, read-result ──────────────────────────────────────────────────
  async fill(dialog: Element, sid: string, token: string): Promise<void> {
    const { profile } = this;
    this.at('fill-sid');
    fillField(findDialogFields(dialog, profile).sid, sid, 'Account SID field');
    this.at('fill-token');
    fillField(findDialogFields(dialog, profile).token, token, 'Auth Token field');
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
    if (!dialog.isConnected) this.fail('dialog-closed', 'The dialog closed.');
    const now = findDialogFields(dialog, this.profile);
    if (now.sid.value !== sid) this.fail('not-kept', 'The page did not keep the Account SID.');
    if (now.token.value !== token) this.fail('not-kept', 'The page did not keep the Auth Token.');
  }

  async submit(dialog: Element, sid: string, token: string): Promise<DriverOutcome> {
    const { profile, doc } = this;
    this.at('submit');
    // Renderers that batch to animation frames get theirs while the background is asked.
    const frame = shownFrame(doc);
    const button = await this.wait(
      () => {
        const found = findDialogButton(dialog, profile, profile.dialog.submit, 'Authorize button');
        return isButtonEnabled(found, profile) ? found : undefined;
      },
      profile.waits.enableMs,
      'Authorize button to be enabled',
    );
    const go = await Promise.race([
      this.hooks.confirmSubmit?.() ?? Promise.resolve(false),
      new Promise<false>((resolve) => setTimeout(resolve, profile.waits.submitIntentMs, false)),
    ]);
    if (!go) this.fail('not-allowed', 'Not confirmed; nothing was sent.');
    // A late re-render between the read-back and now would send something else: look once more.
    await frame;
    this.readBack(dialog, sid, token);
    const toastsBefore = visibleToasts(doc, profile, dialog);
    const errorsBefore = new Set(dialogErrors(dialog, profile));
    this.submitted = true;
    clickElement(button);
    this.at('read-result');
    return this.readResult(dialog, toastsBefore, errorsBefore);
  }

  /**
   * The CRM's answer: an error in the dialog or an error toast (its own words), or the dialog closing
   * with a success toast. Toasts are remembered as they appear, since they vanish after a while.
   */
  async readResult(dialog: Element, toastsBefore: Element[], errorsBefore: Set<string>): Promise<DriverOutcome> {
    const { profile, doc } = this;
    const seen = new Map<Element, { kind: ReturnType<typeof toastKind>; text: string }>();
    try {
      return await this.wait<DriverOutcome>(
        () => {
          for (const toast of visibleToasts(doc, profile, dialog)) {
            if (!toastsBefore.includes(toast) && !seen.has(toast)) seen.set(toast, { kind: toastKind(toast, profile), text: textOf(toast) });
          }
          const shown = [...seen.values()];
          const closed = !dialog.isConnected || !visibleDialogs(doc, profile).includes(dialog);
          if (!closed) {
            const errors = dialogErrors(dialog, profile).filter((text) => !errorsBefore.has(text));
            if (errors.length > 0) return { kind: 'crm-error', message: errors.join(' ') };
          }
          const error = shown.find((toast) => toast.kind === 'error');
          if (error) return { kind: 'crm-error', message: error.text };
          const success = shown.find((toast) => toast.kind === 'success');
          if (closed && success) return { kind: 'authorized', message: success.text };
          return undefined;
        },
        profile.waits.resultMs,
        'the CRM to answer',
      );
    } catch (error) {
      if (!isDomError(error) || error.code !== 'timeout') throw error;
      const closed = !dialog.isConnected;
      const said = [...seen.values()].map((toast) => toast.text).join(' ');
      this.fail(
        'no-answer',
        `No clear answer after Authorize (dialog ${closed ? 'closed' : 'open'})${said ? `: ${said}` : '.'}`,
      );
    }
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
    return { ok: false, step: outcome.step, code: outcome.code, message: outcome.message };
  }
}

/** crm-run: inspect, fill, submit or open the location's dialog. Never throws; every end is an outcome. */
export async function runLocation(request: RunRequest, ctx: DriverContext, hooks: DriverHooks = {}): Promise<DriverOutcome> {
  const run = new DriverRun(ctx, hooks);
  try {
    return await runSteps(run, request);
  } catch (error) {
    return driverErrorOutcome(error, run.step, run.submitted);
  }
}

async function runSteps(run: DriverRun, request: RunRequest): Promise<DriverOutcome> {
  const { action, location } = request;
  const credentials = action === 'fill' || action === 'submit' ? checkedCredentials(request, run.profile) : undefined;

  const { row, location: read, shownSid } = await run.findRow(location);
  const opened = await run.openDialog(row, read);
  if ('refused' in opened) {
    if (action === 'inspect') return { kind: 'inspected', currentSid: read.sid ?? null, managedBy: read.managedBy ?? 'unknown', canUpdate: false, reason: opened.refused };
    run.fail('cannot-update', opened.refused);
  }
  const { dialog } = opened;
  run.checkDialogName(dialog, location);
  const fields = await run.settledFields(dialog, shownSid);
  run.checkDialogName(dialog, location);
  if (action === 'open-dialog') return { kind: 'dialog-opened' };

  const currentSid = normalizeText(fields.sid.value) || null;
  if (action === 'inspect') {
    await run.closeDialog(dialog);
    return { kind: 'inspected', currentSid, managedBy: read.managedBy ?? 'unknown', canUpdate: true };
  }
  if (request.expectedCurrentSid !== undefined && (request.expectedCurrentSid || null) !== currentSid) {
    run.fail('sid-changed', 'The location now holds another Account SID; nothing was filled.');
  }
  const { sid, token } = credentials!;
  await run.fill(dialog, sid, token);
  if (action === 'fill') {
    // "Filled" only once a renderer that batches to animation frames had its frame too.
    await shownFrame(run.doc);
    run.readBack(dialog, sid, token);
    return { kind: 'filled' };
  }
  return run.submit(dialog, sid, token);
}

/**
 * The background sends values it already normalised and verified (utils/twilio/credentials.ts);
 * the driver only refuses anything else, before touching the page, and fills exactly what it got.
 */
function checkedCredentials(request: RunRequest, profile: CrmProfile): { sid: string; token: string } {
  const { sid, token } = request;
  if (sid === undefined || !new RegExp(profile.formats.accountSid).test(sid)) {
    throw new DriverError('fill-sid', 'bad-value', 'Not an Account SID.');
  }
  if (token === undefined || !new RegExp(profile.formats.authToken).test(token)) {
    throw new DriverError('fill-token', 'bad-value', 'Not an Auth Token.');
  }
  return { sid, token };
}

