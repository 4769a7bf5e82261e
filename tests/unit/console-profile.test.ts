import { describe, expect, it } from 'vitest';
import { normalise } from '../../utils/console/dom';
import type { LabelKind } from '../../utils/console/profile';
import { ConsoleProfile, TWILIO_CONSOLE_PROFILE } from '../../utils/console/profile-schema';

/**
 * The Twilio console profile (issue 6 item 1): valid against its schema, every selector one the
 * browser parses, and each text pattern read the way the console shows it (after normalise(), as
 * utils/console/detect.ts reads labels and control names). tests/unit/profile-lint.test.ts checks that
 * the console code takes its texts and selectors from here.
 */
const profile = TWILIO_CONSOLE_PROFILE;

function kindOf(label: string): LabelKind | null {
  const text = normalise(label).replace(/[\s:*]+$/, '');
  return profile.labels.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
}

describe('the Twilio console profile', () => {
  it('is valid against its own schema', () => {
    expect(ConsoleProfile.safeParse(profile).success).toBe(true);
  });

  it('refuses a broken one', () => {
    expect(ConsoleProfile.safeParse({ ...profile, labelHint: '\\bsid' }).success).toBe(false);
    expect(ConsoleProfile.safeParse({ ...profile, labels: [['password', /^password$/]] }).success).toBe(false);
    expect(ConsoleProfile.safeParse({ ...profile, selectors: { ...profile.selectors, controls: '' } }).success).toBe(false);
  });

  it.each(Object.entries(profile.selectors))('selector %s parses: %s', (_name, selector) => {
    expect(() => document.createDocumentFragment().querySelector(selector)).not.toThrow();
  });

  it.each<[string, LabelKind | null]>([
    ['Account SID', 'sid'],
    ['ACCOUNT SID', 'sid'],
    ['Account Sid:', 'sid'],
    ['Live Account SID', 'sid'],
    ['Test Account SID', 'other-sid'],
    ['Parent Account SID', 'other-sid'],
    ['Auth Token', 'token'],
    ['AUTH TOKEN *', 'token'],
    ['Primary Auth Token', 'token'],
    ['Primary token', 'token'],
    ['Authentication Token', 'token'],
    ['Test Auth Token', 'other-token'],
    ['Secondary token', 'other-token'],
    ['Account Name', 'name'],
    ['Sub-account name', 'name'],
    ['Friendly Name', 'name'],
    ['Project Name', 'name'],
    ['API Key SID', null],
    ['Auth Token expires', null],
    ['Riverside Dental', null],
  ])('reads the label "%s" as %s', (label, kind) => expect(kindOf(label)).toBe(kind));

  it.each<[string, 'show' | 'hide' | 'neither', boolean]>([
    ['Show', 'show', false],
    ['Show Auth Token', 'show', false],
    ['Reveal', 'show', false],
    ['eye icon', 'show', false],
    ['Hide', 'hide', false],
    ['Hide Auth Token', 'hide', false],
    ['eye-off', 'hide', false],
    ['Copy', 'neither', true],
    ['Request a secondary token', 'neither', true],
    ['Show and rotate token', 'show', true],
    ['Promote', 'neither', true],
  ])('control named "%s": %s, refused %s', (name, expected, refused) => {
    const text = normalise(name);
    const which = profile.controls.show.test(text) ? 'show' : profile.controls.hide.test(text) ? 'hide' : 'neither';
    expect(which).toBe(expected);
    expect(profile.controls.refused.test(text)).toBe(refused);
  });

  it.each<[string, boolean]>([
    ['Copy', true],
    ['Copy Auth Token', true],
    ['Copy to clipboard', true],
    ['Show', false],
    ['Copyright', false],
  ])('control named "%s" is a Copy control: %s (and never clicked)', (name, copy) => {
    const text = normalise(name);
    expect(profile.controls.copy.test(text)).toBe(copy);
    if (copy) expect(profile.controls.refused.test(text)).toBe(true);
  });

  it.each<[string, string | null]>([
    ['Region: IE1 (Ireland)', 'ie1'],
    ['Region: Ireland (IE1)', 'ie1'],
    ['REGION: AU1', 'au1'],
    ['Console region: US1 (United States)', 'us1'],
    ['Regional phone numbers', null],
  ])('the console’s words "%s" name the region %s', (words, region) => {
    expect(profile.regions.label.exec(normalise(words))?.[1] ?? null).toBe(region);
  });

  it.each([
    ['/ie1/account/dashboard', 'ie1'],
    ['/us1', 'us1'],
    ['/console/project/settings', null],
  ])('the path %s starts with the region %s', (path, region) => {
    expect(profile.regions.path.exec(path)?.[1] ?? null).toBe(region);
  });

  it.each([
    ['/us1/account/manage-account/subaccounts', true],
    ['/ie1/account/manage-account/subaccounts/', true],
    ['/console/project/subaccounts', true],
    ['/us1/account/manage-account/subaccounts/create', false],
    ['/us1/develop/sms/overview', false],
  ])('the path %s lists accounts: %s', (path, expected) => {
    expect(profile.paths.accountLists.some((pattern) => pattern.test(path))).toBe(expected);
  });

  it.each([
    ['AC0123456789abcdef0123456789abcdef', true, false],
    ['0123456789abcdef0123456789abcdef', false, true],
    ['SK0123456789abcdef0123456789abcdef', false, false],
  ])('value %s: SID %s, token %s', (value, sid, token) => {
    expect(profile.formats.sid.test(value)).toBe(sid);
    expect(profile.formats.token.test(value)).toBe(token);
    expect(value.toUpperCase().startsWith(profile.formats.sidPrefix)).toBe(sid);
  });

  it('finds every SID in running text, once each', () => {
    const text = 'old AC' + 'a'.repeat(32) + ', new AC' + 'b'.repeat(32) + ' and AC' + 'c'.repeat(33);
    expect([...text.matchAll(profile.formats.sidAnywhere)].map((m) => m[0])).toEqual(['AC' + 'a'.repeat(32), 'AC' + 'b'.repeat(32)]);
  });
});
