import { defineContentScript } from 'wxt/utils/define-content-script';
import { PageProofContext } from '../../utils/content-context';
import { startDetector } from '../../utils/console/detector';
import { type FrameWindow, frameAncestors, frameMayAct } from '../../utils/console/frame';
import { askForOverlay } from '../../utils/console/overlay-request';
import { CONSOLE_MATCHES } from '../../utils/console/page';

/**
 * Twilio console pages: the detector. All frames: the new console shows legacy pages in an iframe
 * (`?frameUrl=…`), and the credentials panel may be in there. It acts only in a console page's top
 * frame or in a frame that console.twilio.com alone frames (utils/console/frame.ts): elsewhere it
 * stops before it reads anything. Where it acts, it only looks for credentials on screen
 * (utils/console/detector.ts); the overlay's code comes into the frame once they are there
 * (entrypoints/twilio-overlay.content), so a console page without credentials runs this alone.
 */
export default defineContentScript({
  matches: CONSOLE_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
  // WXT's own context (unused) would post the extension id to the page without this.
  noScriptStartedPostMessage: true,
  // WXT's context stops when the page dispatches a forged "started" event; ours cannot be stopped so.
  main() {
    if (!frameMayAct(location.href, frameAncestors(window as unknown as FrameWindow))) return;
    startDetector(new PageProofContext('twilio'), { request: askForOverlay });
  },
});
