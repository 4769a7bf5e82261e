import ky, { isHTTPError, isNetworkError, isTimeoutError, type KyInstance, type RetryOptions } from 'ky';
import type * as z from 'zod/mini';
import { ACCOUNT_SID_PATTERN, AUTH_TOKEN_PATTERN } from './credentials';
import { TwilioApiError, type TwilioOperation } from './errors';
import {
  IncomingPhoneNumberPage,
  TwilioAccount,
  TwilioErrorBody,
  TwilioMessage,
} from './schemas';

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

export interface TwilioClientOptions {
  sid: string;
  token: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
  /** For the whole call including retries and their waits (default 30 s). */
  totalTimeoutMs?: number;
  retry?: TwilioRetryOptions;
}

export interface SendMessageInput {
  /** E.164. */
  to: string;
  /** E.164, a number of this account. */
  from: string;
  body: string;
}

export interface TwilioClient {
  readonly sid: string;
  /** The account of these credentials, checked with the credentials themselves. Never carries the token. */
  fetchAccount(): Promise<TwilioAccount>;
  /** One page of the account's phone numbers (oldest first, as Twilio lists them). */
  listIncomingNumbers(options?: { pageSize?: number }): Promise<IncomingPhoneNumberPage>;
  sendMessage(message: SendMessageInput): Promise<TwilioMessage>;
}

const API = '2010-04-01';

/**
 * A Twilio REST client for one pair of credentials (DESIGN.md §3): Basic auth, form-encoded bodies,
 * bounded retries with backoff on 429 (every method: Twilio never processed a 429'd request,
 * errors/20429) and on 503 and lost connections for GETs only (a POST that may have reached Twilio
 * is not repeated). Every failure is a TwilioApiError; the token lives only in the Authorization
 * header, which no error or log line includes.
 */
export function createTwilioClient(options: TwilioClientOptions): TwilioClient {
  const { sid, token, baseUrl = 'https://api.twilio.com' } = options;
  // The SID goes into URL paths; the caller parses both values first (utils/twilio/credentials.ts).
  if (!ACCOUNT_SID_PATTERN.test(sid)) throw new TypeError('createTwilioClient: sid is not an Account SID');
  if (!AUTH_TOKEN_PATTERN.test(token)) throw new TypeError('createTwilioClient: token is not an Auth Token');

  const retry = options.retry ?? {};
  const baseRetry: RetryOptions = {
    limit: retry.limit ?? 3,
    methods: ['get', 'post'],
    afterStatusCodes: [429, 503],
    maxRetryAfter: retry.maxRetryAfterMs ?? 10_000,
    backoffLimit: retry.backoffLimitMs ?? 4_000,
    delay: retry.delayMs ?? ((attempt) => 500 * 2 ** (attempt - 1)),
    jitter: true,
    retryOnTimeout: false,
  };
  const api: KyInstance = ky.create({
    baseUrl,
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

  async function call<S extends z.ZodMiniType>(
    operation: TwilioOperation,
    schema: S,
    request: (kyApi: KyInstance) => Promise<unknown>,
  ): Promise<z.infer<S>> {
    let data: unknown;
    try {
      data = await request(api);
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
    sid,
    async fetchAccount() {
      const account = await call('fetch-account', TwilioAccount, (kyApi) =>
        kyApi.get(`${API}/Accounts/${sid}.json`, { retry: { ...baseRetry, statusCodes: [429, 503] } }).json(),
      );
      if (account.sid !== sid) {
        throw new TwilioApiError('parse', 200, 'the answer is about another account', null, 'fetch-account');
      }
      return account;
    },
    listIncomingNumbers({ pageSize = 50 } = {}) {
      return call('list-numbers', IncomingPhoneNumberPage, (kyApi) =>
        kyApi
          .get(`${API}/Accounts/${sid}/IncomingPhoneNumbers.json`, {
            searchParams: { PageSize: pageSize },
            retry: { ...baseRetry, statusCodes: [429, 503] },
          })
          .json(),
      );
    },
    sendMessage({ to, from, body }) {
      return call('send-message', TwilioMessage, (kyApi) =>
        kyApi
          .post(`${API}/Accounts/${sid}/Messages.json`, {
            body: new URLSearchParams({ To: to, From: from, Body: body }),
            retry: {
              ...baseRetry,
              statusCodes: [429],
              // A lost connection may have delivered the message already: do not send it twice.
              shouldRetry: ({ error }) => (isNetworkError(error) ? false : undefined),
            },
          })
          .json(),
      );
    },
  };
}

/** Turns whatever ky or fetch threw into data only: the ky error (which holds the request) is dropped. */
function toTwilioApiError(error: unknown, operation: TwilioOperation): TwilioApiError {
  if (isHTTPError(error)) {
    const status = error.response.status;
    const body = TwilioErrorBody.safeParse(error.data);
    if (body.success) {
      return new TwilioApiError(body.data.code, status, body.data.message, body.data.more_info ?? null, operation);
    }
    return new TwilioApiError('parse', status, `HTTP ${status} without a Twilio error body`, null, operation);
  }
  if (isTimeoutError(error)) {
    return new TwilioApiError('timeout', null, 'no answer in time', null, operation);
  }
  // fetch rejects with a TypeError when the connection fails (also with redirect: 'error').
  if (isNetworkError(error) || error instanceof TypeError) {
    return new TwilioApiError('network', null, 'no answer: the connection failed', null, operation);
  }
  if (error instanceof SyntaxError) {
    return new TwilioApiError('parse', 200, 'the answer is not JSON', null, operation);
  }
  return new TwilioApiError('unexpected', null, error instanceof Error ? error.name : 'non-error thrown', null, operation);
}
