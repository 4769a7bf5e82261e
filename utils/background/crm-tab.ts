import { browser } from 'wxt/browser';
import type { Reason } from '../handoff/reasons';
import {
  CrmPingReply,
  CrmSearchReply,
  type CrmCheckPageMessage,
  type CrmRunMessage,
  type CrmSearchMessage,
  type CrmSearchMoreMessage,
} from '../messages';

/** The CRM pages the driver works on (DESIGN.md §3): the current path and the older one. */
export const PHONE_INTEGRATION_PATHS = ['/settings/phone_integration', '/settings/twilio'] as const;

export function isPhoneIntegrationUrl(url: string | undefined, host: string): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' &&
      parsed.hostname === host &&
      PHONE_INTEGRATION_PATHS.some((path) => parsed.pathname === path || parsed.pathname.startsWith(`${path}/`))
    );
  } catch {
    return false;
  }
}

type CrmTabReason = Extract<Reason, { code: 'crm-unreachable' | 'crm-not-opened' | 'crm-tab-closed' | 'crm-bad-answer' | 'crm-run-refused' }>;

/** The CRM tab could not be used; the reason is worded where it is shown (components/text.ts). */
export class CrmTabError extends Error {
  constructor(readonly reason: CrmTabReason) {
    super(reason.code);
    this.name = 'CrmTabError';
  }
}

/** How often the tab is looked at when it gives no news. */
const PING_MS = 250;

/**
 * A tab on the CRM's Phone Integration page: the one we used before if it is still there, another
 * open on that page, or a new one. A tab elsewhere in the CRM is left alone: the admin may be working
 * in it.
 */
export async function findOrOpenCrmTab(host: string, preferredTabId?: number): Promise<number> {
  if (preferredTabId !== undefined) {
    const tab = await browser.tabs.get(preferredTabId).catch(() => undefined);
    if (tab?.id !== undefined && isPhoneIntegrationUrl(tab.url, host)) return tab.id;
  }
  const open = await browser.tabs.query({ url: `https://${host}/*` });
  const onPage = open.find((tab) => isPhoneIntegrationUrl(tab.url, host));
  if (onPage?.id !== undefined) return onPage.id;
  const created = await browser.tabs.create({ url: `https://${host}${PHONE_INTEGRATION_PATHS[0]}`, active: false });
  if (created.id === undefined) throw new CrmTabError({ code: 'crm-not-opened', params: { host } });
  return created.id;
}

/**
 * Reloads the CRM tab, as a person does with a page stuck on a window that will not close, and
 * resolves once the new document finished loading (or after `timeoutMs`: ensureDriver waits on).
 */
export async function reloadCrmTab(tabId: number, timeoutMs = 30_000): Promise<void> {
  let loaded = () => {};
  const done = new Promise<void>((resolve) => (loaded = resolve));
  const onUpdated = (id: number, change: { status?: string }) => {
    if (id === tabId && change.status === 'complete') loaded();
  };
  browser.tabs.onUpdated.addListener(onUpdated);
  const timer = setTimeout(loaded, timeoutMs);
  try {
    await browser.tabs.reload(tabId);
    await done;
  } finally {
    clearTimeout(timer);
    browser.tabs.onUpdated.removeListener(onUpdated);
  }
}

/** The built driver (entrypoints/crm.content), never in the manifest: injected where it is needed. */
export const CRM_SCRIPT_PATH = '/content-scripts/crm.js';

/**
 * One CRM document the driver runs in. Chrome names it (`documentId`), so every message goes to that
 * document and no other, and what comes back is checked against it: a tab that navigated or reloaded
 * is a new document and gets the driver anew. Firefox names none; there the top frame is addressed.
 */
export interface CrmDocument {
  tabId: number;
  documentId?: string;
}

const to = (doc: CrmDocument): { documentId: string } | { frameId: number } =>
  doc.documentId ? { documentId: doc.documentId } : { frameId: 0 };

/**
 * Runs the driver in the tab's top frame (a copy already there stays: the script checks) and names
 * the document it ran in. A tab on an error page, or one that is navigating away, refuses or answers
 * for a document that is about to go: the caller asks again.
 */
async function injectDriver(tabId: number): Promise<CrmDocument | undefined> {
  const results = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [CRM_SCRIPT_PATH] });
  const top = results.find((result) => result.frameId === 0) as (typeof results)[number] & { error?: unknown } | undefined;
  if (!top || top.error !== undefined) return undefined;
  return top.documentId ? { tabId, documentId: top.documentId } : { tabId };
}

