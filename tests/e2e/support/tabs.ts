import type { ExtensionBrowser } from '../harness';

/**
 * Sends a message from the extension's service worker to the top frame of the first tab whose URL
 * starts with `urlPrefix`, as the background does. Resolves to the reply, or to `{ error }` when no
 * content script answered (the script is not running in that tab).
 */
export async function sendFromWorker(ext: ExtensionBrowser, urlPrefix: string, message: unknown): Promise<unknown> {
  const worker = await ext.worker();
  return worker.evaluate(
    async ([prefix, msg]) => {
      const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      const tabs = await api.tabs.query({});
      const tab = tabs.find((t) => t.url?.startsWith(prefix as string));
      if (tab?.id === undefined) return { error: `no tab at ${prefix as string}` };
      try {
        return await api.tabs.sendMessage(tab.id, msg, { frameId: 0 });
      } catch (error) {
        return { error: String(error) };
      }
    },
    [urlPrefix, message] as const,
  );
}
