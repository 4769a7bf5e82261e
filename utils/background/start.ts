import { browser } from 'wxt/browser';
import { adoptRequestedHost, installHostPermissionListeners, retireRegisteredScripts } from '../hosts';
import { listHandoffs, restrictSessionToTrustedContexts } from '../handoff/store';
import { addAdminListeners } from './admin-listeners';
import { onAlarm } from './alarms';
import { updateBadge } from './badge';
import { route } from './router';
import { advance, kick } from './runner';

/**
 * The background's start-up. Listeners are registered synchronously, as MV3 requires for a worker
 * that may be woken by the very event it must handle; nothing is kept in globals between events.
 */
export function startBackground(): void {
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.alarms.onAlarm.addListener((alarm) => void onAlarm(alarm.name));
  installHostPermissionListeners();
  addAdminListeners();
  void restrictSessionToTrustedContexts().catch(() => undefined);
  // The chores of a new worker wait for the event that started it: Chrome stops an idle worker after
  // 30 s, and an overlay asked for on a console page then waited on them too (the bench's overlay
  // after the panel with the worker stopped, 7 runs each: 228 → 165 ms median, with the detector's
  // console-warm; docs/performance.md).
  setTimeout(startUpChores, START_UP_CHORES_DELAY_MS);
}

/** Long enough for the event that started the worker to be handled first; short beside its 30 s life. */
export const START_UP_CHORES_DELAY_MS = 300;

function startUpChores(): void {
  // A grant may have been answered while no worker ran; scripts an earlier version registered go.
  void adoptRequestedHost().catch(() => undefined);
  void retireRegisteredScripts().catch(() => undefined);
  void resumeOrphans();
  // Catches up with a change the badge missed (a worker stopped between saving a handoff and the badge).
  void updateBadge();
}

/**
 * A new worker has no work in flight, so a handoff stored as verifying or matching was left by a worker
 * that was stopped: pick it up now rather than waiting for its watchdog. Filling and submitting runs
 * live in the CRM tab and report back by themselves; their watchdog covers a lost report.
 */
async function resumeOrphans(): Promise<void> {
  for (const handoff of await listHandoffs()) {
    if (handoff.state === 'captured' || handoff.state === 'verifying' || handoff.state === 'verified') kick(handoff.id, () => advance(handoff.id));
  }
}
