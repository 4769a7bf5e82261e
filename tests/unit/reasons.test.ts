import { describe, expect, it } from 'vitest';
import { reasonText, storedReasonText } from '../../components/text';
import {
  DRIVER_STOP_CODES,
  DRIVER_THINGS,
  FIXED_REASON_CODES,
  storedParams,
  type DriverStopCode,
  type DriverStops,
  type FixedReasonCode,
  type FixedReasons,
} from '../../utils/handoff/reasons';
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
  'not-agency-account': { params: { owner: 'AC' + 'e'.repeat(32) }, shows: ['belongs to the Twilio account AC' + 'e'.repeat(32), 'not one of your agency’s accounts', 'Nothing was sent to the CRM'] },
  'several-names': { params: { name: 'Acme Dental - Austin' }, shows: ['More than one CRM location is named "Acme Dental - Austin"'] },
  'no-name-match': { params: { name: 'Acme Dental - Austin' }, shows: ['No CRM location is named "Acme Dental - Austin"'] },
  'several-holders': { params: {}, shows: ['holds this Account SID'] },
  'no-name': { params: {}, shows: ['no name to match'] },
  'target-not-found': { params: { name: 'Acme Dental - Austin' }, shows: ['no longer listed in the CRM under the name "Acme Dental - Austin"', 'Nothing was written'] },
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

  it.each([
    [0, false, 'with 0 phone numbers. It has no phone number yet: the location can neither text nor call'],
    [1, false, 'with 1 phone number.'],
    [50, true, 'with 50+ phone numbers.'],
  ])('the follow-up check with %s number(s) (more: %s) says so, and warns only when there is none', (numbers, more, shows) => {
    const text = reasonText('crm-accepted', { message: 'Saved.', accountStatus: 'active', numbers, ...(more && { moreNumbers: 1 }) });
    expect(text).toContain(shows);
    expect(text.includes('no phone number yet')).toBe(numbers === 0);
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

  it.each(DRIVER_STEPS)('driver:%s after the submit button was pressed says to check, with or without a message', (step) => {
    expect(reasonText(`driver:${step}`, { message: 'the answer did not come.', submitted: 1 })).toBe(
      'The submit button was clicked, but the answer did not come. Check the location in the CRM; the extension will not submit again by itself.',
    );
    const bare = reasonText(`driver:${step}`, { submitted: 1 });
    expect(bare).toMatch(/^The submit button was clicked, but the extension could not .* Check the location in the CRM/);
    expect(bare).not.toMatch(LEFTOVERS);
    // The button is named as the CRM names it, when the driver said which one it pressed.
    expect(reasonText(`driver:${step}`, { driverCode: 'no-answer', closed: 1, button: 'Authorize', submitted: 1 })).toBe(
      '"Authorize" was clicked, but the CRM gave no clear answer, and its editor closed. Check the location in the CRM; the extension will not submit again by itself.',
    );
  });

  it('a step this version does not know still reads as a sentence', () => {
    expect(reasonText('driver:new-step', {})).toBe('The extension stopped on the CRM page.');
  });
});

/**
 * One example per driver code (utils/handoff/reasons.ts `DriverStops`), as the driver sends it, and
 * what its sentence must show. The CRM's own names (the page, its list tab, the other provider, a
 * control's text) come as parameters.
 */
