import { describe, expect, it } from 'vitest';
import { type SenderLike, isFromBackground, isFromConsole, isFromCrm, isFromExtensionPage } from '../../utils/senders';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;
const tab = { id: 7 };

describe('isFromConsole', () => {
  const CONSOLE_TAB = { id: 7, url: 'https://console.twilio.com/us1/account/manage-account/general-settings?frameUrl=%2Fconsole%2Fproject%2Fsettings' };
  const LEGACY = 'https://www.twilio.com/console/project/settings?x-target-region=us1';
  it.each<[string, SenderLike, boolean]>([
    // Top frames: the frame's own URL decides.
    ['new console, top frame', { id: ID, tab, frameId: 0, url: 'https://console.twilio.com/us1/account/x' }, true],
    ['legacy page opened on its own', { id: ID, tab, frameId: 0, url: 'https://www.twilio.com/console/project/settings' }, true],
    ['top frame with its origin', { id: ID, tab, frameId: 0, url: 'https://console.twilio.com/', origin: 'https://console.twilio.com' }, true],
    ['www.twilio.com outside /console', { id: ID, tab, frameId: 0, url: 'https://www.twilio.com/blog' }, false],
    ['a path that only starts like /console', { id: ID, tab, frameId: 0, url: 'https://www.twilio.com/consolex/settings' }, false],
    ['look-alike host', { id: ID, tab, frameId: 0, url: 'https://console.twilio.com.evil.test/' }, false],
    ['http', { id: ID, tab, frameId: 0, url: 'http://console.twilio.com/' }, false],
    ['another extension', { id: 'other', tab, frameId: 0, url: 'https://console.twilio.com/' }, false],
    ['no tab', { id: ID, frameId: 0, url: 'https://console.twilio.com/' }, false],
    ['an origin other than the URL’s (a sandboxed frame is opaque)', { id: ID, tab, frameId: 0, url: 'https://console.twilio.com/', origin: 'null' }, false],
    // Frames: only inside a tab whose top-level page is on console.twilio.com.
    ['legacy page framed by the new console', { id: ID, tab: CONSOLE_TAB, frameId: 5, url: LEGACY, origin: 'https://www.twilio.com' }, true],
    ['legacy page framed by the new console, origin not reported (Firefox)', { id: ID, tab: CONSOLE_TAB, frameId: 5, url: LEGACY }, true],
    ['console page framed by the console', { id: ID, tab: CONSOLE_TAB, frameId: 2, url: 'https://console.twilio.com/us1/x' }, true],
    ['framed by another site', { id: ID, tab: { id: 7, url: 'https://bait.example/win' }, frameId: 5, url: LEGACY }, false],
    ['framed by www.twilio.com outside the console', { id: ID, tab: { id: 7, url: 'https://www.twilio.com/blog/post' }, frameId: 5, url: 'https://www.twilio.com/console/x' }, false],
    ['framed by a legacy console page', { id: ID, tab: { id: 7, url: 'https://www.twilio.com/console/project/settings' }, frameId: 5, url: LEGACY }, false],
    ['framed by a look-alike host', { id: ID, tab: { id: 7, url: 'https://console.twilio.com.evil.test/' }, frameId: 5, url: LEGACY }, false],
    ['framed by the console over http', { id: ID, tab: { id: 7, url: 'http://console.twilio.com/' }, frameId: 5, url: LEGACY }, false],
    ['framed, the top-level URL not reported', { id: ID, tab, frameId: 5, url: LEGACY }, false],
    ['framed, the top-level URL unparsable', { id: ID, tab: { id: 7, url: 'not a url' }, frameId: 5, url: LEGACY }, false],
    ['no frame id reported, top-level URL not reported', { id: ID, tab, url: 'https://console.twilio.com/' }, false],
    ['framed by the console, origin not the URL’s', { id: ID, tab: CONSOLE_TAB, frameId: 5, url: LEGACY, origin: 'https://bait.example' }, false],
    ['framed by the console, its own URL not a console page', { id: ID, tab: CONSOLE_TAB, frameId: 5, url: 'https://www.twilio.com/blog' }, false],
  ])('%s', (_name, sender, expected) => expect(isFromConsole(sender, ID)).toBe(expected));
});

describe('isFromCrm', () => {
  const hosts = ['app.gohighlevel.com', 'app.myagency.test'];
  it.each([
    [{ id: ID, tab, frameId: 0, url: 'https://app.gohighlevel.com/settings/phone_integration' }, true],
    [{ id: ID, tab, frameId: 0, url: 'https://app.myagency.test/settings/twilio' }, true],
    [{ id: ID, tab, frameId: 3, url: 'https://app.gohighlevel.com/' }, false],
    [{ id: ID, tab, frameId: 0, url: 'https://app.unknown.test/' }, false],
    [{ id: ID, frameId: 0, url: 'https://app.gohighlevel.com/' }, false],
  ])('%j → %s', (sender, expected) => expect(isFromCrm(sender, ID, hosts)).toBe(expected));
});

describe('isFromExtensionPage', () => {
  it.each([
    [{ id: ID, url: `${BASE}popup.html` }, true],
    [{ id: ID, url: `${BASE}options.html`, tab }, true],
    [{ id: ID, url: 'https://console.twilio.com/', tab }, false],
    [{ id: 'other', url: `${BASE}popup.html` }, false],
  ])('%j → %s', (sender, expected) => expect(isFromExtensionPage(sender, ID, BASE)).toBe(expected));
});

it('isFromBackground accepts only our extension outside any tab', () => {
  expect(isFromBackground({ id: ID }, ID)).toBe(true);
  expect(isFromBackground({ id: ID, tab }, ID)).toBe(false);
  expect(isFromBackground({ id: 'x' }, ID)).toBe(false);
});
