import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DriverStep } from '../../utils/messages';
import type { Location } from '../../utils/handoff/types';
import { HIGHLEVEL_GENERIC, HIGHLEVEL_LAYOUTS } from '../../utils/crm/profile';
import { CrmProfile } from '../../utils/crm/profile-schema';
import { DriverRun, runLocation, searchLocations, type DriverContext, type DriverHooks, type RunRequest } from '../../utils/crm/driver';
import { checkPage } from '../../utils/crm/check';
import { nextTask } from '../../utils/dom/wait-for';
import { findTable, readRows, tableRows } from '../../utils/crm/page';
import { nameKey } from '../../utils/crm/rows';
import { mountFakeCrm, type FakeCrm, type FakeLocation, type FakeOptions } from './crm-fake-page';

const WAITS = {
  pageMs: 2000,
  stepMs: 800,
  searchDebounceMs: 30,
  searchUnchangedMs: 250,
  quietMs: 60,
  pageQuietMs: 40,
  settleMs: 20,
  enableMs: 500,
  searchMs: 2000,
  submitIntentMs: 500,
  resultMs: 600,
  silentMs: 200,
  reactMs: 300,
};
/** Every layout as the content script loads them, with waits short enough for a unit test. */
const fast = (profile: CrmProfile): CrmProfile => CrmProfile.parse({ ...profile, waits: WAITS });
const LAYOUTS = HIGHLEVEL_LAYOUTS.map(fast);
const GENERIC = fast(HIGHLEVEL_GENERIC);

const PAGE = 'https://app.gohighlevel.com/settings/phone_integration';
const ctx = (url = PAGE): DriverContext => ({ profile: GENERIC, layouts: LAYOUTS, doc: document, url: () => url });

const SID_OLD = 'AC' + '1'.repeat(32);
const SID_NEW = 'AC' + 'a'.repeat(32);
const TOKEN = 'f'.repeat(32);

const id = (n: number) => `loc${String(n).padStart(17, '0')}`;
function fake(n: number, name: string, extra: Partial<FakeLocation> = {}): FakeLocation {
  return { id: id(n), name, sid: SID_OLD, provider: 'Twilio', ...extra };
}
const asLocation = (l: FakeLocation, keyed = true): Location => ({ id: keyed ? l.id : nameKey(l.name), name: l.name });

function recorder(go = true) {
  const steps: DriverStep[] = [];
  const seen: Location[][] = [];
  const confirmSubmit = vi.fn(async () => go);
  const hooks: DriverHooks = { onStep: (step) => steps.push(step), onLocationsSeen: (l) => seen.push(l), confirmSubmit };
  return { steps, seen, confirmSubmit, hooks };
}

let current: FakeCrm | undefined;
function setup(locations: FakeLocation[], options: Omit<FakeOptions, 'locations'> = {}) {
  current = mountFakeCrm({ locations, ...options });
  return current;
}

afterEach(() => {
  current?.close();
  current = undefined;
});

const ACME = fake(1, 'Acme Dental - Austin');
const BASE = [ACME, fake(2, 'Acme Dental'), fake(3, 'Bright Smiles'), fake(4, 'Sunny Vet', { provider: '✓ LC Phone', sid: null })];
/** Fill and submit runs carry the SID the admin agreed to replace (the fake's rows hold SID_OLD). */
const run = (request: Partial<RunRequest> & Pick<RunRequest, 'action' | 'location'>, hooks: DriverHooks = {}, c = ctx()) =>
  runLocation(request.action === 'fill' || request.action === 'submit' ? { expectedCurrentSid: SID_OLD, ...request } : request, c, hooks);

