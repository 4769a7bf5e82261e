/**
 * Stand-in for webextension-polyfill in the bench's "no-polyfill" size variant (variants.ts): what
 * `wxt/browser` is without the polyfill. Only built to be measured, never shipped or run.
 */
export default (globalThis as unknown as { chrome: unknown }).chrome;
