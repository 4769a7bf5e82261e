import type { Location } from '../utils/handoff/types';

/**
 * Searching the CRM's locations in the popup: forgiving about case, accents, spacing and
 * punctuation, so "acme dental austin" finds "Acme Dental - Austin". Built once per list (up to
 * thousands of names), then filtered on each keystroke.
 */
export function normaliseForSearch(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface IndexEntry {
  location: Location;
  name: string;
  id: string;
  sid: string;
}

export interface LocationIndex {
  entries: IndexEntry[];
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function entryFor(location: Location): IndexEntry {
  return {
    location,
    name: normaliseForSearch(location.name),
    id: location.id.toLowerCase(),
    sid: (location.sid ?? '').toLowerCase(),
  };
}

export function buildLocationIndex(locations: readonly Location[]): LocationIndex {
  const entries = locations.map(entryFor);
  entries.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.location.name, b.location.name));
  return { entries };
}

function matches(entry: IndexEntry, words: string[], raw: string): boolean {
  if (words.every((word) => entry.name.includes(word))) return true;
  return raw.length >= 4 && (entry.id.includes(raw) || entry.sid.includes(raw));
}

export interface SearchResult {
  location: Location;
  /** One of the handoff's ranked candidates (or the location a Twilio page points to). */
  suggested: boolean;
}

export interface SearchResults {
  results: SearchResult[];
  /** How many matched in all, before the display limit. */
  total: number;
}

/**
 * Suggested locations first, in the order given (the background's ranking), then the rest:
 * names that start with the query before names that only contain it, each alphabetical.
 */
export function searchLocations(
  index: LocationIndex,
  query: string,
  suggested: readonly Location[] = [],
  limit = 50,
): SearchResults {
  const normalised = normaliseForSearch(query);
  const words = normalised ? normalised.split(' ') : [];
  const raw = query.trim().toLowerCase();
  const seen = new Set<string>();
  const first: SearchResult[] = [];
  for (const location of suggested) {
    if (seen.has(location.id) || !matches(entryFor(location), words, raw)) continue;
    seen.add(location.id);
    first.push({ location, suggested: true });
  }
  const starting: SearchResult[] = [];
  const containing: SearchResult[] = [];
  for (const entry of index.entries) {
    if (seen.has(entry.location.id) || !matches(entry, words, raw)) continue;
    seen.add(entry.location.id);
    (normalised && entry.name.startsWith(normalised) ? starting : containing).push({
      location: entry.location,
      suggested: false,
    });
  }
  const all = [...first, ...starting, ...containing];
  return { results: all.slice(0, limit), total: all.length };
}

/**
 * The locations a Twilio account most likely belongs to, best first: the one its handoff is
 * matched to, any that already hold its SID, any whose name equals its friendly name, then the
 * handoff's ranked candidates. Duplicates are left to searchLocations.
 */
export function locationsForAccount(
  account: { sid: string; friendlyName?: string; location?: Location; candidates?: { location: Location }[] },
  locations: readonly Location[],
): Location[] {
  const name = account.friendlyName ? normaliseForSearch(account.friendlyName) : '';
  return [
    ...(account.location ? [account.location] : []),
    ...locations.filter((location) => location.sid === account.sid),
    ...(name ? locations.filter((location) => normaliseForSearch(location.name) === name) : []),
    ...(account.candidates ?? []).map((candidate) => candidate.location),
  ];
}
