import type { CDPSession, Page } from 'playwright-core';

/**
 * Which of the extension's script files a page's frames ran, as the page's renderer reports them: the
 * DevTools protocol's Debugger domain announces every script V8 parses (`Debugger.scriptParsed`),
 * content scripts in their isolated worlds included, whether the manifest declared them or the
 * background injected them with scripting.executeScript; each names the execution context it ran in,
 * and Runtime's context events name that context's frame. What the background never injected is
 * never parsed. Frames of another site than the page run in processes of their own: this sees the
 * page's own process (console.twilio.com and the www.twilio.com frames it holds are one site).
 */

export interface ParsedScript {
  /** The file, relative to the extension's root: `twilio-detector.js`, `content-scripts/twilio-overlay.js`. */
  file: string;
  /** The URL of the frame whose world ran it, as the frame had it then (its document's address, before any pushState). */
  frameUrl: string;
}

interface FrameTree {
  frame: { id: string; url: string };
  childFrames?: FrameTree[];
}

export interface ExtensionScripts {
  /** Every extension script parsed in the page's frames since `watchExtensionScripts`, in order. */
  parsed(): Promise<ParsedScript[]>;
  stop(): Promise<void>;
}

/** Starts listening before the page loads anything (call it on a fresh page, before `goto`). */
export async function watchExtensionScripts(page: Page, extensionId: string): Promise<ExtensionScripts> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const origin = `chrome-extension://${extensionId}/`;
  const contextFrames = new Map<number, string>();
  const frameUrls = new Map<string, string>();
  const scripts: Array<{ file: string; contextId: number; frameUrl?: string }> = [];
  const urlOf = (contextId: number) => frameUrls.get(contextFrames.get(contextId) ?? '');

  cdp.on('Runtime.executionContextCreated', (event: { context: { id: number; auxData?: { frameId?: string } } }) => {
    if (event.context.auxData?.frameId) contextFrames.set(event.context.id, event.context.auxData.frameId);
  });
  cdp.on('Page.frameNavigated', (event: { frame: { id: string; url: string } }) => frameUrls.set(event.frame.id, event.frame.url));
  cdp.on('Debugger.scriptParsed', (event: { url: string; executionContextId: number }) => {
    if (!event.url.startsWith(origin)) return;
    scripts.push({ file: event.url.slice(origin.length), contextId: event.executionContextId, frameUrl: urlOf(event.executionContextId) });
  });
  await cdp.send('Page.enable');
  await cdp.send('Runtime.enable');
  await cdp.send('Debugger.enable');

  return {
    async parsed() {
      const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: FrameTree };
      const walk = (tree: FrameTree): void => {
        if (!frameUrls.has(tree.frame.id)) frameUrls.set(tree.frame.id, tree.frame.url);
        tree.childFrames?.forEach(walk);
      };
      walk(frameTree);
      return scripts.map(({ file, contextId, frameUrl }) => ({ file, frameUrl: frameUrl ?? urlOf(contextId) ?? '(unknown frame)' }));
    },
    async stop() {
      await cdp.detach().catch(() => undefined);
    },
  };
}
