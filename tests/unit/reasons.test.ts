import { describe, expect, it } from 'vitest';
import { reasonText, storedReasonText } from '../../components/text';
import { FIXED_REASON_CODES, storedParams, type FixedReasonCode, type FixedReasons } from '../../utils/handoff/reasons';
import { DRIVER_STEPS } from '../../utils/messages';

/**
 * The reason catalogue (utils/handoff/reasons.ts) and its wording (components/text.ts): every code is
 * worded, every wording places its parameters, and nothing reads "undefined" or shows a placeholder.
 */

/** What no sentence an admin reads may contain. */
const LEFTOVERS = /undefined|null|NaN|\[object|\{\w*\}|\$\{/;

/** One example per fixed code, and what its sentence must show of the parameters. */
const EXAMPLES: { [C in FixedReasonCode]: { params: FixedReasons[C]; shows: string[] } } = {
  'account-suspended': { params: {}, shows: ['suspended', 'active sub-account'] },
  'account-closed': { params: {}, shows: ['closed', 'active sub-account'] },
  'master-account': { params: {}, shows: ['master (parent) Twilio account', 'override this in the extension popup'] },
  'several-names': { params: { name: 'Acme Dental - Austin' }, shows: ['More than one CRM location is named "Acme Dental - Austin"'] },
  'no-name-match': { params: { name: 'Acme Dental - Austin' }, shows: ['No CRM location is named "Acme Dental - Austin"'] },
  'several-holders': { params: {}, shows: ['holds this Account SID'] },
  'no-name': { params: {}, shows: ['no name to match'] },
  'lc-phone': { params: { location: 'Lakeside Spa' }, shows: ['"Lakeside Spa" uses LC Phone'] },
  'row-cannot-update': { params: { location: 'Lakeside Spa' }, shows: ['"Lakeside Spa" cannot take Twilio credentials'] },
  'crm-unreachable': { params: { host: 'app.myagency.test', seconds: 30 }, shows: ['app.myagency.test', 'within 30 seconds'] },
  'crm-not-opened': { params: { host: 'app.myagency.test' }, shows: ['Could not open app.myagency.test.'] },
  'crm-tab-closed': { params: {}, shows: ['The CRM tab was closed.'] },
  'crm-tab-error': { params: { detail: 'No tab with id: 5.' }, shows: ['No tab with id: 5.'] },
  'crm-bad-answer': { params: {}, shows: ['does not understand'] },
  'crm-run-refused': { params: {}, shows: ['did not accept the request'] },
  'crm-no-answer': { params: {}, shows: ['did not answer'] },
  'crm-error': { params: { message: 'Invalid Twilio credentials.' }, shows: ['The CRM did not accept the credentials: Invalid Twilio credentials.'] },
  'crm-accepted': {
    params: { message: 'Twilio credentials updated successfully.', accountStatus: 'active', numbers: 2 },
    shows: ['Twilio credentials updated successfully. Twilio reports the account active with 2 phone numbers.'],
  },
  'crm-shows-new-sid': {
    params: { accountStatus: 'active', numbers: 50, moreNumbers: 1 },
    shows: ['The CRM shows the new Account SID for this location. Twilio reports the account active with 50+ phone numbers.'],
  },
  'fill-stopped': { params: {}, shows: ['Nothing was submitted; try again.'] },
  interrupted: { params: {}, shows: ['will not submit again by itself'] },
  internal: { params: { detail: 'boom' }, shows: ['Something went wrong in the extension: boom'] },
  'not-now': { params: { event: 'retry', state: 'authorized' }, shows: ['"retry" is not possible while the handoff is authorized.'] },
  'not-master-account': { params: {}, shows: ['Only a master-account rejection can be overridden.'] },
  'stale-run': { params: {}, shows: ['an earlier attempt'] },
  'no-retry': { params: {}, shows: ['a retry cannot change'] },
  'handoff-gone': { params: {}, shows: ['no longer exists'] },
};

describe('the reason catalogue', () => {
  it('lists every fixed code once', () => {
    expect([...FIXED_REASON_CODES].sort()).toEqual(Object.keys(EXAMPLES).sort());
    expect(new Set(FIXED_REASON_CODES).size).toBe(FIXED_REASON_CODES.length);
  });

  it.each(FIXED_REASON_CODES.map((code) => [code, EXAMPLES[code]] as const))('%s is worded with its parameters', (code, { params, shows }) => {
    const sentence = reasonText(code, params);
    expect(sentence).not.toMatch(/cannot describe/);
    expect(sentence).not.toMatch(LEFTOVERS);
    for (const part of shows) expect(sentence).toContain(part);
    // Stored parameters word the same as the ones the background passed.
    expect(reasonText(code, storedParams(params))).toBe(sentence);
  });

  it.each(FIXED_REASON_CODES)('%s without its parameters (a damaged record) still reads as a sentence', (code) => {
    const sentence = reasonText(code, {});
    expect(sentence).not.toMatch(LEFTOVERS);
    expect(sentence).not.toMatch(/""|\s\s|: \.|: \(/);
    expect(sentence).toMatch(/[.?]$/);
  });

  it('a code this version does not know names the code rather than failing', () => {
    expect(reasonText('from-the-future', { x: 1 })).toBe(
      'This handoff stopped for a reason this version of the extension cannot describe (from-the-future).',
    );
  });
});

describe('driver stops', () => {
  const PAGE_HINT = /Nothing was submitted\. If the CRM page looks different from usual, run "Check this page"/;
  const PAGE_STEPS = ['open-page', 'open-tab', 'search', 'find-row', 'open-menu', 'open-dialog', 'check-dialog', 'fill-sid', 'fill-token'];

  it.each(DRIVER_STEPS)('driver:%s shows the driver’s message as it is, with the page hint where the page may have changed', (step) => {
    const sentence = reasonText(`driver:${step}`, { message: 'The row menu did not open.', driverCode: 'no-menu' });
    expect(sentence.startsWith('The row menu did not open.')).toBe(true);
    expect(PAGE_HINT.test(sentence)).toBe(PAGE_STEPS.includes(step));
    expect(sentence).not.toMatch(LEFTOVERS);
  });

  it.each(DRIVER_STEPS)('driver:%s without a message (parameters of the driver’s own only) still says what stopped', (step) => {
    const sentence = reasonText(`driver:${step}`, { label: 'Update Credentials', count: 2 });
    expect(sentence).toMatch(/^The extension could not /);
    expect(sentence).not.toMatch(LEFTOVERS);
  });

  it.each(DRIVER_STEPS)('driver:%s after the Authorize click says to check, with or without a message', (step) => {
    expect(reasonText(`driver:${step}`, { message: 'the answer did not come.', submitted: 1 })).toBe(
      'Authorize was clicked, but the answer did not come. Check the location in the CRM; the extension will not submit again by itself.',
    );
    const bare = reasonText(`driver:${step}`, { submitted: 1 });
    expect(bare).toMatch(/^Authorize was clicked, but the extension could not .* Check the location in the CRM/);
    expect(bare).not.toMatch(LEFTOVERS);
  });

  it('a step this version does not know still reads as a sentence', () => {
    expect(reasonText('driver:new-step', {})).toBe('The extension stopped on the CRM page.');
  });
});

describe('Twilio failures', () => {
  it.each([
    ['twilio-20003', { twilioCode: 20003, operation: 'fetch-account', httpStatus: 401, detail: 'Authenticate' }, /^Twilio refused this Account SID and Auth Token/],
    ['twilio-unreachable', { twilioCode: 'network', operation: 'fetch-account', detail: 'fetch failed' }, /^Could not reach Twilio while checking the account/],
    ['twilio-unreachable', { twilioCode: 20429, operation: 'fetch-account', httpStatus: 429, detail: 'Too Many Requests' }, /limiting requests/],
    ['twilio-21999', { twilioCode: 21999, operation: 'send-message', httpStatus: 400, detail: 'Twilio’s own words' }, /: Twilio’s own words \(error 21999\)\.$/],
    ['twilio-parse', { twilioCode: 'parse', operation: 'list-numbers', httpStatus: 502, detail: 'x' }, /could not read while listing phone numbers \(HTTP 502\)/],
  ])('%s %j', (code, params, sentence) => {
    expect(reasonText(code, params)).toMatch(sentence);
    expect(reasonText(code, params)).not.toMatch(LEFTOVERS);
  });

  it('without its parameters still reads as a sentence', () => {
    expect(reasonText('twilio-20003', {})).toBe('Twilio refused the request while talking to Twilio.');
  });

  it('a follow-up check that failed after the CRM accepted is worded after the CRM’s words', () => {
    expect(reasonText('crm-accepted', { message: 'Saved.', twilioCode: 20003, operation: 'list-numbers', httpStatus: 401, detail: 'Authenticate' })).toBe(
      'Saved. The follow-up check with Twilio failed: Twilio refused this Account SID and Auth Token: the token is wrong, or the account is suspended or closed.',
    );
    expect(reasonText('crm-accepted', { message: 'Saved.', accountStatus: 'active', numbers: 1 })).toBe(
      'Saved. Twilio reports the account active with 1 phone number.',
    );
  });
});

describe('storedReasonText', () => {
  it.each([
    ['a code and its parameters', { reasonCode: 'several-names', reasonParams: { name: 'Acme' } }, 'More than one CRM location is named "Acme". Choose the right one in the extension popup.'],
    ['an older version’s sentence, with its code', { reasonCode: 'twilio-20003', reason: 'The sentence as stored.' }, 'The sentence as stored.'],
    ['an older version’s sentence alone (authorized)', { reason: 'Twilio credentials updated.' }, 'Twilio credentials updated.'],
    ['a code without parameters', { reasonCode: 'master-account' }, reasonText('master-account')],
    ['nothing', {}, undefined],
  ])('%s', (_what, stored, shown) => {
    expect(storedReasonText(stored)).toBe(shown);
  });
});
