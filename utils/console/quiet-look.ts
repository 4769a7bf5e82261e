import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * Runs a look at the page once its DOM has stopped changing, with no work per mutation: the
 * MutationObserver's callback only disconnects it and sets a timer, so a page that changes its DOM
 * a thousand times calls us once per `quietMs` at most, whatever its records hold. When the timer
 * fires, the observer listens again; a page quiet for `quietMs` more gets its look. A page that
 * never goes quiet gets one `maxWaitMs` after its first change.
 *
 * A look sees the page as it is then, so the changes made while nobody listened are never missed:
 * only their order is (and no look here needs it).
 */

const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true };

export interface QuietLookOptions {
  quietMs: number;
  maxWaitMs: number;
}

export interface QuietLook {
  /** Something the observer does not see changed (the URL): look once the page is quiet. */
  changed(): void;
  /** No more looks; the observer is disconnected. */
  stop(): void;
}

export function watchQuietly(ctx: ContentScriptContext, target: Node, look: () => void, options: QuietLookOptions): QuietLook {
  const { quietMs, maxWaitMs } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstChangeAt = 0;
  let stopped = false;
  const observer = new MutationObserver(changed);

  function later(next: () => void, ms: number) {
    clearTimeout(timer);
    timer = setTimeout(next, ms);
  }

  function listen() {
    if (!stopped) observer.observe(target, OBSERVED);
  }

  function changed() {
    if (stopped) return;
    observer.disconnect();
    const now = Date.now();
    firstChangeAt ||= now;
    if (now - firstChangeAt >= maxWaitMs) later(run, 0);
    else later(settle, quietMs);
  }

  /** The page may still be changing: listen again, and look if it stays quiet. */
  function settle() {
    listen();
    later(run, quietMs);
  }

  function run() {
    timer = undefined;
    firstChangeAt = 0;
    if (stopped) return;
    if (ctx.isInvalid) {
      stop();
      return;
    }
    // The look's own changes (an overlay mounted) are not the page's: listen only after it.
    observer.disconnect();
    look();
    listen();
  }

  function stop() {
    stopped = true;
    observer.disconnect();
    clearTimeout(timer);
  }

  listen();
  ctx.onInvalidated(stop);
  return { changed, stop };
}
