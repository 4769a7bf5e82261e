import type { Candidate, Location } from './handoff/types';

/**
 * Matching a Twilio sub-account to a CRM location (issue 3 item 3). Pure: the background feeds it what
 * it knows; it never guesses. Only an exact normalised name match that is unique proceeds by itself.
 */

/**
 * Case and accents off, invisible marks (zero-width, soft hyphen, direction) out: they sit inside words
 * and separate nothing. Upper then lower case folds what lower case alone keeps apart (ß and SS, ı and
 * I, ᾳ and ΑΙ). Twice, because each step can give the other new work (𝚤 becomes ı only under NFKD).
 */
const fold = (s: string) =>
  s
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\p{Cf}\p{M}]/gu, '');

/**
 * Case, spacing, punctuation, accents and invisible marks folded: "Café Crème – Montréal" ≡
 * "cafe creme montreal", "STRASSE" ≡ "Straße", "ΑΘΗΝΑΣ" ≡ "Αθηνας".
 */
export function normaliseName(name: string): string {
  return (
    fold(fold(name))
      // Final sigma is σ written at the end of a word.
      .replace(/ς/g, 'σ')
      .replace(/&/g, ' and ')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

export type MatchResult =
  | { kind: 'matched'; location: Location; via: 'holds-sid' | 'remembered' | 'name' }
  | { kind: 'needs-choice'; candidates: Candidate[]; why: 'no-name-match' | 'several-holders' | 'several-names' | 'no-name' | 'target-not-found' };

export interface MatchInput {
  sid: string;
  friendlyName: string | undefined;
  /** Locations as the CRM page showed them (search results, cached rows). */
  locations: readonly Location[];
  /** The location id the admin chose before for this SID, if any. */
  rememberedLocationId?: string;
}

/** Word-overlap similarity on normalised names, 0..1, for ranking candidates (never for deciding). */
export function similarity(a: string, b: string): number {
  const na = normaliseName(a);
  const nb = normaliseName(b);
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  const wa = new Set(na.split(' '));
  const wb = new Set(nb.split(' '));
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  const jaccard = shared / (wa.size + wb.size - shared);
  // A name that contains the other whole ranks above one that only shares words.
  const contains = na.includes(nb) || nb.includes(na) ? 0.2 : 0;
  return Math.min(0.99, jaccard * 0.8 + contains);
}

export function rankCandidates(name: string | undefined, locations: readonly Location[], limit = 10): Candidate[] {
  const scored = locations.map((location) => ({ location, score: name ? similarity(name, location.name) : 0 }));
  return scored
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.location.name.localeCompare(b.location.name))
    .slice(0, limit);
}

/**
 * What matching asks of a list. `matchLocation` answers by scanning (one query of a short list: a
 * handoff's search results); utils/match-index.ts answers the same from an index (many queries of one
 * long list).
 */
export interface MatchLookup {
  holdersOf(sid: string): Location[];
  byId(id: string): Location | undefined;
  /** Locations whose normalised name is `normalised`, in list order. */
  named(normalised: string): Location[];
  /** rankCandidates for an already normalised, non-empty name. */
  rank(normalised: string, limit: number): Candidate[];
}

function scanOf(locations: readonly Location[]): MatchLookup {
  return {
    holdersOf: (sid) => locations.filter((l) => l.sid === sid),
    byId: (id) => locations.find((l) => l.id === id),
    named: (normalised) => locations.filter((l) => normaliseName(l.name) === normalised),
    rank: (normalised, limit) => rankCandidates(normalised, locations, limit),
  };
}

export function matchLocation(input: MatchInput): MatchResult {
  return matchWith(scanOf(input.locations), input);
}

export function matchWith(lookup: MatchLookup, input: Omit<MatchInput, 'locations'>): MatchResult {
  const { sid, friendlyName, rememberedLocationId } = input;

  // 1. A location that holds this SID already: a token update.
  const holders = lookup.holdersOf(sid);
  if (holders.length === 1) return { kind: 'matched', location: holders[0]!, via: 'holds-sid' };
  if (holders.length > 1) {
    return { kind: 'needs-choice', why: 'several-holders', candidates: holders.map((location) => ({ location, score: 1 })) };
  }

  // 2. The admin's earlier choice for this SID, if that location is still listed.
  if (rememberedLocationId) {
    const remembered = lookup.byId(rememberedLocationId);
    if (remembered) return { kind: 'matched', location: remembered, via: 'remembered' };
  }

  // 3. A unique exact match of the normalised friendly name.
  const wanted = friendlyName ? normaliseName(friendlyName) : '';
  if (!wanted) return { kind: 'needs-choice', why: 'no-name', candidates: [] };
  const exact = lookup.named(wanted);
  if (exact.length === 1) return { kind: 'matched', location: exact[0]!, via: 'name' };
  if (exact.length > 1) {
    return { kind: 'needs-choice', why: 'several-names', candidates: exact.map((location) => ({ location, score: 1 })) };
  }
  return { kind: 'needs-choice', why: 'no-name-match', candidates: lookup.rank(wanted, 10) };
}

/**
 * A handoff started for one location (connect by name, bulk connect, rotation): that location, found
 * by its id among the search results and showing this very SID (a token update) or still named like
 * the sub-account, or a question. Never another
 * location: a renamed target is offered to the admin to confirm, a missing one leaves nothing to pick.
 */
export function matchTarget(targetLocationId: string, friendlyName: string | undefined, locations: readonly Location[], sid?: string): MatchResult {
  const target = locations.find((location) => location.id === targetLocationId);
  const wanted = friendlyName ? normaliseName(friendlyName) : '';
  // The target already holding this whole SID (a token rotation) is this account's, whatever its name.
  if (target && sid !== undefined && target.sid === sid) return { kind: 'matched', location: target, via: 'holds-sid' };
  if (target && wanted !== '' && normaliseName(target.name) === wanted) return { kind: 'matched', location: target, via: 'name' };
  return { kind: 'needs-choice', why: 'target-not-found', candidates: target ? [{ location: target, score: similarity(wanted, target.name) }] : [] };
}
