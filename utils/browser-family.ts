/** Which browser's words to use where the steps differ (pinning the toolbar icon). */
export type BrowserFamily = 'chrome' | 'edge' | 'firefox';

/**
 * From the user agent, the one place that tells Edge from Chrome (both run the Chrome build).
 * Anything not recognised (Brave, Opera, Vivaldi say Chrome) gets Chrome's steps.
 */
export function browserFamily(userAgent: string): BrowserFamily {
  if (/\bFirefox\//.test(userAgent)) return 'firefox';
  if (/\bEdg\//.test(userAgent)) return 'edge';
  return 'chrome';
}
