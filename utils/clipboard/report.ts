import { browser } from 'wxt/browser';
import { ClipboardCopiedReply, type ClipboardCopiedMessage } from '../messages';

/**
 * After a copy that holds an Auth Token (the console overlay's Copy credentials, the popup's Copy
 * token): tells the background, which keeps only its digest. True once the background will clear it;
 * false when clearing is off, or when the background did not answer (then nothing clears it).
 */
export async function reportCopy(text: string): Promise<boolean> {
  try {
    const message: ClipboardCopiedMessage = { type: 'clipboard-copied', text };
    const reply = ClipboardCopiedReply.safeParse(await browser.runtime.sendMessage(message));
    return reply.success && reply.data.ok;
  } catch {
    return false;
  }
}