describe('an editor that agrees with its row', () => {
  // A quiet period longer than a step may wait: any run that waits for quiet fails at the editor.
  const patient = (c: DriverContext): DriverContext => {
    const slow = (profile: CrmProfile) => CrmProfile.parse({ ...profile, waits: { ...WAITS, quietMs: 5_000 } });
    return { ...c, profile: slow(c.profile), layouts: c.layouts?.map(slow) };
  };
  const FRESH = fake(5, 'Fresh Clinic - Reno', { sid: null });

  it('a row showing the page’s empty marker and an empty editor: read at once, no quiet period', async () => {
    setup([ACME, FRESH], { emptySidMarker: '—' });
    const outcome = await runLocation({ action: 'inspect', location: asLocation(FRESH) }, patient(ctx()), {});
    expect(outcome).toMatchObject({ kind: 'inspected', currentSid: null, canUpdate: true });
  });

  it('a row whose SID cell is blank (unknown): the empty editor must stay so for the quiet period first', async () => {
    setup([ACME, FRESH]);
    const outcome = await runLocation({ action: 'inspect', location: asLocation(FRESH) }, patient(ctx()), {});
    expect(outcome).toMatchObject({ kind: 'driver-error', step: 'check-dialog' });
  });
});

describe('crm-search', () => {
  it('types into the search box, waits for the filtered table, reads every page', async () => {
    const many = Array.from({ length: 25 }, (_, i) => fake(10 + i, i % 2 === 0 ? `Dental Clinic ${i}` : `Vet ${i}`));
    const page = setup(many, { pageSize: 5 });
    const r = recorder();
    const reply = await searchLocations('Dental', ctx(), r.hooks);
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.locations.map((l) => l.name)).toEqual(many.filter((l) => l.name.startsWith('Dental')).map((l) => l.name));
    expect(reply.locations[0]).toEqual({ id: id(10), name: 'Dental Clinic 0', sid: SID_OLD, managedBy: 'twilio' });
    expect(r.seen.map((chunk) => chunk.length)).toEqual([5, 5, 3]);
    expect(page.searches).toEqual(['Dental']);
  });

  it('opens the Sub Account Settings tab first', async () => {
    setup(BASE, { startOnAgencyTab: true });
    const reply = await searchLocations('Acme', ctx());
    expect(reply).toMatchObject({ ok: true, locations: [{ name: 'Acme Dental - Austin' }, { name: 'Acme Dental' }] });
  });

  it('refuses a page that is not Phone Integration, naming the step', async () => {
    setup(BASE);
    expect(await searchLocations('Acme', ctx('https://app.gohighlevel.com/contacts'))).toEqual({
      ok: false,
      step: 'open-page',
      code: 'wrong-page',
      params: { page: 'Phone Integration page' },
    });
  });
});

