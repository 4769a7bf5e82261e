import { DomError } from './errors';

export interface WaitOptions {
  /** The bound: the wait fails with a `timeout` DomError after this long. */
  timeoutMs: number;
  /** Named in the error when the bound runs out. */
  what: string;
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
  const { timeoutMs, what, signal, pollMs = 100 } = options;
  const root = options.root ?? document;
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(what));
    let done = false;
    const observer = new MutationObserver(check);
    const poll = setInterval(check, pollMs);
    const timer = setTimeout(() => finish(() => reject(new DomError('timeout', what, `after ${timeoutMs} ms`))), timeoutMs);
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
}

/**
 * Waits until `signature()` has not changed for `quietMs` while `ready()` holds: how the driver
 * knows a debounced, server-side filtered table has settled without knowing the site's timings.
 */
export async function waitForQuiet(signature: () => string, options: QuietOptions): Promise<void> {
  const { quietMs, ready = () => true } = options;
  let last = signature();
  let since = Date.now();
  await waitFor(() => {
    const now = signature();
    if (now !== last || !ready()) {
      last = now;
      since = Date.now();
      return false;
    }
    return Date.now() - since >= quietMs;
  }, { ...options, pollMs: options.pollMs ?? Math.min(100, quietMs) });
}

export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError('delay'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError('delay'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The next animation frame, or a short timeout: hidden tabs run no animation frames at all, and the
 * CRM tab is usually in the background while the admin looks at Twilio.
 */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 50);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** After a framework had a chance to re-render: one frame, then a settle period. */
export async function afterRender(settleMs: number, signal?: AbortSignal): Promise<void> {
  await nextFrame();
  await delay(settleMs, signal);
}
