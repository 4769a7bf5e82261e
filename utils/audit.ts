import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { ReasonParams } from './handoff/reasons';
import type { Handoff } from './handoff/types';

/**
 * One row per finished handoff, for the admin's records: who got which sub-account, what it
 * replaced, and how it ended. Kept in storage.local, newest last, at most MAX_AUDIT_ENTRIES.
 * It never holds an Auth Token: the schema has no field for one and free text is scrubbed.
 * Why it ended is a reason code and its parameters (utils/handoff/reasons.ts), worded when shown.
 */
export const AUDIT_KEY = 'audit';
export const MAX_AUDIT_ENTRIES = 500;

export const AUDIT_OUTCOMES = ['authorized', 'failed', 'needs-check', 'rejected', 'expired', 'discarded'] as const;
export const AuditOutcome = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

const MAX_TEXT = 1000;
const Text = z.string().check(z.maxLength(MAX_TEXT));

export const AuditEntry = z.object({
  at: z.number(),
  friendlyName: z.optional(Text),
  sid: z.string().check(z.maxLength(64)),
  locationName: z.optional(Text),
  locationId: z.optional(z.string().check(z.maxLength(200))),
  /** The SID the location held before; null when it held none. */
  replacedSid: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
  outcome: AuditOutcome,
  reasonCode: z.optional(z.string().check(z.maxLength(100))),
  reasonParams: z.optional(ReasonParams),
  /** The sentence rows written before reason codes hold instead; shown as it is. */
  reason: z.optional(Text),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

const AuditLog = z.array(AuditEntry);

/** 32 hex characters standing alone: an Auth Token's shape (an Account SID's hex follows "AC"). */
const TOKEN_LIKE = /(?<![0-9a-z])[0-9a-f]{32}(?![0-9a-z])/gi;

export function scrub(text: string | undefined): string | undefined {
  return text === undefined ? undefined : text.replace(TOKEN_LIKE, '[hidden]');
}

/** The other sites' words in parameters are free text too; a long one is cut to what a row holds. */
function scrubParams(params: ReasonParams | undefined): ReasonParams | undefined {
  if (params === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, typeof value === 'string' ? scrub(value)!.slice(0, MAX_TEXT) : value]),
  );
}

function isAuditOutcome(state: string): state is AuditOutcome {
  return (AUDIT_OUTCOMES as readonly string[]).includes(state);
}

/** The row for a handoff that reached a final state; undefined while it is still in flight. */
export function auditEntryFromHandoff(handoff: Handoff, at = Date.now()): AuditEntry | undefined {
  if (!isAuditOutcome(handoff.state)) return undefined;
  return {
    at,
    friendlyName: handoff.friendlyName,
    sid: handoff.sid,
    locationName: handoff.location?.name,
    locationId: handoff.location?.id,
    // A token update keeps the same SID: nothing was replaced.
    replacedSid: handoff.previousSid === handoff.sid ? null : handoff.previousSid,
    outcome: handoff.state,
    reasonCode: handoff.reasonCode,
    reasonParams: handoff.reasonParams,
    // Only a handoff stored by an older version still has its sentence.
    reason: handoff.reason,
  };
}

export async function listAudit(): Promise<AuditEntry[]> {
  const parsed = AuditLog.safeParse((await browser.storage.local.get(AUDIT_KEY))[AUDIT_KEY]);
  return parsed.success ? parsed.data : [];
}

/** Appends run one after another so two handoffs finishing together both get their row. */
let appending: Promise<unknown> = Promise.resolve();

export function appendAudit(entry: AuditEntry): Promise<void> {
  const clean = AuditEntry.parse({
    ...entry,
    friendlyName: scrub(entry.friendlyName),
    locationName: scrub(entry.locationName),
    reasonParams: scrubParams(entry.reasonParams),
    reason: scrub(entry.reason),
  });
  const run = appending.then(async () => {
    const log = [...(await listAudit()), clean].slice(-MAX_AUDIT_ENTRIES);
    await browser.storage.local.set({ [AUDIT_KEY]: log });
  });
  appending = run.catch(() => undefined);
  return run;
}

export async function clearAudit(): Promise<void> {
  await browser.storage.local.remove(AUDIT_KEY);
}

// i18n-ignore: CSV column names, the same in every language, for spreadsheets and scripts that read the export.
export const AUDIT_CSV_COLUMNS = [
  'when',
  'sub-account',
  'account SID',
  'location',
  'location id',
  'replaced SID',
  'outcome',
  'reason',
] as const;

/**
 * RFC 4180 quoting, and a leading apostrophe on cells a spreadsheet would run as a formula: a
 * sub-account's friendly name is typed by whoever created it.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** `reasonText` words a row's reason (components/text.ts `storedReasonText`): this file holds no wording. */
export function auditToCsv(entries: readonly AuditEntry[], reasonText: (entry: AuditEntry) => string | undefined): string {
  const rows = entries.map((entry) => [
    new Date(entry.at).toISOString(),
    entry.friendlyName ?? '',
    entry.sid,
    entry.locationName ?? '',
    entry.locationId ?? '',
    entry.replacedSid ?? '',
    entry.outcome,
    reasonText(entry) ?? '',
  ]);
  return [[...AUDIT_CSV_COLUMNS], ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
