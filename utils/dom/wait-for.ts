import { DomError } from './errors';

export interface WaitOptions {
  /** The bound: the wait fails with a `timeout` DomError after this long. */
  timeoutMs: number;
  /** Named in the error when the bound runs out. */
  what: string;
  /** The name the page or the site's profile gives it, kept in the error too (DomErrorFacts). */
  name?: string;
  /** Where changes are watched; the whole document by default. */
  root?: Node;
  signal?: AbortSignal;
  /**
   * Polling as well as watching mutations, for changes no mutation reports (input values, styles
   * applied by a class elsewhere). Background tabs clamp timers to about 1 s; mutations still arrive.
   */
  pollMs?: number;
}

function abortError(what: string): DomError {
  return new DomError('aborted', what);
}

/**
 * Resolves with the first truthy value `probe` returns, checked now, on every DOM mutation under
 * `root`, and every `pollMs`. A probe that throws ends the wait with its error.
 */
export function waitFor<T>(probe: () => T | null | undefined | false, options: WaitOptions): Promise<T> {
  const { timeoutMs, what, name, signal, pollMs = 100 } = options;
  const root = options.root ?? document;
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(what));
    let done = false;
    const observer = new MutationObserver(check);
    const poll = setInterval(check, pollMs);
    const timer = setTimeout(() => finish(() => reject(new DomError('timeout', what, { waitedMs: timeoutMs, ...(name !== undefined && { name }) }))), timeoutMs);
    const onAbort = () => finish(() => reject(abortError(what)));
    signal?.addEventListener('abort', onAbort);

    function finish(settle: () => void) {
      if (done) return;
      done = true;
      observer.disconnect();
      clearInterval(poll);
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    }

    function check() {
      if (done) return;
      let value: T | null | undefined | false;
      try {
        value = probe();
      } catch (error) {
        finish(() => reject(error));
        return;
      }
      if (value) finish(() => resolve(value as T));
    }

    observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
    check();
  });
}

export interface QuietOptions extends WaitOptions {
  /** How long `signature` must stay the same. */
  quietMs: number;
  /** Extra condition that must hold at the end of the quiet period (e.g. no loader showing). */
  ready?: () => boolean;
  /**
   * The page's own sign that it is done (its loader came and went, the rows answer the query): ends
   * the wait at once, without the quiet period, which is only for pages that give no such sign.
   */
  answered?: () => boolean;
}

/**
 * Waits until the page said it is done (`answered`), or else until `signature()` has not changed for
 * `quietMs` while `ready()` holds: how the driver knows a debounced, server-side filtered table has
 * settled without knowing the site's timings.
 */
export async function waitForQuiet(signature: () => string, options: QuietOptions): Promise<void> {
  const { quietMs, ready = () => true, answered } = options;
  let last = signature();
  let since = Date.now();
  await waitFor(() => {
    if (answered?.()) return true;
    const now = signature();
    if (now !== last || !ready()) {
      last = now;
      since = Date.now();
      return false;
    }
    return Date.now() - since >= quietMs;
  }, { ...options, pollMs: options.pollMs ?? Math.min(100, quietMs) });
}

/**
 * The next task, after every microtask queued before it (Vue and Preact re-render in microtasks,
 * React's input events too). A message, not a timer: background tabs hold timers back to about one
 * a second, never messages.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(0);
  });
}

/**
 * The next animation frame where the page is shown (50 ms at most). A hidden tab runs no frames, so
 * neither do the renderers that wait for them: there it is now, not after the 1 s timer clamp.
 */
export function shownFrame(doc: Document): Promise<void> {
  return new Promise((resolve) => {
    if (doc.hidden) return resolve();
    // Whichever comes first settles it.
    setTimeout(resolve, 50);
    requestAnimationFrame(() => resolve());
  });
}