describe('a long list read at its largest page size', () => {
  const many = Array.from({ length: 57 }, (_, i) => fake(100 + i, `Clinic ${String(i).padStart(2, '0')}`));
  const names = many.map((l) => l.name);
  const read = async (options: Omit<FakeOptions, 'locations'>) => {
    const page = setup(many, { pageSize: 5, ...options });
    const r = recorder();
    const reply = await searchLocations('', ctx(), r.hooks);
    return { page, reply, chunks: r.seen.map((chunk) => chunk.length) };
  };

  it.each([
    ['naive-ui’s size picker in the pagination bar', 'naive', 'current'],
    ['a native select labelled "Rows per page"', 'select', 'current'],
    ['a native select on the older page', 'select', 'legacy'],
  ] as const)('%s: chosen at the largest size up to 100, every location read once in fewer pages', async (_, sizePicker, layout) => {
    const { page, reply, chunks } = await read({ sizePicker, layout, pageSizes: [5, 10, 25, 250] });
    expect(reply).toMatchObject({ ok: true });
    if (!reply.ok) return;
    expect(reply.locations.map((l) => l.name)).toEqual(names);
    expect(page.sizes).toEqual([25]);
    expect(chunks).toEqual([25, 25, 7]);
  });

  it('no size control: page by page at the size shown', async () => {
    const { page, reply, chunks } = await read({});
    expect(reply.ok && reply.locations.map((l) => l.name)).toEqual(names);
    expect(page.sizes).toEqual([]);
    expect(chunks).toHaveLength(12);
  });

  it('a "Go to page" select is never taken for a size control (it shows the page, not the rows)', async () => {
    const { page, reply, chunks } = await read({ sizePicker: 'jumper' });
    expect(reply.ok && reply.locations.map((l) => l.name)).toEqual(names);
    expect(page.jumps).toEqual([]);
    expect(chunks).toHaveLength(12);
  });

  it('a size chosen that changes nothing: read page by page as it is', async () => {
    const { page, reply, chunks } = await read({ sizePicker: 'ignored' });
    expect(reply.ok && reply.locations.map((l) => l.name)).toEqual(names);
    expect(page.sizes).toEqual([50]);
    expect(chunks).toHaveLength(12);
  });

  it('a list that no longer starts at its first row after the change is not read on', async () => {
    const { reply } = await read({ sizePicker: 'jumps' });
    expect(reply).toEqual({ ok: false, step: 'search', code: 'list-moved', params: {} });
  });

  it('one page only: the size control is left alone', async () => {
    const page = setup(many.slice(0, 4), { pageSize: 5, sizePicker: 'naive' });
    const reply = await searchLocations('', ctx());
    expect(reply.ok && reply.locations).toHaveLength(4);
    expect(page.sizes).toEqual([]);
  });

  it('the page gets its turn between reading one page and asking for the next (no long task of ours)', async () => {
    setup(many, { pageSize: 5 });
    // A task of the page's, queued while a page of rows is reported: it runs before the next page is asked for.
    let queued = 0;
    let ran = 0;
    const ranBeforeTurn: boolean[] = [];
    const onTurn = (event: Event) => {
      if (event.target instanceof Element && event.target.closest('[data-go="1"]')) ranBeforeTurn.push(ran === queued);
    };
    document.addEventListener('click', onTurn, true);
    const hooks: DriverHooks = {
      onLocationsSeen: () => {
        queued++;
        void nextTask().then(() => ran++);
      },
    };
    const reply = await searchLocations('', ctx(), hooks);
    document.removeEventListener('click', onTurn, true);
    expect(reply.ok && reply.locations.map((l) => l.name)).toEqual(names);
    expect(ranBeforeTurn).toHaveLength(11);
    expect(ranBeforeTurn.every(Boolean)).toBe(true);
  });

  it('a long page is read a slice at a time; one the page re-rendered meanwhile is read again, never mixed', async () => {
    setup(many, { pageSize: 50, startOnAgencyTab: false });
    const driver = new DriverRun(ctx(), {});
    const table = findTable(document, GENERIC);
    let pageTasks = 0;
    const reading = driver.readPage(table);
    // The page's own tasks run between slices: three of them before 50 rows are read (20 a task).
    void nextTask().then(() => pageTasks++);
    void nextTask().then(() => pageTasks++);
    // Meanwhile the page renames a row already read (a refresh drawn in place).
    tableRows(table.element, GENERIC)[5]!.querySelector('td')!.textContent = 'Clinic 05 (renamed)';
    const entries = await reading;
    expect(pageTasks).toBe(2);
    expect(entries.map((e) => e.location.name)).toEqual([...names.slice(0, 5), 'Clinic 05 (renamed)', ...names.slice(6, 50)]);
    // Unchanged, the slices add up to the page as one read sees it.
    expect((await driver.readPage(findTable(document, GENERIC))).map((e) => e.location)).toEqual(readRows(findTable(document, GENERIC), GENERIC).map((e) => e.location));
  });

  it('a handoff whose name search fills several pages finds its row at the larger size', async () => {
    const target = fake(300, 'Clinic 4');
    const page = setup([...Array.from({ length: 21 }, (_, i) => fake(200 + i, `Clinic 4 North ${i}`)), target], { pageSize: 5, sizePicker: 'naive' });
    const outcome = await run({ action: 'submit', location: asLocation(target), sid: SID_NEW, token: TOKEN }, recorder().hooks);
    expect(page.sizes).toEqual([50]);
    expect(outcome).toMatchObject({ kind: 'authorized' });
    expect(page.submissions).toEqual([{ locationId: target.id, sid: SID_NEW, token: TOKEN }]);
  });
});

/** A window some earlier moment left on the page, at the end of <body> as modals are. */
function leftoverWindow(className: string, inner: string): HTMLElement {
  const holder = document.createElement('div');
  holder.innerHTML = `<div class="${className}" role="dialog" aria-modal="true">${inner}</div>`;
  document.body.append(holder);
  return holder;
}

