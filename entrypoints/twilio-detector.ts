import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startAtDocumentStart } from '../utils/console/detector';
import { detectorContext } from '../utils/console/detector-context';
import { type FrameWindow, frameAncestors, frameMayAct } from '../utils/console/frame';
import { askForOverlay, extensionRuntime, warmBackground } from '../utils/console/overlay-request';

/**
 * Twilio console pages: the detector, declared in the manifest for every console frame (wxt.config.ts
 * content_scripts), at document start: it wakes the background then, and looks once the page is
 * parsed (utils/console/detector.ts startAtDocumentStart). All frames: the new console shows legacy
 * pages in an iframe (`?frameUrl=…`), and the credentials panel may be in there. It acts only in a
 * console page's top frame or in a frame that console.twilio.com alone frames (utils/console/frame.ts):
 * elsewhere it stops before it reads anything. Where it acts, it only looks for credentials on screen
 * (utils/console/detector.ts); the overlay's code comes into the frame once they are there
 * (entrypoints/twilio-overlay.content), so a console page without credentials runs this alone.
 *
 * An unlisted script rather than a WXT content script: WXT's content-script runtime brings the
 * webextension polyfill, which was most of this script's size and of its start-up time on every
 * console page (utils/console/detector-context.ts). Nothing here posts to or dispatches on the page.
 */
export default defineUnlistedScript(() => {
  if (!frameMayAct(location.href, frameAncestors(window as unknown as FrameWindow))) return;
  startAtDocumentStart(detectorContext(extensionRuntime), { request: askForOverlay, warm: warmBackground });
});
