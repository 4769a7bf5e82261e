import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { classifyPage, findActiveTab, type TabPage } from '../../utils/active-tab';
import { installFakes, type Fakes } from './support/extension-fakes';

const ENABLED = ['app.gohighlevel.com', 'app.enabled.example'];

describe('classifyPage', () => {
  it.each<[string | undefined, TabPage]>([
    ['https://console.twilio.com/us1/account/manage-account/subaccounts', { kind: 'twilio' }],
    ['https://console.twilio.com/', { kind: 'twilio' }],
    ['https://www.twilio.com/console/project/settings', { kind: 'twilio' }],
    ['https://www.twilio.com/docs', { kind: 'other' }],
    ['https://app.gohighlevel.com/settings/phone_integration', { kind: 'crm', host: 'app.gohighlevel.com' }],
    ['https://app.enabled.example/', { kind: 'crm', host: 'app.enabled.example' }],
    ['https://app.newagency.example/', { kind: 'crm-candidate', host: 'app.newagency.example' }],
    ['https://crm.newagency.example/settings/phone_integration', { kind: 'crm-candidate', host: 'crm.newagency.example' }],
    ['https://crm.newagency.example/settings/twilio', { kind: 'crm-candidate', host: 'crm.newagency.example' }],
    ['https://crm.newagency.example/settings/twilio-extra', { kind: 'other' }],
    ['https://crm.newagency.example/', { kind: 'other' }],
    ['http://app.insecure.example/', { kind: 'other' }],
    ['https://app.localhost/', { kind: 'crm-candidate', host: 'app.localhost' }],
    ['https://192.168.1.5/settings/twilio', { kind: 'other' }],
    ['chrome://extensions/', { kind: 'other' }],
    ['not a url', { kind: 'other' }],
    [undefined, { kind: 'other' }],
  ])('%s', (url, expected) => {
    expect(classifyPage(url, ENABLED)).toEqual(expected);
  });
});

describe('findActiveTab', () => {
  let fakes: Fakes;
  beforeEach(() => {
    fakes = installFakes();
  });

  it('is the active tab of the last focused normal window', async () => {
    fakes.activeTab = { id: 12, url: 'https://console.twilio.com/' };
    expect(await findActiveTab()).toEqual({ id: 12, url: 'https://console.twilio.com/' });
    expect(fakeBrowser.windows.getLastFocused).toHaveBeenCalledWith({ windowTypes: ['normal'], populate: true });
  });

  it('has no url when the extension may not see it', async () => {
    fakes.activeTab = { id: 5 };
    expect(await findActiveTab()).toEqual({ id: 5 });
  });

  it('is undefined without a window or tab', async () => {
    expect(await findActiveTab()).toBeUndefined();
  });
});
