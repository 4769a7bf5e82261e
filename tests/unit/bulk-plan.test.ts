import { describe, expect, it } from 'vitest';
import { buildPlan, planCounts } from '../../utils/bulk/plan';
import { PLAN_SKIPS } from '../../utils/bulk/types';
import type { Location } from '../../utils/handoff/types';

/** The bulk connect plan: every skip reason, an existing sub-account, a new one only when asked. */
const sid = (n: number) => 'AC' + n.toString(16).padStart(32, '0');
const loc = (id: string, name: string, extra: Partial<Location> = {}): Location => ({ id, name, sid: null, managedBy: 'not-available', ...extra });

const locations: Location[] = [
  loc('l1', 'Acme Dental - Austin'),
  loc('l2', 'Bayside Pediatrics'),
  loc('l3', 'Cedar Vet', { sid: sid(9), managedBy: 'twilio' }),
  loc('l4', 'Delta Spa', { managedBy: 'lc-phone' }),
  loc('l5', 'Evergreen Law'),
  loc('l6', 'Fern Clinic'),
  loc('l7', 'Twin Pines'),
  loc('l8', 'twin  pines'),
  loc('l9', 'Masked Row', { sid: undefined, sidPartial: { prefix: 'AC', suffix: 'ff3b1c' }, managedBy: 'twilio' }),
  loc('l10', 'Unknown Row', { sid: undefined, managedBy: 'unknown' }),
  loc('l11', ' – '),
  loc('l12', 'Harbor Chiro'),
];
const subaccounts = [
  { sid: sid(1), friendlyName: 'ACME dental – austin' },
  { sid: sid(2), friendlyName: 'Bayside Pediatrics' },
  { sid: sid(5), friendlyName: 'Evergreen Law' },
  { sid: sid(6), friendlyName: 'Evergreen law' },
  { sid: sid(7), friendlyName: 'Twin Pines' },
  { sid: sid(9), friendlyName: 'Harbor Chiro' },
];

describe('buildPlan', () => {
  it.each([
    ['l1', false, { action: 'existing', subaccountSid: sid(1), state: 'pending' }],
    ['l2', false, { action: 'existing', subaccountSid: sid(2) }],
    ['l3', false, { action: 'skip', skip: 'already-connected', heldSid: sid(9), state: 'skipped' }],
    ['l4', false, { action: 'skip', skip: 'lc-phone' }],
    ['l5', false, { action: 'skip', skip: 'several-subaccounts', count: 2 }],
    ['l6', false, { action: 'skip', skip: 'no-subaccount' }],
    ['l6', true, { action: 'create', state: 'pending' }],
    ['l7', true, { action: 'skip', skip: 'several-locations', count: 2 }],
    ['l8', true, { action: 'skip', skip: 'several-locations', count: 2 }],
    ['l9', true, { action: 'skip', skip: 'already-connected', heldSid: 'AC…ff3b1c' }],
    ['l10', true, { action: 'skip', skip: 'sid-unknown' }],
    ['l11', true, { action: 'skip', skip: 'no-name' }],
    ['l12', true, { action: 'skip', skip: 'subaccount-in-use', subaccountSid: sid(9) }],
  ] as const)('%s (create missing: %s)', (id, createMissing, expected) => {
    const row = buildPlan(locations, subaccounts, createMissing).find((r) => r.location.id === id)!;
    expect(row).toMatchObject(expected);
  });

  it('covers every skip reason, keeps the list order and counts', () => {
    const plan = buildPlan(locations, subaccounts, true);
    expect(new Set(plan.flatMap((r) => (r.skip ? [r.skip] : [])))).toEqual(new Set(PLAN_SKIPS.filter((s) => s !== 'no-subaccount')));
    expect(plan.map((r) => r.location.id)).toEqual(locations.map((l) => l.id));
    expect(planCounts(plan)).toEqual({ existing: 2, create: 1, skip: 9 });
    expect(planCounts(buildPlan(locations, subaccounts, false))).toEqual({ existing: 2, create: 0, skip: 10 });
  });

  it('never plans a new sub-account for a name it cannot settle, even when asked to create', () => {
    const plan = buildPlan([loc('a', 'Same'), loc('b', 'same')], [], true);
    expect(plan.every((r) => r.action === 'skip' && r.skip === 'several-locations')).toBe(true);
  });
});
