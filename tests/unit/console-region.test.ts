import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { route } from '../../utils/background/router';
import {
  CRM_REGION,
  pageRegion,
  regionFromPage,
  regionFromUrl,
  regionName,
  regionNotice,
  regionRefusal,
  senderRegion,
} from '../../utils/console/region';
import { listHandoffs } from '../../utils/handoff/store';

/**
 * Twilio Regions: an Auth Token works only in its region, and the CRM connects to US1 accounts. The
 * region is read from the URL (the console's path prefix, the `x-target-region` parameter of the
 * legacy pages it frames), else from the page's words, else it is US1; the background checks the
 * URLs the browser reports for the sending frame and its tab.
 */

const EXT = fakeBrowser.runtime.id;
const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TOKEN = 'fedcba9876543210'.repeat(2);

describe('regionFromUrl', () => {
  it.each<[string | undefined, string | null]>([
    ['https://console.twilio.com/us1/account/manage-account/general-settings', 'us1'],
    ['https://console.twilio.com/ie1/account/keys-credentials/api-keys', 'ie1'],
    ['https://console.twilio.com/au1/account/dashboard?accountSid=AC0123', 'au1'],
    ['https://console.twilio.com/IE1/develop/sms/overview', 'ie1'],
    ['https://console.twilio.com/ie1', 'ie1'],
    // The console frames legacy pages with the region as a parameter.
    ['https://www.twilio.com/console/project/settings?x-target-region=ie1', 'ie1'],
    ['https://www.twilio.com/console/project/settings?x-target-region=US1', 'us1'],
    ['https://console.twilio.com/us1/account/x?frameUrl=%2Fconsole&x-target-region=au1', 'au1'],
    // Nothing said: the console's root, a legacy page on its own, a parameter that is no region code.
    ['https://console.twilio.com/', null],
    ['https://console.twilio.com/?accountSid=AC0123', null],
    ['https://www.twilio.com/console/project/settings', null],
    ['https://www.twilio.com/console/project/settings?x-target-region=ireland', null],
    ['https://console.twilio.com/console/us1/x', null],
    ['not a url', null],
    [undefined, null],
  ])('%s → %s', (url, expected) => expect(regionFromUrl(url)).toBe(expected));
});

describe('regionFromPage and pageRegion', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it.each<[string, string | null]>([
    ['<header><span>Region: <strong>IE1</strong> (Ireland)</span></header>', 'ie1'],
    ['<header><span>Region: IE1 (Ireland)</span></header>', 'ie1'],
    ['<div><span>Region:</span> <span>Australia (AU1)</span></div>', 'au1'],
    ['<p>Console region: US1</p>', 'us1'],
    ['<p>Pick a region for your phone numbers in IE1 or AU1 from the list on the numbers page.</p>', null],
    ['<p>Region</p>', null],
    ['<main><h1>Account Dashboard</h1></main>', null],
  ])('%s → %s', (html, expected) => {
    document.body.innerHTML = html;
    expect(regionFromPage(document)).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['the URL first', 'https://console.twilio.com/au1/account/dashboard', 'au1'],
    ['the page when the URL names none', 'https://console.twilio.com/?accountSid=AC0123', 'ie1'],
    ['the frame parameter of a legacy page', 'https://www.twilio.com/console/project/settings?x-target-region=au1', 'au1'],
  ])('%s', (_name, url, expected) => {
    document.body.innerHTML = '<header><span>Region: IE1 (Ireland)</span></header>';
    expect(pageRegion(url, document)).toBe(expected);
  });

  it('is US1 when neither the URL nor the page names a region', () => {
    document.body.innerHTML = '<main><h1>Settings</h1></main>';
    expect(pageRegion('https://www.twilio.com/console/project/settings', document)).toBe(CRM_REGION);
    expect(CRM_REGION).toBe('us1');
  });
});

describe('senderRegion: the URLs the browser reports for the sending frame', () => {
  const tab = (url?: string) => ({ id: 3, ...(url ? { url } : {}) });
  it.each<[string, { url?: string; tab?: { id: number; url?: string } }, string]>([
    ['a US1 console page', { url: 'https://console.twilio.com/us1/account/dashboard', tab: tab('https://console.twilio.com/us1/account/dashboard') }, 'us1'],
    ['an IE1 console page', { url: 'https://console.twilio.com/ie1/account/dashboard', tab: tab('https://console.twilio.com/ie1/account/dashboard') }, 'ie1'],
    [
      'a legacy frame with its region parameter',
      { url: 'https://www.twilio.com/console/project/settings?x-target-region=au1', tab: tab('https://console.twilio.com/au1/account/x?frameUrl=%2Fconsole') },
      'au1',
    ],
    [
      'a legacy frame without the parameter, in an IE1 console tab',
      { url: 'https://www.twilio.com/console/project/settings', tab: tab('https://console.twilio.com/ie1/account/x?frameUrl=%2Fconsole') },
      'ie1',
    ],
    ['the console root, the tab says nothing either', { url: 'https://console.twilio.com/?accountSid=AC0123', tab: tab('https://console.twilio.com/') }, 'us1'],
    ['a tab whose URL the browser does not report', { url: 'https://www.twilio.com/console/project/settings', tab: tab() }, 'us1'],
  ])('%s → %s', (_name, sender, expected) => expect(senderRegion(sender)).toBe(expected));
});

describe('the words', () => {
  it.each([
    ['us1', 'US1 (United States)'],
    ['ie1', 'IE1 (Ireland)'],
    ['au1', 'AU1 (Australia)'],
    ['jp1', 'JP1'],
  ])('regionName(%s) → %s', (region, expected) => expect(regionName(region)).toBe(expected));

  it('say which region, why a token from it does not serve the CRM, and what to do', () => {
    expect(regionNotice('ie1')).toBe(
      'This console is in the IE1 (Ireland) region, so Send to CRM is not offered here. Auth Tokens work only in their own region, and the CRM connects to US1 (United States) accounts. Switch the console to US1, or use a sub-account in US1.',
    );
    expect(regionRefusal('au1')).toMatch(/^Not sent: this console page is in the AU1 \(Australia\) region\. Auth Tokens work only in their own region/);
  });
});

describe('the background refuses a capture from a console page in another region', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it.each([
    ['an IE1 console page', 'https://console.twilio.com/ie1/account/dashboard', 'https://console.twilio.com/ie1/account/dashboard'],
    [
      'a legacy frame carrying x-target-region=au1',
      'https://www.twilio.com/console/project/settings?x-target-region=au1',
      'https://console.twilio.com/au1/account/manage-account/general-settings?frameUrl=%2Fconsole%2Fproject%2Fsettings',
    ],
  ])('%s: refused in words, nothing stored', async (_name, url, tabUrl) => {
    const sender = { id: EXT, tab: { id: 4, url: tabUrl }, frameId: 0, url };
    const reply = await route({ type: 'capture', sid: SID, token: TOKEN }, sender);
    expect(reply).toEqual({ ok: false, message: expect.stringMatching(/^Not sent: this console page is in the (IE1|AU1) /) });
    expect(await listHandoffs()).toEqual([]);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});
