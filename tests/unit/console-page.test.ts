import { describe, expect, it } from 'vitest';
import { isAccountListUrl, mayShowCredentials } from '../../utils/console/page';

describe('mayShowCredentials', () => {
  it.each<[string, boolean]>([
    ['https://console.twilio.com/', true],
    ['https://console.twilio.com/?accountSid=AC0123', true],
    ['https://console.twilio.com/us1/account/dashboard', true],
    ['https://console.twilio.com/us1/account/keys-credentials/api-keys', true],
    ['https://console.twilio.com/us1/account/manage-account/general-settings?frameUrl=%2Fconsole%2Fproject%2Fsettings', true],
    ['https://www.twilio.com/console/project/settings', true],
    ['https://www.twilio.com/console/project/settings?x-target-region=us1', true],
    ['https://www.twilio.com/console', true],
    // Lists of accounts: every row is another account.
    ['https://console.twilio.com/us1/account/manage-account/subaccounts', false],
    ['https://console.twilio.com/ie1/account/manage-account/subaccounts/', false],
    ['https://www.twilio.com/console/project/subaccounts', false],
    // Not the console.
    ['https://www.twilio.com/docs/iam/api/account', false],
    ['https://www.twilio.com/consoles', false],
    ['http://console.twilio.com/', false],
    ['https://console.twilio.com.evil.example/', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(mayShowCredentials(url)).toBe(expected);
  });

  it('treats the create form under the list path as a page, not a list', () => {
    expect(isAccountListUrl('https://console.twilio.com/us1/account/manage-account/subaccounts/create')).toBe(false);
  });
});