const DRIVER_EXAMPLES: { [C in DriverStopCode]: { step: string; params: DriverStops[C]; shows: string[] } } = {
  'wrong-page': { step: 'open-page', params: { page: 'Phone Integration page' }, shows: ['This tab is not on the Phone Integration page.'] },
  'too-many-pages': { step: 'search', params: { pages: 50 }, shows: ['more than 50 result pages'] },
  'list-moved': { step: 'search', params: {}, shows: ['no longer started at its first row', 'Try again.'] },
  'not-found': { step: 'find-row', params: { name: 'Acme Dental - Austin' }, shows: ['No row in the CRM’s list is named "Acme Dental - Austin".'] },
  ambiguous: { step: 'find-row', params: { count: 2, name: 'Twin Clinic' }, shows: ['2 rows in the CRM’s list show "Twin Clinic" and nothing that tells them apart.'] },
  'row-lost': { step: 'find-row', params: { name: 'Acme' }, shows: ['The row for "Acme" could not be found again'] },
  'trigger-gone': { step: 'open-menu', params: { name: 'Acme' }, shows: ['The row for "Acme" no longer shows its action control.'] },
  'lc-phone': { step: 'row-state', params: { name: 'Sunny Vet', provider: 'LC Phone' }, shows: ['"Sunny Vet" uses LC Phone, so it has no Twilio credentials to update.', 'Change its phone provider'] },
  'no-trigger': { step: 'row-state', params: { name: 'Acme' }, shows: ['The row for "Acme" shows no control that leads to its credentials.'] },
  'no-update-entry': {
    step: 'row-state',
    params: { name: 'Acme', offered: 'SMS Compliance, Link to LeadConnector' },
    shows: ['The row for "Acme" offers no way to update its credentials (only: SMS Compliance, Link to LeadConnector).'],
  },
  'several-opened': { step: 'open-dialog', params: { count: 2, opened: 'menu' }, shows: ['2 menus opened at once'] },
  'dialog-already-open': { step: 'open-menu', params: {}, shows: ['would not close. Close it there and try again.'] },
  'not-editor': { step: 'check-dialog', params: {}, shows: ['shows no Account SID and Auth Token fields the extension knows', '"CRM wording"'] },
  'no-editor': { step: 'open-dialog', params: { hops: 3 }, shows: ['The credentials editor did not open after 3 menus or windows.'] },
  'wrong-dialog': { step: 'check-dialog', params: { shown: 'Someone Else', name: 'Acme' }, shows: ['The editor that opened is for "Someone Else", not "Acme".'] },
  'bad-value': { step: 'fill-token', params: { field: 'token' }, shows: ['is not a valid Auth Token, so nothing was filled in'] },
  'dialog-closed': { step: 'read-back', params: {}, shows: ['The editor closed before the values filled in could be checked, so nothing was submitted.'] },
  'not-kept': { step: 'read-back', params: { field: 'token' }, shows: ['The page did not keep the Auth Token that was filled in, so nothing was submitted.'] },
  'not-allowed': { step: 'submit', params: {}, shows: ['nothing was sent. Try again.'] },
  forbidden: { step: 'open-dialog', params: { control: 'Delete Connection' }, shows: ['The extension stopped before pressing "Delete Connection"'] },
  'no-answer': { step: 'read-result', params: { closed: 1, said: 'Request queued' }, shows: ['The CRM gave no clear answer, and its editor closed (it said: "Request queued").'] },
  'closed-silently-other': { step: 'read-result', params: { now: 'AC' + '1'.repeat(32) }, shows: [`the location now shows the Account SID AC${'1'.repeat(32)}.`] },
  'closed-silently-empty': { step: 'read-result', params: {}, shows: ['the location shows no Account SID.'] },
  'closed-silently-unread': { step: 'read-result', params: {}, shows: ['the location could not be read again.'] },
  timeout: { step: 'open-page', params: { what: 'page', name: 'Phone Integration page', seconds: 30 }, shows: ['The Phone Integration page did not finish loading (waited 30 seconds).'] },
  'not-editable': { step: 'fill-sid', params: { what: 'sid-field' }, shows: ['The Account SID field does not take a value'] },
  aborted: { step: 'search', params: { what: 'search-results' }, shows: ['reloaded or updated', 'try again'] },
  internal: { step: 'read-result', params: {}, shows: ['ended without an answer'] },
  unexpected: { step: 'search', params: { detail: 'x is not a function.' }, shows: ['Something unexpected went wrong on the CRM page: x is not a function.'] },
};

/** What the wording of a driver stop must never say by itself: the CRM's names are parameters. */
const CRM_WORDS = /Phone Integration|Sub Account|LC Phone|LeadConnector|Update Credentials|Authorize|HighLevel/i;

