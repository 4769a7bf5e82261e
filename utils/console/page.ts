import { isConsoleUrl } from '../senders';
import { ACCOUNT_LIST_PATHS } from './profile';

/**
 * Which Twilio console URLs can show one account's credentials (DESIGN.md §3). Pure functions of the
 * URL: the content script asks them before it spends any time reading the page.
 */

/** Content-script match patterns: the new console and the legacy console pages it embeds in iframes. */
export const CONSOLE_MATCHES = ['https://console.twilio.com/*', 'https://www.twilio.com/console/*'];

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Lists of accounts (the profile's ACCOUNT_LIST_PATHS): every row shows another account's SID,
 * none of them is "the account on this page". The create form below a list path is not a list.
 */
export function isAccountListUrl(url: string): boolean {
  const u = parse(url);
  if (!u) return false;
  return ACCOUNT_LIST_PATHS.some((re) => re.test(u.pathname));
}

/**
 * Whether this frame's page may show one account's Account SID and Auth Token. The page's content
 * decides in the end (utils/console/detect.ts); this only rules out pages that never do, so a list
 * of thousands of sub-accounts costs nothing to watch.
 */
export function mayShowCredentials(url: string): boolean {
  const u = parse(url);
  return u !== null && isConsoleUrl(u) && !isAccountListUrl(url);
}
