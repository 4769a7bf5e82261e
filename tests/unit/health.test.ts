import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkHealth, NUMBER_LOOKUPS_AT_ONCE, type HealthPorts } from '../../utils/health/check';
import { judgeRows, type ListedSubaccount, problemCounts, severity, sidsToCount } from '../../utils/health/classify';
import { HEALTH_KEY, loadReport, MAX_REPORT_BYTES, saveReport } from '../../utils/health/store';
import type { Location } from '../../utils/handoff/types';

/** Health of the CRM's Twilio connections: each verdict from what could be read, and only that. */
const sid = (n: number) => 'AC' + n.toString(16).padStart(32, '0');
const MASTER = sid(0xfff);
const loc = (id: string, name: string, extra: Partial<Location> = {}): Location => ({ id, name, sid: null, managedBy: 'not-available', ...extra });
const twilio = (id: string, name: string, held: string): Location => loc(id, name, { sid: held, managedBy: 'twilio' });

const subaccounts: ListedSubaccount[] = [
  { sid: sid(1), friendlyName: 'Acme Dental - Austin', status: 'active' },
  { sid: sid(2), friendlyName: 'Bayside Pediatrics', status: 'suspended' },
  { sid: sid(3), friendlyName: 'Cedar Vet', status: 'closed' },
  { sid: sid(4), friendlyName: 'Delta Spa', status: 'active' },
  { sid: sid(5), friendlyName: 'Evergreen Law', status: 'active' },
  { sid: sid(6), friendlyName: null, status: 'active' },
];

describe('judgeRows: one verdict per row, from what the table and the master list show', () => {
  const numbers = new Map<string, number | 'unknown'>([
    [sid(1), 2],
    [sid(4), 0],
    [sid(5), 'unknown'],
    [sid(6), 1],
  ]);
  it.each([
    ['an active, own, rightly named sub-account with numbers', twilio('a', 'ACME dental – austin', sid(1)), [], { numbers: 2 }],
    ['no SID on the row (the empty marker)', loc('b', 'Nobody'), ['not-connected'], {}],
    ['a SID the table masks: not judged, never "not connected"', loc('c', 'Masked', { sid: undefined, sidPartial: { prefix: 'AC', suffix: '01' }, managedBy: 'twilio' }), ['sid-hidden'], {}],
    ['a table without a SID column', loc('d', 'No column', { sid: undefined, managedBy: 'unknown' }), ['sid-hidden'], {}],
    ['LC Phone: nothing to judge', loc('e', 'On LC', { managedBy: 'lc-phone' }), [], { lcPhone: true }],
    ['the master’s own SID', twilio('f', 'Agency HQ', MASTER), ['master-sid'], {}],
    ['a SID the master does not list', twilio('g', 'Foreign', sid(0xabc)), ['not-ours'], {}],
    ['a suspended sub-account (its numbers not counted)', twilio('h', 'Bayside Pediatrics', sid(2)), ['suspended'], {}],
    ['a closed sub-account', twilio('i', 'Cedar Vet', sid(3)), ['closed'], {}],
    ['an active sub-account without numbers', twilio('j', 'Delta Spa', sid(4)), ['no-numbers'], { numbers: 0 }],
    ['numbers Twilio could not count: unknown, never "no numbers"', twilio('k', 'Evergreen Law', sid(5)), ['numbers-unknown'], {}],
    ['a sub-account named otherwise', twilio('l', 'Fern Clinic', sid(6)), ['other-name'], { numbers: 1 }],
  ] as const)('%s', (_, location, problems, extra) => {
    const [row] = judgeRows([location], subaccounts, MASTER, numbers);
    expect(row!.problems).toEqual(problems);
    expect(row).toMatchObject(extra);
    if (!('numbers' in extra)) expect(row!.numbers).toBeUndefined();
  });

  it('one SID on two rows marks both; the row named otherwise is the one to fix', () => {
    const rows = judgeRows([twilio('a', 'Acme Dental - Austin', sid(1)), twilio('b', 'Bright Smiles', sid(1))], subaccounts, MASTER, numbers);
    expect(rows.map((r) => r.problems)).toEqual([['shared'], ['shared', 'other-name']]);
  });

  it('the master’s SID on two rows: both say master first', () => {
    const rows = judgeRows([twilio('a', 'One', MASTER), twilio('b', 'Two', MASTER)], subaccounts, MASTER, numbers);
    expect(rows.map((r) => r.problems)).toEqual([['master-sid', 'shared'], ['master-sid', 'shared']]);
  });

  it('a row without counts (not asked) has no number verdict', () => {
    const [row] = judgeRows([twilio('a', 'Delta Spa', sid(4))], subaccounts, MASTER, new Map());
    expect(row!.problems).toEqual([]);
    expect(row!.numbers).toBeUndefined();
  });
});

