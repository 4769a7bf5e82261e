import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { Location } from './handoff/types';

/**
 * The CRM's locations as last seen on its Phone Integration page, per CRM host, in storage.local
 * (names and ids only, nothing secret). The page shows them a search or a page at a time, so each
 * sighting is merged into what is known by location id rather than replacing it.
 */
const PREFIX = 'locations:';
/** Far above the largest agency we test with (5,000 locations), small against storage.local's 10 MB. */
export const MAX_CACHED_LOCATIONS = 20_000;
/**
 * All hosts' lists together stay under this many bytes, measured as storage.local counts them (the key
 * plus its value as JSON, taken here in UTF-8, which is never less). A CRM page chooses what it reports
 * (names and details of hundreds of characters each), so without a cap a hostile page could fill
 * storage.local's 10 MB quota and make later settings and audit writes fail. 5,000 locations of
 * ordinary names take about 0.6 MB; 2 MB leaves the settings and the audit log room to spare.
 */
export const MAX_CACHE_BYTES = 2 * 1024 * 1024;

export const CachedLocations = z.object({ seenAt: z.number(), locations: z.array(Location) });
export type CachedLocations = z.infer<typeof CachedLocations>;

export function locationsKey(host: string): string {
  return PREFIX + host;
}

/**
 * Beside each host's list, a revision written with it: a context that read or wrote the list keeps
 * it parsed in memory for as long as the stored revision is the one it knows, so a look costs one
 * small read instead of parsing thousands of locations (measured at 5,000: the service worker spent
 * longer parsing the list, once per search and per sighting, than the CRM took to answer). A list
 * changed or removed elsewhere (another context, "Clear all data") has another revision, or none.
 */
const REVISION_PREFIX = 'locations-rev:';

const revisionKey = (host: string) => REVISION_PREFIX + host;

interface Parsed {
  /** The stored revision this list was read as or last written as (undefined: none was stored). */
  revision: string | undefined;
  value: CachedLocations;
  byId: Map<string, Location>;
  /** Changed here and not written yet: newer than storage, written by `flushLocations`. */
  unwritten?: boolean;
}

/** This context's parsed lists, by host; each good while storage holds its revision. */
const parsedLists = new Map<string, Parsed>();

const EMPTY: CachedLocations = { seenAt: 0, locations: [] };

async function readList(host: string): Promise<{ value: CachedLocations; byId?: Map<string, Location> }> {
  const key = locationsKey(host);
  const revKey = revisionKey(host);
  const known = parsedLists.get(host);
  if (known?.unwritten) return known;
  if (known) {
    if ((await browser.storage.local.get(revKey))[revKey] === known.revision) return known;
    parsedLists.delete(host);
  }
  const stored = await browser.storage.local.get([key, revKey]);
  const parsed = CachedLocations.safeParse(stored[key]);
  if (!parsed.success) return { value: EMPTY };
  const revision = stored[revKey];
  if (typeof revision !== 'string') return { value: parsed.data };
  const fresh: Parsed = { revision, value: parsed.data, byId: byIdOf(parsed.data.locations) };
  parsedLists.set(host, fresh);
  return fresh;
}

const byIdOf = (locations: readonly Location[]) => new Map(locations.map((l) => [l.id, l]));

/** What is known for the host; an empty list (seenAt 0) when the page was never visited. Read only. */
export async function loadLocations(host: string): Promise<CachedLocations> {
  return (await readList(host)).value;
}

/** Newer sightings win for the same id; the most recently seen locations are kept at the bound. */
export function mergeLocations(known: Location[], seen: Location[]): Location[] {
  const byId = new Map<string, Location>();
  for (const location of known) byId.set(location.id, location);
  for (const location of seen) {
    byId.delete(location.id);
    byId.set(location.id, location);
  }
  const merged = [...byId.values()];
  return merged.length > MAX_CACHED_LOCATIONS ? merged.slice(-MAX_CACHED_LOCATIONS) : merged;
}

