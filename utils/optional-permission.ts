import { browser } from 'wxt/browser';
import type { Browser } from 'wxt/browser';

/**
 * An option that is an optional API permission itself (notifications, reading the clipboard): asked
 * for from the admin's click in the options page, so installing shows no warning for it, and no
 * stored setting could say "on" while the browser has taken the permission back.
 */
export interface OptionalPermission {
  allowed(): Promise<boolean>;
  /** The browser's prompt: call it synchronously from the click, before any await. */
  allow(): Promise<boolean>;
  stop(): Promise<boolean>;
}

export function optionalPermission(permissions: Browser.runtime.ManifestPermission[]): OptionalPermission {
  const request = { permissions };
  return {
    allowed: () => browser.permissions.contains(request),
    allow: () => browser.permissions.request(request),
    stop: () => browser.permissions.remove(request),
  };
}
