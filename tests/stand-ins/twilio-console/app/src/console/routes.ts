import type { MouseEvent } from 'react';
import { navigate } from '../shared/router.ts';

export const SUBACCOUNTS_PATH = '/us1/account/manage-account/subaccounts';
export const CREATE_SUBACCOUNT_PATH = '/us1/account/manage-account/subaccounts/create';
export const API_KEYS_PATH = '/us1/account/keys-credentials/api-keys';
export const DASHBOARD_PATHS = new Set(['/', '/us1/account/dashboard', '/us1/develop/dashboard']);

export function dashboardHref(accountSid: string): string {
  return `/?accountSid=${encodeURIComponent(accountSid)}`;
}

/** An anchor's click as the SPA handles it: modified clicks keep the browser's behaviour. */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute('href') ?? '/');
}
