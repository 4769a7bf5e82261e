import { optionalPermission } from '../optional-permission';

/**
 * "Clear copied Auth Tokens from the clipboard" is the browser's optional permissions to read and to
 * write the clipboard (utils/optional-permission.ts), asked for together from the admin's click in
 * the options page: Chrome warns "Read and change data you copy and paste", so installing asks for
 * neither. Reading is what lets the extension clear only its own text. Writing without a click
 * needs `clipboardWrite`: Chrome's offscreen document's copy command does nothing without it (seen
 * in Chromium 156), Firefox's background writes through the async Clipboard API, which needs it too.
 */
export const clearingOption = optionalPermission(['clipboardRead', 'clipboardWrite']);
export const clearingAllowed = clearingOption.allowed;
