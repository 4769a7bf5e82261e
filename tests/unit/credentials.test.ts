import { describe, expect, it } from 'vitest';
import { parseAccountSid, parseAuthToken, shortSid } from '../../utils/twilio/credentials';

const SID = 'AC' + 'a1'.repeat(16);
const TOKEN = 'f0'.repeat(16);

describe('parseAccountSid', () => {
  it.each([
    [SID, { ok: true, value: SID }],
    [` ${SID}\u200b `, { ok: true, value: SID }],
    [SID.toUpperCase(), { ok: true, value: SID }],
    ['', { ok: false, problem: 'sid-missing' }],
    ['SK' + 'a1'.repeat(16), { ok: false, problem: 'sid-is-api-key' }],
    [SID.slice(0, -1), { ok: false, problem: 'sid-format' }],
    ['PN' + 'a1'.repeat(16), { ok: false, problem: 'sid-format' }],
  ])('%j → %j', (input, expected) => {
    expect(parseAccountSid(input)).toEqual(expected);
  });
});

describe('parseAuthToken', () => {
  it.each([
    [TOKEN, { ok: true, value: TOKEN }],
    [TOKEN.toUpperCase(), { ok: true, value: TOKEN }],
    [`\ufeff${TOKEN}\n`, { ok: true, value: TOKEN }],
    ['••••••••••••••••', { ok: false, problem: 'token-format' }],
    [null, { ok: false, problem: 'token-missing' }],
  ])('%j → %j', (input, expected) => {
    expect(parseAuthToken(input)).toEqual(expected);
  });
});

it('shortens a SID to its ends', () => {
  expect(shortSid(SID)).toBe('ACa1a1…a1a1');
});
