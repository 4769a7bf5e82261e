import { browser } from 'wxt/browser';
import { waitsForAdmin } from '../handoff/machine';
import { isHandoffKey } from '../handoff/store';
import type { Handoff } from '../handoff/types';
import { updateBadge } from './badge';
import { serialise } from './serialise';
import { followWaiting } from './waiting-notices';

type Change = { oldValue?: unknown; newValue?: unknown };
const stateOf = (value: unknown) => (value as Handoff | undefined)?.state;
/** Whether a stored state counts on the badge; a handoff gone counts as not waiting. */
const waits = (state: Handoff['state'] | undefined) => state !== undefined && waitsForAdmin(state);

/**
 * Reacts to every change of a stored handoff's state, wherever it was made: the background's own
 * transitions, and the options page's "Clear all data", which empties storage.session without the
 * background (issue 13: the badge kept its count until the next change). storage.onChanged wakes a
 * stopped worker. The background's transitions also update the badge themselves (handoffs.ts), so
 * that one is current when applyEvent resolves; a second, serialised update costs one read.
 */
export function watchHandoffChanges(): void {
  browser.storage.onChanged.addListener((changes: Record<string, Change>, area) => {
    if (area !== 'session') return;
    let moved = false;
    for (const [key, { oldValue, newValue }] of Object.entries(changes)) {
      const before = stateOf(oldValue);
      if (!isHandoffKey(key) || before === stateOf(newValue)) continue;
      moved ||= waits(before) !== waits(stateOf(newValue));
      const id = key.slice(key.indexOf(':') + 1);
      // In order per handoff: a notice still being shown must not outlive the clear that follows it.
      void serialise(`notice:${id}`, () => followWaiting(id, before, newValue as Handoff | undefined)).catch(() => undefined);
    }
    if (moved) void updateBadge();
  });
}
