import { createContext, useContext, type MouseEvent } from 'react';
import type { ConsoleRegion } from '../../../wire.ts';
import { navigate } from '../shared/router.ts';

/**
 * The console's routes, under the region it is in (`/us1/…`, `/ie1/…`), as the real console puts
 * them. The console's root (`/`) names no region and shows the dashboard.
 */
export interface ConsolePaths {
  /** `/ie1`: the start of every route. */
  prefix: string;
  dashboards: ReadonlySet<string>;
  subaccounts: string;
  createSubaccount: string;
  apiKeys: string;
  /** The legacy settings page inside the console's frame. */
  generalSettings: string;
}

export function consolePaths(region: ConsoleRegion): ConsolePaths {
  const prefix = `/${region}`;
  return {
    prefix,
    dashboards: new Set(['/', `${prefix}/account/dashboard`, `${prefix}/develop/dashboard`]),
    subaccounts: `${prefix}/account/manage-account/subaccounts`,
    createSubaccount: `${prefix}/account/manage-account/subaccounts/create`,
    apiKeys: `${prefix}/account/keys-credentials/api-keys`,
    generalSettings: `${prefix}/account/manage-account/general-settings?frameUrl=%2Fconsole%2Fproject%2Fsettings`,
  };
}

/** The paths of the region the session is in; ConsoleApp provides them once the session is loaded. */
export const PathsContext = createContext<ConsolePaths>(consolePaths('us1'));
export const usePaths = (): ConsolePaths => useContext(PathsContext);

export function dashboardHref(accountSid: string): string {
  return `/?accountSid=${encodeURIComponent(accountSid)}`;
}

/** An anchor's click as the SPA handles it: modified clicks keep the browser's behaviour. */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute('href') ?? '/');
}
