import { useLayoutEffect } from 'preact/hooks';
import { waitsForAdmin } from '../utils/handoff/machine';
import type { Handoff } from '../utils/handoff/types';
import { HandoffItem } from './HandoffItem';

/** Performance mark set once per page, when a non-empty list is first in the DOM (`npm run bench`, issue 5 item 5). */
export const LIST_RENDERED_MARK = 'handoff-list-rendered';

/**
 * `first`: the handoff a click on its system notification opened the popup for (`popup.html#<id>`,
 * utils/background/waiting-notices.ts), shown before the others.
 */
export function HandoffList({ handoffs, now, first }: { handoffs: readonly Handoff[]; now: number; first?: string }) {
  const shown = handoffs.length > 0;
  // A layout effect runs right after the list is committed to the DOM, before the browser paints it.
  useLayoutEffect(() => {
    if (shown && performance.getEntriesByName(LIST_RENDERED_MARK).length === 0) performance.mark(LIST_RENDERED_MARK);
  }, [shown]);
  // The handoffs the toolbar badge counts come first, so the popup opens on one that waits for the
  // admin; each group keeps its order (newest first; sort is stable).
  const rank = (handoff: Handoff) => (handoff.id === first ? 0 : waitsForAdmin(handoff.state) ? 1 : 2);
  const ordered = [...handoffs].sort((a, b) => rank(a) - rank(b));
  return (
    <ul class="handoffs">
      {ordered.map((handoff) => (
        <li key={handoff.id}>
          <HandoffItem handoff={handoff} now={now} />
        </li>
      ))}
    </ul>
  );
}
