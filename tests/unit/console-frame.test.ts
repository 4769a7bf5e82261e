import { describe, expect, it } from 'vitest';
import { type FrameWindow, frameAncestors, frameMayAct } from '../../utils/console/frame';

/**
 * The frames the console content script acts in: a console page's top frame, or a frame only
 * console.twilio.com frames. Never a console page framed by another site (a bait page can frame it
 * invisibly) or by a www.twilio.com page outside the console (which can draw a fake panel in it).
 */

const CONSOLE = 'https://console.twilio.com';
const LEGACY = 'https://www.twilio.com/console/project/settings?x-target-region=us1';

describe('frameMayAct', () => {
  it.each<[string, string, string[] | null, boolean]>([
    ['new console, top frame', 'https://console.twilio.com/us1/account/dashboard', [], true],
    ['legacy page, top frame', 'https://www.twilio.com/console/project/settings', [], true],
    ['legacy page framed by the new console', LEGACY, [CONSOLE], true],
    ['framed two deep, console all the way', LEGACY, [CONSOLE, CONSOLE], true],
    ['legacy page framed by another site', LEGACY, ['https://bait.example'], false],
    ['console page framed by another site', 'https://console.twilio.com/us1/account/dashboard', ['https://bait.example'], false],
    ['framed by the console, inside another site', LEGACY, [CONSOLE, 'https://bait.example'], false],
    ['framed by another site, inside the console', LEGACY, ['https://bait.example', CONSOLE], false],
    ['same-origin frame opened by a www.twilio.com page outside the console', 'https://www.twilio.com/console/anything', ['https://www.twilio.com'], false],
    ['framed by a top-level legacy page', LEGACY, ['https://www.twilio.com'], false],
    ['framed by the console over http', LEGACY, ['http://console.twilio.com'], false],
    ['framed by a look-alike host', LEGACY, ['https://console.twilio.com.evil.test'], false],
    ['an ancestor hidden by its referrer policy', LEGACY, ['null'], false],
    ['ancestors unknown (Firefox, cross-origin parent)', LEGACY, null, false],
    ['not a console URL, top frame', 'https://www.twilio.com/blog', [], false],
    ['a path that only starts like /console', 'https://www.twilio.com/consolex', [], false],
    ['console over http', 'http://console.twilio.com/', [], false],
    ['not a URL', 'about:blank', [], false],
  ])('%s', (_name, url, ancestors, expected) => expect(frameMayAct(url, ancestors)).toBe(expected));
});

/** A chain of plain window-like objects: `origins[0]` is the frame itself, the last one the top. */
function chain(origins: Array<string | 'unreadable'>, ancestorOrigins?: string[]): FrameWindow {
  const wins: Array<{ top: FrameWindow | null; parent: FrameWindow; location: FrameWindow['location'] }> = [];
  for (const origin of origins) {
    const location =
      origin === 'unreadable'
        ? {
            get origin(): string {
              throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
            },
          }
        : { origin };
    wins.push({ top: null, parent: null as unknown as FrameWindow, location });
  }
  const top = wins.at(-1)!;
  wins.forEach((w, i) => {
    w.top = top;
    w.parent = wins[i + 1] ?? w;
  });
  if (ancestorOrigins) Object.assign(wins[0]!.location, { ancestorOrigins });
  return wins[0]!;
}

describe('frameAncestors', () => {
  it('the top frame has none', () => {
    expect(frameAncestors(chain([CONSOLE]))).toEqual([]);
  });

  it('takes the browser’s ancestorOrigins where it has them (Chromium), whatever the parents would say', () => {
    expect(frameAncestors(chain(['https://www.twilio.com', 'unreadable'], ['https://bait.example']))).toEqual(['https://bait.example']);
  });

  it('without ancestorOrigins (Firefox): reads each parent’s origin where the browser allows it', () => {
    expect(frameAncestors(chain([CONSOLE, CONSOLE, CONSOLE]))).toEqual([CONSOLE, CONSOLE]);
  });

  it('without ancestorOrigins: a parent it may not read makes the frame’s ancestors unknown', () => {
    expect(frameAncestors(chain(['https://www.twilio.com', 'unreadable']))).toBeNull();
    expect(frameAncestors(chain([CONSOLE, CONSOLE, 'unreadable']))).toBeNull();
  });

  it('and so, in Firefox, the legacy page framed by the console does not act; a console frame in the console does', () => {
    expect(frameMayAct(LEGACY, frameAncestors(chain(['https://www.twilio.com', 'unreadable'])))).toBe(false);
    expect(frameMayAct('https://console.twilio.com/us1/x', frameAncestors(chain([CONSOLE, CONSOLE])))).toBe(true);
  });

  it('in the test page (happy-dom’s top window)', () => {
    expect(frameAncestors(window as unknown as FrameWindow)).toEqual([]);
  });
});