describe('driver codes', () => {
  const PAGE_HINT = /Nothing was submitted\. If the CRM page looks different from usual, run "Check this page"/;
  const PAGE_STEPS = ['open-page', 'open-tab', 'search', 'find-row', 'open-menu', 'open-dialog', 'check-dialog', 'fill-sid', 'fill-token'];

  it('lists every code once', () => {
    expect([...DRIVER_STOP_CODES].sort()).toEqual(Object.keys(DRIVER_EXAMPLES).sort());
    expect(new Set(DRIVER_STOP_CODES).size).toBe(DRIVER_STOP_CODES.length);
  });

  it.each(DRIVER_STOP_CODES.map((code) => [code, DRIVER_EXAMPLES[code]] as const))('%s is worded with its parameters', (code, { step, params, shows }) => {
    const stored = { ...storedParams(params), driverCode: code };
    const sentence = reasonText(`driver:${step}`, stored);
    expect(sentence).not.toMatch(LEFTOVERS);
    expect(sentence).not.toMatch(/^The extension could not /);
    for (const part of shows) expect(sentence).toContain(part);
    // The page hint where the page may have changed; never for a stop the page did not cause.
    expect(PAGE_HINT.test(sentence)).toBe(PAGE_STEPS.includes(step) && !['bad-value', 'aborted'].includes(code));
    // Just before the click, the admin is told nothing was sent.
    if (['read-back', 'submit'].includes(step)) expect(sentence).toMatch(/nothing was (submitted|sent)/i);
    // A refusal reads the same when the background stores it as why the location cannot take credentials.
    if (step === 'row-state') expect(reasonText('row-cannot-update', { location: 'Acme', ...stored })).toBe(sentence);
  });

  it.each(DRIVER_STOP_CODES)('%s without its parameters (a damaged record) still reads as a sentence, without the CRM’s words', (code) => {
    for (const step of DRIVER_STEPS) {
      const sentence = reasonText(`driver:${step}`, { driverCode: code });
      expect(sentence).not.toMatch(LEFTOVERS);
      expect(sentence).not.toMatch(/""|\s\s|: \.|\(\)|: \(/);
      expect(sentence).toMatch(/[.?]$/);
      expect(sentence).not.toMatch(CRM_WORDS);
    }
  });

  it.each(DRIVER_STOP_CODES)('%s after the submit button was pressed asks for a check', (code) => {
    const { params } = DRIVER_EXAMPLES[code];
    const sentence = reasonText('driver:read-result', { ...storedParams(params), driverCode: code, submitted: 1, button: 'Save' });
    expect(sentence).toMatch(/^"Save" was clicked, but [a-z0-9"]/);
    expect(sentence).toMatch(/ Check the location in the CRM; the extension will not submit again by itself\.$/);
    expect(sentence).not.toMatch(LEFTOVERS);
  });

  it.each(DRIVER_THINGS)('what the driver looked for or waited for (%s) is worded for each way a look-up or wait fails', (what) => {
    for (const code of ['not-found', 'ambiguous', 'timeout', 'not-editable'] as const) {
      for (const params of [{ what }, { what, name: 'Named Thing', count: 3, seconds: 2.5 }]) {
        const sentence = reasonText('driver:search', { ...params, driverCode: code });
        expect(sentence).not.toMatch(LEFTOVERS);
        expect(sentence).not.toMatch(/something the extension looks for|""|\s\s/);
        if (params.name === undefined) expect(sentence).not.toMatch(CRM_WORDS);
      }
    }
    expect(reasonText('driver:search', { what, seconds: 2.5, driverCode: 'timeout' })).toMatch(/ \(waited 2\.5 seconds\)\. /);
  });

  it('names the CRM’s places as the profile gives them', () => {
    expect(reasonText('driver:open-tab', { what: 'list-tab-open', name: 'Sub Account Settings tab', seconds: 5, driverCode: 'timeout' })).toMatch(
      /^The Sub Account Settings tab did not open \(waited 5 seconds\)\./,
    );
    expect(reasonText('driver:open-tab', { what: 'list-tab', name: 'Sub Account Settings tab', count: 2, driverCode: 'ambiguous' })).toMatch(
      /^The extension found 2 candidates for the Sub Account Settings tab and will not guess/,
    );
    expect(reasonText('driver:open-dialog', { what: 'opened', control: 'Update Credentials', seconds: 0.8, driverCode: 'timeout' })).toMatch(
      /^Pressing "Update Credentials" opened nothing \(waited 0\.8 seconds\)\. Nothing was submitted/,
    );
    expect(reasonText('driver:open-menu', { what: 'opened', seconds: 1, driverCode: 'timeout' })).toMatch(/^Pressing the row’s action control opened nothing \(waited 1 second\)\./);
  });

  it('a stop just before the click says nothing was submitted', () => {
    expect(reasonText('driver:submit', { what: 'submit-enabled', seconds: 5, driverCode: 'timeout' })).toBe(
      'The editor’s submit button did not become enabled (waited 5 seconds). Nothing was submitted; try again.',
    );
  });

  it('a code this version does not know says what the step was for', () => {
    expect(reasonText('driver:find-row', { driverCode: 'from-the-future', x: 1 })).toMatch(/^The extension could not find this location in the CRM’s list\. Nothing was submitted/);
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
