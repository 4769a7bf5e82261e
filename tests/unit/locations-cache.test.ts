import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { route } from '../../utils/background/router';
import { appendAudit, listAudit } from '../../utils/audit';
import type { Location } from '../../utils/handoff/types';
import {
  fitLocations,
  flushLocations,
  hostsToEvict,
  isKnownAlready,
  loadLocations,
  locationsKey,
  MAX_CACHE_BYTES,
  saveLocations,
  storedBytes,
  WRITE_DELAY_MS,
} from '../../utils/locations-cache';
import { loadSettings, updateSettings } from '../../utils/settings';

/**
 * The location cache in storage.local is filled by what CRM pages report. A hostile page chooses
 * those reports (the largest names and details the schema allows, as many as it likes); the cap
 * keeps them from filling storage.local's quota, so settings and audit writes go on working.
 */
const QUOTA_BYTES = 10 * 1024 * 1024;
const EXT = fakeBrowser.runtime.id;
const HOSTS = ['app.gohighlevel.com', 'app.one.example', 'app.two.example', 'app.three.example'];

const unlimitedSet = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);

/** storage.local as Chrome keeps it: a set that would pass QUOTA_BYTES fails and changes nothing. */
function enforceQuota() {
  const local = fakeBrowser.storage.local;
  const set = unlimitedSet;
  local.set = (async (items: Record<string, unknown>) => {
    const after = { ...(await local.get(null)), ...items };
    const bytes = Object.entries(after).reduce((sum, [key, value]) => sum + storedBytes(key, value), 0);
    if (bytes > QUOTA_BYTES) throw new Error('QUOTA_BYTES quota exceeded');
    return set(items);
  }) as typeof local.set;
}

/** The largest location the message schema lets a page report. */
function hugeLocation(n: number): Location {
  return {
    id: `${n}`.padStart(200, 'x'),
    name: 'N'.repeat(500),
    sid: null,
    details: Array.from({ length: 4 }, () => 'D'.repeat(420)),
  };
}

async function cacheBytes(): Promise<number> {
  const everything = await fakeBrowser.storage.local.get(null);
  return Object.entries(everything)
    .filter(([key]) => key.startsWith('locations:'))
    .reduce((sum, [key, value]) => sum + storedBytes(key, value), 0);
}

describe('location cache cap', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    enforceQuota();
  });

  it('a CRM page flooding it with the largest locations leaves settings and audit writes working', async () => {
    await updateSettings((settings) => ({ ...settings, crmHosts: HOSTS.slice(1) }));
    let sent = 0;
    let n = 0;
    // 4 hosts × 6 reports × 500 locations of ~2.5 kB each: about 30 MB offered, three times the quota.
    for (const host of HOSTS) {
      const sender = { id: EXT, tab: { id: 7 }, frameId: 0, url: `https://${host}/settings/phone_integration` };
      for (let report = 0; report < 6; report += 1) {
        const locations = Array.from({ length: 500 }, () => hugeLocation(n++));
        sent += JSON.stringify(locations).length;
        expect(await route({ type: 'crm-locations-seen', locations }, sender)).toEqual({ ok: true });
        await flushLocations();
        expect(await cacheBytes()).toBeLessThanOrEqual(MAX_CACHE_BYTES);
      }
    }
    expect(sent).toBeGreaterThan(2.5 * QUOTA_BYTES);

    // The host reported last keeps its newest sightings; the others were evicted, oldest first.
    const last = await loadLocations(HOSTS.at(-1)!);
    expect(last.locations.length).toBeGreaterThan(0);
    expect(last.locations.at(-1)!.id).toBe(hugeLocation(n - 1).id);
    expect(await loadLocations(HOSTS[0]!)).toEqual({ seenAt: 0, locations: [] });

    // What else lives in storage.local still fits.
    await updateSettings((settings) => ({ ...settings, tokenLifetimeMinutes: 5 }));
    expect((await loadSettings()).tokenLifetimeMinutes).toBe(5);
    for (let i = 0; i < 50; i += 1) {
      await appendAudit({ at: i, sid: 'AC' + '0'.repeat(32), friendlyName: 'F'.repeat(200), locationName: 'L'.repeat(200), outcome: 'authorized' });
    }
    expect(await listAudit()).toHaveLength(50);
  }, 30_000);

  it('without the cap the same flood would have filled the quota (the control)', async () => {
    const local = fakeBrowser.storage.local;
    const flood = Array.from({ length: 5_000 }, (_, i) => hugeLocation(i));
    await expect(local.set({ 'locations:app.one.example': { seenAt: 1, locations: flood } })).rejects.toThrow(/quota/);
    await expect(saveLocations('app.one.example', flood, 1)).resolves.toBeDefined();
    await flushLocations();
    expect(await cacheBytes()).toBeLessThanOrEqual(MAX_CACHE_BYTES);
  });

  it('ordinary lists are kept whole: 5,000 locations of one host and a second host side by side', async () => {
    const ordinary = (host: string) =>
      Array.from({ length: 5_000 }, (_, i) => ({ id: `${host}${i}`.padStart(20, '0'), name: `Location ${i} - Austin`, sid: 'AC' + '0'.repeat(32), managedBy: 'twilio' as const }));
    await saveLocations('app.one.example', ordinary('a'), 1);
    await saveLocations('app.two.example', ordinary('b'), 2);
    await flushLocations();
    expect((await loadLocations('app.one.example')).locations).toHaveLength(5_000);
    expect((await loadLocations('app.two.example')).locations).toHaveLength(5_000);
  });
});

