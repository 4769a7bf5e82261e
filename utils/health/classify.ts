import type { Location } from '../handoff/types';
import { normaliseName } from '../match';
import type { AccountStatus } from '../twilio/schemas';

/**
 * Health of the CRM's Twilio connections (issue 12 item 4), from what the CRM's Phone Integration
 * table shows and what the agency's master account lists: pure, so every verdict has a table test.
 *
 * A row is judged only on what could be read. A SID the table hides (masked, cut, no column) is
 * `sid-hidden`, never "not connected"; a sub-account whose numbers could not be listed has no
 * number verdict, never "no numbers".
 */

/** What can be wrong with a row, most serious first (the order rows are sorted and worded in). */
export const HEALTH_PROBLEMS = [
  'master-sid',
  'not-ours',
  'closed',
  'suspended',
  'shared',
  'no-numbers',
  'other-name',
  'not-connected',
  'sid-hidden',
  'numbers-unknown',
] as const;
export type HealthProblem = (typeof HEALTH_PROBLEMS)[number];

/** A sub-account as the master's list gives it: what the verdicts need. */
export interface ListedSubaccount {
  sid: string;
  friendlyName: string | null;
  status: AccountStatus;
}

export interface RowHealth {
  location: { id: string; name: string };
  /** The SID the row shows in full; null: the row shows none; absent: the table does not tell. */
  sid?: string | null;
  /** On LC Phone: no Twilio credentials to judge. */
  lcPhone?: boolean;
  /** The sub-account of that SID under the master, when it is one. */
  subaccount?: { friendlyName: string | null; status: AccountStatus };
  /** How many numbers the sub-account owns, when they were listed. */
  numbers?: number;
  problems: HealthProblem[];
}

/** Numbers per sub-account SID: a count, or `unknown` when listing failed. */
export type NumberCounts = ReadonlyMap<string, number | 'unknown'>;

export function judgeRows(
  locations: readonly Location[],
  subaccounts: readonly ListedSubaccount[],
  masterSid: string,
  numbers: NumberCounts,
): RowHealth[] {
  const bySid = new Map(subaccounts.map((s) => [s.sid, s]));
  const rowsPerSid = new Map<string, number>();
  for (const location of locations) {
    if (typeof location.sid === 'string') rowsPerSid.set(location.sid, (rowsPerSid.get(location.sid) ?? 0) + 1);
  }
  return locations.map((location) => {
    const base = { location: { id: location.id, name: location.name } };
    if (location.managedBy === 'lc-phone') return { ...base, lcPhone: true, problems: [] };
    if (location.sid === null) return { ...base, sid: null, problems: ['not-connected'] };
    if (typeof location.sid !== 'string') return { ...base, problems: ['sid-hidden'] };
    const sid = location.sid;
    const problems: HealthProblem[] = [];
    const row: RowHealth = { ...base, sid, problems };
    if ((rowsPerSid.get(sid) ?? 0) > 1) problems.push('shared');
    if (sid === masterSid) {
      problems.unshift('master-sid');
      return row;
    }
    const subaccount = bySid.get(sid);
    if (!subaccount) {
      problems.unshift('not-ours');
      return row;
    }
    row.subaccount = { friendlyName: subaccount.friendlyName, status: subaccount.status };
    if (subaccount.status !== 'active') problems.unshift(subaccount.status);
    const count = numbers.get(sid);
    if (count === 'unknown') problems.push('numbers-unknown');
    else if (count !== undefined) {
      row.numbers = count;
      if (count === 0) problems.push('no-numbers');
    }
    const wanted = normaliseName(location.name);
    if (wanted && normaliseName(subaccount.friendlyName ?? '') !== wanted) problems.push('other-name');
    return row;
  });
}

/** The sub-accounts whose numbers are worth listing: active, under this master, shown on some row. */
export function sidsToCount(locations: readonly Location[], subaccounts: readonly ListedSubaccount[]): string[] {
  const active = new Set(subaccounts.filter((s) => s.status === 'active').map((s) => s.sid));
  const shown = locations.flatMap((l) => (l.managedBy !== 'lc-phone' && typeof l.sid === 'string' && active.has(l.sid) ? [l.sid] : []));
  return [...new Set(shown)];
}

/** A row's worst problem's rank (HEALTH_PROBLEMS' order); healthy rows last. */
export function severity(row: RowHealth): number {
  const ranks = row.problems.map((p) => HEALTH_PROBLEMS.indexOf(p));
  return ranks.length ? Math.min(...ranks) : HEALTH_PROBLEMS.length;
}

/** How many rows have each problem, how many have none, and how many are on LC Phone (not judged). */
export function problemCounts(rows: readonly RowHealth[]): { healthy: number; lcPhone: number; byProblem: Partial<Record<HealthProblem, number>> } {
  const byProblem: Partial<Record<HealthProblem, number>> = {};
  let healthy = 0;
  let lcPhone = 0;
  for (const row of rows) {
    if (row.lcPhone) lcPhone++;
    else if (row.problems.length === 0) healthy++;
    for (const p of row.problems) byProblem[p] = (byProblem[p] ?? 0) + 1;
  }
  return { healthy, lcPhone, byProblem };
}