const encoder = new TextEncoder();
/** The bytes storage.local counts for one key and its value. */
export function storedBytes(key: string, value: unknown): number {
  return encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length;
}

/**
 * The most recently seen locations that fit in `budget` bytes with their key and seenAt: the list is
 * in sighting order, so the oldest sightings go first.
 */
export function fitLocations(host: string, next: CachedLocations, budget: number): CachedLocations {
  return fitted(host, next, budget).value;
}

/** fitLocations, with the bytes of what it kept (measuring 5,000 locations is a whole JSON text). */
function fitted(host: string, next: CachedLocations, budget: number): { value: CachedLocations; bytes: number } {
  const key = locationsKey(host);
  const whole = storedBytes(key, next);
  if (whole <= budget) return { value: next, bytes: whole };
  let used = storedBytes(key, { seenAt: next.seenAt, locations: [] });
  let first = next.locations.length;
  while (first > 0) {
    // One location's JSON, and the comma before the one after it (the last kept needs none).
    const comma = first === next.locations.length ? 0 : 1;
    const size = encoder.encode(JSON.stringify(next.locations[first - 1])).length + comma;
    if (used + size > budget) break;
    used += size;
    first -= 1;
  }
  return { value: { seenAt: next.seenAt, locations: next.locations.slice(first) }, bytes: used };
}

/**
 * Other hosts' lists to remove so that `host`'s list of `bytes` keeps all lists under the cap: the
 * host seen longest ago first.
 */
export function hostsToEvict(others: { key: string; seenAt: number; bytes: number }[], bytes: number, cap = MAX_CACHE_BYTES): string[] {
  let total = bytes + others.reduce((sum, other) => sum + other.bytes, 0);
  const evict: string[] = [];
  for (const other of [...others].sort((a, b) => a.seenAt - b.seenAt)) {
    if (total <= cap) break;
    evict.push(other.key);
    total -= other.bytes;
  }
  return evict;
}

/** The names of storage.local's keys: `getKeys` where the browser has it (Chrome 130), else every item read. */
async function localKeys(): Promise<string[]> {
  const local = browser.storage.local as typeof browser.storage.local & { getKeys?: () => Promise<string[]> };
  try {
    if (typeof local.getKeys === 'function') return await local.getKeys();
  } catch {
    // A browser (or test double) that names getKeys without having it: read the items.
  }
  return Object.keys(await local.get(null));
}

async function otherHostLists(key: string): Promise<{ key: string; seenAt: number; bytes: number }[]> {
  // Only the other hosts' lists are read: storage.local also holds the audit log and a bulk run's plan.
  const names = (await localKeys()).filter((name) => name.startsWith(PREFIX) && name !== key);
  if (names.length === 0) return [];
  const lists = await browser.storage.local.get(names);
  return Object.entries(lists)
    .map(([name, value]) => {
      const seenAt = (value as { seenAt?: unknown } | null)?.seenAt;
      return { key: name, seenAt: typeof seenAt === 'number' ? seenAt : 0, bytes: storedBytes(name, value) };
    });
}

const FRESH_MS = 60 * 60 * 1000;

/** Every seen location is in the cache exactly as seen (no new row, no changed SID, name or state). */
export function isKnownAlready(known: readonly Location[] | ReadonlyMap<string, Location>, seen: readonly Location[]): boolean {
  if (seen.length === 0) return true;
  const byId = known instanceof Map ? known : byIdOf(known as readonly Location[]);
  return seen.every((location) => {
    const cached = byId.get(location.id);
    return cached !== undefined && JSON.stringify(cached) === JSON.stringify(location);
  });
}

/** Saves and writes run one after another: the CRM page reports a 5,000-location list in quick bursts. */
let saving: Promise<unknown> = Promise.resolve();

function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const run = saving.then(work);
  saving = run.catch(() => undefined);
  return run;
}

