import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { type PanelDetection, detectCredentialsPanel } from './detect';
import { mayShowCredentials } from './page';
import { CHANGE_HINT } from './profile';
import { pageRegion } from './region';

/**
 * Keeps track of the credentials panel while the console's single-page app changes under us: URL
 * changes (pushState, replaceState, popstate: WXT's `wxt:locationchange`) and DOM changes (a
 * MutationObserver). Cheap on large pages: a mutation batch costs a regex over the added text only,
 * and the full look-up runs at most once per quiet period.
 */

/** A panel and the Twilio Region of the page showing it (the same SID has another token per region). */
export type WatchedPanel = PanelDetection & { region: string };

export interface PanelWatchOptions {
  onChange: (detection: WatchedPanel | null) => void;
  /** Look-up runs once changes have stopped for this long… */
  quietMs?: number;
  /** …or at the latest this long after the first change, on a page that never stops changing. */
  maxWaitMs?: number;
  /** For tests: the look-up itself. */
  detect?: (doc: Document) => PanelDetection | null;
}

function sameAccount(a: WatchedPanel | null, b: WatchedPanel | null): boolean {
  return a?.sid === b?.sid && a?.accountName === b?.accountName && a?.region === b?.region;
}

export function watchCredentialsPanel(ctx: ContentScriptContext, options: PanelWatchOptions): void {
  const { onChange, quietMs = 250, maxWaitMs = 1000, detect = detectCredentialsPanel } = options;
  let current: WatchedPanel | null = null;
  let active = mayShowCredentials(location.href);
  let timer: number | undefined;
  let firstChangeAt = 0;

  function run() {
    timer = undefined;
    firstChangeAt = 0;
    if (ctx.isInvalid) return;
    const found = active ? detect(document) : null;
    const next = found && { ...found, region: pageRegion(location.href, document) };
    const changed = !sameAccount(current, next);
    current = next;
    if (changed) onChange(next);
  }

  function schedule() {
    const now = Date.now();
    if (!firstChangeAt) firstChangeAt = now;
    if (timer !== undefined) clearTimeout(timer);
    const wait = Math.max(0, Math.min(quietMs, firstChangeAt + maxWaitMs - now));
    timer = ctx.setTimeout(run, wait);
  }

  function mayMatter(records: MutationRecord[]): boolean {
    // The panel we show was taken out (navigation, a re-render): look again.
    if (current && !(current.sidLabel.isConnected && current.tokenLabel.isConnected)) return true;
    for (const r of records) {
      if (r.type === 'characterData') {
        if (CHANGE_HINT.test(r.target.nodeValue ?? '')) return true;
        continue;
      }
      for (const n of r.addedNodes) {
        if (CHANGE_HINT.test(n.textContent ?? '')) return true;
      }
    }
    return false;
  }

  const observer = new MutationObserver((records) => {
    if (active && mayMatter(records)) schedule();
  });
  observer.observe(document.body ?? document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
  });
  ctx.onInvalidated(() => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
  });

  ctx.addEventListener(window, 'wxt:locationchange', (event) => {
    // Fired from the Navigation API's navigate event, before location.href changes: use newUrl.
    active = mayShowCredentials(event.newUrl.href);
    // The new view usually renders after the URL changes; the observer catches that, and this
    // catches a view that is already there (or gone) without any mutation we would notice.
    schedule();
  });

  run();
}
