import type { ConsoleDetectedMessage, ConsoleWarmMessage } from '../messages';

/**
 * The detector's way to the background, without the webextension polyfill (./detector-context.ts
 * says why): Firefox's own `browser`, else Chrome's `chrome`, whose runtime.sendMessage returns a
 * promise in Manifest V3 as Firefox's does.
 */
interface Runtime {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
}

export function extensionRuntime(): Runtime | undefined {
  const world = globalThis as { browser?: { runtime?: Runtime }; chrome?: { runtime?: Runtime } };
  return (world.browser ?? world.chrome)?.runtime;
}

/**
 * The detector's one message (utils/messages.ts ConsoleDetectedMessage): "this frame shows
 * credentials". True once the background has run the overlay's script in this document. The reply is
 * read by hand rather than with the protocol's zod schemas, which would cost the detector more than
 * its whole budget (tests/bench/budgets.ts); it is one boolean.
 */
export async function askForOverlay(): Promise<boolean> {
  const message: ConsoleDetectedMessage = { type: 'console-detected' };
  let reply: unknown;
  try {
    reply = await extensionRuntime()?.sendMessage(message);
  } catch {
    // The background could not be reached (the extension reloaded or updated under this page).
    return false;
  }
  return typeof reply === 'object' && reply !== null && (reply as { ok?: unknown }).ok === true;
}

/**
 * "This frame may show credentials soon" (utils/messages.ts ConsoleWarmMessage): wakes a stopped
 * background while the console's app is still fetching the account, so that starting it is not part
 * of the overlay's delay once the credentials are on screen. Nothing is read from the reply.
 */
export function warmBackground(): void {
  const message: ConsoleWarmMessage = { type: 'console-warm' };
  extensionRuntime()
    ?.sendMessage(message)
    .catch(() => undefined);
}
