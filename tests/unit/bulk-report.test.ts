import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { rowOutcome, rowReason } from '../../components/bulk-text';
import { bulkToCsv } from '../../utils/bulk/report';
import { BULK_RUN_KEY, BULK_SKIPPED_KEY, BULK_STATUS_KEY, clearRun, loadRun, saveRun, setStatus, startPlan } from '../../utils/bulk/store';
import type { BulkRun } from '../../utils/bulk/types';

/** The bulk run's CSV report and its storage: names and SIDs, no token, no formula a spreadsheet runs. */
const TOKEN = '0123456789abcdef'.repeat(2);
const SID = 'AC' + 'd'.repeat(32);

function run(): BulkRun {
  return {
    id: 'r', host: 'app.gohighlevel.com', createdAt: 0, createMissing: false, status: 'running',
    rows: [
      { location: { id: 'l1', name: '=HYPERLINK("http://x")' }, action: 'existing', subaccountSid: SID, state: 'done', reasonCode: 'crm-accepted', reasonParams: { message: 'Saved' } },
      { location: { id: 'l2', name: 'Bayside, "Tampa"' }, action: 'existing', subaccountSid: SID, state: 'failed', reason: `The CRM said: token ${TOKEN} is invalid` },
      { location: { id: 'l3', name: 'Delta Spa' }, action: 'skip', skip: 'lc-phone', state: 'skipped' },
      { location: { id: 'l4', name: 'Fern' }, action: 'create', state: 'skipped' },
    ],
  };
}

describe('bulk connect report', () => {
  it('has one line per location with its SID, outcome and why; defuses formulas; holds no token', () => {
    const csv = bulkToCsv(run(), rowOutcome, rowReason);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('location,location id,sub-account SID,outcome,reason');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"")",l1,${SID},connected,Saved`);
    expect(lines[2]).toContain('"Bayside, ""Tampa"""');
    expect(lines[3]).toBe('Delta Spa,l3,,skipped,Uses LC Phone: it has no Twilio credentials to set.');
    expect(lines[4]).toBe('Fern,l4,,skipped,Not started: the run was cancelled.');
    expect(csv).not.toContain(TOKEN);
    expect(csv).toContain('[hidden]');
  });
});

describe('bulk run storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps the admin’s pause when the run saves its rows, and no token-shaped text', async () => {
    await startPlan({ ...run(), status: 'planned' });
    await setStatus('paused');
    await saveRun({ ...run(), status: 'running' });
    expect((await loadRun())?.status).toBe('paused');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(BULK_RUN_KEY))).not.toContain(TOKEN);
    await saveRun({ ...run(), status: 'finished' });
    expect((await loadRun())?.status).toBe('finished');
  });

  it('stores the skipped rows once with the plan, and each save only the rows the run works on', async () => {
    await startPlan({ ...run(), status: 'planned' });
    const skippedBefore = JSON.stringify(await fakeBrowser.storage.local.get(BULK_SKIPPED_KEY));
    expect(skippedBefore).toContain('Delta Spa');
    await saveRun({ ...run(), rows: run().rows.map((r) => (r.location.id === 'l1' ? { ...r, state: 'failed' as const } : r)) });
    const stored = (await fakeBrowser.storage.local.get(BULK_RUN_KEY))[BULK_RUN_KEY] as { rows: Array<{ location: { id: string } }> };
    expect(stored.rows.map((r) => r.location.id)).toEqual(['l1', 'l2', 'l4']);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(BULK_SKIPPED_KEY))).toBe(skippedBefore);
    const loaded = await loadRun();
    expect(loaded?.rows.map((r) => `${r.location.id}:${r.state}`)).toEqual(['l1:failed', 'l2:failed', 'l4:skipped', 'l3:skipped']);
  });

  it('never shows another run’s skipped rows, and a clear forgets them', async () => {
    await startPlan({ ...run(), status: 'planned' });
    await clearRun();
    expect(await loadRun()).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(BULK_SKIPPED_KEY)).toEqual({});
    // A run key of another id than the stored skipped rows (a plan replaced mid-write): none of them.
    const { status: _s, ...r2 } = { ...run(), id: 'r2', rows: run().rows.filter((r) => r.action !== 'skip') };
    await fakeBrowser.storage.local.set({ [BULK_RUN_KEY]: r2, [BULK_STATUS_KEY]: 'running', [BULK_SKIPPED_KEY]: { runId: 'r', rows: [run().rows[2]] } });
    expect((await loadRun())?.rows.map((r) => r.location.id)).toEqual(['l1', 'l2', 'l4']);
  });
});
