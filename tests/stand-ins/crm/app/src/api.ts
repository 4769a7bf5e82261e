import type { CrmErrorBody } from '../../wire';
import { session } from './session';

/** A non-2xx answer of the CRM backend, carrying the message it sent. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
  });
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    if (response.status === 401) session.expired = true;
    const message = (data as Partial<CrmErrorBody> | undefined)?.message ?? `Request failed (${response.status})`;
    throw new ApiError(response.status, message);
  }
  return data as T;
}
