import { describe, expect, it } from 'vitest';
import { matchLocation, matchTarget, normaliseName, rankCandidates } from '../../utils/match';
import type { Location } from '../../utils/handoff/types';

const SID = 'AC' + '1'.repeat(32);
const OTHER_SID = 'AC' + '2'.repeat(32);
const loc = (id: string, name: string, sid: string | null = null): Location => ({ id, name, sid });

describe('normaliseName', () => {
  it.each([
    ['Acme Dental - Austin', 'acme dental austin'],
    ['  ACME   dental—Austin ', 'acme dental austin'],
    ['Café Crème – Montréal', 'cafe creme montreal'],
    ['Smith & Sons', 'smith and sons'],
    ['!!!', ''],
    ['Ｆｕｌｌ Width', 'full width'],
  ])('%j → %j', (input, expected) => expect(normaliseName(input)).toBe(expected));
});

describe('matchLocation', () => {
  const austin = loc('loc1', 'Acme Dental - Austin');
  const austinNear = loc('loc2', 'Acme Dental - Austin TX');
  const dallas = loc('loc3', 'Acme Dental - Dallas', OTHER_SID);

  it.each([
    ['unique exact name', { friendlyName: 'acme dental austin', locations: [austin, austinNear, dallas] }, { kind: 'matched', id: 'loc1', via: 'name' }],
    ['accents and punctuation fold', { friendlyName: 'Cafe Creme Montreal', locations: [loc('c', 'Café Crème – Montréal')] }, { kind: 'matched', id: 'c', via: 'name' }],
    ['a location that holds the SID wins over names', { friendlyName: 'Acme Dental - Austin', locations: [austin, loc('h', 'Renamed', SID)] }, { kind: 'matched', id: 'h', via: 'holds-sid' }],
    ['remembered choice', { friendlyName: 'Nothing alike', locations: [austin, dallas], rememberedLocationId: 'loc3' }, { kind: 'matched', id: 'loc3', via: 'remembered' }],
    ['remembered location no longer listed falls back to the name', { friendlyName: 'Acme Dental - Austin', locations: [austin], rememberedLocationId: 'gone' }, { kind: 'matched', id: 'loc1', via: 'name' }],
    ['two equal names wait for the admin', { friendlyName: 'Acme Dental - Austin', locations: [austin, loc('dup', 'Acme Dental - Austin')] }, { kind: 'needs-choice', why: 'several-names' }],
    ['a near name never matches', { friendlyName: 'Acme Dental Austin Texas', locations: [austin, austinNear] }, { kind: 'needs-choice', why: 'no-name-match' }],
    ['a " - City" suffix is a different name', { friendlyName: 'Acme Dental', locations: [austin] }, { kind: 'needs-choice', why: 'no-name-match' }],
    ['no friendly name', { friendlyName: undefined, locations: [austin] }, { kind: 'needs-choice', why: 'no-name' }],
    ['a name of punctuation only', { friendlyName: '---', locations: [loc('p', '...')] }, { kind: 'needs-choice', why: 'no-name' }],
    ['two holders of one SID', { friendlyName: 'x', locations: [loc('a', 'A', SID), loc('b', 'B', SID)] }, { kind: 'needs-choice', why: 'several-holders' }],
  ] as const)('%s', (_name, input, expected) => {
    const result = matchLocation({ sid: SID, ...input });
    expect(result.kind).toBe(expected.kind);
    if (result.kind === 'matched' && expected.kind === 'matched') {
      expect(result.location.id).toBe(expected.id);
      expect(result.via).toBe(expected.via);
    }
    if (result.kind === 'needs-choice' && expected.kind === 'needs-choice') expect(result.why).toBe(expected.why);
  });

  it('ranks the closest names first for a choice', () => {
    const ranked = rankCandidates('Acme Dental Austin', [dallas, austinNear, loc('z', 'Zeta Pets')]);
    expect(ranked.map((c) => c.location.id)).toEqual(['loc2', 'loc3']);
  });
});

describe('matchTarget: the target by its id, holding this very SID or named like the sub-account', () => {
  const target = { id: 't', name: 'Acme Dental (renamed)', sid: SID, managedBy: 'twilio' as const };
  it.each([
    ['holding this SID, another name', [target], 'matched'],
    ['holding another SID, another name', [{ ...target, sid: OTHER_SID }], 'needs-choice'],
    ['showing the SID masked', [{ ...target, sid: undefined, sidPartial: { prefix: 'AC11', suffix: '1111' } }], 'needs-choice'],
    ['absent, while another location holds this SID', [{ ...target, id: 'other' }], 'needs-choice'],
  ] as const)('%s → %s', (_, locations, kind) => {
    const result = matchTarget('t', 'Acme Dental', locations, SID);
    expect(result.kind).toBe(kind);
    if (result.kind === 'matched') expect(result.location.id).toBe('t');
  });
});
