import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { vi } from 'vitest';
import {
  AUDIT_KEY,
  AUDIT_PAGE_ENTRIES,
  AUDIT_PAGES_KEY,
  MAX_AUDIT_ENTRIES,
  appendAudit,
  auditEntryFromHandoff,
  auditToCsv,
  clearAudit,
  listAudit,
  type AuditEntry,
} from '../../utils/audit';
import type { Handoff } from '../../utils/handoff/types';
import { storedReasonText } from '../../components/text';

const SID = 'AC' + 'a1'.repeat(16);
const OLD_SID = 'AC' + 'b2'.repeat(16);
const TOKEN = 'f0'.repeat(16);

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: Date.UTC(2026, 4, 26, 12, 0, 0),
    friendlyName: 'Acme Dental - Austin',
    sid: SID,
    locationName: 'Acme Dental - Austin',
    locationId: 'loc-1',
    replacedSid: OLD_SID,
    outcome: 'authorized',
    reason: undefined,
    ...overrides,
  };
}

describe('audit log storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('appends rows in order and lists them', async () => {
    await appendAudit(entry({ locationId: 'a' }));
    await appendAudit(entry({ locationId: 'b', outcome: 'failed', reasonCode: 'crm-error', reasonParams: { message: 'The CRM refused.' } }));
    expect((await listAudit()).map((row) => [row.locationId, row.outcome])).toEqual([
      ['a', 'authorized'],
      ['b', 'failed'],
    ]);
  });

  it('keeps both rows when two handoffs finish at once', async () => {
    await Promise.all([appendAudit(entry({ locationId: 'a' })), appendAudit(entry({ locationId: 'b' }))]);
    expect((await listAudit()).map((row) => row.locationId).sort()).toEqual(['a', 'b']);
  });

  it(`keeps only the newest ${MAX_AUDIT_ENTRIES} rows`, async () => {
    const old = Array.from({ length: MAX_AUDIT_ENTRIES }, (_, i) => entry({ at: i, locationId: `old-${i}` }));
    await fakeBrowser.storage.local.set({ [AUDIT_KEY]: old });
    await appendAudit(entry({ at: 10_000, locationId: 'new' }));
    const rows = await listAudit();
    expect(rows).toHaveLength(MAX_AUDIT_ENTRIES);
    expect(rows[0]?.locationId).toBe('old-1');
    expect(rows.at(-1)?.locationId).toBe('new');
  });

  it('writes one page of rows per append, however long the log, and keeps the order across pages', async () => {
    for (let i = 0; i < MAX_AUDIT_ENTRIES + 120; i++) await appendAudit(entry({ at: i, locationId: `loc-${i}` }));
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await appendAudit(entry({ at: 9_999, locationId: 'last' }));
    const written = set.mock.calls.flatMap(([items]) => Object.entries(items as Record<string, unknown>));
    // The page the row went into, the oldest page cut at its front, and the list of pages: never the whole log.
    const keys = written.map(([key]) => key);
    expect(keys).toHaveLength(3);
    expect(keys.filter((key) => key !== AUDIT_PAGES_KEY).every((key) => /^audit:\d+$/.test(key))).toBe(true);
    for (const [key, value] of written) if (key !== AUDIT_PAGES_KEY) expect((value as unknown[]).length).toBeLessThanOrEqual(AUDIT_PAGE_ENTRIES);
    const rows = await listAudit();
    expect(rows).toHaveLength(MAX_AUDIT_ENTRIES);
    expect(rows.map((row) => row.locationId)).toEqual([...Array.from({ length: MAX_AUDIT_ENTRIES - 1 }, (_, i) => `loc-${i + 121}`), 'last']);
    await clearAudit();
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual([]);
  });

  it('folds the log an older version kept in one array into pages at the next append, each row once', async () => {
    const old = Array.from({ length: 120 }, (_, i) => entry({ at: i, locationId: `old-${i}` }));
    await fakeBrowser.storage.local.set({ [AUDIT_KEY]: old });
    expect(await listAudit()).toHaveLength(120);
    await appendAudit(entry({ at: 10_000, locationId: 'new' }));
    const rows = await listAudit();
    expect(rows.map((row) => row.locationId)).toEqual([...old.map((row) => row.locationId), 'new']);
    expect((await fakeBrowser.storage.local.get(AUDIT_KEY))[AUDIT_KEY]).toEqual([]);
  });

  it('never stores a token, even one that slipped into a reason, its parameters or a name', async () => {
    await appendAudit({
      ...entry({
        reason: `Twilio said: bad token ${TOKEN}.`,
        reasonCode: 'crm-error',
        reasonParams: { message: `The CRM echoed ${TOKEN}`, count: 1 },
        friendlyName: `name ${TOKEN.toUpperCase()}`,
      }),
      token: TOKEN,
    } as AuditEntry);
    const stored = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(stored).not.toContain(TOKEN);
    expect(stored.toLowerCase()).not.toContain(TOKEN);
    expect(stored).toContain(SID);
    expect((await listAudit())[0]?.reasonParams).toEqual({ message: 'The CRM echoed [hidden]', count: 1 });
  });

  it('cuts another site’s long words to what a row holds rather than losing the row', async () => {
    await appendAudit(entry({ outcome: 'failed', reasonCode: 'crm-error', reasonParams: { message: 'x'.repeat(5000) } }));
    expect((await listAudit())[0]?.reasonParams?.message).toHaveLength(1000);
  });

  it('reads rows an older version wrote, with the sentence itself', async () => {
    const old = { at: 1, sid: SID, outcome: 'failed', reason: 'The CRM did not accept the credentials: Invalid.' };
    await fakeBrowser.storage.local.set({ [AUDIT_KEY]: [old] });
    const [row] = await listAudit();
    expect(row).toEqual(old);
    expect(storedReasonText(row!)).toBe('The CRM did not accept the credentials: Invalid.');
  });

  it('reads a damaged log as empty rather than failing', async () => {
    await fakeBrowser.storage.local.set({ [AUDIT_KEY]: 'garbage' });
    expect(await listAudit()).toEqual([]);
  });

  it('clears the log', async () => {
    await appendAudit(entry());
    await clearAudit();
    expect(await listAudit()).toEqual([]);
  });
});

