import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ToBackground } from '../messages';
import { SETTINGS_KEY } from '../settings';
import { createCrmListener, type CrmPort } from './messaging';
import { profileWithAdminWording } from './label-variants';
import { HIGHLEVEL_GENERIC, HIGHLEVEL_LAYOUTS } from './profile';
import type { DriverContext } from './driver';

/**
 * Wires the CRM driver to the extension: answers the background's requests (the background injects
 * the script and then asks with crm-ping whether it is here and where), and stops listening when the context is invalidated (extension reloaded or
 * updated). Requests are checked against the URL when they arrive, so SPA navigation needs no hook.
 */
export function startCrmContentScript(ctx: ContentScriptContext): void {
  const send = (message: ToBackground): Promise<unknown> => browser.runtime.sendMessage(message);
  const url = () => location.href;
  const port: CrmPort = {
    runtimeId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    send,
    url,
    context: async () => ({ ...(await loadCrmLayouts()), doc: document, url, signal: ctx.signal }),
  };
  const listener = createCrmListener(port);
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}

/**
 * The site's layouts and its generic profile, each with the admin's wording, read for every request:
 * wording added in the options page counts from the next run on, without reloading the CRM tab. The
 * settings hold no secret (content scripts may read storage.local); a failed read leaves the built-in
 * wording. The page's anchors choose among the layouts when the run opens the page.
 */
export async function loadCrmLayouts(): Promise<Pick<DriverContext, 'profile' | 'layouts'>> {
  const stored = await readSettings();
  return { profile: profileWithAdminWording(HIGHLEVEL_GENERIC, stored), layouts: HIGHLEVEL_LAYOUTS.map((layout) => profileWithAdminWording(layout, stored)) };
}

async function readSettings(): Promise<unknown> {
  try {
    return (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  } catch {
    return undefined;
  }
}
