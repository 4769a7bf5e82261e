import { browser } from 'wxt/browser';
import { normaliseHost } from './hosts';
import { DEFAULT_CRM_HOST } from './settings';

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
  /** Its content looks like the CRM (HighLevel's app) and the extension is not enabled on it yet. */
  | { kind: 'crm-candidate'; host: string }
  /** A host named like HighLevel's own that is not: a phishing page would be named so. */
  | { kind: 'crm-lookalike'; host: string }
  | { kind: 'other' };

/**
 * What the popup reads of the page itself (scripting.executeScript under activeTab), only yes or no
 * answers: a host name says nothing about what runs there (app.slack.com, app.hubspot.com).
 */
export interface PageSigns {
  /** The title names HighLevel or LeadConnector (the default app's title; white labels rename it). */
  title: boolean;
  /** Scripts, styles or images from HighLevel's own domains, which white-label copies still load. */
  assets: boolean;
  /** HighLevel's class names (hl_…), kept by white-label copies of the app. */
  markup: boolean;
  /** The page shows "Phone Integration" and speaks of Twilio: the page the extension works on. */
  phoneIntegration: boolean;
}

/**
 * Runs in the page (scripting.executeScript serialises it): self-contained, reads and returns four
 * booleans, nothing of the page's text.
 */
export function readPageSigns(): PageSigns {
  const HIGHLEVEL_DOMAIN = /(^|\.)(gohighlevel\.com|highlevel\.com|leadconnectorhq\.com|msgsndr\.com)$/i;
  const fromHighLevel = (address: string | null) => {
    try {
      return address ? HIGHLEVEL_DOMAIN.test(new URL(address, location.href).hostname) : false;
    } catch {
      return false;
    }
  };
  const text = document.body?.innerText ?? '';
  return {
    title: /highlevel|leadconnector/i.test(document.title),
    assets: [...document.querySelectorAll('script[src], link[href], img[src]')].some((element) =>
      fromHighLevel(element.getAttribute('src') ?? element.getAttribute('href')),
    ),
    markup: document.querySelector('[class^="hl_"], [class*=" hl_"]') !== null,
    phoneIntegration: /phone integration/i.test(text) && /twilio/i.test(text),
  };
}

export function looksLikeCrm(signs: PageSigns | undefined): boolean {
  return !!signs && (signs.title || signs.assets || signs.markup || signs.phoneIntegration);
}

/** Edit distance (insertions, deletions, substitutions), for names a few typos from HighLevel's. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

const BRAND_WORDS = ['gohighlevel', 'highlevel', 'leadconnector', 'leadconnectorhq'];
/** HighLevel's own domains: their hosts are HighLevel's, not look-alikes (help.gohighlevel.com). */
const OWN_DOMAINS = ['gohighlevel.com', 'leadconnectorhq.com', 'msgsndr.com'];

/**
 * A host that is not HighLevel's own but is named like it: a brand word inside it
 * (app.gohighlevel-login.com), a label a couple of typos from one (app.gohighlevle.com,
 * app.g0highlevel.com), or the whole name a few edits from the default (apps.gohighlevel.co).
 */
export function resemblesDefaultHost(host: string): boolean {
  if (OWN_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`))) return false;
  const labels = host.split('.').slice(0, -1);
  if (BRAND_WORDS.some((word) => host.includes(word))) return true;
  if (labels.some((label) => BRAND_WORDS.some((word) => label.length >= 6 && editDistance(label, word) <= 2))) return true;
  return editDistance(host, DEFAULT_CRM_HOST) <= 3;
}

/**
 * What the popup offers for the tab: a Twilio console page, an enabled CRM page, a page whose
 * content looks like the CRM (Enable on this site), a host named like HighLevel's (a warning, never
 * "your CRM"), or nothing. `signs` are what readPageSigns found, when the popup could look.
 */
export function classifyPage(url: string | undefined, enabledHosts: readonly string[], signs?: PageSigns): TabPage {
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
  const check = normaliseHost(host);
  if (!check.ok) return { kind: 'other' };
  if (resemblesDefaultHost(check.host)) return { kind: 'crm-lookalike', host: check.host };
  if (looksLikeCrm(signs)) return { kind: 'crm-candidate', host: check.host };
  return { kind: 'other' };
}

/** Whether the page's content could make it a candidate: worth running the probe at all. */
function mayBeCandidate(url: string | undefined, enabledHosts: readonly string[]): boolean {
  if (!url) return false;
  const without = classifyPage(url, enabledHosts);
  if (without.kind !== 'other') return false;
  return classifyPage(url, enabledHosts, { title: true, assets: false, markup: false, phoneIntegration: false }).kind === 'crm-candidate';
}

/** Runs readPageSigns in the tab's top frame; undefined when the browser does not let the popup look. */
export async function probePage(tabId: number): Promise<PageSigns | undefined> {
  try {
    const [frame] = await browser.scripting.executeScript({ target: { tabId }, func: readPageSigns });
    const result = frame?.result as Partial<PageSigns> | undefined;
    if (!result || typeof result !== 'object') return undefined;
    return {
      title: result.title === true,
      assets: result.assets === true,
      markup: result.markup === true,
      phoneIntegration: result.phoneIntegration === true,
    };
  } catch {
    return undefined;
  }
}

/** The tab as the popup shows it: the page is probed only when its content could decide. */
export async function classifyTab(tab: ActiveTab, enabledHosts: readonly string[]): Promise<TabPage> {
  const signs = mayBeCandidate(tab.url, enabledHosts) ? await probePage(tab.id) : undefined;
  return classifyPage(tab.url, enabledHosts, signs);
}
