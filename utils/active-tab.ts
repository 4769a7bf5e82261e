import { browser } from 'wxt/browser';
import { normaliseHost } from './hosts';

/**
 * The tab the popup acts on: the active tab of the last focused normal window. A popup-type
 * window (or popup.html opened in one by a test) is never that window, so the page tab behind
 * it is still the one acted on.
 */
export interface ActiveTab {
  id: number;
  /** Known when the extension may see it: activeTab after the toolbar click, or a host permission. */
  url?: string;
}

export async function findActiveTab(): Promise<ActiveTab | undefined> {
  const window = await browser.windows.getLastFocused({ windowTypes: ['normal'], populate: true });
  const tab = window?.tabs?.find((candidate) => candidate.active);
  if (tab?.id === undefined) return undefined;
  return tab.url ? { id: tab.id, url: tab.url } : { id: tab.id };
}

export type TabPage =
  /** A Twilio console page, where sub-accounts show their credentials. */
  | { kind: 'twilio' }
  /** A CRM host the extension runs on. */
  | { kind: 'crm'; host: string }
  /** Looks like a white-label CRM the extension is not enabled on yet. */
  | { kind: 'crm-candidate'; host: string }
  | { kind: 'other' };

const CRM_SETTINGS_PATH = /^\/settings\/(phone_integration|twilio)(\/|$)/;

export function classifyPage(url: string | undefined, enabledHosts: readonly string[]): TabPage {
  if (!url) return { kind: 'other' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'other' };
  }
  if (parsed.protocol !== 'https:') return { kind: 'other' };
  const host = parsed.hostname;
  if (host === 'console.twilio.com') return { kind: 'twilio' };
  if (host === 'www.twilio.com' && /^\/console(\/|$)/.test(parsed.pathname)) return { kind: 'twilio' };
  if (enabledHosts.includes(host)) return { kind: 'crm', host };
  const looksLikeCrm = CRM_SETTINGS_PATH.test(parsed.pathname) || host.startsWith('app.');
  const check = normaliseHost(host);
  if (looksLikeCrm && check.ok) return { kind: 'crm-candidate', host: check.host };
  return { kind: 'other' };
}
