import type { CDPSession, Page } from 'playwright-core';

/**
 * The console overlay lives in a closed shadow root, which Playwright locators do not enter. The
 * DevTools protocol does: `DOM.getDocument({ depth: -1, pierce: true })` returns every frame's
 * document and every shadow root, closed ones included (DESIGN.md §5). Clicks go through the real
 * mouse at the point `DOM.getContentQuads` gives, so the page sees a trusted click, as from an admin.
 */

/** The overlay's host element (utils/console/mount.ts OVERLAY_HOST), as CDP spells node names. */
const HOST_NAME = 'TWILIO-HANDOFF-OVERLAY';

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: Array<CdpNode & { shadowRootType?: 'open' | 'closed' | 'user-agent' }>;
  contentDocument?: CdpNode;
  frameId?: string;
  documentURL?: string;
}

export interface OverlayNode {
  /** The shadow root under the host. */
  root: CdpNode & { shadowRootType?: string };
  /** URL of the document holding the host: the top page or an iframe. */
  documentUrl: string;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

function session(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

async function documentTree(page: Page): Promise<CdpNode> {
  const cdp = await session(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  return root;
}

function* walk(node: CdpNode, documentUrl: string): Generator<{ node: CdpNode; documentUrl: string }> {
  const url = node.documentURL ?? documentUrl;
  yield { node, documentUrl: url };
  for (const child of node.children ?? []) yield* walk(child, url);
  for (const shadow of node.shadowRoots ?? []) yield* walk(shadow, url);
  if (node.contentDocument) yield* walk(node.contentDocument, node.contentDocument.documentURL ?? url);
}

/** Every overlay host in the page and its frames (there should be at most one). */
export async function findOverlays(page: Page): Promise<OverlayNode[]> {
  const found: OverlayNode[] = [];
  for (const { node, documentUrl } of walk(await documentTree(page), page.url())) {
    if (node.nodeName !== HOST_NAME) continue;
    const root = node.shadowRoots?.[0];
    if (root) found.push({ root, documentUrl });
  }
  return found;
}

function textOf(node: CdpNode): string {
  let out = '';
  for (const { node: n } of walk(node, '')) {
    if (n.nodeType === 3) out += n.nodeValue + ' ';
  }
  return out.replace(/\s+/g, ' ').trim();
}

function attribute(node: CdpNode, name: string): string | undefined {
  const attrs = node.attributes ?? [];
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === name) return attrs[i + 1];
  return undefined;
}

/** The one overlay, or an error naming how many there are. */
export async function theOverlay(page: Page): Promise<OverlayNode> {
  const overlays = await findOverlays(page);
  if (overlays.length !== 1) throw new Error(`expected one overlay, found ${overlays.length}`);
  return overlays[0]!;
}

/** What the overlay shows (text, style text excluded). */
export async function overlayText(page: Page): Promise<string> {
  const { root } = await theOverlay(page);
  const visible = (root.children ?? []).filter((c) => c.nodeName !== 'STYLE');
  return visible.map(textOf).join(' ');
}

/** The status line (role="status") of the overlay. */
export async function overlayStatus(page: Page): Promise<string> {
  const { root } = await theOverlay(page);
  for (const { node } of walk(root, '')) {
    if (attribute(node, 'role') === 'status') return textOf(node);
  }
  return '';
}

/** Buttons in the overlay by accessible name (aria-label, else text). */
export async function overlayButtons(page: Page): Promise<Array<{ name: string; disabled: boolean; backendNodeId: number }>> {
  const { root } = await theOverlay(page);
  const out: Array<{ name: string; disabled: boolean; backendNodeId: number }> = [];
  for (const { node } of walk(root, '')) {
    if (node.nodeName !== 'BUTTON') continue;
    out.push({
      name: attribute(node, 'aria-label') ?? textOf(node),
      disabled: attribute(node, 'disabled') !== undefined,
      backendNodeId: node.backendNodeId,
    });
  }
  return out;
}

async function button(page: Page, name: string): Promise<number> {
  const match = (await overlayButtons(page)).find((b) => b.name === name);
  if (!match) throw new Error(`no overlay button named "${name}"`);
  return match.backendNodeId;
}

/** The centre of the overlay button named `name`, in the page's viewport coordinates. */
export async function overlayButtonPoint(page: Page, name: string): Promise<{ x: number; y: number }> {
  const cdp = await session(page);
  const backendNodeId = await button(page, name);
  const { quads } = (await cdp.send('DOM.getContentQuads', { backendNodeId })) as { quads: number[][] };
  const quad = quads[0];
  if (!quad) throw new Error(`overlay button "${name}" has no box on screen`);
  return { x: (quad[0]! + quad[2]! + quad[4]! + quad[6]!) / 4, y: (quad[1]! + quad[3]! + quad[5]! + quad[7]!) / 4 };
}

/**
 * How long a button must stay at one point before a test clicks it, as a person would look before
 * clicking: the overlay refuses a click on a button that appeared or moved less than 500 ms before
 * (utils/console/click-guard.ts), and its own readings of the button's place lag up to 200 ms.
 */
const STEADY_MS = 800;

/** The centre of the overlay button named `name`, once it has stayed there for STEADY_MS. */
export async function steadyOverlayButtonPoint(page: Page, name: string): Promise<{ x: number; y: number }> {
  let point = await overlayButtonPoint(page, name);
  for (let tries = 0; tries < 20; tries++) {
    await page.waitForTimeout(STEADY_MS);
    const again = await overlayButtonPoint(page, name);
    if (again.x === point.x && again.y === point.y) return point;
    point = again;
  }
  throw new Error(`overlay button "${name}" kept moving`);
}

/**
 * A real mouse click (trusted) at the centre of the overlay button named `name`, once it stands
 * still. Tests of clicks that must be refused click at a point themselves (page.mouse.click).
 */
export async function clickOverlayButton(page: Page, name: string): Promise<void> {
  const { x, y } = await steadyOverlayButtonPoint(page, name);
  await page.mouse.click(x, y);
}

/**
 * What a page script holding a reference to the button could do at worst: `button.click()` run in
 * the page's own JavaScript world. The event it makes is untrusted.
 */
export async function pageScriptClick(page: Page, name: string): Promise<void> {
  const cdp = await session(page);
  const backendNodeId = await button(page, name);
  const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId })) as { object: { objectId: string } };
  await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: 'function () { this.click(); this.dispatchEvent(new MouseEvent("click", { bubbles: true })); }',
  });
}

