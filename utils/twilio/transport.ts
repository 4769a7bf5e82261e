import ky, { isHTTPError, isNetworkError, isTimeoutError, type KyInstance, type RetryOptions } from 'ky';
import type * as z from 'zod/mini';
import { ACCOUNT_SID_PATTERN, AUTH_TOKEN_PATTERN } from './credentials';
import { TwilioApiError, type AnyTwilioOperation } from './errors';
import { TwilioErrorBody } from './schemas';

export interface TwilioRetryOptions {
  /** Retries after the first attempt (default 3, so at most 4 requests). */
  limit?: number;
  /** Longest wait a Retry-After header can impose (default 10 s); longer values are cut to this. */
  maxRetryAfterMs?: number;
  /** Longest backoff between attempts when Twilio gives no Retry-After (default 4 s). */
  backoffLimitMs?: number;
  /** Backoff before retry number `attempt` (1-based), before jitter (default 0.5 s, 1 s, 2 s, ...). */
  delayMs?: (attempt: number) => number;
}

export interface TwilioTransportOptions {
  sid: string;
  token: string;
  /** Origin of the API (https://api.twilio.com, https://accounts.twilio.com); tests point it at a stand-in. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
  /** For the whole call including retries and their waits (default 30 s). */
  totalTimeoutMs?: number;
  retry?: TwilioRetryOptions;
}

/** Paths are relative to the base URL (`2010-04-01/Accounts.json`, no leading slash). */
export interface TwilioTransport<O extends AnyTwilioOperation> {
  get<S extends z.ZodMiniType>(
    operation: O,
    schema: S,
    path: string,
    searchParams?: Record<string, string | number>,
  ): Promise<z.infer<S>>;
  post<S extends z.ZodMiniType>(operation: O, schema: S, path: string, form?: Record<string, string>): Promise<z.infer<S>>;
  delete(operation: O, path: string): Promise<void>;
}

/**
 * One pair of credentials talking to one Twilio host (DESIGN.md §3), the same way for every client:
 * Basic auth in the Authorization header only, bounded retries with backoff on 429 for every method
 * (Twilio never processed a 429'd request, errors/20429) and on 503 and lost connections for GETs
 * only (a POST or DELETE that may have reached Twilio is not repeated). Every failure is a
 * TwilioApiError carrying data only; the token lives in the header, which no error includes.
 * `caller` names the public constructor in the TypeError thrown for values that are not credentials.
 */
export function createTwilioTransport<O extends AnyTwilioOperation>(
  options: TwilioTransportOptions,
  defaultBaseUrl: string,
  caller: string,
): TwilioTransport<O> {
  const { sid, token } = options;
  // The SID goes into URL paths; callers parse both values first (utils/twilio/credentials.ts).
  if (!ACCOUNT_SID_PATTERN.test(sid)) throw new TypeError(`${caller}: sid is not an Account SID`);
  if (!AUTH_TOKEN_PATTERN.test(token)) throw new TypeError(`${caller}: token is not an Auth Token`);

  const retry = options.retry ?? {};
  const baseRetry: RetryOptions = {
    limit: retry.limit ?? 3,
    methods: ['get', 'post', 'delete'],
    afterStatusCodes: [429, 503],
    maxRetryAfter: retry.maxRetryAfterMs ?? 10_000,
    backoffLimit: retry.backoffLimitMs ?? 4_000,
    delay: retry.delayMs ?? ((attempt) => 500 * 2 ** (attempt - 1)),
    jitter: true,
    retryOnTimeout: false,
  };
  const readRetry: RetryOptions = { ...baseRetry, statusCodes: [429, 503] };
  const writeRetry: RetryOptions = {
    ...baseRetry,
    statusCodes: [429],
    // A lost connection may have carried the write to Twilio already: do not make it twice.
    shouldRetry: ({ error }) => (isNetworkError(error) ? false : undefined),
  };
  const api: KyInstance = ky.create({
    baseUrl: options.baseUrl ?? defaultBaseUrl,
    fetch: options.fetch,
    timeout: options.timeoutMs ?? 10_000,
    totalTimeout: options.totalTimeoutMs ?? 30_000,
    headers: { Authorization: `Basic ${btoa(`${sid}:${token}`)}`, Accept: 'application/json' },
    // Fresh answers only, no cookies or browser-cached HTTP auth from other accounts, no redirects
    // that could carry the Authorization header elsewhere.
    cache: 'no-store',
    credentials: 'omit',
    redirect: 'error',
  });

  async function call<S extends z.ZodMiniType>(operation: O, schema: S, request: () => Promise<unknown>): Promise<z.infer<S>> {
    let data: unknown;
    try {
      data = await request();
    } catch (error) {
      throw toTwilioApiError(error, operation);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new TwilioApiError('parse', 200, 'the answer does not have the expected shape', null, operation);
    }
    return parsed.data as z.infer<S>;
  }

  return {
    get: (operation, schema, path, searchParams) =>
      call(operation, schema, () => api.get(path, { searchParams, retry: readRetry }).json()),
    post: (operation, schema, path, form) =>
      call(operation, schema, () =>
        api.post(path, { body: form && new URLSearchParams(form), retry: writeRetry }).json(),
      ),
    async delete(operation, path) {
      try {
        await api.delete(path, { retry: writeRetry });
      } catch (error) {
        throw toTwilioApiError(error, operation);
      }
    },
  };
}

/** Turns whatever ky or fetch threw into data only: the ky error (which holds the request) is dropped. */
function toTwilioApiError<O extends AnyTwilioOperation>(error: unknown, operation: O): TwilioApiError<O> {
  if (isHTTPError(error)) {
    const status = error.response.status;
    const body = TwilioErrorBody.safeParse(error.data);
    if (body.success) {
      return new TwilioApiError(body.data.code, status, body.data.message, body.data.more_info ?? null, operation);
    }
    // i18n-ignore: an error's technical detail (kept in a reason's parameters); the admin's sentence comes from its code.
    return new TwilioApiError('parse', status, `HTTP ${status} without a Twilio error body`, null, operation);
  }
  if (isTimeoutError(error)) {
    // i18n-ignore: an error's technical detail (kept in a reason's parameters); the admin's sentence comes from its code.
    return new TwilioApiError('timeout', null, 'no answer in time', null, operation);
  }
  // fetch rejects with a TypeError when the connection fails (also with redirect: 'error').
  if (isNetworkError(error) || error instanceof TypeError) {
    // i18n-ignore: an error's technical detail (kept in a reason's parameters); the admin's sentence comes from its code.
    return new TwilioApiError('network', null, 'no answer: the connection failed', null, operation);
  }
  if (error instanceof SyntaxError) {
    // i18n-ignore: an error's technical detail (kept in a reason's parameters); the admin's sentence comes from its code.
    return new TwilioApiError('parse', 200, 'the answer is not JSON', null, operation);
  }
  // i18n-ignore: an error's technical detail (kept in a reason's parameters); the admin's sentence comes from its code.
  return new TwilioApiError('unexpected', null, error instanceof Error ? error.name : 'non-error thrown', null, operation);
}
