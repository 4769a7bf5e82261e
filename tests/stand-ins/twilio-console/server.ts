import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { throwawayCertificate, type Certificate } from '../cert.ts';
import type { TwilioAccountRecord, TwilioApiState } from '../types.ts';
import { buildConsoleApp } from './build.ts';
import {
  ACCOUNT_COOKIE,
  type AccountInfoVariant,
  type AccountResponse,
  type AccountSummary,
  type ApiErrorBody,
  type ApiKeysResponse,
  type ApiKeysTestLabels,
  type ConsoleFlags,
  type ConsoleRegion,
  type LegacyVariant,
  type SessionResponse,
  type ShowControl,
} from './wire.ts';

export type { AccountInfoVariant, ApiKeysTestLabels, ConsoleRegion, LegacyVariant, ShowControl } from './wire.ts';

/** What the stand-in shows; mutable, read on every request (a page load picks up the change). */
export interface ConsoleSwitches {
  /** Markup of the new console's Account Info panel. */
  variant: AccountInfoVariant;
  /** Markup of the legacy www.twilio.com/console/project/settings page. */
  legacyVariant: LegacyVariant;
  /** The Auth Token is shown from the start (fetched with the page), no Show needed. */
  tokenVisible: boolean;
  /** The Show/eye control is there but disabled, and the token endpoint answers 403. */
  revealDisabled: boolean;
  /** No Show/eye control at all (masked only), and the token endpoint answers 403. */
  revealHidden: boolean;
  /** The legacy page also lists TEST credentials (another SID and token) next to the LIVE ones. */
  legacyTestCredentials: boolean;
  /** How the paste-card panel draws its Show / Hide control: a button, `<a href="#">`, role=link. */
  showControl: ShowControl;
  /** Labels of the API keys page's Test section: "Test Account SID", or plain under its heading. */
  apiKeysTestLabels: ApiKeysTestLabels;
  /**
   * The Twilio Region the console is in: its routes live under `/<region>/…`, framed legacy pages get
   * `x-target-region=<region>`, the header says "Region: IE1 (Ireland)", and the Auth Tokens it shows
   * are that region's (another value than the US1 token of the same account, as on the real console).
   */
  region: ConsoleRegion;
  /** Delay of the account data and subaccount list responses: the panel appears late. */
  delayMs: number;
  /** Delay of the Auth Token response (after Show is clicked). */
  tokenDelayMs: number;
  /** The Auth Token endpoint answers 500: Show ends in an error message. */
  tokenFetchFails: boolean;
  /**
   * The pages send neither `frame-ancestors` nor `X-Frame-Options`, so any site may frame them. The
   * hardening review framed www.twilio.com/console pages from another site; the extension must not
   * rely on the site's headers to keep its overlay out of a stranger's frame.
   */
  frameableByAnySite: boolean;
}

/** One Auth Token handed to a page (Show, copy, or tokenVisible). */
export interface TokenReveal {
  accountSid: string;
  credentials: 'live' | 'test';
  host: string;
}

export interface ConsoleStandIn {
  port: number;
  /** Host names to map onto 127.0.0.1:port. */
  hosts: readonly ['console.twilio.com', 'www.twilio.com'];
  switches: ConsoleSwitches;
  reveals: TokenReveal[];
  /** Switches back to their defaults, reveals cleared. Accounts belong to the API state. */
  reset(): void;
  close(): Promise<void>;
}

export const CONSOLE_HOST = 'console.twilio.com';
export const LEGACY_HOST = 'www.twilio.com';
/** www.twilio.com's home page: the marketing site, outside the console. */
export const WWW_HOME_URL = `https://${LEGACY_HOST}/`;
export const SUBACCOUNTS_URL = `https://${CONSOLE_HOST}/us1/account/manage-account/subaccounts`;
export const LEGACY_SETTINGS_URL = `https://${LEGACY_HOST}/console/project/settings`;
export const FRAMED_SETTINGS_URL = framedSettingsUrl('us1');
export function dashboardUrl(accountSid?: string): string {
  return accountSid ? `https://${CONSOLE_HOST}/?accountSid=${encodeURIComponent(accountSid)}` : `https://${CONSOLE_HOST}/`;
}

