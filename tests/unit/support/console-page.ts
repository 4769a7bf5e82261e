import { afterEach, beforeEach, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';

/** Moves happy-dom's page to `url` (location.href, history) without loading anything. */
export function setPageUrl(url: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}

/**
 * For a console script's tests: fake timers, a console page at `url` whose body is an empty
 * `<main id="app">`, and a fresh content-script context per test, invalidated after it.
 */
export function useConsolePage(url: string): { readonly ctx: ContentScriptContext } {
  const page = {} as { ctx: ContentScriptContext };
  beforeEach(() => {
    vi.useFakeTimers();
    setPageUrl(url);
    document.body.innerHTML = '<main id="app"></main>';
    page.ctx = new ContentScriptContext('twilio');
  });
  afterEach(() => {
    page.ctx.abort();
    vi.useRealTimers();
    document.body.innerHTML = '';
  });
  return page;
}

/** Lets MutationObserver callbacks (microtasks) run, then moves the clock. */
export async function elapse(ms: number): Promise<void> {
  await Promise.resolve();
  await vi.advanceTimersByTimeAsync(ms);
}