/** Every string the page's own code could read: each frame's markup, input values, attributes. */
export async function pageVisibleText(page: Page): Promise<string> {
  const parts = await Promise.all(
    page.frames().map((frame) =>
      frame
        .evaluate(() => {
          const values = [...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value);
          return [document.documentElement.outerHTML, ...values].join('\n');
        })
        .catch(() => ''),
    ),
  );
  return parts.join('\n');
}

interface ExecutionContext {
  id: number;
  origin: string;
  name: string;
  auxData?: { frameId?: string; type?: string };
}

interface FrameTree {
  frame: { id: string; url: string; urlFragment?: string };
  childFrames?: FrameTree[];
}

function* framesOf(tree: FrameTree): Generator<FrameTree['frame']> {
  yield tree.frame;
  for (const child of tree.childFrames ?? []) yield* framesOf(child);
}

/** In one DevTools session: the id of our content script's world in the frame whose URL passes `inFrame`. */
async function contentScriptWorld(cdp: CDPSession, inFrame: (url: string) => boolean): Promise<number | undefined> {
  const contexts: ExecutionContext[] = [];
  const onCreated = (event: { context: ExecutionContext }) => contexts.push(event.context);
  cdp.on('Runtime.executionContextCreated', onCreated);
  try {
    // Enabling reports every context that already exists, ours among them.
    await cdp.send('Runtime.enable');
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: FrameTree };
    for (const frame of framesOf(frameTree)) {
      if (!inFrame(frame.url)) continue;
      const context = contexts.find(
        (c) => c.auxData?.frameId === frame.id && c.auxData.type === 'isolated' && c.origin.startsWith('chrome-extension://'),
      );
      if (context) return context.id;
    }
    return undefined;
  } finally {
    cdp.off('Runtime.executionContextCreated', onCreated);
  }
}

