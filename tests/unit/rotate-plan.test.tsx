import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RotateSection } from '../../components/RotateSection';
import { rotateReason, rotateText } from '../../components/rotate-text';
import type { Location } from '../../utils/handoff/types';
import { keepMaster } from '../../utils/master/session';
import { buildRotationPlan, carryOver } from '../../utils/rotate/plan';
import { loadRotation, storeRotation } from '../../utils/rotate/store';
import { ROTATE_STOPS, type RotateRow } from '../../utils/rotate/types';
import { installFakes, type Fakes } from './support/extension-fakes';

/** The rotation plan, its words, and the permission for accounts.twilio.com asked from the click. */
const sid = (n: number) => 'AC' + n.toString(16).padStart(32, '0');
const ACCOUNTS = 'https://accounts.twilio.com/*';

describe('buildRotationPlan', () => {
  it.each([
    ['a whole SID of the master’s sub-account', { sid: sid(1), managedBy: 'twilio' }, 'idle', undefined],
    ['LC Phone', { sid: sid(1), managedBy: 'lc-phone' }, 'skipped', 'lc-phone'],
    ['no credentials', { sid: null, managedBy: 'not-available' }, 'skipped', 'not-connected'],
    ['a masked SID (never guessed)', { sidPartial: { prefix: 'AC00', suffix: '0001' }, managedBy: 'twilio' }, 'skipped', 'sid-unknown'],
    ['a SID of another Twilio account', { sid: sid(9), managedBy: 'twilio' }, 'skipped', 'not-under-master'],
  ] as const)('%s → %s', (_, shown, state, skip) => {
    const location = { id: 'l', name: 'Acme', ...shown } as Location;
    const [row] = buildRotationPlan([location], [sid(1), sid(2)]);
    expect(row).toMatchObject({ location: { id: 'l', name: 'Acme' }, state });
    expect(row!.skip).toBe(skip);
  });
});

describe('carryOver: a new plan keeps the rows whose CRM may hold an unpromoted secondary', () => {
  const planned = (state: RotateRow['state'], extra: Partial<RotateRow> = {}): RotateRow => ({ location: { id: 'l', name: 'Acme' }, sid: sid(1), state, ...extra });
  it.each([
    ['stopped after the CRM may have taken it, with a way on', planned('stopped', { stop: 'promote', crmMayHold: true, resumeAt: 'promoting' }), true],
    ['stopped in doubt', planned('stopped', { stop: 'in-doubt', crmMayHold: true }), true],
    ['stopped before the CRM (the secondary was deleted)', planned('stopped', { stop: 'other-sid' }), false],
    ['done', planned('done', { crmMayHold: true }), false],
  ] as const)('%s → kept: %s', (_, old, kept) => {
    const previous = { id: 'r', host: 'h', createdAt: 0, status: 'finished' as const, rows: [old] };
    expect(carryOver(previous, [planned('idle')])[0]).toEqual(kept ? old : planned('idle'));
  });

  it('a location that shows another SID now is planned as it is', () => {
    const old = planned('stopped', { stop: 'in-doubt', crmMayHold: true });
    const previous = { id: 'r', host: 'h', createdAt: 0, status: 'finished' as const, rows: [old] };
    expect(carryOver(previous, [{ ...planned('idle'), sid: sid(2) }])[0]!.state).toBe('idle');
  });
});

describe('rotation words', () => {
  it.each(ROTATE_STOPS.flatMap((stop) => [[stop, false], [stop, true]] as const))('%s (CRM may hold the new token: %s) says where it stopped and what works', (stop, crmMayHold) => {
    const row: RotateRow = { location: { id: 'l', name: 'Acme' }, sid: sid(1), state: 'stopped', stop, ...(crmMayHold && { crmMayHold }) };
    const words = rotateReason(row);
    expect(words).toMatch(/still works?|Both tokens still work/);
    // Once the CRM may hold the new token, nothing says it was deleted.
    if (crmMayHold) expect(words).not.toContain('deleted');
  });
});

