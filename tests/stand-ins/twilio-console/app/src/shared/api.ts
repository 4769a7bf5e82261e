import type {
  AccountResponse,
  AccountSummary,
  ApiErrorBody,
  ApiKeysResponse,
  AuthTokenResponse,
  SessionResponse,
  SubaccountsResponse,
} from '../../../wire.ts';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: number, message: string) {
    super(message);
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) },
    ...init,
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = body as Partial<ApiErrorBody> | undefined;
    throw new ApiError(response.status, error?.code ?? 0, error?.message ?? `Request failed (${response.status})`);
  }
  return body as T;
}

export const api = {
  session: () => request<SessionResponse>('/api/session'),
  switchAccount: (accountSid: string) =>
    request<SessionResponse>('/api/session/account', { method: 'POST', body: JSON.stringify({ accountSid }) }),
  subaccounts: () => request<SubaccountsResponse>('/api/subaccounts'),
  createSubaccount: (friendlyName: string) =>
    request<AccountSummary>('/api/subaccounts', { method: 'POST', body: JSON.stringify({ friendlyName }) }),
  account: (sid: string) => request<AccountResponse>(`/api/accounts/${encodeURIComponent(sid)}`),
  apiKeys: (sid: string) => request<ApiKeysResponse>(`/api/accounts/${encodeURIComponent(sid)}/keys`),
  authToken: (sid: string, credentials: 'live' | 'test' = 'live') =>
    request<AuthTokenResponse>(
      `/api/accounts/${encodeURIComponent(sid)}/auth-token${credentials === 'test' ? '?credentials=test' : ''}`,
    ).then((body) => body.authToken),
};

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}
