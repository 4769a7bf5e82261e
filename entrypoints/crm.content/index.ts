import { defineContentScript } from 'wxt/utils/define-content-script';
import { PageProofContext } from '../../utils/content-context';
import { startCrmContentScript } from '../../utils/crm/content-script';

/**
 * The CRM driver's content script. Declared for the default host only; white-label hosts get the
 * same built file (content-scripts/crm.js) registered at run time once the admin grants them.
 */
export default defineContentScript({
  matches: ['https://app.gohighlevel.com/*'],
  runAt: 'document_idle',
  registration: 'manifest',
  // WXT's own context (unused) would post the extension id to the page without this.
  noScriptStartedPostMessage: true,
  // WXT's context stops when the page dispatches a forged "started" event; ours cannot be stopped so.
  main() {
    startCrmContentScript(new PageProofContext('crm'));
  },
});
