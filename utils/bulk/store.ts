import { browser } from 'wxt/browser';
import { scrub } from '../audit';
import { BulkRun, type BulkRow } from './types';

/**
 * The bulk connect run in storage.local, so it survives a browser restart. The rows and the status
 * have a key each: the page's controls (pause, resume, cancel) write the status while the run writes
 * its rows, and neither can overwrite the other's change. Holds SIDs, names and reason codes only;
 * the background's sentences are scrubbed of token-shaped strings as the audit log's are.
 */
export const BULK_RUN_KEY = 'bulk-connect-run';
export const BULK_STATUS_KEY = 'bulk-connect-status';

export async function loadRun(): Promise<BulkRun | undefined> {
  const stored = await browser.storage.local.get([BULK_RUN_KEY, BULK_STATUS_KEY]);
  const parsed = BulkRun.safeParse({ ...(stored[BULK_RUN_KEY] as object | undefined), status: stored[BULK_STATUS_KEY] });
  return parsed.success ? parsed.data : undefined;
}

const clean = (row: BulkRow): BulkRow => (row.reason === undefined ? row : { ...row, reason: scrub(row.reason)! });

/** The run's plan and rows; its status only when the run itself ends it (finished). */
export async function saveRun(run: BulkRun): Promise<void> {
  const { status, ...rest } = run;
  await browser.storage.local.set({
    [BULK_RUN_KEY]: { ...rest, rows: rest.rows.map(clean) },
    ...(status === 'finished' && { [BULK_STATUS_KEY]: status }),
  });
}

/** A new plan, replacing any run before it. */
export async function startPlan(run: BulkRun): Promise<void> {
  await browser.storage.local.set({ [BULK_RUN_KEY]: { ...run, status: undefined, rows: run.rows.map(clean) }, [BULK_STATUS_KEY]: run.status });
}

export async function setStatus(status: BulkRun['status']): Promise<void> {
  await browser.storage.local.set({ [BULK_STATUS_KEY]: status });
}

export async function clearRun(): Promise<void> {
  await browser.storage.local.remove([BULK_RUN_KEY, BULK_STATUS_KEY]);
}

export const isBulkKey = (key: string): boolean => key === BULK_RUN_KEY || key === BULK_STATUS_KEY;