async function ping(doc: CrmDocument): Promise<string | undefined> {
  const reply = await browser.tabs.sendMessage(doc.tabId, { type: 'crm-ping' }, to(doc)).catch(() => undefined);
  const parsed = CrmPingReply.safeParse(reply);
  return parsed.success ? parsed.data.url : undefined;
}

/**
 * The driver running in the tab's Phone Integration page on `host`, injected once the tab has
 * committed to that page. `known` is the document used before: if it still answers there, nothing is
 * injected. The tab is looked at again as soon as it gives news (a navigation, a load) and every
 * PING_MS in between, so a fresh tab costs no polling delay.
 */
export async function ensureDriver(tabId: number, host: string, known?: CrmDocument, timeoutMs = 30_000): Promise<CrmDocument> {
  const deadline = Date.now() + timeoutMs;
  let news = false;
  let wake = () => {};
  const onUpdated = (id: number) => {
    if (id !== tabId) return;
    news = true;
    wake();
  };
  const pause = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = () => {};
        news = false;
        resolve();
      };
      const timer = setTimeout(done, PING_MS);
      wake = done;
      if (news) done();
    });
  browser.tabs.onUpdated.addListener(onUpdated);
  try {
    if (known?.tabId === tabId && isPhoneIntegrationUrl(await ping(known), host)) return known;
    while (Date.now() < deadline) {
      news = false;
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      if (!tab) throw new CrmTabError({ code: 'crm-tab-closed', params: {} });
      // Injected only into the page it is meant for: a tab still on its way there (pendingUrl), or
      // on a login or other CRM page, is waited for, never given the driver.
      if (!tab.pendingUrl && isPhoneIntegrationUrl(tab.url, host)) {
        const doc = await injectDriver(tabId).catch(() => undefined);
        if (doc && isPhoneIntegrationUrl(await ping(doc), host)) return doc;
      }
      await pause();
    }
  } finally {
    browser.tabs.onUpdated.removeListener(onUpdated);
  }
  throw new CrmTabError({ code: 'crm-unreachable', params: { host, seconds: timeoutMs / 1000 } });
}

/** "Check this page": the driver in a CRM tab on any page of an enabled host, injected now. */
export async function driverForCheck(tabId: number): Promise<CrmDocument> {
  const doc = await injectDriver(tabId);
  if (!doc || (await ping(doc)) === undefined) throw new CrmTabError({ code: 'crm-bad-answer', params: {} });
  return doc;
}

export async function searchLocations(doc: CrmDocument, host: string, query: string): Promise<CrmSearchReply> {
  const message: CrmSearchMessage = { type: 'crm-search', host, query };
  const first = await askForSearch(doc, message);
  if (!first.ok || first.total === undefined || first.resultId === undefined) return first;
  // A long list comes in slices (CrmSearchMoreMessage says why), each asked for in turn.
  const locations = [...first.locations];
  while (locations.length < first.total) {
    const more: CrmSearchMoreMessage = { type: 'crm-search-more', host, resultId: first.resultId, offset: locations.length };
    const next = await askForSearch(doc, more);
    if (!next.ok) return next;
    if (next.locations.length === 0 || next.total !== first.total) throw new CrmTabError({ code: 'crm-bad-answer', params: {} });
    locations.push(...next.locations);
  }
  return { ok: true, locations };
}

async function askForSearch(doc: CrmDocument, message: CrmSearchMessage | CrmSearchMoreMessage): Promise<CrmSearchReply> {
  const parsed = CrmSearchReply.safeParse(await browser.tabs.sendMessage(doc.tabId, message, to(doc)));
  if (!parsed.success) throw new CrmTabError({ code: 'crm-bad-answer', params: {} });
  return parsed.data;
}

/** Starts a driver run; its result comes back later as a `crm-result` message. */
export async function startRun(doc: CrmDocument, message: CrmRunMessage): Promise<void> {
  const reply = (await browser.tabs.sendMessage(doc.tabId, message, to(doc))) as { accepted?: unknown } | undefined;
  if (reply?.accepted !== true) throw new CrmTabError({ code: 'crm-run-refused', params: {} });
}

export async function checkPage(tabId: number): Promise<unknown> {
  const doc = await driverForCheck(tabId);
  const message: CrmCheckPageMessage = { type: 'crm-check-page' };
  return browser.tabs.sendMessage(tabId, message, to(doc));
}
