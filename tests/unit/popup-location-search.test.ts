import { describe, expect, it } from 'vitest';
import {
  buildLocationIndex,
  locationsForAccount,
  normaliseForSearch,
  searchLocations,
} from '../../components/location-search';
import type { Location } from '../../utils/handoff/types';

const SID = 'AC' + 'a1'.repeat(16);
const LOCATIONS: Location[] = [
  { id: 'l1', name: 'Acme Dental - Austin' },
  { id: 'l2', name: 'Acme Dental – Dallas', sid: SID },
  { id: 'l3', name: 'Bright Smiles Austin' },
  { id: 'l4', name: 'Café Österreich' },
  { id: 'l5', name: 'acme dental austin' },
];
const index = buildLocationIndex(LOCATIONS);
const ids = (query: string, suggested: Location[] = [], limit?: number) =>
  searchLocations(index, query, suggested, limit).results.map((result) => result.location.id);

describe('normaliseForSearch', () => {
  it.each([
    ['Acme Dental - Austin', 'acme dental austin'],
    ['  Café   Österreich ', 'cafe osterreich'],
    ['<b>Acme</b>', 'b acme b'],
    ['—', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseForSearch(input)).toBe(expected);
  });
});

describe('searchLocations', () => {
  it('lists everything alphabetically for an empty query', () => {
    expect(ids('')).toEqual(['l1', 'l5', 'l2', 'l3', 'l4']);
  });

  it('ignores case, accents, spacing and punctuation', () => {
    expect(ids('acme austin')).toEqual(['l1', 'l5']);
    expect(ids('cafe oster')).toEqual(['l4']);
    expect(ids('ACME  dental—dallas')).toEqual(['l2']);
  });

  it('puts names that start with the query before names that contain it', () => {
    const small = buildLocationIndex([
      { id: 'contains', name: 'Acme Austin' },
      { id: 'starts', name: 'Austin Smiles' },
    ]);
    expect(searchLocations(small, 'austin').results.map((r) => r.location.id)).toEqual(['starts', 'contains']);
    expect(searchLocations(small, '').results.map((r) => r.location.id)).toEqual(['contains', 'starts']);
  });

  it('finds a location by its id or the SID it holds', () => {
    expect(ids(SID.slice(0, 12))).toEqual(['l2']);
    expect(ids('l4')).toEqual([]);
  });

  it('puts suggestions first, in the order given, without repeating them', () => {
    const suggested = [LOCATIONS[2]!, LOCATIONS[0]!];
    const results = searchLocations(index, '', suggested).results;
    expect(results.map((result) => [result.location.id, result.suggested])).toEqual([
      ['l3', true],
      ['l1', true],
      ['l5', false],
      ['l2', false],
      ['l4', false],
    ]);
  });

  it('filters suggestions by the query too', () => {
    expect(ids('dallas', [LOCATIONS[2]!])).toEqual(['l2']);
  });

  it('shows a suggestion the list does not hold yet', () => {
    expect(ids('', [{ id: 'new', name: 'New Place' }])[0]).toBe('new');
  });

  it('limits the results and says how many matched', () => {
    const many = buildLocationIndex(Array.from({ length: 5000 }, (_, i) => ({ id: `id-${i}`, name: `Location ${i}` })));
    const found = searchLocations(many, 'location', [], 50);
    expect(found.results).toHaveLength(50);
    expect(found.total).toBe(5000);
    expect(searchLocations(many, 'location 4999').results.map((r) => r.location.id)).toEqual(['id-4999']);
  });
});

describe('locationsForAccount', () => {
  it('ranks the matched location, then the SID holder, then equal names, then candidates', () => {
    const account = {
      sid: SID,
      friendlyName: 'Acme Dental — Austin',
      location: { id: 'matched', name: 'Matched' },
      candidates: [{ location: LOCATIONS[2]! }],
    };
    expect(locationsForAccount(account, LOCATIONS).map((location) => location.id)).toEqual([
      'matched',
      'l2',
      'l1',
      'l5',
      'l3',
    ]);
  });
});
