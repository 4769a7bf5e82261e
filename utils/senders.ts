/**
 * Who may send what (issue 3 item 5). A message is acted on only when its sender is one of ours:
 * our extension id, and for content scripts a tab whose frame is on the site that script serves.
 */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
  /** Chrome's name for the sending document (absent in Firefox). */
  documentId?: string;
}

function parseUrl(url: string | undefined): URL | undefined {
  try {
    return url ? new URL(url) : undefined;
  } catch {
    return undefined;
  }
}

function urlOf(sender: SenderLike): URL | undefined {
  return parseUrl(sender.url);
}

/** The origin of a tab's top-level URL; undefined when the browser did not tell it. */
function originOf(url: string | undefined): string | undefined {
  return parseUrl(url)?.origin;
}

/** The new console's origin: the only one whose pages may frame a console page we act in. */
export const CONSOLE_ORIGIN = 'https://console.twilio.com';

/** Pure URL rule for the Twilio console content script's frames (manifest match patterns). */
export function isConsoleUrl(url: URL): boolean {
  if (url.protocol !== 'https:') return false;
  if (url.hostname === 'console.twilio.com') return true;
  return url.hostname === 'www.twilio.com' && (url.pathname === '/console' || url.pathname.startsWith('/console/'));
}

/**
 * The console content script, judged by what the browser reports about the sender, never by what the
 * script says: a console URL in the top frame of a tab, or in a frame of a tab whose top-level page is
 * on console.twilio.com (the new console frames the legacy www.twilio.com pages). A console page
 * framed by another site, or by a www.twilio.com page outside the console, is refused: its frame may
 * be invisible under a bait, or drawn by that page's script (utils/console/frame.ts has the same rule
 * for the script itself). `origin`, when the browser gives it, must be the URL's: a sandboxed frame's
 * document has an opaque origin whatever its URL. The frames between the top and the sender are not
 * reported without the webNavigation permission, which the extension does not ask for; the content
 * script checks them (`location.ancestorOrigins`).
 */
export function isFromConsole(sender: SenderLike, extensionId: string): boolean {
  const url = urlOf(sender);
  if (sender.id !== extensionId || sender.tab?.id === undefined || url === undefined || !isConsoleUrl(url)) return false;
  if (sender.origin !== undefined && sender.origin !== url.origin) return false;
  if (sender.frameId === 0) return true;
  return originOf(sender.tab.url) === CONSOLE_ORIGIN;
}

/** A CRM page: https on one of the enabled CRM hosts. Only the top frame drives the CRM. */
export function isFromCrm(sender: SenderLike, extensionId: string, crmHosts: readonly string[]): boolean {
  const url = urlOf(sender);
  return (
    sender.id === extensionId &&
    sender.tab?.id !== undefined &&
    sender.frameId === 0 &&
    url !== undefined &&
    url.protocol === 'https:' &&
    crmHosts.includes(url.hostname)
  );
}

/**
 * The popup or options page: our own pages. `extensionBaseUrl` is runtime.getURL('') — in Firefox the
 * page origin is a per-install UUID, not the extension id, so the origin is compared, not the id.
 */
export function isFromExtensionPage(sender: SenderLike, extensionId: string, extensionBaseUrl: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionBaseUrl);
}

/**
 * Chrome's offscreen document that clears the clipboard (entrypoints/offscreen): our extension, from
 * that very page (`offscreenUrl` is runtime.getURL('/offscreen.html')), in no tab. The popup and the
 * options page are extension pages too, but may not speak for it.
 */
export function isFromOffscreen(sender: SenderLike, extensionId: string, offscreenUrl: string): boolean {
  return sender.id === extensionId && sender.url === offscreenUrl && sender.tab === undefined;
}

/** In a content script: a message from our background (not from another tab's content script). */
export function isFromBackground(sender: SenderLike, extensionId: string): boolean {
  return sender.id === extensionId && sender.tab === undefined;
}
