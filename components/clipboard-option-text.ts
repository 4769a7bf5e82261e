import { CLEAR_AFTER_SECONDS } from '../utils/clipboard/shared';

/** Words of the options page's Clipboard section (components/ClipboardSection.tsx). */
export const clipboardOptionText = {
  heading: 'Clipboard',
  toggle: `Clear copied Auth Tokens from the clipboard after ${CLEAR_AFTER_SECONDS} seconds`,
  hint:
    `After you copy an Auth Token (Copy credentials on the Twilio console, Copy token in the popup), the extension looks at the clipboard ${CLEAR_AFTER_SECONDS} seconds later and empties it if it still holds that copy; anything you copied since is left alone. To look and to empty it, it needs the browser’s permission to read and change what you copy and paste, asked for when you turn this on. Without it the extension cannot tell its copy from yours, so it leaves the clipboard alone.`,
  on: `Copied Auth Tokens are cleared from the clipboard after ${CLEAR_AFTER_SECONDS} seconds.`,
  off: 'Copied Auth Tokens stay on the clipboard.',
  denied: 'The browser did not allow reading the clipboard: copied Auth Tokens stay on it.',
} as const;