/** A new console page under its region prefix, e.g. `consoleUrl('ie1', '/account/dashboard', sid)`. */
export function consoleUrl(region: ConsoleRegion, path: string, accountSid?: string): string {
  const query = accountSid ? `?accountSid=${encodeURIComponent(accountSid)}` : '';
  return `https://${CONSOLE_HOST}/${region}${path}${query}`;
}
export const API_KEYS_PATH = '/account/keys-credentials/api-keys';
export function framedSettingsUrl(region: ConsoleRegion): string {
  return `${consoleUrl(region, '/account/manage-account/general-settings')}?frameUrl=%2Fconsole%2Fproject%2Fsettings`;
}

/** The Auth Token a console in `region` shows for an account whose US1 token is `token`. */
export function regionalToken(token: string, region: ConsoleRegion): string {
  return region === 'us1' ? token : hex32(`${region}:${token}`);
}

export function defaultSwitches(): ConsoleSwitches {
  return {
    variant: 'paste-card',
    legacyVariant: 'table',
    tokenVisible: false,
    revealDisabled: false,
    revealHidden: false,
    legacyTestCredentials: true,
    showControl: 'button',
    apiKeysTestLabels: 'prefixed',
    region: 'us1',
    delayMs: 0,
    tokenDelayMs: 0,
    tokenFetchFails: false,
    frameableByAnySite: false,
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * www.twilio.com outside the legacy settings page: the marketing home page, and the site's "page not
 * found" for any other path (under /console/ too, where the console content script's match patterns
 * reach). Plain HTML: nothing in them is what the tests look at, only where they are.
 */
const WWW_HOME_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Twilio | Communication APIs for SMS, Voice, Video &amp; Authentication</title><link rel="icon" href="data:,"></head>
<body style="margin:0;font:16px/1.5 system-ui,sans-serif;color:#121c2d">
<header style="display:flex;gap:24px;align-items:center;padding:16px 32px;border-bottom:1px solid #e1e3ea">
<strong style="color:#f22f46">twilio</strong><nav style="display:flex;gap:16px"><a href="/products">Products</a><a href="/docs">Docs</a><a href="/pricing">Pricing</a></nav>
<a href="https://${CONSOLE_HOST}/" style="margin-left:auto">Log in</a></header>
<main style="padding:48px 32px"><h1>Build personalized customer engagement</h1><p>Messaging, voice, email and identity APIs for every step of the customer journey.</p></main>
</body></html>`;
const WWW_NOT_FOUND_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Page not found | Twilio</title><link rel="icon" href="data:,"></head>
<body style="margin:0;font:16px/1.5 system-ui,sans-serif;color:#121c2d"><main style="padding:48px 32px">
<h1>Page not found</h1><p>The page you are looking for may have moved. <a href="/">Go to twilio.com</a></p></main></body></html>`;

const LEGACY_PAGES = new Set(['/console/project/settings', '/console/project/settings/']);
const ACCOUNT_PATH = /^\/api\/accounts\/([^/]+)$/;
const TOKEN_PATH = /^\/api\/accounts\/([^/]+)\/auth-token$/;
const KEYS_PATH = /^\/api\/accounts\/([^/]+)\/keys$/;

class HttpError extends Error {
  constructor(readonly status: number, readonly code: number, message: string) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const hex32 = (seed: string) => createHash('sha256').update(seed).digest('hex').slice(0, 32);

/**
 * The shared state, plus what the Twilio API stand-in's state has beyond it (used when present, so a
 * bare TwilioApiState works too).
 */
export type ConsoleApiState = TwilioApiState & {
  testCredentials?(accountSid: string): { sid: string; token: string };
};

/** The account's test credentials: the API stand-in's when it has them, else derived and stable. */
function testCredentials(api: ConsoleApiState, sid: string): { sid: string; authToken: string } {
  if (api.testCredentials) {
    const pair = api.testCredentials(sid);
    return { sid: pair.sid, authToken: pair.token };
  }
  return { sid: `AC${hex32(`test-sid:${sid}`)}`, authToken: hex32(`test-token:${sid}`) };
}

function summary(record: TwilioAccountRecord): AccountSummary {
  return {
    sid: record.sid,
    friendlyName: record.friendlyName,
    status: record.status,
    type: record.type,
    ownerAccountSid: record.ownerAccountSid,
    dateCreated: record.dateCreated.toISOString(),
    isSubaccount: record.ownerAccountSid !== record.sid,
  };
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function hostOf(request: IncomingMessage): string {
  return (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) throw new HttpError(413, 0, 'Request body too large');
    chunks.push(chunk);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HttpError(400, 0, 'Expected a JSON object');
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}

/**
 * The Twilio console stand-in: the new console (console.twilio.com) and the legacy settings page
 * (www.twilio.com/console/project/settings) from one HTTPS server, chosen by the Host header, with the
 * JSON backend their React pages call. The selected account is a cookie (`tw-console-account`,
 * Domain=twilio.com) set when the new console switches into an account; the legacy page reads it, or
 * an explicit `?accountSid=`.
 */
export async function startTwilioConsole(options: { api: ConsoleApiState; cert?: Certificate }): Promise<ConsoleStandIn> {
  const { api } = options;
  const root = await buildConsoleApp();
  const pages = {
    console: await readFile(join(root, 'console.html'), 'utf8'),
    legacy: await readFile(join(root, 'legacy.html'), 'utf8'),
    home: WWW_HOME_PAGE,
    notFound: WWW_NOT_FOUND_PAGE,
  };
  const switches = defaultSwitches();
  const reveals: TokenReveal[] = [];

  const flags = (): ConsoleFlags => ({
    variant: switches.variant,
    legacyVariant: switches.legacyVariant,
    tokenVisible: switches.tokenVisible,
    revealDisabled: switches.revealDisabled,
    revealHidden: switches.revealHidden,
    legacyTestCredentials: switches.legacyTestCredentials,
    showControl: switches.showControl,
    apiKeysTestLabels: switches.apiKeysTestLabels,
    region: switches.region,
  });

  /** The logged-in user sees the main account and its sub-accounts, nothing else. */
  const visibleAccount = (sid: string): TwilioAccountRecord | undefined => {
    const record = api.findAccount(sid);
    return record && (record.sid === api.master.sid || record.ownerAccountSid === api.master.sid) ? record : undefined;
  };
  const requireAccount = (sid: string): TwilioAccountRecord => {
    const record = visibleAccount(sid);
    if (!record) throw new HttpError(404, 20404, `The requested resource /Accounts/${sid} was not found`);
    return record;
  };
  const session = (current: TwilioAccountRecord): SessionResponse => ({
    master: summary(api.master),
    current: summary(current),
    flags: flags(),
  });
  const currentAccount = (request: IncomingMessage): TwilioAccountRecord => {
    const sid = cookieValue(request, ACCOUNT_COOKIE);
    return (sid && visibleAccount(sid)) || api.master;
  };

  async function handleApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = request.method ?? 'GET';
    const path = url.pathname;

    if (path === '/api/session' && method === 'GET') {
      sendJson(response, 200, session(currentAccount(request)));
      return;
    }
    if (path === '/api/session/account' && method === 'POST') {
      const body = await readJson(request);
      const record = requireAccount(String(body.accountSid ?? ''));
      const host = hostOf(request);
      const domain = host.endsWith('twilio.com') ? '; Domain=twilio.com' : '';
      sendJson(response, 200, session(record), {
        'set-cookie': `${ACCOUNT_COOKIE}=${record.sid}; Path=/; Secure; SameSite=Lax${domain}`,
      });
      return;
    }
    if (path === '/api/subaccounts' && method === 'GET') {
      await sleep(switches.delayMs);
      const accounts = api.listSubaccounts(api.master.sid).map(summary).reverse();
      sendJson(response, 200, { accounts });
      return;
    }
    if (path === '/api/subaccounts' && method === 'POST') {
      const body = await readJson(request);
      const friendlyName = typeof body.friendlyName === 'string' ? body.friendlyName.trim() : '';
      if (!friendlyName) throw new HttpError(400, 21201, 'A friendly name is required.');
      if (friendlyName.length > 64) throw new HttpError(400, 21201, 'The friendly name can be at most 64 characters.');
      sendJson(response, 201, summary(api.createAccount(friendlyName, api.master.sid)));
      return;
    }
    const accountMatch = ACCOUNT_PATH.exec(path);
    if (accountMatch && method === 'GET') {
      await sleep(switches.delayMs);
      const record = requireAccount(decodeURIComponent(accountMatch[1] ?? ''));
      const body: AccountResponse = {
        account: summary(record),
        testAccountSid: testCredentials(api, record.sid).sid,
        phoneNumbers: (api.listPhoneNumbers?.(record.sid) ?? []).map((number) => number.friendlyName),
      };
      sendJson(response, 200, body);
      return;
    }
    const tokenMatch = TOKEN_PATH.exec(path);
    if (tokenMatch && method === 'GET') {
      await sleep(switches.tokenDelayMs);
      const record = requireAccount(decodeURIComponent(tokenMatch[1] ?? ''));
      if ((switches.revealDisabled || switches.revealHidden) && !switches.tokenVisible) {
        throw new HttpError(403, 20403, 'You do not have permission to view the Auth Token of this account.');
      }
      if (switches.tokenFetchFails) throw new HttpError(500, 20500, 'An internal server error has occurred.');
      const credentials = url.searchParams.get('credentials') === 'test' ? 'test' : 'live';
      reveals.push({ accountSid: record.sid, credentials, host: hostOf(request) });
      const token = credentials === 'test' ? testCredentials(api, record.sid).authToken : record.authToken;
      sendJson(response, 200, { authToken: regionalToken(token, switches.region) });
      return;
    }
    const keysMatch = KEYS_PATH.exec(path);
    if (keysMatch && method === 'GET') {
      const record = requireAccount(decodeURIComponent(keysMatch[1] ?? ''));
      const body: ApiKeysResponse = {
        keys: [
          { name: 'CRM integration', type: 'Standard' as const },
          { name: 'Reporting (read only)', type: 'Restricted' as const },
        ].map((key, i) => ({
          sid: `SK${hex32(`api-key:${record.sid}:${i}`)}`,
          friendlyName: key.name,
          type: key.type,
          dateCreated: record.dateCreated.toISOString(),
        })),
      };
      sendJson(response, 200, body);
      return;
    }
    throw new HttpError(404, 20404, 'The requested resource was not found');
  }

  async function serveAsset(response: ServerResponse, path: string): Promise<void> {
    const file = normalize(join(root, path));
    if (!file.startsWith(join(root, 'assets'))) throw new HttpError(404, 20404, 'Not found');
    const body = await readFile(file).catch(() => {
      throw new HttpError(404, 20404, 'Not found');
    });
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'public, max-age=31536000, immutable',
    });
    response.end(body);
  }

  function servePage(response: ServerResponse, page: keyof typeof pages, status = 200): void {
    // Legacy www.twilio.com pages may only be framed by their own origin and the new console, as on
    // the real site; the new console only by itself.
    const framing =
      page === 'console' ? { 'x-frame-options': 'SAMEORIGIN' } : { 'content-security-policy': `frame-ancestors 'self' https://${CONSOLE_HOST}` };
    response.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...(switches.frameableByAnySite ? {} : framing),
    });
    response.end(pages[page]);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const host = hostOf(request);
    const url = new URL(request.url ?? '/', `https://${host || CONSOLE_HOST}`);
    try {
      if (url.pathname.startsWith('/api/')) return await handleApi(request, response, url);
      if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(405, 0, 'Method not allowed');
      if (url.pathname.startsWith('/assets/')) return await serveAsset(response, url.pathname);
      // Each host serves its own pages; any other host (a direct 127.0.0.1 request) serves both.
      const legacyPage = LEGACY_PAGES.has(url.pathname);
      if (legacyPage && host !== CONSOLE_HOST) return servePage(response, 'legacy');
      if (!legacyPage && host !== LEGACY_HOST) return servePage(response, 'console');
      if (host === LEGACY_HOST) return servePage(response, url.pathname === '/' ? 'home' : 'notFound', url.pathname === '/' ? 200 : 404);
      throw new HttpError(404, 20404, 'Not found');
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      const body: ApiErrorBody = {
        code: error instanceof HttpError ? error.code : 20500,
        message: error instanceof HttpError ? error.message : 'An internal server error has occurred.',
      };
      if (!response.headersSent) sendJson(response, status, body);
      else response.destroy();
    }
  }

  const cert = options.cert ?? throwawayCertificate();
  const server: Server = createServer({ key: cert.key, cert: cert.cert }, (request, response) => {
    void handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    port: (server.address() as AddressInfo).port,
    hosts: [CONSOLE_HOST, LEGACY_HOST],
    switches,
    reveals,
    reset() {
      Object.assign(switches, defaultSwitches());
      reveals.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
