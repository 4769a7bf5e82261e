import { defineContentScript } from 'wxt/utils/define-content-script';
import { PageProofContext } from '../../utils/content-context';
import { startConsoleOverlay } from '../../utils/console/mount';
import { CONSOLE_MATCHES } from '../../utils/console/page';

/**
 * Twilio console pages (issue 3 item 1). All frames: the new console shows legacy pages in an
 * iframe (`?frameUrl=…`), and the credentials panel may be in there.
 */
export default defineContentScript({
  matches: CONSOLE_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
  // WXT's own context (unused) would post the extension id to the page without this.
  noScriptStartedPostMessage: true,
  // WXT's context stops when the page dispatches a forged "started" event; ours cannot be stopped so.
  main() {
    startConsoleOverlay(new PageProofContext('twilio'));
  },
});