describe('crm-run', () => {
  it('inspect reads the current SID and closes the dialog without writing', async () => {
    const page = setup(BASE);
    const outcome = await run({ action: 'inspect', location: asLocation(ACME) });
    expect(outcome).toEqual({ kind: 'inspected', currentSid: SID_OLD, managedBy: 'twilio', canUpdate: true });
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(page.submissions).toEqual([]);
  });

  it('a window left open that Cancel does not close is given up after reactMs, not a whole step: nothing filled, nothing pressed in it', async () => {
    const page = setup(BASE);
    const leftover = leftoverWindow('hr-card hr-modal', '<p>Update Credentials</p><button type="button">Cancel</button>');
    const started = Date.now();
    const outcome = await run({ action: 'submit', location: asLocation(ACME), sid: SID_NEW, token: TOKEN });
    const waited = Date.now() - started;
    leftover.remove();
    expect(outcome).toMatchObject({ kind: 'driver-error', code: 'dialog-already-open', submitted: false });
    // The runner reloads the page for it: a window deaf to Cancel never closes, and waiting a whole step (800 ms here) for it only delays that.
    expect(waited).toBeGreaterThanOrEqual(WAITS.reactMs);
    expect(waited).toBeLessThan(WAITS.stepMs);
    expect(page.submissions).toEqual([]);
  });

  it('a window still closing is let go before the row’s menu opens: opened again mid-leave, the page’s editor sticks', async () => {
    const page = setup(BASE);
    const closing = leftoverWindow('hr-card hr-modal fade-in-scale-up-transition-leave-active', '<p>Update Credentials</p>');
    const LEAVE_MS = 150;
    setTimeout(() => closing.remove(), LEAVE_MS);
    // What was on the page when the row's menu first showed.
    let closingWhenMenuShowed: boolean | undefined;
    const watch = new MutationObserver(() => {
      if (closingWhenMenuShowed === undefined && document.querySelector('.hr-dropdown-menu')) closingWhenMenuShowed = closing.isConnected;
    });
    watch.observe(document.body, { childList: true, subtree: true });
    const outcome = await run({ action: 'submit', location: asLocation(ACME), sid: SID_NEW, token: TOKEN }, recorder().hooks);
    watch.disconnect();
    expect(outcome).toMatchObject({ kind: 'authorized' });
    expect(closingWhenMenuShowed).toBe(false);
    expect(page.submissions).toEqual([{ locationId: ACME.id, sid: SID_NEW, token: TOKEN }]);
  });

  it('a window that stays in its leave transition is waited for reactMs, then the run goes on', async () => {
    const page = setup(BASE);
    const closing = leftoverWindow('hr-card hr-modal fade-leave-active', '<p>Notice</p>');
    const started = Date.now();
    const outcome = await run({ action: 'submit', location: asLocation(ACME), sid: SID_NEW, token: TOKEN }, recorder().hooks);
    closing.remove();
    expect(outcome).toMatchObject({ kind: 'authorized' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAITS.reactMs);
    expect(page.submissions).toHaveLength(1);
  });

  it('submit fills, asks the background, clicks once and reads the success toast', async () => {
    const page = setup(BASE);
    const r = recorder();
    const outcome = await run({ action: 'submit', location: asLocation(ACME), sid: SID_NEW, token: TOKEN, expectedCurrentSid: SID_OLD }, r.hooks);
    expect(outcome).toEqual({ kind: 'authorized', message: 'Credentials updated successfully' });
    expect(page.submissions).toEqual([{ locationId: ACME.id, sid: SID_NEW, token: TOKEN }]);
    expect(r.confirmSubmit).toHaveBeenCalledTimes(1);
    expect(r.steps).toEqual(
      expect.arrayContaining(['open-page', 'open-tab', 'search', 'find-row', 'row-state', 'open-menu', 'open-dialog', 'check-dialog', 'fill-sid', 'fill-token', 'read-back', 'submit', 'read-result']),
    );
    expect(r.steps.indexOf('submit')).toBeLessThan(r.steps.indexOf('read-result'));
  });

  it('never clicks when the background does not say go', async () => {
    const page = setup(BASE);
    const outcome = await run({ action: 'submit', location: asLocation(ACME), sid: SID_NEW, token: TOKEN }, recorder(false).hooks);
    expect(outcome).toEqual({ kind: 'driver-error', step: 'submit', code: 'not-allowed', params: {}, submitted: false });
    expect(page.submissions).toEqual([]);
  });

  it('fill stops with both values kept after the re-render, nothing submitted', async () => {
    const page = setup(BASE);
    expect(await run({ action: 'fill', location: asLocation(ACME), sid: SID_NEW, token: TOKEN })).toEqual({ kind: 'filled' });
    const inputs = Array.from(document.querySelectorAll<HTMLInputElement>('[role="dialog"] input'));
    expect(inputs.map((input) => input.value)).toEqual([SID_NEW, TOKEN]);
    expect(page.submissions).toEqual([]);
  });

  it('a field the page resets fails the read-back, nothing submitted', async () => {
    const page = setup(BASE, { sidRevertsToState: true });
    expect(await run({ action: 'submit', location: asLocation(ACME), sid: SID_NEW, token: TOKEN }, recorder().hooks)).toEqual({
      kind: 'driver-error',
      step: 'read-back',
      code: 'not-kept',
      params: { field: 'sid' },
      submitted: false,
    });
    expect(page.submissions).toEqual([]);
  });

  it.each([
    [{ kind: 'dialog-error', message: 'Invalid Twilio credentials' } as const, { kind: 'crm-error', message: 'Invalid Twilio credentials' }],
    [{ kind: 'toast-error', message: 'Your session has expired' } as const, { kind: 'crm-error', message: 'Your session has expired' }],
    // No answer while the editor stays open: the button pressed is named, for the admin to check what it did.
    [{ kind: 'silent' } as const, { kind: 'driver-error', step: 'read-result', code: 'no-answer', params: { closed: 0, button: 'Authorize' }, submitted: true }],
  ])('reads the CRM answer %j', async (answer, expected) => {
    const page = setup(BASE, { answer });
    const outcome = await run({ action: 'submit', location: asLocation(ACME), sid: SID_NEW, token: TOKEN }, recorder().hooks);
    expect(outcome).toMatchObject(expected);
    expect(page.submissions).toHaveLength(1);
  });

  it('an editor showing another SID than the one agreed to: nothing filled, the SID goes back to be asked about', async () => {
    const page = setup(BASE);
    const outcome = await run({ action: 'submit', location: asLocation(ACME), sid: SID_NEW, token: TOKEN, expectedCurrentSid: null }, recorder().hooks);
    expect(outcome).toEqual({ kind: 'inspected', currentSid: SID_OLD, managedBy: 'twilio', canUpdate: true });
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(page.submissions).toEqual([]);
  });

  it('an editor already showing the new SID is a token update: straight through, whatever was expected', async () => {
    const page = setup([fake(1, ACME.name, { sid: SID_NEW })]);
    const outcome = await run({ action: 'submit', location: asLocation(ACME), sid: SID_NEW, token: TOKEN, expectedCurrentSid: null }, recorder().hooks);
    expect(outcome).toMatchObject({ kind: 'authorized' });
    expect(page.submissions).toEqual([{ locationId: ACME.id, sid: SID_NEW, token: TOKEN }]);
  });

  it.each([
    // Read back showing the new SID: authorized, with no words of the CRM's to pass on.
    [true, { kind: 'authorized' }],
    [false, { kind: 'driver-error', step: 'read-result', code: 'closed-silently-other', params: { now: SID_OLD, button: 'Authorize' }, submitted: true }],
  ] as const)('an editor that closes without a word is read back from the page (saved: %s)', async (writes, expected) => {
    const page = setup(BASE, { answer: { kind: 'closes-silently', writes } });
    const outcome = await run({ action: 'submit', location: asLocation(ACME), sid: SID_NEW, token: TOKEN }, recorder().hooks);
    expect(outcome).toEqual(expected);
    expect(page.submissions).toHaveLength(1);
  });

  it('LC Phone rows are refused: inspect and fill both say why', async () => {
    const lc = BASE[3]!;
    setup(BASE);
    const inspected = await run({ action: 'inspect', location: asLocation(lc) });
    // The provider's name is the profile's: the driver sends it, the UI words it.
    const refusal = { code: 'lc-phone', params: { name: 'Sunny Vet', provider: 'LC Phone' } };
    expect(inspected).toEqual({ kind: 'inspected', canUpdate: false, managedBy: 'lc-phone', currentSid: null, ...refusal });
    expect(await run({ action: 'fill', location: asLocation(lc), sid: SID_NEW, token: TOKEN })).toMatchObject({ kind: 'inspected', canUpdate: false, ...refusal });
  });

  it('a menu without a credentials entry is refused with what it offers, and nothing in it is pressed', async () => {
    const only = fake(7, 'Link Only', { menu: ['Link to LeadConnector'] });
    const page = setup([only]);
    const outcome = await run({ action: 'fill', location: asLocation(only), sid: SID_NEW, token: TOKEN });
    expect(outcome).toMatchObject({ kind: 'inspected', canUpdate: false, code: 'no-update-entry', params: { name: 'Link Only', offered: 'Link to LeadConnector' } });
    expect(document.querySelector('.hr-dropdown-menu')).toBeNull();
    expect(page.pressed).toEqual([]);
  });

  it('never takes a near name', async () => {
    setup([ACME]);
    const outcome = await run({ action: 'inspect', location: { id: id(2), name: 'Acme Dental' } });
    expect(outcome).toMatchObject({ kind: 'driver-error', step: 'find-row', code: 'not-found', params: { name: 'Acme Dental' } });
  });

  it('refuses two rows with the same name when the page shows no ids', async () => {
    const twins = [fake(1, 'Twin Clinic'), fake(2, 'Twin Clinic')];
    setup(twins, { showIds: false });
    const outcome = await run({ action: 'inspect', location: asLocation(twins[0]!, false) });
    expect(outcome).toMatchObject({ kind: 'driver-error', step: 'find-row', code: 'ambiguous', params: { count: 2, name: 'Twin Clinic' } });
  });

  it('picks the right one of two same-named rows by id', async () => {
    const twins = [fake(1, 'Twin Clinic', { sid: SID_OLD }), fake(2, 'Twin Clinic', { sid: null })];
    setup(twins);
    expect(await run({ action: 'inspect', location: asLocation(twins[1]!) })).toMatchObject({ kind: 'inspected', currentSid: null });
  });

  it('finds a row on a later result page and goes back to it', async () => {
    const same = Array.from({ length: 7 }, (_, i) => fake(20 + i, `Clinic ${i}`));
    const page = setup(same, { pageSize: 3 });
    const target = same[4]!;
    const outcome = await run({ action: 'submit', location: asLocation(target), sid: SID_NEW, token: TOKEN }, recorder().hooks);
    expect(outcome).toMatchObject({ kind: 'authorized' });
    expect(page.submissions).toEqual([{ locationId: target.id, sid: SID_NEW, token: TOKEN }]);
  });

  it.each([
    [(l: FakeLocation) => `Update Credentials - ${l.name}`, 'inspected'],
    [() => 'Update Credentials - Someone Else', 'driver-error'],
  ])('checks the name where the dialog shows one', async (title, kind) => {
    setup(BASE, { title });
    const outcome = await run({ action: 'inspect', location: asLocation(ACME) });
    expect(outcome.kind).toBe(kind);
    if (outcome.kind === 'driver-error') {
      expect(outcome).toMatchObject({ step: 'check-dialog', code: 'wrong-dialog', params: { shown: 'Someone Else', name: ACME.name } });
    }
  });

  it('a dialog that never opens is a typed error naming the step', async () => {
    setup(BASE, { dialogNeverOpens: true });
    // The menu entry pressed is named by its own text, and how long the driver waited.
    expect(await run({ action: 'inspect', location: asLocation(ACME) })).toEqual({
      kind: 'driver-error',
      step: 'open-dialog',
      code: 'timeout',
      params: { what: 'opened', control: 'Update Credentials', seconds: WAITS.stepMs / 1000 },
      submitted: false,
    });
  });

  it('bad credentials are refused before anything is touched', async () => {
    setup(BASE);
    expect(await run({ action: 'fill', location: asLocation(ACME), sid: 'SK' + 'a'.repeat(32), token: TOKEN })).toEqual({
      kind: 'driver-error',
      step: 'fill-sid',
      code: 'bad-value',
      params: { field: 'sid' },
      submitted: false,
    });
  });

  it('open-dialog leaves the dialog open for the admin', async () => {
    setup(BASE);
    expect(await run({ action: 'open-dialog', location: asLocation(ACME) })).toEqual({ kind: 'dialog-opened' });
    expect(document.querySelector('[role="dialog"]')).not.toBeNull();
  });
});

describe('the older layout (pencil, Bootstrap modal, Save, "Twilio Account SID")', () => {
  it('submits through the pencil and Save', async () => {
    const page = setup(BASE, { layout: 'legacy' });
    const outcome = await run({ action: 'submit', location: asLocation(ACME), sid: SID_NEW, token: TOKEN }, recorder().hooks);
    expect(outcome).toEqual({ kind: 'authorized', message: 'Credentials updated successfully' });
    expect(page.submissions).toEqual([{ locationId: ACME.id, sid: SID_NEW, token: TOKEN }]);
  });

  it('reads the error shown in the modal', async () => {
    setup(BASE, { layout: 'legacy', answer: { kind: 'dialog-error', message: 'Authentication failed' } });
    expect(await run({ action: 'submit', location: asLocation(ACME), sid: SID_NEW, token: TOKEN }, recorder().hooks)).toEqual({
      kind: 'crm-error',
      message: 'Authentication failed',
    });
  });
});

describe('layouts as data (one profile per layout, chosen by the page’s anchors)', () => {
  const genericOnly = (): DriverContext => ({ profile: GENERIC, doc: document, url: () => PAGE });

  it('the generic profile alone cannot drive the design-system page; with the layouts, its own is chosen and writes', async () => {
    const page = setup(BASE);
    const alone = await run({ action: 'submit', location: asLocation(ACME), sid: SID_NEW, token: TOKEN }, recorder().hooks, genericOnly());
    expect(alone).toMatchObject({ kind: 'driver-error', submitted: false });
    expect(page.submissions).toEqual([]);
    const chosen = await run({ action: 'submit', location: asLocation(ACME), sid: SID_NEW, token: TOKEN }, recorder().hooks);
    expect(chosen).toEqual({ kind: 'authorized', message: 'Credentials updated successfully' });
    expect(page.submissions).toEqual([{ locationId: ACME.id, sid: SID_NEW, token: TOKEN }]);
  });

  it('runs the chosen layout’s steps: one without open-tab leaves the tab as it is', async () => {
    setup(BASE, { startOnAgencyTab: true });
    const noTab = LAYOUTS.map((layout) => ({ ...layout, steps: layout.steps.filter((step) => step !== 'open-tab') }));
    const reply = await run({ action: 'inspect', location: asLocation(ACME) }, {}, { ...ctx(), layouts: noTab });
    expect(reply).toMatchObject({ kind: 'driver-error', step: 'open-page', code: 'timeout', params: { what: 'table', seconds: WAITS.pageMs / 1000 } });
    expect(document.querySelector('.hr-tabs-tab--active')?.textContent).toContain('Agency Settings');
    // The same page with the layouts as shipped: the tab is opened and the SID read.
    expect(await run({ action: 'inspect', location: asLocation(ACME) })).toMatchObject({ kind: 'inspected', currentSid: SID_OLD });
  });
});

describe('check this page', () => {
  it('finds every anchor on a working page and writes nothing', async () => {
    const page = setup(BASE);
    const report = await checkPage(ctx());
    expect(report.anchors.filter((anchor) => !anchor.found)).toEqual([]);
    expect(report.anchors.map(({ anchor }) => anchor)).toEqual(
      expect.arrayContaining(['page', 'loaded', 'tab', 'search-box', 'table', 'rows', 'row-ids', 'row-menus', 'pagination']),
    );
    expect(page.submissions).toEqual([]);
    expect(document.querySelector('[role="dialog"]')).toBeNull();
  });

  it('says what is missing', async () => {
    setup(BASE);
    document.querySelector('input')!.remove();
    const report = await checkPage(ctx());
    expect(report.anchors.find(({ anchor }) => anchor === 'search-box')).toEqual({ anchor: 'search-box', found: false });
  });
});
