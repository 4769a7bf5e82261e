import { loadHandoff, wipeToken } from '../handoff/store';
import { CLIPBOARD_ALARM } from '../clipboard/shared';
import { onClearAlarm } from './clipboard';
import { applyEvent } from './handoffs';
import { kick, recover } from './runner';

/**
 * Alarms outlive a stopped service worker: `expire:<id>` wipes a token when its lifetime ends, and
 * `watch:<id>` resumes a handoff that stopped moving (DESIGN.md §2, issue 3 item 3), and
 * `clipboard-clear` clears a copied Auth Token (utils/background/clipboard.ts).
 */
export async function onAlarm(name: string): Promise<void> {
  if (name === CLIPBOARD_ALARM) {
    await onClearAlarm();
    return;
  }
  const [kind, id] = name.split(':', 2) as [string, string | undefined];
  if (!id) return;
  if (kind === 'expire') {
    await wipeToken(id);
    const handoff = await loadHandoff(id);
    if (handoff) await applyEvent(id, { type: 'expire' });
  } else if (kind === 'watch') {
    kick(id, () => recover(id));
  }
}
