import type { Location } from '../handoff/types';
import { normaliseName } from '../match';
import type { BulkRow, PlanSkip } from './types';

/** A sub-account as the master's list gives it: all the plan needs. */
export interface PlannedSubaccount {
  sid: string;
  friendlyName: string | null;
}

/**
 * The bulk connect plan (issue 12 item 3), before anything is written: for each CRM location, the
 * sub-account of the same name (names compared as matching compares them), a new one (only when the
 * admin asked for missing ones to be created), or a skip and why. Pure, so every reason has a test.
 * A location that already holds something, or whose holding the list cannot tell, is never planned:
 * the bulk run connects locations that have no credentials, and a Replace is the admin's to decide.
 */
export function buildPlan(locations: readonly Location[], subaccounts: readonly PlannedSubaccount[], createMissing: boolean): BulkRow[] {
  const byName = groupBy(locations, (l) => normaliseName(l.name));
  const subaccountsByName = groupBy(subaccounts, (s) => normaliseName(s.friendlyName ?? ''));
  const heldSids = new Set(locations.flatMap((l) => (typeof l.sid === 'string' ? [l.sid] : [])));
  return locations.map((location) => {
    const base = { location: { id: location.id, name: location.name }, state: 'pending' as const };
    const skip = (why: PlanSkip, extra: Partial<BulkRow> = {}): BulkRow => ({ ...base, action: 'skip', skip: why, state: 'skipped', ...extra });
    if (location.managedBy === 'lc-phone') return skip('lc-phone');
    if (typeof location.sid === 'string') return skip('already-connected', { heldSid: location.sid });
    if (location.sidPartial) return skip('already-connected', { heldSid: `${location.sidPartial.prefix}…${location.sidPartial.suffix}` });
    if (location.sid === undefined) return skip('sid-unknown');
    const name = normaliseName(location.name);
    if (!name) return skip('no-name');
    const sameName = byName.get(name)!.length;
    if (sameName > 1) return skip('several-locations', { count: sameName });
    const named = subaccountsByName.get(name) ?? [];
    if (named.length > 1) return skip('several-subaccounts', { count: named.length });
    const [only] = named;
    if (only && heldSids.has(only.sid)) return skip('subaccount-in-use', { subaccountSid: only.sid });
    if (only) return { ...base, action: 'existing', subaccountSid: only.sid };
    return createMissing ? { ...base, action: 'create' } : skip('no-subaccount');
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!k) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** How many rows the plan connects with an existing sub-account, with a new one, and skips. */
export function planCounts(rows: readonly BulkRow[]): { existing: number; create: number; skip: number } {
  return {
    existing: rows.filter((r) => r.action === 'existing').length,
    create: rows.filter((r) => r.action === 'create').length,
    skip: rows.filter((r) => r.action === 'skip').length,
  };
}
