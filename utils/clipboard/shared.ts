/**
 * What every context agrees on about a copied Auth Token: how long it may stay on the clipboard, and
 * how the extension recognises it later without keeping it. Shared by the console overlay and the
 * popup (which report a copy), the background (which arranges the clear) and the offscreen document
 * (which compares and clears).
 */

/** A copy that holds an Auth Token is cleared this long after it was made (utils/background/clipboard.ts). */
export const CLEAR_AFTER_SECONDS = 60;

/** The background's alarm that clears it; one at a time, a newer copy moving it. */
export const CLIPBOARD_ALARM = 'clipboard-clear';

/**
 * The SHA-256 of a clipboard text, in hex: what storage.session keeps of a copy, never the text.
 * Line breaks count as \n, because a clipboard read back through a textarea (the offscreen document)
 * gives \n for what the system may hold as \r\n.
 */
export async function clipboardDigest(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text.replace(/\r\n?/g, '\n'));
  return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}
