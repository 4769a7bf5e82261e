import type { Location } from '../handoff/types';
import type { RotateRow } from './types';

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
