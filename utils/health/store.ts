import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { AccountStatus } from '../twilio/schemas';
import { HEALTH_PROBLEMS } from './classify';
import type { HealthReport } from './check';

/**
 * The last health check in storage.local, so "last checked" survives a browser restart: names,
 * location ids, Account SIDs, statuses and counts, never a token (the schema has no field for one).
 * A report over MAX_REPORT_BYTES is not kept (a hostile or enormous CRM list must not fill the
 * quota the audit log and settings share); the page still shows it and says it was not kept.
 */
export const HEALTH_KEY = 'health-report';
export const MAX_REPORT_BYTES = 1_000_000;

const Sid = z.string().check(z.maxLength(64));
const StoredReport = z.object({
  host: z.string().check(z.maxLength(253)),
  masterSid: Sid,
  checkedAt: z.number(),
  rows: z.array(
    z.object({
      location: z.object({ id: z.string().check(z.maxLength(200)), name: z.string().check(z.maxLength(500)) }),
      sid: z.optional(z.nullable(Sid)),
      lcPhone: z.optional(z.boolean()),
      subaccount: z.optional(z.object({ friendlyName: z.nullable(z.string().check(z.maxLength(500))), status: AccountStatus })),
      numbers: z.optional(z.number()),
      problems: z.array(z.enum(HEALTH_PROBLEMS)),
    }),
  ),
});

export async function loadReport(): Promise<HealthReport | undefined> {
  const parsed = StoredReport.safeParse((await browser.storage.local.get(HEALTH_KEY))[HEALTH_KEY]);
  return parsed.success ? parsed.data : undefined;
}

/** Keeps the report; false when it is too big to keep (the last one kept is removed, not left stale). */
export async function saveReport(report: HealthReport): Promise<boolean> {
  const bytes = new TextEncoder().encode(HEALTH_KEY + JSON.stringify(report)).length;
  if (bytes > MAX_REPORT_BYTES) {
    await browser.storage.local.remove(HEALTH_KEY);
    return false;
  }
  await browser.storage.local.set({ [HEALTH_KEY]: report });
  return true;
}

export const isHealthKey = (key: string): boolean => key === HEALTH_KEY;