describe('auditEntryFromHandoff', () => {
  const handoff: Handoff = {
    id: 'h1',
    state: 'authorized',
    createdAt: 1,
    updatedAt: 2,
    expiresAt: 3,
    sid: SID,
    friendlyName: 'Acme',
    crmHost: 'app.gohighlevel.com',
    location: { id: 'loc-1', name: 'Acme' },
    previousSid: null,
    submissions: 1,
    steps: [],
  };

  it('makes a row for a finished handoff', () => {
    expect(auditEntryFromHandoff(handoff, 99)).toEqual({
      at: 99,
      friendlyName: 'Acme',
      sid: SID,
      locationName: 'Acme',
      locationId: 'loc-1',
      replacedSid: null,
      outcome: 'authorized',
    });
  });

  it('keeps the reason as its code and parameters, no sentence of ours', () => {
    const rejected: Handoff = { ...handoff, state: 'rejected', reasonCode: 'master-account', reasonParams: {} };
    const row = auditEntryFromHandoff(rejected, 99)!;
    expect(row).toMatchObject({ outcome: 'rejected', reasonCode: 'master-account', reasonParams: {} });
    expect(row.reason).toBeUndefined();
    expect(storedReasonText(row)).toMatch(/^This is a master \(parent\) Twilio account/);
  });

  it('records no replaced SID for a token update of the same account', () => {
    expect(auditEntryFromHandoff({ ...handoff, previousSid: SID })?.replacedSid).toBeNull();
    expect(auditEntryFromHandoff({ ...handoff, previousSid: OLD_SID })?.replacedSid).toBe(OLD_SID);
  });

  it('makes none while it is in flight', () => {
    expect(auditEntryFromHandoff({ ...handoff, state: 'filling' })).toBeUndefined();
  });
});

describe('auditToCsv', () => {
  it('writes a header and one quoted row per entry', () => {
    const csv = auditToCsv([entry({ friendlyName: 'Acme, "Austin"', reason: 'line one\nline two' })], storedReasonText);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('when,sub-account,account SID,location,location id,replaced SID,outcome,reason');
    expect(lines[1]).toBe(
      `2026-05-26T12:00:00.000Z,"Acme, ""Austin""",${SID},Acme Dental - Austin,loc-1,${OLD_SID},authorized,"line one\nline two"`,
    );
  });

  it.each(['=HYPERLINK("x")', '+1+1', '-2', '@SUM(A1)'])('defuses a formula in a name: %s', (name) => {
    const row = auditToCsv([entry({ friendlyName: name })], storedReasonText).split('\r\n')[1] ?? '';
    expect(row).toContain(`'${name.replaceAll('"', '""')}`);
  });

  it('has no token in an export of successes and failures', () => {
    const csv = auditToCsv([entry(), entry({ outcome: 'failed', reason: 'The CRM did not accept the credentials.' })], storedReasonText);
    expect(csv).not.toContain(TOKEN);
    expect(csv.trim().split('\r\n')).toHaveLength(3);
  });

  it('words a reason code in the reason column', () => {
    const csv = auditToCsv([entry({ outcome: 'failed', reasonCode: 'crm-error', reasonParams: { message: 'Invalid credentials.' } })], storedReasonText);
    expect(csv.split('\r\n')[1]).toMatch(/,failed,The CRM did not accept the credentials: Invalid credentials\.$/);
  });
});
