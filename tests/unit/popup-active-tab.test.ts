import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { classifyPage, classifyTab, editDistance, findActiveTab, looksLikeCrm, readPageSigns, resemblesDefaultHost, type PageSigns, type TabPage } from '../../utils/active-tab';
import { installFakes, type Fakes } from './support/extension-fakes';

const ENABLED = ['app.gohighlevel.com', 'app.enabled.example'];

const NONE: PageSigns = { title: false, assets: false, markup: false, phoneIntegration: false };
const CRM: PageSigns = { ...NONE, markup: true, assets: true };

describe('classifyPage', () => {
  it.each<[string | undefined, PageSigns | undefined, TabPage]>([
    ['https://console.twilio.com/us1/account/manage-account/subaccounts', undefined, { kind: 'twilio' }],
    ['https://console.twilio.com/', undefined, { kind: 'twilio' }],
    ['https://www.twilio.com/console/project/settings', undefined, { kind: 'twilio' }],
    ['https://www.twilio.com/docs', CRM, { kind: 'other' }],
    ['https://app.gohighlevel.com/settings/phone_integration', undefined, { kind: 'crm', host: 'app.gohighlevel.com' }],
    ['https://app.enabled.example/', undefined, { kind: 'crm', host: 'app.enabled.example' }],
    // A candidate by what the page shows, never by its name or path alone.
    ['https://app.newagency.example/', CRM, { kind: 'crm-candidate', host: 'app.newagency.example' }],
    ['https://app.newagency.example/', NONE, { kind: 'other' }],
    ['https://app.newagency.example/', undefined, { kind: 'other' }],
    ['https://crm.newagency.example/settings/phone_integration', { ...NONE, phoneIntegration: true }, { kind: 'crm-candidate', host: 'crm.newagency.example' }],
    ['https://crm.newagency.example/settings/phone_integration', NONE, { kind: 'other' }],
    ['https://crm.newagency.example/', { ...NONE, title: true }, { kind: 'crm-candidate', host: 'crm.newagency.example' }],
    ['https://app.slack.com/client/T1', NONE, { kind: 'other' }],
    ['https://app.hubspot.com/contacts/1', NONE, { kind: 'other' }],
    ['http://app.insecure.example/', CRM, { kind: 'other' }],
    ['https://app.localhost/', CRM, { kind: 'crm-candidate', host: 'app.localhost' }],
    ['https://192.168.1.5/settings/twilio', CRM, { kind: 'other' }],
    // Named like HighLevel's host: a warning, whatever the page shows (a phishing copy shows it all).
    ['https://app.gohighlevel-login.com/', CRM, { kind: 'crm-lookalike', host: 'app.gohighlevel-login.com' }],
    ['https://app.gohighlevel-login.com/', undefined, { kind: 'crm-lookalike', host: 'app.gohighlevel-login.com' }],
    ['https://app.gohighlevle.com/', NONE, { kind: 'crm-lookalike', host: 'app.gohighlevle.com' }],
    ['https://app.leadconnector-hq.net/', CRM, { kind: 'crm-lookalike', host: 'app.leadconnector-hq.net' }],
    ['chrome://extensions/', undefined, { kind: 'other' }],
    ['not a url', undefined, { kind: 'other' }],
    [undefined, undefined, { kind: 'other' }],
  ])('%s with %o', (url, signs, expected) => {
    expect(classifyPage(url, ENABLED, signs)).toEqual(expected);
  });

  it('an enabled host stays the admin’s CRM even when named like HighLevel’s', () => {
    expect(classifyPage('https://app.gohighlevel-login.com/', ['app.gohighlevel-login.com'])).toEqual({ kind: 'crm', host: 'app.gohighlevel-login.com' });
  });
});

