import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { scrub } from '../audit';
import { BulkRow, BulkRun } from './types';

/**
 * The bulk connect run in storage.local, so it survives a browser restart. The rows and the status
 * have a key each: the page's controls (pause, resume, cancel) write the status while the run writes
 * its rows, and neither can overwrite the other's change. The rows the plan skips have a key of their
 * own, written once with the plan: on a CRM of 5,000 locations they are most of the plan, and the run
 * stores its rows several times per location (measured at 5,000: a whole plan per save made the page
 * and the run spend more time in storage than in the CRM). Holds SIDs, names and reason codes only;
 * the background's sentences are scrubbed of token-shaped strings as the audit log's are.
 */
export const BULK_RUN_KEY = 'bulk-connect-run';
export const BULK_STATUS_KEY = 'bulk-connect-status';
export const BULK_SKIPPED_KEY = 'bulk-connect-skipped';

const SkippedRows = z.object({ runId: z.string(), rows: z.array(BulkRow) });
type SkippedRows = z.infer<typeof SkippedRows>;

/** The skipped rows of the run this context last read: they never change while the run lives. */
let skippedCache: SkippedRows | undefined;

const isSkipped = (row: BulkRow): boolean => row.action === 'skip';

async function skippedRows(runId: unknown): Promise<BulkRow[]> {
  if (typeof runId !== 'string') return [];
  if (skippedCache?.runId === runId) return skippedCache.rows;
  const parsed = SkippedRows.safeParse((await browser.storage.local.get(BULK_SKIPPED_KEY))[BULK_SKIPPED_KEY]);
  // Another run's skipped rows (a plan replaced halfway through its write) are not this run's.
  if (!parsed.success || parsed.data.runId !== runId) return [];
  skippedCache = parsed.data;
  return parsed.data.rows;
}

/**
 * The run: the rows it works on first, then the rows the plan skips. Only the rows it works on are
 * parsed on each load; the skipped ones were parsed once, when first read (the run loads itself
 * before every step, and at 5,000 locations parsing them all each time held the page's thread
 * longer than the CRM's whole answer took).
 */
export async function loadRun(): Promise<BulkRun | undefined> {
  const stored = await browser.storage.local.get([BULK_RUN_KEY, BULK_STATUS_KEY]);
  const run = stored[BULK_RUN_KEY] as { id?: unknown; rows?: unknown } | undefined;
  const parsed = BulkRun.safeParse({ ...run, status: stored[BULK_STATUS_KEY] });
  if (!parsed.success) return undefined;
  const skipped = await skippedRows(parsed.data.id);
  return skipped.length > 0 ? { ...parsed.data, rows: [...parsed.data.rows, ...skipped] } : parsed.data;
}

/**
 * The status alone, for the loop that drives the run (utils/bulk/run.ts driveRows): one small read.
 * Undefined when none is stored (the run cleared): the loop then reads the whole run.
 */
export async function loadStatus(): Promise<BulkRun['status'] | undefined> {
  const parsed = BulkRun.shape.status.safeParse((await browser.storage.local.get(BULK_STATUS_KEY))[BULK_STATUS_KEY]);
  return parsed.success ? parsed.data : undefined;
}

const clean = (row: BulkRow): BulkRow => (row.reason === undefined ? row : { ...row, reason: scrub(row.reason)! });

/** The run's rows (those it works on; the skipped ones were stored with the plan); its status only when the run itself ends it (finished). */
export async function saveRun(run: BulkRun): Promise<void> {
  const { status, ...rest } = run;
  await browser.storage.local.set({
    [BULK_RUN_KEY]: { ...rest, rows: rest.rows.filter((row) => !isSkipped(row)).map(clean) },
    ...(status === 'finished' && { [BULK_STATUS_KEY]: status }),
  });
}

/** A new plan, replacing any run before it. */
export async function startPlan(run: BulkRun): Promise<void> {
  const { status, ...rest } = run;
  const rows = rest.rows.map(clean);
  skippedCache = { runId: run.id, rows: rows.filter(isSkipped) };
  await browser.storage.local.set({
    [BULK_SKIPPED_KEY]: skippedCache,
    [BULK_RUN_KEY]: { ...rest, rows: rows.filter((row) => !isSkipped(row)) },
    [BULK_STATUS_KEY]: status,
  });
}

export async function setStatus(status: BulkRun['status']): Promise<void> {
  await browser.storage.local.set({ [BULK_STATUS_KEY]: status });
}

export async function clearRun(): Promise<void> {
  skippedCache = undefined;
  await browser.storage.local.remove([BULK_RUN_KEY, BULK_STATUS_KEY, BULK_SKIPPED_KEY]);
}

/** The keys whose change the page shows (the skipped rows change only with the run's key). */
export const isBulkKey = (key: string): boolean => key === BULK_RUN_KEY || key === BULK_STATUS_KEY;
