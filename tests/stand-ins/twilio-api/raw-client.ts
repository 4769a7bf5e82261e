import { throwawayCertificate } from '../cert';
import type { TwilioApiStandIn, TwilioHost } from './server';
import { trustingFetch } from './trusting-fetch';

export interface Credentials {
  sid: string;
  token: string;
}

export interface RawCall {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** Basic credentials, a raw Authorization header value, or none. */
  auth?: Credentials | string | null;
  query?: Record<string, string>;
  form?: Record<string, string>;
  signal?: AbortSignal;
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * Plain HTTP calls to the stand-in, for tests of the stand-in itself (the extension's client is
 * tested separately): no retries, no parsing beyond JSON.
 */
export function rawClient(
  api: TwilioApiStandIn,
  host: TwilioHost = 'api.twilio.com',
  ca: string = throwawayCertificate().cert,
) {
  const origin = host === 'api.twilio.com' ? api.origin : api.accountsOrigin;
  const doFetch = origin.startsWith('https:') ? trustingFetch(ca) : fetch;
  return async function call({ method = 'GET', path, auth = null, query, form, signal }: RawCall): Promise<RawAnswer> {
    const url = new URL(path, origin);
    for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = {};
    if (typeof auth === 'string') headers.Authorization = auth;
    else if (auth) headers.Authorization = `Basic ${btoa(`${auth.sid}:${auth.token}`)}`;
    let body: string | undefined;
    if (form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const response = await doFetch(url, { method, headers, body, signal });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  };
}

export const credentialsOf = (account: { sid: string; authToken: string }): Credentials => ({
  sid: account.sid,
  token: account.authToken,
});