describe('resemblesDefaultHost', () => {
  it.each<[string, boolean]>([
    ['app.gohighlevel-login.com', true],
    ['gohighlevel.secure-login.com', true],
    ['app.gohighlevel.co', true],
    ['app.gohighlevle.com', true],
    ['app.g0highlevel.com', true],
    ['app.gohighIevel.com'.toLowerCase(), true],
    ['app.leadconnectorhq.help', true],
    ['app.lead-connector.com', true],
    ['app.gohighlevel.com', false],
    ['help.gohighlevel.com', false],
    ['app.leadconnectorhq.com', false],
    ['app.myagency.com', false],
    ['app.slack.com', false],
    ['app.hubspot.com', false],
    ['app.level.com', false],
    ['crm.youragency.example', false],
  ])('%s → %s', (host, expected) => {
    expect(resemblesDefaultHost(host)).toBe(expected);
  });
});

describe('editDistance', () => {
  it.each<[string, string, number]>([
    ['', '', 0],
    ['abc', '', 3],
    ['gohighlevel', 'gohighlevel', 0],
    ['gohighlevel', 'gohighlevle', 2],
    ['gohighlevel', 'g0highlevel', 1],
    ['kitten', 'sitting', 3],
  ])('%s, %s → %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('readPageSigns', () => {
  it.each<[string, string, string, Partial<PageSigns>]>([
    ['HighLevel’s app', 'HighLevel', '<div class="hl_wrapper"><img src="https://static.leadconnectorhq.com/logo.svg"></div>', { title: true, assets: true, markup: true }],
    ['a white label of it', 'Agency Settings', '<nav class="x hl_navbar">Phone Integration</nav><p>Twilio</p>', { markup: true, phoneIntegration: true }],
    ['Slack', 'Slack', '<div class="p-client"><img src="https://a.slack-edge.com/logo.png"></div>', {}],
    ['a page naming the domain in a look-alike', 'Login', '<img src="https://gohighlevel.com.evil.example/x.png">', {}],
    ['Phone Integration without Twilio', 'Settings', '<h1>Phone Integration</h1>', {}],
  ])('%s', (_, title, body, expected) => {
    document.title = title;
    document.body.innerHTML = body;
    expect(readPageSigns()).toEqual({ ...NONE, ...expected });
    document.body.innerHTML = '';
  });

  it('runs on its own: it names nothing outside itself (executeScript sends its source)', () => {
    const source = readPageSigns.toString();
    expect(new Function(`return (${source})()`)()).toEqual(expect.objectContaining({ title: expect.any(Boolean) }));
  });

  it('looksLikeCrm: any sign; none, or no answer, is not the CRM', () => {
    expect(looksLikeCrm(undefined)).toBe(false);
    expect(looksLikeCrm(NONE)).toBe(false);
    for (const key of Object.keys(NONE) as (keyof PageSigns)[]) expect(looksLikeCrm({ ...NONE, [key]: true })).toBe(true);
  });
});

describe('classifyTab', () => {
  let fakes: Fakes;
  beforeEach(() => {
    fakes = installFakes();
  });

  it.each<[string, PageSigns | undefined, TabPage, boolean]>([
    ['https://app.newagency.example/', CRM, { kind: 'crm-candidate', host: 'app.newagency.example' }, true],
    ['https://app.newagency.example/', undefined, { kind: 'other' }, true],
    ['https://app.slack.com/', NONE, { kind: 'other' }, true],
    // Decided by its address alone: the page is not probed.
    ['https://console.twilio.com/', CRM, { kind: 'twilio' }, false],
    ['https://app.enabled.example/', CRM, { kind: 'crm', host: 'app.enabled.example' }, false],
    ['https://app.gohighlevel-login.com/', CRM, { kind: 'crm-lookalike', host: 'app.gohighlevel-login.com' }, false],
    ['chrome://extensions/', CRM, { kind: 'other' }, false],
  ])('%s', async (url, signs, expected, probed) => {
    fakes.pageSigns = signs;
    expect(await classifyTab({ id: 4, url }, ENABLED)).toEqual(expected);
    expect(fakes.probed).toEqual(probed ? [4] : []);
  });

  it('a probe answering nonsense counts as no answer', async () => {
    fakes.pageSigns = { title: 'yes' } as unknown as object;
    expect(await classifyTab({ id: 4, url: 'https://app.newagency.example/' }, ENABLED)).toEqual({ kind: 'other' });
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
