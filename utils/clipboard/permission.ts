import { optionalPermission } from '../optional-permission';

/**
 * "Clear copied Auth Tokens from the clipboard" is the browser's optional permission to read the
 * clipboard (utils/optional-permission.ts): Chrome warns "Read data you copy and paste", so it is
 * asked for from the admin's click in the options page. Reading is what lets the extension clear
 * only its own text. Firefox's background writes through the async Clipboard API, which without a
 * click needs `clipboardWrite` as well; Chrome's offscreen document writes through a copy event,
 * which needs nothing more.
 */
export const clearingOption = optionalPermission(import.meta.env.FIREFOX ? ['clipboardRead', 'clipboardWrite'] : ['clipboardRead']);
export const clearingAllowed = clearingOption.allowed;
