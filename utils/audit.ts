import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { ReasonParams } from './handoff/reasons';
import type { Handoff } from './handoff/types';

/**
 * One row per finished handoff, for the admin's records: who got which sub-account, what it
 * replaced, and how it ended. Kept in storage.local, newest last, at most MAX_AUDIT_ENTRIES, in pages
 * of AUDIT_PAGE_ENTRIES rows (`audit:<n>`) listed by `audit-pages`: an append writes one page, not the
 * whole log. As one array, each append rewrote up to 500 rows, and storage.local sends every change
 * whole (old and new) to every extension context listening: in a bulk run of 465 locations the bulk
 * page's next row waited longer and longer behind it. `audit` is where versions before kept the log
 * as one array: it is read first, and folded into pages (and emptied) at the next append.
 * It never holds an Auth Token: the schema has no field for one and free text is scrubbed.
 * Why it ended is a reason code and its parameters (utils/handoff/reasons.ts), worded when shown.
 */
export const AUDIT_KEY = 'audit';
export const AUDIT_PAGES_KEY = 'audit-pages';
const PAGE_PREFIX = 'audit:';
export const MAX_AUDIT_ENTRIES = 500;
export const AUDIT_PAGE_ENTRIES = 50;

/** True for every key the log is kept under (for live views). */
export const isAuditKey = (key: string): boolean => key === AUDIT_KEY || key === AUDIT_PAGES_KEY || key.startsWith(PAGE_PREFIX);
const pageKey = (n: number) => PAGE_PREFIX + n;

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

/** The pages in order, each with its number and how many rows it holds. */
const AuditPages = z.array(z.object({ n: z.number(), count: z.number() }));
type AuditPages = z.infer<typeof AuditPages>;

const rowsOf = (value: unknown): AuditEntry[] => {
  const parsed = AuditLog.safeParse(value);
  return parsed.success ? parsed.data : [];
};

async function readPages(): Promise<{ pages: AuditPages; legacy: AuditEntry[] }> {
  const stored = await browser.storage.local.get([AUDIT_PAGES_KEY, AUDIT_KEY]);
  const pages = AuditPages.safeParse(stored[AUDIT_PAGES_KEY]);
  return { pages: pages.success ? pages.data : [], legacy: rowsOf(stored[AUDIT_KEY]) };
}

export async function listAudit(): Promise<AuditEntry[]> {
  const { pages, legacy } = await readPages();
  if (pages.length === 0) return legacy.slice(-MAX_AUDIT_ENTRIES);
  const stored = await browser.storage.local.get(pages.map((page) => pageKey(page.n)));
  return [...legacy, ...pages.flatMap((page) => rowsOf(stored[pageKey(page.n)]))].slice(-MAX_AUDIT_ENTRIES);
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
  const run = appending.then(() => appendInTurn(clean));
  appending = run.catch(() => undefined);
  return run;
}

async function appendInTurn(clean: AuditEntry): Promise<void> {
  const read = await readPages();
  let pages = read.pages;
  const writes: Record<string, unknown> = {};
  const removes: string[] = [];
  /** A page's rows as this append has them: written already in it, else as stored. */
  const rowsAt = async (key: string): Promise<AuditEntry[]> =>
    (writes[key] as AuditEntry[] | undefined) ?? rowsOf((await browser.storage.local.get(key))[key]);
  if (read.legacy.length > 0) {
    // The log an older version kept as one array, with any pages after it: renumbered into pages, oldest first.
    const rows = await listAudit();
    for (const page of pages) removes.push(pageKey(page.n));
    pages = [];
    for (let i = 0; i < rows.length; i += AUDIT_PAGE_ENTRIES) {
      const n = pages.length + 1;
      writes[pageKey(n)] = rows.slice(i, i + AUDIT_PAGE_ENTRIES);
      pages.push({ n, count: Math.min(AUDIT_PAGE_ENTRIES, rows.length - i) });
    }
    // Emptied in the same write as the pages, so a fold cut off halfway never counts a row twice.
    writes[AUDIT_KEY] = [];
  }
  const last = pages.at(-1);
  if (last && last.count < AUDIT_PAGE_ENTRIES) {
    const key = pageKey(last.n);
    const rows = await rowsAt(key);
    writes[key] = [...rows, clean];
    pages = [...pages.slice(0, -1), { n: last.n, count: rows.length + 1 }];
  } else {
    const n = (last?.n ?? 0) + 1;
    writes[pageKey(n)] = [clean];
    pages = [...pages, { n, count: 1 }];
  }
  // The oldest rows go first: whole pages, then the front of the oldest page kept.
  let total = pages.reduce((sum, page) => sum + page.count, 0);
  while (total > MAX_AUDIT_ENTRIES) {
    const first = pages[0]!;
    const excess = total - MAX_AUDIT_ENTRIES;
    if (first.count <= excess) {
      removes.push(pageKey(first.n));
      delete writes[pageKey(first.n)];
      pages = pages.slice(1);
      total -= first.count;
    } else {
      const key = pageKey(first.n);
      writes[key] = (await rowsAt(key)).slice(excess);
      pages = [{ n: first.n, count: first.count - excess }, ...pages.slice(1)];
      total = MAX_AUDIT_ENTRIES;
    }
  }
  await browser.storage.local.set({ ...writes, [AUDIT_PAGES_KEY]: pages });
  const stale = removes.filter((key) => !(key in writes));
  if (stale.length > 0) await browser.storage.local.remove(stale);
}

export async function clearAudit(): Promise<void> {
  const { pages } = await readPages();
  await browser.storage.local.remove([AUDIT_KEY, AUDIT_PAGES_KEY, ...pages.map((page) => pageKey(page.n))]);
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
