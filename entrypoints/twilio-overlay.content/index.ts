import { defineContentScript } from 'wxt/utils/define-content-script';
import { PageProofContext } from '../../utils/content-context';
import { type FrameWindow, frameAncestors, frameMayAct } from '../../utils/console/frame';
import { startConsoleOverlay } from '../../utils/console/mount';
import { CONSOLE_MATCHES } from '../../utils/console/page';

/**
 * The console overlay. Never in the manifest: the detector that runs in every console frame
 * (entrypoints/twilio-detector.ts) asks for it once it sees credentials on screen, and the background
 * injects this file (content-scripts/twilio-overlay.js) into that very document with
 * scripting.executeScript (utils/background/console-overlay.ts). The matches tell WXT the hosts it
 * needs (host permissions: docs/security.md).
 */
export default defineContentScript({
  matches: CONSOLE_MATCHES,
  registration: 'runtime',
  // WXT's own context (unused) would post the extension id to the page without this.
  noScriptStartedPostMessage: true,
  // WXT's context stops when the page dispatches a forged "started" event; ours cannot be stopped so.
  main() {
    // Injected again (the detector of a document asked twice): the copy already here stays.
    if (PageProofContext.isRunning('twilio-overlay')) return;
    // The background injects only where the frame rule holds for what the browser reports; the
    // frames between the top and this one are known here only (utils/console/frame.ts).
    if (!frameMayAct(location.href, frameAncestors(window as unknown as FrameWindow))) return;
    const ctx = new PageProofContext('twilio-overlay');
    // Its start (the full look, the box) in a task of its own: the task that parsed and set up this
    // script is long enough on a page that is still busy rendering.
    ctx.setTimeout(() => startConsoleOverlay(ctx), 0);
  },
});
