import type { SenderLike } from '../senders';
import { normalise } from './dom';
import { REGION_CODE, REGION_HINT, REGION_LABEL, REGION_PARAM, REGION_PATH } from './profile';
import { t } from '../i18n';

/**
 * Which Twilio Region a console page is in, and what that means for a handoff. An account's Auth
 * Token works only in the region it was issued for (the same Account SID has another token in IE1
 * than in US1), and the CRM's Twilio integration connects to US1 accounts: a token read in another
 * region's console would be sent to the CRM only to fail there. Pure functions of URLs and the page.
 */

/** The region the CRM connects to, and the one a console that names none is in. */
export const CRM_REGION = 'us1';

const REGION_NAMES: Readonly<Record<string, () => string>> = { us1: () => t('regionUs1'), ie1: () => t('regionIe1'), au1: () => t('regionAu1') };

/** "IE1 (Ireland)"; a region without a name here is its code alone. */
export function regionName(region: string): string {
  const name = REGION_NAMES[region];
  return name ? t('regionNamed', region.toUpperCase(), name()) : region.toUpperCase();
}

/**
 * The region a console URL names, or null when it names none: the `x-target-region` parameter the
 * console adds to the legacy pages it frames, else the region prefix of a new console path (/ie1/…).
 * A parameter that is not a region code names nothing.
 */
export function regionFromUrl(url: string | undefined): string | null {
  let u: URL;
  try {
    u = new URL(url ?? '');
  } catch {
    return null;
  }
  const param = u.searchParams.get(REGION_PARAM)?.trim().toLowerCase();
  if (param && REGION_CODE.test(param)) return param;
  return REGION_PATH.exec(u.pathname.toLowerCase())?.[1] ?? null;
}

/**
 * What the page says its region is ("Region: IE1 (Ireland)" in the console's header), or null. Text
 * split over elements ("Region: <b>IE1</b>") is read from the nearest ancestors while it stays short.
 */
export function regionFromPage(doc: Document): string | null {
  const root = doc.body ?? doc.documentElement;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    if (t.data.length > 64 || !REGION_HINT.test(t.data)) continue;
    for (let el = t.parentElement, i = 0; el && i < 3; el = el.parentElement, i++) {
      const text = normalise(el.textContent ?? '');
      if (text.length > 64) break;
      const found = REGION_LABEL.exec(text)?.[1];
      if (found) return found;
    }
  }
  return null;
}

/**
 * The region of the page this content script runs in: its URL, else its words, else US1 (a console
 * URL and page that name no region are the US1 console's).
 */
export function pageRegion(url: string, doc: Document): string {
  return regionFromUrl(url) ?? regionFromPage(doc) ?? CRM_REGION;
}

/**
 * The region of the frame that sent a message, from the URLs the browser reports for it: the frame's
 * own, else its tab's (a framed legacy page without the parameter is in the region of the console
 * around it), else US1.
 */
export function senderRegion(sender: SenderLike): string {
  return regionFromUrl(sender.url) ?? regionFromUrl(sender.tab?.url) ?? CRM_REGION;
}

const CRM = CRM_REGION.toUpperCase();
const regionRule = () => t('regionRule', regionName(CRM_REGION), CRM);

/** The overlay's words on a console page in another region than the CRM's. */
export function regionNotice(region: string): string {
  return t('regionNotice', regionName(region), regionRule());
}

/** The background's answer to a capture from a console page in another region. */
export function regionRefusal(region: string): string {
  return t('regionRefusal', regionName(region), regionRule());
}
