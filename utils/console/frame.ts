import { CONSOLE_ORIGIN, isConsoleUrl } from '../senders';

/**
 * Which frames the console content script may act in. Its match patterns take every frame on
 * console.twilio.com and www.twilio.com/console…, whoever frames them: a page on any other site can
 * frame a console page out of sight, and a script on any www.twilio.com page can open a same-origin
 * frame at /console/<anything> and draw a fake Account Info panel in it. The script acts only where
 * the admin is really in the console: the top frame of a console page, or a frame that only
 * console.twilio.com pages frame (the new console shows the legacy www.twilio.com pages that way).
 * The background checks the same from what the browser reports about the sender
 * (utils/senders.ts isFromConsole).
 */

/**
 * `ancestors`: the origins of the frames around this one, its parent first, up to the top; empty for
 * the top frame; null when the browser cannot tell (then the frame does not act).
 */
export function frameMayAct(url: string, ancestors: readonly string[] | null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return isConsoleUrl(parsed) && ancestors !== null && ancestors.every((origin) => origin === CONSOLE_ORIGIN);
}

/** What frameAncestors reads of a window: the parts of `Window` it needs, so tests can hand in plain objects. */
export interface FrameWindow {
  readonly top: FrameWindow | null;
  readonly parent: FrameWindow;
  readonly location: { readonly origin: string; readonly ancestorOrigins?: ArrayLike<string> };
}

/**
 * The origins around `win`, parent first. Chromium, Safari and Firefox 153 (the one the Firefox tests
 * run) give them in `location.ancestorOrigins`, which no page can change. A browser without that list
 * (older Firefox releases) knows a parent's origin only if this frame may read the parent's `location`,
 * which the browser allows for the same origin only. A frame whose parent cannot be read so is `null`
 * and stays inert; there that includes the legacy www.twilio.com pages the new console frames
 * (cross-origin), which the admin can open on their own instead (their top frame acts).
 */
export function frameAncestors(win: FrameWindow): string[] | null {
  if (win.top === win) return [];
  const listed = win.location.ancestorOrigins;
  if (listed) return Array.from(listed);
  const origins: string[] = [];
  let current = win;
  // Bounded: browsers nest frames far less deep than this, and a loop must end whatever it is given.
  for (let depth = 0; depth < 64 && current.top !== current; depth++) {
    try {
      current = current.parent;
      origins.push(current.location.origin);
    } catch {
      return null;
    }
  }
  return current.top === current ? origins : null;
}
