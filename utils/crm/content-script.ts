import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ToBackground } from '../messages';
import { createCrmListener, type CrmPort } from './messaging';
import { HIGHLEVEL_PROFILE } from './profile';

/**
 * Wires the CRM driver to the extension: answers the background's requests, says `crm-ready` when
 * the script starts, and stops listening when the context is invalidated (extension reloaded or
 * updated). Requests are checked against the URL when they arrive, so SPA navigation needs no hook.
 */
export function startCrmContentScript(ctx: ContentScriptContext): void {
  const send = (message: ToBackground): Promise<unknown> => browser.runtime.sendMessage(message);
  const port: CrmPort = {
    runtimeId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    send,
    context: () => ({ profile: HIGHLEVEL_PROFILE, doc: document, url: () => location.href, signal: ctx.signal }),
  };
  const listener = createCrmListener(port);
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));

  // The background asks with crm-ping where the tab is now; crm-ready only says the driver is here.
  send({ type: 'crm-ready' }).catch(() => undefined);
}
