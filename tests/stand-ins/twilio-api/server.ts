import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { throwawayCertificate, type Certificate } from '../cert';
import { routeAccounts } from './accounts-routes';
import { basicAuthSid, type InactiveAccountAnswer } from './auth';
import { ApiFault, faults } from './errors';
import { route, type ApiAnswer, type ApiRequest, type RouteOptions } from './routes';
import { createTwilioApiState, hex, type TwilioApiSeed, type TwilioApiStandInState } from './state';

export type {
  PhoneNumberSeed,
  PhoneNumberTies,
  TwilioApiSeed,
  TwilioApiStandInState,
  TwilioMessageRecord,
  TwilioTestCredentials,
} from './state';

/** The two Twilio hosts the stand-in imitates, each on a port of its own. */
export type TwilioHost = 'api.twilio.com' | 'accounts.twilio.com';

/** Faults to inject, changed by tests at run time. Counters count down as requests consume them. */
export interface TwilioApiSwitches {
  /** Answer the next N requests with 429 / 20429 (or every request). 0 = off. */
  rateLimit: number | 'always';
  /** Retry-After seconds sent with those 429s; null sends none. */
  retryAfterSeconds: number | null;
  /** Answer the next N requests with a server error (or every request). 0 = off. */
  serverError: number | 'always';
  /** 500 (20500) or 503 (20503) for those server errors. */
  serverErrorStatus: 500 | 503;
  /** Wait this long before answering each request. */
  delayMs: number;
  /** Never answer (the socket stays open until the client gives up or the stand-in closes). */
  hang: boolean;
  /** Destroy the socket without answering for the next N requests (or every request): network loss. */
  dropConnections: number | 'always';
  /** What a suspended or closed account's own credentials get: 20003/401 (default) or 20403/403. */
  inactiveAccountAnswer: InactiveAccountAnswer;
  /** Sub-accounts a parent may hold before creating one more refuses with 21480 (Twilio's default 1,000). */
  subaccountLimit: number;
  /** Apply the fault switches above only to requests whose path matches; null = every request. */
  matchPath: RegExp | null;
}

export interface RecordedRequest {
  /** Which of the two hosts received it. */
  host: TwilioHost;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Form-encoded body parameters (Twilio's POST bodies carry no secrets). */
  form: Record<string, string>;
  /** The Account SID of the Basic credentials; the token is never recorded. */
  authSid: string | null;
  /** HTTP status sent; null while hanging or when the connection was dropped. */
  status: number | null;
  outcome: 'answered' | 'dropped' | 'hanging';
  at: Date;
}

export interface TwilioApiStandIn {
  /** api.twilio.com. */
  port: number;
  /** https://127.0.0.1:PORT (http:// with protocol 'http'). */
  origin: string;
  /** accounts.twilio.com (Auth Token rotation), on a port of its own so a client that mixes up the hosts fails. */
  accountsPort: number;
  accountsOrigin: string;
  state: TwilioApiStandInState;
  switches: TwilioApiSwitches;
  /** Every request received, oldest first. */
  requests: RecordedRequest[];
  /** Master only (same SID and token) plus the seed again; switches to defaults; records cleared. */
  reset(): void;
  close(): Promise<void>;
}

export interface TwilioApiOptions {
  cert?: Certificate;
  seed?: TwilioApiSeed;
  /** 'http' only for Node clients that cannot be told to trust the throwaway certificate. */
  protocol?: 'https' | 'http';
}

export function defaultSwitches(): TwilioApiSwitches {
  return {
    rateLimit: 0,
    retryAfterSeconds: 1,
    serverError: 0,
    serverErrorStatus: 500,
    delayMs: 0,
    hang: false,
    dropConnections: 0,
    inactiveAccountAnswer: 20003,
    subaccountLimit: 1000,
    matchPath: null,
  };
}

/** Takes one use of a counting switch; true when it applies to this request. */
function take(switches: TwilioApiSwitches, key: 'rateLimit' | 'serverError' | 'dropConnections'): boolean {
  const value: number | 'always' = switches[key];
  if (value === 'always') return true;
  if (value > 0) {
    switches[key] = value - 1;
    return true;
  }
  return false;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: ApiAnswer) {
  if (answer.body === null) {
    // 204 No Content: no body, no Content-Type.
    res.writeHead(answer.status, { 'Twilio-Request-Id': `RQ${hex(16)}`, ...answer.headers });
    res.end();
    return;
  }
  const payload = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Twilio-Request-Id': `RQ${hex(16)}`,
    ...answer.headers,
  });
  res.end(payload);
}

