import type { Location } from '../handoff/types';
import { judgeRows, type ListedSubaccount, type RowHealth, sidsToCount } from './classify';

/** What a health check asks of the world; injected, so it is tested without a browser or Twilio. */
export interface HealthPorts {
  /** Every location of the CRM's Phone Integration page; throws with a sentence for the admin. */
  locations(): Promise<Location[]>;
  /** Every sub-account of the master, any status; throws with a sentence for the admin. */
  subaccounts(): Promise<ListedSubaccount[]>;
  /** How many numbers a sub-account owns; throws when Twilio could not say. */
  countNumbers(sid: string): Promise<number>;
  now(): number;
}

export interface HealthReport {
  host: string;
  masterSid: string;
  checkedAt: number;
  rows: RowHealth[];
}

/** Sub-accounts whose numbers are listed at once: a few, so hundreds of rows do not set off Twilio's 429s. */
export const NUMBER_LOOKUPS_AT_ONCE = 4;

/**
 * One health check: the CRM's table, the master's sub-accounts, then the numbers of each active
 * sub-account a row shows, a few at a time. A count Twilio could not give is `unknown` for that
 * sub-account (its rows say so) and never stops the check; the table or the list failing stops it.
 */
export async function checkHealth(
  host: string,
  masterSid: string,
  ports: HealthPorts,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<HealthReport> {
  const [locations, subaccounts] = await Promise.all([ports.locations(), ports.subaccounts()]);
  const sids = sidsToCount(locations, subaccounts);
  const counts = new Map<string, number | 'unknown'>();
  let next = 0;
  onProgress(0, sids.length);
  const worker = async () => {
    while (next < sids.length) {
      const sid = sids[next++]!;
      counts.set(sid, await ports.countNumbers(sid).catch(() => 'unknown' as const));
      onProgress(counts.size, sids.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(NUMBER_LOOKUPS_AT_ONCE, sids.length) }, worker));
  return { host, masterSid, checkedAt: ports.now(), rows: judgeRows(locations, subaccounts, masterSid, counts) };
}