describe('sidsToCount, severity, problemCounts', () => {
  const locations = [
    twilio('a', 'A', sid(1)),
    twilio('b', 'B', sid(1)),
    twilio('c', 'C', sid(2)),
    twilio('d', 'D', MASTER),
    loc('e', 'E', { sid: sid(4), managedBy: 'lc-phone' }),
    twilio('f', 'F', sid(6)),
    loc('g', 'G'),
  ];
  it('counts numbers of active own sub-accounts on some row, each once', () => {
    expect(sidsToCount(locations, subaccounts)).toEqual([sid(1), sid(6)]);
  });
  it('sorts by the worst finding, healthy last; counts LC Phone apart from healthy', () => {
    const rows = judgeRows(locations, subaccounts, MASTER, new Map([[sid(6), 3]]));
    expect([...rows].sort((x, y) => severity(x) - severity(y)).map((r) => r.location.id)).toEqual(['d', 'c', 'a', 'b', 'f', 'g', 'e']);
    expect(problemCounts(rows)).toEqual({ healthy: 0, lcPhone: 1, byProblem: { shared: 2, suspended: 1, 'master-sid': 1, 'other-name': 4, 'not-connected': 1 } });
  });
});

describe('checkHealth', () => {
  function ports(extra: Partial<HealthPorts> = {}): HealthPorts & { asked: string[]; peak: number } {
    let open = 0;
    const state = { asked: [] as string[], peak: 0 };
    return Object.assign(state, {
      locations: async () => Array.from({ length: 20 }, (_, i) => twilio(`l${i}`, `Loc ${i}`, sid(100 + i))),
      subaccounts: async () => Array.from({ length: 20 }, (_, i) => ({ sid: sid(100 + i), friendlyName: `Loc ${i}`, status: 'active' as const })),
      async countNumbers(s: string) {
        state.asked.push(s);
        state.peak = Math.max(state.peak, ++open);
        await new Promise((r) => setTimeout(r, 2));
        open--;
        if (s === sid(103)) throw new Error('429');
        return s === sid(105) ? 0 : 1;
      },
      now: () => 1234,
      ...extra,
    });
  }

  it('counts each sub-account once, a few at a time; a count that fails is unknown and the check goes on', async () => {
    const p = ports();
    const progress: string[] = [];
    const report = await checkHealth('app.gohighlevel.com', MASTER, p, (d, t) => progress.push(`${d}/${t}`));
    expect(p.asked).toHaveLength(20);
    expect(p.peak).toBe(NUMBER_LOOKUPS_AT_ONCE);
    expect(progress.at(0)).toBe('0/20');
    expect(progress.at(-1)).toBe('20/20');
    expect(report).toMatchObject({ host: 'app.gohighlevel.com', masterSid: MASTER, checkedAt: 1234 });
    expect(report.rows.find((r) => r.location.id === 'l3')!.problems).toEqual(['numbers-unknown']);
    expect(report.rows.find((r) => r.location.id === 'l5')!.problems).toEqual(['no-numbers']);
    expect(report.rows.filter((r) => r.problems.length === 0)).toHaveLength(18);
  });

  it('the CRM table or the master list failing stops the check with its words', async () => {
    await expect(checkHealth('h', MASTER, ports({ locations: () => Promise.reject(new Error('The CRM tab was closed.')) }))).rejects.toThrow('The CRM tab was closed.');
    await expect(checkHealth('h', MASTER, ports({ subaccounts: () => Promise.reject(new Error('Twilio refused')) }))).rejects.toThrow('Twilio refused');
  });
});

describe('the stored report', () => {
  beforeEach(() => fakeBrowser.reset());
  const report = { host: 'app.gohighlevel.com', masterSid: MASTER, checkedAt: 5, rows: judgeRows([twilio('a', 'Delta Spa', sid(4))], subaccounts, MASTER, new Map([[sid(4), 0]])) };

  it('is kept in storage.local and read back as it was', async () => {
    expect(await saveReport(report)).toBe(true);
    expect(await loadReport()).toEqual(report);
  });

  it('one too big for its cap is not kept, and the one before it is removed rather than left stale', async () => {
    await saveReport(report);
    const huge = { ...report, rows: Array.from({ length: 4000 }, (_, i) => ({ ...report.rows[0]!, location: { id: `id-${i}`, name: 'x'.repeat(300) } })) };
    expect(JSON.stringify(huge).length).toBeGreaterThan(MAX_REPORT_BYTES);
    expect(await saveReport(huge)).toBe(false);
    expect(await fakeBrowser.storage.local.get(HEALTH_KEY)).toEqual({});
  });

  it('a stored value of another shape reads as no report', async () => {
    await fakeBrowser.storage.local.set({ [HEALTH_KEY]: { host: 'x', rows: [{ problems: ['made-up'] }] } });
    expect(await loadReport()).toBeUndefined();
  });
});
