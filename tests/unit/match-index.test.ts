import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchLocation, matchWith, normaliseName, rankCandidates, similarity, type MatchInput, type MatchResult } from '../../utils/match';
import { LocationIndex } from '../../utils/match-index';
import type { Candidate, Location } from '../../utils/handoff/types';

/**
 * The indexed matcher answers exactly what the matcher that scans the whole list answers. The scan is
 * written out here once more, as it was before either existed (on `similarity`, tested by its own
 * table), as the reference: random lists and queries go through all three (this reference,
 * matchLocation's scan, the index, whose ranking does the same arithmetic its own way).
 */
function scanRank(name: string | undefined, locations: readonly Location[], limit = 10): Candidate[] {
  const scored = locations.map((location) => ({ location, score: name ? similarity(name, location.name) : 0 }));
  return scored
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.location.name.localeCompare(b.location.name))
    .slice(0, limit);
}

function scanMatch(input: MatchInput): MatchResult {
  const { sid, friendlyName, locations, rememberedLocationId } = input;
  const holders = locations.filter((l) => l.sid === sid);
  if (holders.length === 1) return { kind: 'matched', location: holders[0]!, via: 'holds-sid' };
  if (holders.length > 1) {
    return { kind: 'needs-choice', why: 'several-holders', candidates: holders.map((location) => ({ location, score: 1 })) };
  }
  if (rememberedLocationId) {
    const remembered = locations.find((l) => l.id === rememberedLocationId);
    if (remembered) return { kind: 'matched', location: remembered, via: 'remembered' };
  }
  if (!friendlyName || !normaliseName(friendlyName)) return { kind: 'needs-choice', why: 'no-name', candidates: [] };
  const wanted = normaliseName(friendlyName);
  const exact = locations.filter((l) => normaliseName(l.name) === wanted);
  if (exact.length === 1) return { kind: 'matched', location: exact[0]!, via: 'name' };
  if (exact.length > 1) {
    return { kind: 'needs-choice', why: 'several-names', candidates: exact.map((location) => ({ location, score: 1 })) };
  }
  return { kind: 'needs-choice', why: 'no-name-match', candidates: scanRank(friendlyName, locations) };
}

// Few words, so that random names share words, contain each other and repeat.
const WORD = fc.constantFrom('Acme', 'acme', 'ACME', 'Dental', 'dent', 'al', 'a', 'Café', 'Cafe', 'Straße', 'STRASSE', 'Αθηνας', 'ΑΘΗΝΑΣ', '&', 'and', 'Austin', 'Austin TX', 'of', '42', 'ﬁ', 'Ｆｕｌｌ', 'soft\u00ADhyphen', 'zero\u200Bwidth', 'i̇', 'İ', 'ß', '😀', 'x');
const SEP = fc.constantFrom(' ', '  ', ' - ', ' – ', '-', '.', ', ', '');
const NAME = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.tuple(WORD, SEP), { minLength: 0, maxLength: 5 }).map((parts) => parts.map(([w, s]) => w + s).join('')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);
const SIDS = ['AC1', 'AC2', 'AC3'];
const LOCATION = fc.record({
  id: fc.constantFrom('l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8'),
  name: NAME,
  sid: fc.constantFrom<string | null | undefined>(null, undefined, ...SIDS),
});
const LOCATIONS = fc.array(LOCATION, { maxLength: 30 }).map((list) => list.map((l) => ({ ...l }) as Location));

/** A query: a listed name (as is, or a part of it), or any name at all. */
const query = (locations: readonly Location[]) =>
  fc.oneof(
    NAME,
    fc.constant(undefined),
    ...(locations.length
      ? [
          fc.constantFrom(...locations.map((l) => l.name)),
          fc.tuple(fc.constantFrom(...locations.map((l) => l.name)), fc.nat(), fc.nat()).map(([n, a, b]) => n.slice(a % (n.length + 1), (a % (n.length + 1)) + (b % 12))),
        ]
      : []),
  );

const CASES = fc.array(LOCATION, { maxLength: 30 }).chain((raw) => {
  const locations = raw.map((l) => ({ ...l }) as Location);
  const oneQuery = fc.record({
    friendlyName: query(locations),
    sid: fc.constantFrom('AC1', 'AC9'),
    rememberedLocationId: fc.constantFrom(undefined, '', 'l1', 'l9'),
    limit: fc.constantFrom<number | undefined>(undefined, 0, 1, 3, 10, 100, -2, 2.5),
  });
  return fc.tuple(fc.constant(locations), fc.array(oneQuery, { minLength: 1, maxLength: 8 }));
});

/** rankCandidates through the index (it takes the name normalised; an empty one ranks nothing). */
function indexRank(index: LocationIndex, name: string | undefined, limit = 10): Candidate[] {
  const normalised = name ? normaliseName(name) : '';
  return normalised ? index.rank(normalised, limit) : [];
}

describe('the indexed matcher answers what a scan of the list answers', () => {
  it('matchLocation and rankCandidates, random lists and queries', () => {
    fc.assert(
      fc.property(CASES, ([locations, queries]) => {
        // Several queries against one index, as bulk work asks them.
        const index = new LocationIndex(locations);
        for (const { friendlyName, sid, rememberedLocationId, limit } of queries) {
          const input: MatchInput = { sid, friendlyName, locations, ...(rememberedLocationId !== undefined && { rememberedLocationId }) };
          const reference = scanMatch(input);
          expect(matchLocation(input)).toStrictEqual(reference);
          expect(matchWith(index, input)).toStrictEqual(reference);
          expect(rankCandidates(friendlyName, locations, limit)).toStrictEqual(scanRank(friendlyName, locations, limit));
          expect(indexRank(index, friendlyName, limit)).toStrictEqual(scanRank(friendlyName, locations, limit));
        }
      }),
      { numRuns: 1000 },
    );
  }, 30_000);

  it('ranks lists with many equal scores (ties ordered by name, then list order)', () => {
    fc.assert(
      fc.property(LOCATIONS, NAME, (locations, name) => {
        const wide = [...locations, ...locations.map((l) => ({ ...l, id: `${l.id}b` }))];
        const index = new LocationIndex(wide);
        expect(indexRank(index, name, 40)).toStrictEqual(scanRank(name, wide, 40));
        expect(indexRank(index, name)).toStrictEqual(scanRank(name, wide));
      }),
      { numRuns: 1000 },
    );
  });

  it('returns arrays of its own: changing an answer changes no later answer', () => {
    const locations: Location[] = [
      { id: 'a', name: 'Acme', sid: 'AC1' },
      { id: 'b', name: 'Acme', sid: 'AC1' },
    ];
    const index = new LocationIndex(locations);
    const first = matchWith(index, { sid: 'AC1', friendlyName: 'Acme' });
    if (first.kind === 'needs-choice') first.candidates.length = 0;
    const holders = index.holdersOf('AC1');
    holders.length = 0;
    expect(matchWith(index, { sid: 'AC1', friendlyName: 'Acme' })).toStrictEqual(scanMatch({ sid: 'AC1', friendlyName: 'Acme', locations }));
  });
});
