/**
 * Runs a look at the page once its DOM has stopped changing, with no work per mutation: the
 * MutationObserver's callback only disconnects it and sets a timer, so a page that changes its DOM
 * a thousand times calls us a few times, whatever its records hold. When the timer fires, the
 * observer listens again; a page quiet for `quietMs` then gets its look. A page still changing is
 * left alone twice as long the next time (up to `maxQuietMs`), so a long burst of changes costs a few
 * calls, not one per `quietMs`, and its last change is looked at within that time and `quietMs`; a
 * page that never goes quiet gets a look `maxWaitMs` after its first change.
 *
 * A look sees the page as it is then, so the changes made while nobody listened are never missed:
 * only their order is (and no look here needs it).
 *
 * Right after the page or its URL changed (`eager()`: the console's app drawing an account), the
 * observer stays on instead, for a moment and a few calls: each change's records are read, and one
 * the caller calls `urgent` (the detector: an account's credentials just drawn) is looked at in the
 * next task, not once the page is quiet, which was most of the overlay's delay after the panel
 * appears. Only then: reading records costs about as much as the page's change itself in a content
 * script's world (a wrapper per node), which is why the quiet periods read none.
 */

const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true };

/** How long after `eager()` every change is read… */
export const EAGER_MS = 1000;
/** …and in at most this many calls: a new page that changes all the time costs no more than this. */
export const EAGER_CALLS = 20;

/**
 * What the looks need of a content script's context: WXT's ContentScriptContext (the overlay) has
 * it, and so has the detector's own (./detector-context.ts), which comes without WXT's runtime.
 */
export interface LookContext {
  /** True once the extension was reloaded, updated or removed under the page: the script is orphaned. */
  readonly isInvalid: boolean;
  onInvalidated(callback: () => void): unknown;
  setTimeout(handler: () => void, timeout?: number): unknown;
}

export interface QuietLookOptions {
  /** The first quiet period after a change: a change the page makes at once is looked at twice this later. */
  quietMs: number;
  /** The longest the observer is left off while the page keeps changing (quietMs when absent). */
  maxQuietMs?: number;
  maxWaitMs: number;
  /** Called at the first change after a quiet period, before any look (at most once per period). */
  onChange?: () => void;
  /** Whether these changes call for a look without waiting for quiet. */
  urgent?: (records: readonly MutationRecord[]) => boolean;
}

export interface QuietLook {
  /** Something the observer does not see changed (the URL): look once the page is quiet. */
  changed(): void;
  /** The page is being drawn anew (loaded, or its URL changed): read every change for a moment. */
  eager(): void;
  /** No more looks; the observer is disconnected. */
  stop(): void;
}

export function watchQuietly(ctx: LookContext, target: Node, look: () => void, options: QuietLookOptions): QuietLook {
  const { quietMs, maxQuietMs = quietMs, maxWaitMs, onChange, urgent } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstChangeAt = 0;
  let eagerUntil = 0;
  let eagerCalls = 0;
  let quiet = quietMs;
  let stopped = false;
  const observer = new MutationObserver(changed);

  function later(next: () => void, ms: number) {
    clearTimeout(timer);
    timer = setTimeout(next, ms);
  }

  function listen() {
    if (!stopped) observer.observe(target, OBSERVED);
  }

  function changed(records?: readonly MutationRecord[]) {
    if (stopped) return;
    const now = Date.now();
    const first = !firstChangeAt;
    if (first) {
      firstChangeAt = now;
      onChange?.();
    }
    const overdue = now - firstChangeAt >= maxWaitMs;
    if (records && now < eagerUntil && eagerCalls > 0 && !overdue) {
      eagerCalls--;
      if (urgent?.(records)) {
        observer.disconnect();
        later(run, 0);
      } else {
        // Still listening: the next change puts the look off again, as a quiet period would.
        later(run, quietMs);
      }
      return;
    }
    observer.disconnect();
    // Still changing since the last quiet period began: wait longer this time.
    if (!first) quiet = Math.min(quiet * 2, maxQuietMs);
    if (overdue) later(run, 0);
    else later(settle, quiet);
  }

  /** The page may still be changing: listen again, and look if it stays quiet for the first period. */
  function settle() {
    listen();
    later(run, quietMs);
  }

  function run() {
    timer = undefined;
    firstChangeAt = 0;
    quiet = quietMs;
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
  return {
    changed: () => changed(),
    eager() {
      eagerUntil = Date.now() + EAGER_MS;
      eagerCalls = EAGER_CALLS;
    },
    stop,
  };
}
