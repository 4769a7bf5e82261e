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

export const CachedLocations = z.object({ seenAt: z.number(), locations: z.array(Location) });
export type CachedLocations = z.infer<typeof CachedLocations>;

export function locationsKey(host: string): string {
  return PREFIX + host;
}

/** What is known for the host; an empty list (seenAt 0) when the page was never visited. */
export async function loadLocations(host: string): Promise<CachedLocations> {
  const key = locationsKey(host);
  const parsed = CachedLocations.safeParse((await browser.storage.local.get(key))[key]);
  return parsed.success ? parsed.data : { seenAt: 0, locations: [] };
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

/** Saves run one after another: the CRM page reports a 5,000-location list in quick bursts. */
let saving: Promise<unknown> = Promise.resolve();

export function saveLocations(host: string, seen: Location[], now = Date.now()): Promise<CachedLocations> {
  const run = saving.then(async () => {
    const known = await loadLocations(host);
    const next: CachedLocations = { seenAt: now, locations: mergeLocations(known.locations, seen) };
    await browser.storage.local.set({ [locationsKey(host)]: next });
    return next;
  });
  saving = run.catch(() => undefined);
  return run;
}