/**
 * Sends `message` with chrome.runtime.sendMessage from our content script's own world in the frame
 * whose URL passes `inFrame`, and returns the background's reply. What a content script that skipped
 * the overlay's own checks could send: the background sees the sender the browser reports (the
 * frame's URL, its tab's), as for a real capture. A frame of another site than its parent runs in a
 * process of its own (site isolation), reached through a session of its own.
 */
export async function sendFromContentScript(page: Page, inFrame: (url: string) => boolean, message: unknown): Promise<unknown> {
  const own: CDPSession[] = [];
  const candidates: CDPSession[] = [await session(page)];
  for (const frame of page.frames()) {
    if (frame === page.mainFrame() || !inFrame(frame.url())) continue;
    // Throws for a frame in its parent's process: the page's own session reaches that one.
    const cdp = await page.context().newCDPSession(frame).catch(() => undefined);
    if (cdp) {
      own.push(cdp);
      candidates.push(cdp);
    }
  }
  try {
    for (const cdp of candidates) {
      const contextId = await contentScriptWorld(cdp, inFrame);
      if (contextId === undefined) continue;
      const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', {
        contextId,
        expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
        awaitPromise: true,
        returnByValue: true,
      })) as { result: { value?: unknown }; exceptionDetails?: { text: string } };
      if (exceptionDetails) throw new Error(exceptionDetails.text);
      return result.value;
    }
    throw new Error('no content script world in a frame with a matching URL');
  } finally {
    for (const cdp of candidates) await cdp.send('Runtime.disable').catch(() => undefined);
    for (const cdp of own) await cdp.detach().catch(() => undefined);
  }
}

/**
 * How many overlay host elements each frame's document holds, by frame URL: what the page itself can
 * see of the overlay. Works in frames of other sites too, where the DevTools session of the top page
 * (findOverlays) does not reach.
 */
export async function overlayHostsByFrame(page: Page): Promise<Array<{ url: string; hosts: number }>> {
  return Promise.all(
    page.frames().map(async (frame) => ({
      url: frame.url(),
      hosts: await frame.evaluate((name) => document.getElementsByTagName(name).length, HOST_NAME.toLowerCase()).catch(() => -1),
    })),
  );
}

/** Runs `functionDeclaration` on the overlay button named `name` (`this`), and returns its value. */
async function onOverlayButton<T>(page: Page, name: string, functionDeclaration: string): Promise<T> {
  const cdp = await session(page);
  const backendNodeId = await button(page, name);
  const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId })) as { object: { objectId: string } };
  const { result } = (await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration,
    returnByValue: true,
  })) as { result: { value: T } };
  return result.value;
}

/**
 * Puts the keyboard focus on the overlay button named `name`, as the DevTools protocol does (the
 * admin would Tab there): the key presses that follow are the browser's own, trusted.
 */
export async function focusOverlayButton(page: Page, name: string): Promise<void> {
  const cdp = await session(page);
  await cdp.send('DOM.focus', { backendNodeId: await button(page, name) });
}

/** Whether the overlay button named `name` has the keyboard focus, and the focus ring it shows. */
export async function overlayButtonFocus(page: Page, name: string): Promise<{ focused: boolean; focusVisible: boolean; outline: string }> {
  return onOverlayButton(
    page,
    name,
    `function () {
      const style = getComputedStyle(this);
      return {
        focused: this.getRootNode().activeElement === this,
        focusVisible: this.matches(':focus-visible'),
        outline: style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor,
      };
    }`,
  );
}

/** The colours and place on screen of the overlay's box (the element holding the button named `name`). */
export async function overlayBoxLook(
  page: Page,
  name = 'Minimize',
): Promise<{ background: string; color: string; rect: { left: number; top: number; right: number; bottom: number } }> {
  return onOverlayButton(
    page,
    name,
    `function () {
      const box = this.closest('.overlay');
      const style = getComputedStyle(box);
      const { left, top, right, bottom } = box.getBoundingClientRect();
      return { background: style.backgroundColor, color: style.color, rect: { left, top, right, bottom } };
    }`,
  );
}
