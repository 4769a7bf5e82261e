import { watchHandoffChanges } from './handoff-changes';

/**
 * The listeners that bring the admin in (issue 13): the badge as handoffs change. Registered
 * synchronously at start-up (utils/background/start.ts) so each of these events can wake the worker.
 */
export function addAdminListeners(): void {
  watchHandoffChanges();
}
