import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { listAudit, isAuditKey, type AuditEntry } from '../utils/audit';
import { listHandoffs, isHandoffKey } from '../utils/handoff/store';
import type { Handoff } from '../utils/handoff/types';
import { findActiveTab, classifyPage, classifyTab, type ActiveTab, type TabPage } from '../utils/active-tab';
import { enabledCrmHosts, listCrmHosts, type CrmHostStatus } from '../utils/hosts';
import { loadLocations, locationsKey, type CachedLocations } from '../utils/locations-cache';
import { loadSettings, SETTINGS_KEY, type Settings } from '../utils/settings';

type Area = 'local' | 'session';

/**
 * A value read from storage and read again whenever a key it depends on changes, so the popup
 * and the options page show what the background does while they are open. Undefined while the
 * first read is in flight.
 */
export function useStored<T>(area: Area | readonly Area[], load: () => Promise<T>, concerns: (key: string) => boolean, deps: unknown[]): T | undefined {
  const areas: readonly string[] = typeof area === 'string' ? [area] : area;
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let generation = 0;
    const refresh = () => {
      const mine = ++generation;
      load().then(
        (next) => {
          // A slower earlier read must not overwrite a newer one.
          if (live && mine === generation) setValue(next);
        },
        (error: unknown) => console.error('Reading storage failed', error),
      );
    };
    const listener = (changes: Record<string, unknown>, areaName: string) => {
      if (areas.includes(areaName) && Object.keys(changes).some(concerns)) refresh();
    };
    browser.storage.onChanged.addListener(listener);
    refresh();
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, deps);
  return value;
}

export function useHandoffs(): Handoff[] | undefined {
  return useStored('session', listHandoffs, isHandoffKey, []);
}

export function useSettings(): Settings | undefined {
  return useStored('local', loadSettings, (key) => key === SETTINGS_KEY, []);
}

export function useLocations(host: string | undefined): CachedLocations | undefined {
  return useStored(
    'local',
    async () => (host ? loadLocations(host) : { seenAt: 0, locations: [] }),
    (key) => host !== undefined && key === locationsKey(host),
    [host],
  );
}

export function useAuditLog(): AuditEntry[] | undefined {
  return useStored('local', listAudit, isAuditKey, []);
}

/** Also follows grants and revocations made in the browser's own extension settings. */
export function useCrmHosts(): CrmHostStatus[] | undefined {
  const [permissionsChanged, setPermissionsChanged] = useState(0);
  useEffect(() => {
    const listener = () => setPermissionsChanged((count) => count + 1);
    browser.permissions.onAdded.addListener(listener);
    browser.permissions.onRemoved.addListener(listener);
    return () => {
      browser.permissions.onAdded.removeListener(listener);
      browser.permissions.onRemoved.removeListener(listener);
    };
  }, []);
  return useStored('local', listCrmHosts, (key) => key === SETTINGS_KEY, [permissionsChanged]);
}

/** The current time, again every `everyMs`: expiry times and "kept until" go stale otherwise. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export interface ActiveTabView {
  tab?: ActiveTab;
  page: TabPage;
}

/** The page the popup acts on, classified against the enabled CRM hosts (which the admin may change). */
export function useActiveTab(): ActiveTabView | undefined {
  return useStored(
    'local',
    async () => {
      const [tab, hosts] = await Promise.all([findActiveTab(), enabledCrmHosts()]);
      return tab ? { tab, page: await classifyTab(tab, hosts) } : { page: classifyPage(undefined, hosts) };
    },
    (key) => key === SETTINGS_KEY,
    [],
  );
}
