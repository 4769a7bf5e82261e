import type { ComponentChildren } from 'preact';

/** A one-sentence lesson where a list would be. */
export function EmptyState({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
