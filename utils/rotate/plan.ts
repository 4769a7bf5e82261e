import type { Location } from '../handoff/types';
import type { RotateRow, RotateRun } from './types';

/**
 * The rotation plan: each CRM location that shows a whole Account SID of one of the master's
 * sub-accounts can have its token rotated; every other location is listed with why not. Pure.
 * A masked or missing SID is never guessed at: the rotation writes only where the CRM shows the SID.
 */
export function buildRotationPlan(locations: readonly Location[], subaccountSids: readonly string[]): RotateRow[] {
  const own = new Set(subaccountSids);
  return locations.map((location): RotateRow => {
    const base = { location: { id: location.id, name: location.name } };
    const skip = (why: NonNullable<RotateRow['skip']>): RotateRow => ({ ...base, skip: why, state: 'skipped', ...(typeof location.sid === 'string' && { sid: location.sid }) });
    if (location.managedBy === 'lc-phone') return skip('lc-phone');
    if (location.sid === null) return skip('not-connected');
    if (location.sid === undefined) return skip('sid-unknown');
    if (!own.has(location.sid)) return skip('not-under-master');
    return { ...base, sid: location.sid, state: 'idle' };
  });
}

/**
 * A new plan keeps every row of the previous run whose CRM may hold a secondary that was not
 * promoted (stopped with `crmMayHold`), as it was: rotating such a location afresh would make a new
 * secondary, which kills the one the CRM may hold. Only the row's own way on (Retry from where it
 * stopped) or the admin's word that it was settled in the Twilio console (`settle`) frees it.
 */
export function carryOver(previous: RotateRun | undefined, rows: readonly RotateRow[]): RotateRow[] {
  const held = new Map((previous?.rows ?? []).filter(holdsUnpromoted).map((row) => [row.location.id, row]));
  return rows.map((row) => {
    const old = held.get(row.location.id);
    return old && old.sid === row.sid ? old : row;
  });
}

/** A row stopped after the CRM may have taken its secondary, before the promotion. */
export const holdsUnpromoted = (row: RotateRow): boolean => row.state === 'stopped' && row.crmMayHold === true;
