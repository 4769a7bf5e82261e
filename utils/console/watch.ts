import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { type PanelDetection, detectCredentialsPanel } from './detect';
import { mayShowCredentials } from './page';
import { watchQuietly } from './quiet-look';
import { pageRegion } from './region';
import { credentialPrint } from './signs';

/**
 * Keeps track of the credentials panel while the console's single-page app changes under us: URL
 * changes (pushState, replaceState, popstate: WXT's `wxt:locationchange`) and DOM changes. Cheap on
 * large pages: a DOM change costs nothing until the page is quiet (./quiet-look.ts); then one walk
 * over the page's text (./signs.ts credentialPrint) says whether its credential labels, its Account
 * SIDs or the panel shown changed, and only then does the full look-up run.
 */

/** A panel and the Twilio Region of the page showing it (the same SID has another token per region). */
export type WatchedPanel = PanelDetection & { region: string };

export interface PanelWatchOptions {
  onChange: (detection: WatchedPanel | null) => void;
  /** Looks run once changes have stopped for this long… */
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
  const { onChange, quietMs = 150, maxWaitMs = 1000, detect = detectCredentialsPanel } = options;
  const root = document.body ?? document.documentElement;
  let current: WatchedPanel | null = null;
  let active = mayShowCredentials(location.href);
  /** What the last full look-up was made on; null: the next look runs it whatever the page shows. */
  let lookedAt: string | null = null;

  const panelText = (panel: WatchedPanel | null) => panel?.panel.textContent ?? '';

  function run() {
    if (ctx.isInvalid) return;
    const labels = active ? credentialPrint(root) : '';
    // The panel shown was taken out or drawn anew (navigation, a re-render): look it up again.
    const panelGone = current !== null && !(current.sidLabel.isConnected && current.tokenLabel.isConnected);
    if (`${labels}\n${panelText(current)}` === lookedAt && !panelGone) return;
    const found = active ? detect(document) : null;
    const next = found && { ...found, region: pageRegion(location.href, document) };
    const changed = !sameAccount(current, next);
    current = next;
    lookedAt = `${labels}\n${panelText(next)}`;
    if (changed) onChange(next);
  }

  const watch = watchQuietly(ctx, root, run, { quietMs, maxWaitMs });

  ctx.addEventListener(window, 'wxt:locationchange', (event) => {
    // Fired from the Navigation API's navigate event, before location.href changes: use newUrl.
    active = mayShowCredentials(event.newUrl.href);
    // Another page of the console (another region, maybe) is looked up afresh, once it is quiet: the
    // new view usually renders after the URL changes, and may be there already without a change.
    lookedAt = null;
    watch.changed();
  });

  run();
}
