import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => window.location.href;

/** The current URL; re-renders on pushState navigations made through `navigate` and on back/forward. */
export function useUrl(): URL {
  return new URL(useSyncExternalStore(subscribe, snapshot));
}

/** A client-side route change, as the real console's SPA does: no page load. */
export function navigate(to: string): void {
  window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}