const faultAnswer = (fault: ApiFault): ApiAnswer => ({
  status: fault.status,
  body: fault.body(),
  headers: fault.headers,
});

type Router = (state: TwilioApiStandInState, request: ApiRequest, options: RouteOptions) => ApiAnswer;

const ROUTERS: Record<TwilioHost, Router> = { 'api.twilio.com': route, 'accounts.twilio.com': routeAccounts };

/**
 * A stateful imitation of https://api.twilio.com (Accounts, IncomingPhoneNumbers, Messages) and
 * https://accounts.twilio.com (Auth Token rotation) sharing one state (DESIGN.md §3, §4), each
 * listening on 127.0.0.1 on a free port. The switches and the request record cover both.
 */
export async function startTwilioApi(options: TwilioApiOptions = {}): Promise<TwilioApiStandIn> {
  const protocol = options.protocol ?? 'https';
  const state = createTwilioApiState(options.seed);
  const switches = defaultSwitches();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  async function handle(host: TwilioHost, req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const raw = await readBody(req);
    const isForm = (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
    const form = new URLSearchParams(isForm ? raw : '');
    const record: RecordedRequest = {
      host,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      form: Object.fromEntries(form),
      authSid: basicAuthSid(req.headers.authorization),
      status: null,
      outcome: 'hanging',
      at: new Date(),
    };
    requests.push(record);

    const faulty = switches.matchPath === null || switches.matchPath.test(url.pathname);
    if (faulty && take(switches, 'dropConnections')) {
      record.outcome = 'dropped';
      req.socket.destroy();
      return;
    }
    if (faulty && switches.hang) return;
    if (faulty && switches.delayMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, switches.delayMs);
        timers.add(timer);
      });
      if (res.destroyed) return;
    }

    let answer: ApiAnswer;
    if (faulty && take(switches, 'rateLimit')) {
      answer = faultAnswer(faults.tooManyRequests(switches.retryAfterSeconds));
    } else if (faulty && take(switches, 'serverError')) {
      answer = faultAnswer(
        switches.serverErrorStatus === 503 ? faults.serviceUnavailable() : faults.internalError(),
      );
    } else {
      try {
        answer = ROUTERS[host](
          state,
          {
            method: record.method,
            path: url.pathname,
            query: url.searchParams,
            form,
            authorization: req.headers.authorization,
          },
          { inactiveAccountAnswer: switches.inactiveAccountAnswer, subaccountLimit: switches.subaccountLimit },
        );
      } catch (error) {
        if (!(error instanceof ApiFault)) {
          // A bug in the stand-in: answer as Twilio would, and make it visible in the test output.
          console.error('twilio-api stand-in:', error);
        }
        answer = faultAnswer(error instanceof ApiFault ? error : faults.internalError());
      }
    }
    record.status = answer.status;
    record.outcome = 'answered';
    send(res, answer);
  }

  const cert = protocol === 'https' ? (options.cert ?? throwawayCertificate()) : null;
  async function listen(host: TwilioHost) {
    const listener = (req: IncomingMessage, res: ServerResponse) => {
      handle(host, req, res).catch((error: unknown) => {
        console.error('twilio-api stand-in:', error);
        res.destroy();
      });
    };
    const server = cert ? createHttpsServer({ ...cert }, listener) : createHttpServer(listener);
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return { server, port: (server.address() as AddressInfo).port };
  }
  const api = await listen('api.twilio.com');
  const accounts = await listen('accounts.twilio.com');
  const servers = [api.server, accounts.server];

  return {
    port: api.port,
    origin: `${protocol}://127.0.0.1:${api.port}`,
    accountsPort: accounts.port,
    accountsOrigin: `${protocol}://127.0.0.1:${accounts.port}`,
    state,
    switches,
    requests,
    reset() {
      state.reset();
      Object.assign(switches, defaultSwitches());
      requests.length = 0;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      const closed = servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
      for (const socket of sockets) socket.destroy();
      for (const server of servers) server.closeAllConnections();
      await Promise.all(closed);
    },
  };
}
