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

function urlOf(sender: SenderLike): URL | undefined {
  try {
    return sender.url ? new URL(sender.url) : undefined;
  } catch {
    return undefined;
  }
}

/** Pure URL rule for the Twilio console content script's frames (manifest match patterns). */
export function isConsoleUrl(url: URL): boolean {
  if (url.protocol !== 'https:') return false;
  if (url.hostname === 'console.twilio.com') return true;
  return url.hostname === 'www.twilio.com' && (url.pathname === '/console' || url.pathname.startsWith('/console/'));
}

export function isFromConsole(sender: SenderLike, extensionId: string): boolean {
  const url = urlOf(sender);
  return sender.id === extensionId && sender.tab?.id !== undefined && url !== undefined && isConsoleUrl(url);
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

/** In a content script: a message from our background (not from another tab's content script). */
export function isFromBackground(sender: SenderLike, extensionId: string): boolean {
  return sender.id === extensionId && sender.tab === undefined;
}
