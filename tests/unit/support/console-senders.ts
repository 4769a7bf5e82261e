import type { SenderLike } from '../../../utils/senders';

/**
 * Who may speak as the console's content scripts, as the browser reports senders (utils/senders.ts
 * isFromConsole): the table its own tests read (tests/unit/senders.test.ts), and the one that checks
 * the detector's message is held to the same rule as a capture
 * (tests/unit/console-detected-route.test.ts). `id` stands for the extension's own id.
 */
export function consoleSenders(id: string): Array<[name: string, sender: SenderLike, accepted: boolean]> {
  const tab = { id: 7 };
  const CONSOLE_TAB = { id: 7, url: 'https://console.twilio.com/us1/account/manage-account/general-settings?frameUrl=%2Fconsole%2Fproject%2Fsettings' };
  const LEGACY = 'https://www.twilio.com/console/project/settings?x-target-region=us1';
  const ID = id;
  return [
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
  ];
}
