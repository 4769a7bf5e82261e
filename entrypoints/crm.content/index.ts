import { defineContentScript } from 'wxt/utils/define-content-script';
import { PageProofContext } from '../../utils/content-context';
import { startCrmContentScript } from '../../utils/crm/content-script';

/**
 * The CRM driver. Never in the manifest: a CRM page the extension is not driving runs none of our
 * code. The background injects this file (content-scripts/crm.js) into the one tab it drives, when it
 * drives it, with scripting.executeScript (utils/background/crm-tab.ts), on the default host and on
 * the white-label hosts the admin granted. The matches only tell WXT the host it needs.
 */
export default defineContentScript({
  matches: ['https://app.gohighlevel.com/*'],
  registration: 'runtime',
  // WXT's own context (unused) would post the extension id to the page without this.
  noScriptStartedPostMessage: true,
  // WXT's context stops when the page dispatches a forged "started" event; ours cannot be stopped so.
  main() {
    // Injected again (another handoff, "Check this page", a new worker): the copy already here stays.
    if (PageProofContext.isRunning('crm')) return;
    startCrmContentScript(new PageProofContext('crm'));
  },
});
