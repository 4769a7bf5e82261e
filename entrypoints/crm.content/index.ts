import { defineContentScript } from 'wxt/utils/define-content-script';
import { startCrmContentScript } from '../../utils/crm/content-script';

/**
 * The CRM driver's content script. Declared for the default host only; white-label hosts get the
 * same built file (content-scripts/crm.js) registered at run time once the admin grants them.
 */
export default defineContentScript({
  matches: ['https://app.gohighlevel.com/*'],
  runAt: 'document_idle',
  registration: 'manifest',
  main(ctx) {
    startCrmContentScript(ctx);
  },
});