describe('RotateSection: the permission for accounts.twilio.com', () => {
  let fakes: Fakes;
  beforeEach(async () => {
    fakes = installFakes();
    // No network in unit tests: Twilio refuses whatever the rotation asks (the row stops, as it should).
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ code: 20003, message: 'Authenticate', more_info: '', status: 401 }), { status: 401, headers: { 'content-type': 'application/json' } })));
    // happy-dom has no Web Locks: one holder at a time is all the page needs of them here.
    Object.defineProperty(navigator, 'locks', { configurable: true, value: { request: async (_name: string, _options: object, work: (lock: object) => unknown) => work({}) } });
    await keepMaster({ sid: sid(0xa), friendlyName: 'Agency' }, 'b'.repeat(32));
    await storeRotation({
      id: 'r', host: 'app.gohighlevel.com', createdAt: 0, status: 'planned',
      rows: [{ location: { id: 'l1', name: 'Acme Dental' }, sid: sid(1), state: 'idle' }],
    });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('is asked for from the click itself; refused, nothing is rotated and the page says why', async () => {
    fakes.permissions.answer = 'deny';
    render(<RotateSection host="app.gohighlevel.com" unlocked />);
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate Acme Dental' }));
    // Synchronously within the click handler, while the browser still sees the gesture:
    expect(fakes.permissions.requests).toEqual([[ACCOUNTS]]);
    expect(await screen.findByText(rotateText.permissionRefused)).toBeTruthy();
    const run = await loadRotation();
    expect(run).toMatchObject({ status: 'planned', rows: [{ state: 'idle' }] });
  });

  it('allowed, the row is asked for and the rotation starts', async () => {
    render(<RotateSection host="app.gohighlevel.com" unlocked />);
    fireEvent.click(await screen.findByRole('checkbox', { name: rotateText.select('Acme Dental') }));
    fireEvent.click(await screen.findByRole('button', { name: rotateText.rotateSelected }));
    expect(fakes.permissions.requests).toEqual([[ACCOUNTS]]);
    expect(fakes.permissions.granted.has(ACCOUNTS)).toBe(true);
    // Twilio (stubbed) refuses the master here: the row stops before anything changed, and says so.
    await waitFor(async () => expect((await loadRotation())?.rows[0]).toMatchObject({ state: 'stopped', stop: 'read-token' }));
    expect(await screen.findByText(/^Stopped before anything changed/)).toBeTruthy();
  });

  it('Select all ticks every row that can be rotated (none that cannot), and Clear the selection unticks them', async () => {
    await storeRotation({
      id: 'r', host: 'app.gohighlevel.com', createdAt: 0, status: 'planned',
      rows: [
        { location: { id: 'l1', name: 'Acme Dental' }, sid: sid(1), state: 'idle' },
        { location: { id: 'l2', name: 'Bayside Vets' }, sid: sid(2), state: 'idle' },
        { location: { id: 'l3', name: 'Cedar Spa' }, state: 'skipped', skip: 'lc-phone' },
      ],
    });
    render(<RotateSection host="app.gohighlevel.com" unlocked />);
    fireEvent.click(await screen.findByRole('button', { name: rotateText.selectAll(2) }));
    const boxes = () => screen.getAllByRole('checkbox').map((box) => [box.getAttribute('aria-label'), (box as HTMLInputElement).checked]);
    expect(boxes()).toEqual([[rotateText.select('Acme Dental'), true], [rotateText.select('Bayside Vets'), true]]);
    fireEvent.click(await screen.findByRole('button', { name: rotateText.selectNone }));
    expect(boxes()).toEqual([[rotateText.select('Acme Dental'), false], [rotateText.select('Bayside Vets'), false]]);
    expect((await loadRotation())?.rows.map((r) => r.state)).toEqual(['idle', 'idle', 'skipped']);
  });

  it('a rotation that would go on by itself without the permission pauses and says Resume asks again', async () => {
    await storeRotation({
      id: 'r', host: 'app.gohighlevel.com', createdAt: 0, status: 'running',
      rows: [{ location: { id: 'l1', name: 'Acme Dental' }, sid: sid(1), state: 'pending' }],
    });
    render(<RotateSection host="app.gohighlevel.com" unlocked />);
    expect(await screen.findByText(rotateText.permissionGone)).toBeTruthy();
    expect(await loadRotation()).toMatchObject({ status: 'paused', rows: [{ state: 'pending' }] });
    fireEvent.click(await screen.findByRole('button', { name: rotateText.resume }));
    expect(fakes.permissions.requests).toEqual([[ACCOUNTS]]);
    await waitFor(async () => expect((await loadRotation())?.rows[0]?.state).not.toBe('pending'));
  });
});
