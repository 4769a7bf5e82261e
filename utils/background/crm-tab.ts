import { browser } from 'wxt/browser';
import type { Reason } from '../handoff/reasons';
import {
  CrmPingReply,
  CrmSearchReply,
  type CrmCheckPageMessage,
  type CrmRunMessage,
  type CrmSearchMessage,
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

/** How often the driver is asked for when its tab gives no news. */
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
 * Waits until the CRM content script answers in that tab (it loads with the page). It is asked at
 * once, again as soon as the tab gives news (a load finished, the script's crm-ready), and every
 * PING_MS in between, so a fresh tab costs no polling delay.
 */
export async function waitForDriver(tabId: number, host: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let news = false;
  let wake = () => {};
  const onNews = () => {
    news = true;
    wake();
  };
  const onUpdated = (id: number) => {
    if (id === tabId) onNews();
  };
  // Only listens: it never answers, so the router's reply to crm-ready stands.
  const onMessage = (_message: unknown, sender: { tab?: { id?: number } }) => {
    if (sender.tab?.id === tabId) onNews();
    return undefined;
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
  browser.runtime.onMessage.addListener(onMessage);
  try {
    while (Date.now() < deadline) {
      news = false;
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      if (!tab) throw new CrmTabError({ code: 'crm-tab-closed', params: {} });
      const reply = await browser.tabs.sendMessage(tabId, { type: 'crm-ping' }, { frameId: 0 }).catch(() => undefined);
      const parsed = CrmPingReply.safeParse(reply);
      if (parsed.success && isPhoneIntegrationUrl(parsed.data.url, host)) return;
      await pause();
    }
  } finally {
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.runtime.onMessage.removeListener(onMessage);
  }
  throw new CrmTabError({ code: 'crm-unreachable', params: { host, seconds: timeoutMs / 1000 } });
}

export async function searchLocations(tabId: number, query: string): Promise<CrmSearchReply> {
  const message: CrmSearchMessage = { type: 'crm-search', query };
  const reply = await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  const parsed = CrmSearchReply.safeParse(reply);
  if (!parsed.success) throw new CrmTabError({ code: 'crm-bad-answer', params: {} });
  return parsed.data;
}

/** Starts a driver run; its result comes back later as a `crm-result` message. */
export async function startRun(tabId: number, message: CrmRunMessage): Promise<void> {
  const reply = (await browser.tabs.sendMessage(tabId, message, { frameId: 0 })) as { accepted?: unknown } | undefined;
  if (reply?.accepted !== true) throw new CrmTabError({ code: 'crm-run-refused', params: {} });
}

export async function checkPage(tabId: number): Promise<unknown> {
  const message: CrmCheckPageMessage = { type: 'crm-check-page' };
  return browser.tabs.sendMessage(tabId, message, { frameId: 0 });
}
