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
