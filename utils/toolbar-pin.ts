import { browser } from 'wxt/browser';

type UserSettings = { isOnToolbar?: boolean };
/** Chrome's `action.getUserSettings` (91+) and `onUserSettingsChanged` (130+); not in the polyfill's types. */
type ActionWithUserSettings = {
  getUserSettings?: () => Promise<UserSettings>;
  onUserSettingsChanged?: { addListener(listener: () => void): void; removeListener(listener: () => void): void };
};

/**
 * Whether the admin has pinned the toolbar icon: true or false where the browser says (Chrome),
 * undefined where it does not (Firefox, Chrome before 91), so the welcome page only confirms, never
 * claims.
 */
export async function isPinned(): Promise<boolean | undefined> {
  const action = browser.action as unknown as ActionWithUserSettings;
  if (typeof action.getUserSettings !== 'function') return undefined;
  try {
    return (await action.getUserSettings()).isOnToolbar;
  } catch {
    return undefined;
  }
}

/** Calls `listener` when the pin may have changed; returns the clean-up. */
export function onPinChange(listener: () => void): () => void {
  const event = (browser.action as unknown as ActionWithUserSettings).onUserSettingsChanged;
  event?.addListener(listener);
  // Before Chrome 130 nothing tells: look again when the admin comes back to the page.
  window.addEventListener('focus', listener);
  return () => {
    event?.removeListener(listener);
    window.removeEventListener('focus', listener);
  };
}
