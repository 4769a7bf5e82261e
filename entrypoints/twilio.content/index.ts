import { defineContentScript } from 'wxt/utils/define-content-script';
import { PageProofContext } from '../../utils/content-context';
import { type FrameWindow, frameAncestors, frameMayAct } from '../../utils/console/frame';
import { startConsoleOverlay } from '../../utils/console/mount';
import { CONSOLE_MATCHES } from '../../utils/console/page';

/**
 * Twilio console pages (issue 3 item 1). All frames: the new console shows legacy pages in an
 * iframe (`?frameUrl=…`), and the credentials panel may be in there. The script acts only in a
 * console page's top frame or in a frame that console.twilio.com alone frames (utils/console/frame.ts):
 * elsewhere it stops before it reads or shows anything.
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
    startConsoleOverlay(new PageProofContext('twilio'));
  },
});
