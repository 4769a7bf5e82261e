import { clearingOption } from '../utils/clipboard/permission';
import { clipboardOptionText } from './clipboard-option-text';
import { PermissionToggle } from './PermissionToggle';

/**
 * Clearing copied Auth Tokens from the clipboard (utils/background/clipboard.ts): off until the admin
 * turns it on here, which asks the browser for the permission to read the clipboard.
 */
export function ClipboardSection() {
  return <PermissionToggle id="clipboard" words={clipboardOptionText} option={clearingOption} />;
}