describe('fitLocations', () => {
  const list = (count: number) => ({ seenAt: 1, locations: Array.from({ length: count }, (_, i) => ({ id: `loc${i}`, name: `Name ${i}` })) });

  it.each([
    ['a list under the budget is kept as it is', 10, 10_000, 10],
    ['an empty list', 0, 100, 0],
    ['a budget for the key and seenAt alone keeps none', 10, storedBytes(locationsKey('h'), { seenAt: 1, locations: [] }), 0],
  ])('%s', (_, count, budget, kept) => {
    expect(fitLocations('h', list(count), budget).locations).toHaveLength(kept);
  });

  it('keeps the newest sightings, and what it keeps fits the budget exactly', () => {
    for (const budget of [100, 101, 150, 333, 1_000]) {
      const fitted = fitLocations('h', list(100), budget);
      expect(storedBytes(locationsKey('h'), fitted)).toBeLessThanOrEqual(budget);
      const oneMore = { seenAt: 1, locations: list(100).locations.slice(-(fitted.locations.length + 1)) };
      expect(storedBytes(locationsKey('h'), oneMore)).toBeGreaterThan(budget);
      expect(fitted.locations.at(-1)?.id ?? 'loc99').toBe('loc99');
    }
  });
});

describe('hostsToEvict', () => {
  const others = [
    { key: 'locations:b', seenAt: 20, bytes: 400 },
    { key: 'locations:a', seenAt: 10, bytes: 400 },
    { key: 'locations:c', seenAt: 30, bytes: 400 },
  ];
  it.each([
    ['everything fits', 100, 1_300, []],
    ['the oldest host first', 500, 1_300, ['locations:a']],
    ['then the next oldest', 900, 1_300, ['locations:a', 'locations:b']],
    ['all others when the host alone fills the cap', 1_300, 1_300, ['locations:a', 'locations:b', 'locations:c']],
  ])('%s', (_, bytes, cap, expected) => {
    expect(hostsToEvict(others, bytes, cap)).toEqual(expected);
  });
});

describe('saving what is already known', () => {
  const a: Location = { id: 'a', name: 'Austin', sid: null, managedBy: 'twilio' };
  const b: Location = { id: 'b', name: 'Boise', sid: 'AC' + '1'.repeat(32), managedBy: 'twilio' };

  it.each([
    ['nothing seen', [a, b], [], true],
    ['the same rows', [a, b], [b], true],
    ['a new row', [a], [b], false],
    ['a SID written since', [a], [{ ...a, sid: b.sid }], false],
    ['a renamed location', [a], [{ ...a, name: 'Austin North' }], false],
    ['a detail added', [a], [{ ...a, details: ['Address: 1 Main St'] }], false],
  ] as Array<[string, Location[], Location[], boolean]>)('%s: known already is %s', (_, known, seen, expected) => {
    expect(isKnownAlready(known, seen)).toBe(expected);
  });

  beforeEach(() => fakeBrowser.reset());

  it('writes the list only when a row changed, or the host’s list is an hour old', async () => {
    const writes: string[] = [];
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    fakeBrowser.storage.local.set = (async (items: Record<string, unknown>) => {
      writes.push(...Object.keys(items).filter((key) => key.startsWith('locations:')));
      return set(items);
    }) as typeof fakeBrowser.storage.local.set;
    const host = 'app.gohighlevel.com';
    const save = async (seen: Location[], now: number) => {
      await saveLocations(host, seen, now);
      await flushLocations();
    };
    await save([a, b], 1_000);
    await save([a], 2_000);
    expect(writes).toHaveLength(1);
    await save([{ ...a, sid: b.sid }], 3_000);
    expect(writes).toHaveLength(2);
    expect((await loadLocations(host)).locations.find((l) => l.id === 'a')?.sid).toBe(b.sid);
    await save([b], 3_000 + 60 * 60 * 1000);
    expect(writes).toHaveLength(3);
    expect((await loadLocations(host)).seenAt).toBe(3_000 + 60 * 60 * 1000);
  });
});

