import type { LookContext } from './quiet-look';

/**
 * The detector's context, without WXT's content-script runtime: that runtime reaches the extension
 * APIs through the webextension polyfill (2.5 kB gzipped, and the most of the detector's start-up
 * time on a console page, measured: docs/performance.md), for what the detector needs of it, which
 * is this. A detector left in a page by an extension that was reloaded, updated or removed finds its
 * runtime gone (`runtime.id` undefined) at its next look, and stops.
 */
export function detectorContext(runtime: () => { id?: string } | undefined): LookContext {
  const stops: Array<() => void> = [];
  let invalid = false;
  return {
    get isInvalid() {
      if (!invalid && !runtime()?.id) {
        invalid = true;
        for (const stop of stops.splice(0)) stop();
      }
      return invalid;
    },
    onInvalidated(callback) {
      stops.push(callback);
    },
    setTimeout(handler, timeout) {
      return setTimeout(() => {
        if (!this.isInvalid) handler();
      }, timeout);
    },
  };
}
