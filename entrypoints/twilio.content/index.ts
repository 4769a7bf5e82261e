import { defineContentScript } from 'wxt/utils/define-content-script';
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
  main(ctx) {
    startConsoleOverlay(ctx);
  },
});