describe('the list kept parsed between looks', () => {
  beforeEach(() => fakeBrowser.reset());
  const host = 'app.gohighlevel.com';
  const many = Array.from({ length: 3 }, (_, i) => ({ id: `loc${i}`, name: `Location ${i}` }));

  /** The keys each storage.local.get asked for, in order. */
  function watchReads(): string[][] {
    const reads: string[][] = [];
    const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
    fakeBrowser.storage.local.get = ((keys?: string | string[] | null) => {
      reads.push(keys === null || keys === undefined ? ['*'] : Array.isArray(keys) ? keys : [keys]);
      return get(keys as never);
    }) as typeof fakeBrowser.storage.local.get;
    return reads;
  }

  it('a look after a write reads only the revision, not the list', async () => {
    await saveLocations(host, many, 1);
    await flushLocations();
    const reads = watchReads();
    expect((await loadLocations(host)).locations).toEqual(many);
    expect(reads).toEqual([[`locations-rev:${host}`]]);
  });

  it('a list is written at once the first time; later changes are seen here at once and written together within a second', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const writes: unknown[] = [];
      const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
      fakeBrowser.storage.local.set = (async (items: Record<string, unknown>) => {
        if (locationsKey(host) in items) writes.push(items[locationsKey(host)]);
        return set(items);
      }) as typeof fakeBrowser.storage.local.set;
      for (const [i, location] of many.entries()) await saveLocations(host, [location], i + 1);
      expect((await loadLocations(host)).locations).toEqual(many);
      expect(writes).toEqual([{ seenAt: 1, locations: [many[0]] }]);
      await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
      await flushLocations();
      expect(writes).toEqual([{ seenAt: 1, locations: [many[0]] }, { seenAt: 3, locations: many }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a list changed elsewhere before a change here was written: the change here gives way', async () => {
    await saveLocations(host, many, 1);
    await flushLocations();
    await saveLocations(host, [{ id: 'mine', name: 'Mine' }], 2);
    await fakeBrowser.storage.local.set({ [locationsKey(host)]: { seenAt: 3, locations: [many[0]] }, [`locations-rev:${host}`]: 'theirs' });
    await flushLocations();
    expect((await loadLocations(host)).locations).toEqual([many[0]]);
  });

  it('a list changed elsewhere (another context wrote it) is read anew', async () => {
    await saveLocations(host, many, 1);
    await flushLocations();
    await fakeBrowser.storage.local.set({ [locationsKey(host)]: { seenAt: 2, locations: [many[0]] }, [`locations-rev:${host}`]: 'theirs' });
    expect((await loadLocations(host)).locations).toEqual([many[0]]);
  });

  it('a list written without a revision (an older version) is read anew each time', async () => {
    await saveLocations(host, many, 1);
    await flushLocations();
    await fakeBrowser.storage.local.remove(`locations-rev:${host}`);
    await fakeBrowser.storage.local.set({ [locationsKey(host)]: { seenAt: 2, locations: [many[1]] } });
    expect((await loadLocations(host)).locations).toEqual([many[1]]);
    await fakeBrowser.storage.local.set({ [locationsKey(host)]: { seenAt: 3, locations: [many[2]] } });
    expect((await loadLocations(host)).locations).toEqual([many[2]]);
  });

  it.each([
    ['written', true],
    ['not written yet', false],
  ])('"Clear all data" empties it here too (a list %s)', async (_, written) => {
    await saveLocations(host, many, 1);
    if (written) await flushLocations();
    await fakeBrowser.storage.local.clear();
    await flushLocations();
    expect(await loadLocations(host)).toEqual({ seenAt: 0, locations: [] });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    await saveLocations(host, [many[2]!], 2);
    expect((await loadLocations(host)).locations).toEqual([many[2]]);
  });

  it('an evicted host loses its revision with its list', async () => {
    const big = (prefix: string) => Array.from({ length: 4_000 }, (_, i) => ({ id: `${prefix}${i}`.padStart(20, '0'), name: `${'N'.repeat(300)} ${i}` }));
    await saveLocations('app.one.example', big('a'), 1);
    await flushLocations();
    await saveLocations('app.two.example', big('b'), 2);
    await flushLocations();
    const stored = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(stored).filter((key) => key.includes('app.one.example'))).toEqual([]);
    expect(await loadLocations('app.one.example')).toEqual({ seenAt: 0, locations: [] });
  });
});