/**
 * How long a change waits to be written with the ones after it. A sighting costs a write of the
 * whole list (about 0.6 MB at 5,000 locations); one per search, page and write held up every other
 * storage call of the extension behind it (measured in a bulk run: reading the settings took
 * 200 ms), and one a second was still the worker's largest cost in a bulk run (a location a second,
 * each changing one SID: 60 ms of the worker's thread per location, profiled). A service worker
 * stopped meanwhile loses the last seconds of sightings, which the next search brings back: this is
 * a cache of what the page showed, never the only copy of anything.
 */
export const WRITE_DELAY_MS = 3_000;
const timers = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * Merges what the CRM page showed into what is known for its host, at once in this context (looks
 * here see it), in storage within WRITE_DELAY_MS (or at `flushLocations`).
 */
export function saveLocations(host: string, seen: Location[], now = Date.now()): Promise<CachedLocations> {
  if (!browser.storage.onChanged.hasListener(onRemoved)) browser.storage.onChanged.addListener(onRemoved);
  return inTurn(async () => {
    const read = await readList(host);
    const known = read.value;
    // Nothing new (a search that showed rows as they were, as a bulk run's searches mostly do): no
    // write of the whole list. Order is left as it was; within the hour, so is the host's seenAt,
    // which orders hosts for eviction (an hour's difference never decides between two CRMs in use).
    if (now - known.seenAt < FRESH_MS && isKnownAlready(read.byId ?? known.locations, seen)) return known;
    // Kept whole here; what fits the cap is worked out when it is written (writeList).
    const next: CachedLocations = { seenAt: now, locations: mergeLocations(known.locations, seen) };
    const base = parsedLists.get(host);
    parsedLists.set(host, { revision: base?.revision, value: next, byId: byIdOf(next.locations), unwritten: true });
    // A list not in storage yet is written at once: until it is, a removal elsewhere ("Clear all
    // data") would have nothing to remove, and so nothing to tell this context.
    if (base?.revision === undefined) await writeList(host);
    else if (!timers.has(host)) timers.set(host, setTimeout(() => void flushLocations(host).catch(() => undefined), WRITE_DELAY_MS));
    return next;
  });
}

/**
 * Writes this context's unwritten changes now (every host's, or one's). A list changed or cleared
 * elsewhere since it was read ("Clear all data") is not overwritten: the changes made here give way.
 */
export function flushLocations(host?: string): Promise<void> {
  const hosts = host === undefined ? [...timers.keys()] : [host];
  for (const h of hosts) {
    clearTimeout(timers.get(h));
    timers.delete(h);
  }
  return inTurn(async () => {
    for (const h of hosts) await writeList(h);
  });
}

function forget(host: string): void {
  clearTimeout(timers.get(host));
  timers.delete(host);
  parsedLists.delete(host);
}

/** A host's list removed elsewhere ("Clear all data"): changes not yet written here are dropped with it. */
function onRemoved(changes: Record<string, { newValue?: unknown }>, area: string): void {
  if (area !== 'local') return;
  for (const [key, change] of Object.entries(changes)) {
    if (key.startsWith(PREFIX) && change.newValue === undefined) forget(key.slice(PREFIX.length));
  }
}

async function writeList(host: string): Promise<void> {
  const list = parsedLists.get(host);
  if (!list?.unwritten) return;
  const key = locationsKey(host);
  const revKey = revisionKey(host);
  if ((await browser.storage.local.get(revKey))[revKey] !== list.revision) {
    parsedLists.delete(host);
    return;
  }
  // The host in use keeps its newest sightings up to the whole cap; older hosts make room for it.
  const { value, bytes } = fitted(host, list.value, MAX_CACHE_BYTES);
  const evict = hostsToEvict(await otherHostLists(key), bytes);
  if (evict.length > 0) {
    for (const other of evict) forget(other.slice(PREFIX.length));
    await browser.storage.local.remove(evict.flatMap((other) => [other, REVISION_PREFIX + other.slice(PREFIX.length)]));
  }
  const revision = crypto.randomUUID();
  await browser.storage.local.set({ [key]: value, [revKey]: revision });
  parsedLists.set(host, { revision, value, byId: value === list.value ? list.byId : byIdOf(value.locations) });
}
