import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpsRequest } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, sep } from 'node:path';
import { throwawayCertificate, type Certificate } from '../cert';
import { buildCrmApp } from './build';
import {
  generateLocations as makeLocations,
  locationFromSeed,
  seededRandom,
  type CrmLocation,
  type CrmLocationSeed,
  type GenerateOptions,
} from './locations';
import { foldForSearch, matchesSearch } from './search';
import {
  API,
  CRM_ERROR_TEXT,
  DEFAULT_LAYOUT,
  MAX_LIST_LIMIT,
  TRACKED_MENU_ENTRIES,
  type CrmErrorBody,
  type CrmLayout,
  type CrmManagedBy,
  type PhoneIntegrationBoot,
  type SubAccountPage,
  type SubAccountRow,
  type TrackedMenuEntry,
  type UpdateCredentialsReply,
} from './wire';

export type { CrmLocation, CrmLocationSeed, GenerateOptions } from './locations';
export { ACCENTED_NAMES, DUPLICATE_NAME, LONG_NAMES, NEAR_DUPLICATE_NAMES } from './locations';
export { foldForSearch } from './search';
export { CRM_ERROR_TEXT, DEFAULT_LAYOUT, type CrmLayout } from './wire';

/**
 * Run-time switches. Backend behaviour (delays, 429, 401) applies to the next request; the layout and
 * dialog switches and `agencyOnLcPhone` are read by the app when it starts, so they show after a
 * page load (as a feature flag flipped on the real site would).
 */
export interface CrmSwitches {
  /** How long the page's first request takes, i.e. how long the spinner shows (ms). */
  loaderDelayMs: number;
  /** Extra latency of the sub-account list (search, pages, refresh) (ms). */
  listDelayMs: number;
  /** Extra latency of Authorize / Save before the backend checks the pair (ms). */
  authorizeDelayMs: number;
  /** The agency moved to LC Phone: rows not on LC Phone offer only "Link to LeadConnector". */
  agencyOnLcPhone: boolean;
  /** 'legacy': a pencil button per row opening a Bootstrap dialog with "Save". */
  layout: 'current' | 'legacy';
  /**
   * The look of the 'current' layout, field by field (README "Layout matrix"); the legacy layout
   * ignores it. Assign a whole object (`{ ...DEFAULT_LAYOUT, editor: 'drawer' }`) or change fields.
   */
  layoutMatrix: CrmLayout;
  /** 'named': the dialog names the location under its title; 'unnamed': nowhere in the dialog. */
  dialogVariant: 'named' | 'unnamed';
  /** The Update Credentials entry (or the pencil) does nothing. */
  dialogNeverOpens: boolean;
  /**
   * After a save, the editor closes and is then drawn again for good, its Cancel and close doing
   * nothing until the page reloads: what a Vue leave transition cut short leaves behind, seen in a
   * Chromium tab starved of frames (docs/architecture.md "A window that will not close").
   */
  editorSticksAfterSave: boolean;
  /** Which API requests answer 429 with the CRM's own message. */
  rateLimit: 'off' | 'authorize' | 'all';
  /** How many more requests get the 429 before rateLimit turns itself 'off' (Infinity: no end). */
  rateLimitRemaining: number;
  /** Every API request answers 401; the page shows "Your session has expired. Please log in again." */
  sessionExpired: boolean;
}

export const DEFAULT_SWITCHES: Readonly<CrmSwitches> = {
  loaderDelayMs: 400,
  listDelayMs: 0,
  authorizeDelayMs: 0,
  agencyOnLcPhone: false,
  layout: 'current',
  layoutMatrix: DEFAULT_LAYOUT,
  dialogVariant: 'named',
  dialogNeverOpens: false,
  editorSticksAfterSave: false,
  rateLimit: 'off',
  rateLimitRemaining: Number.POSITIVE_INFINITY,
  sessionExpired: false,
};

export type SubmissionOutcome =
  | 'pending'
  | 'written'
  | 'refused'
  | 'account-not-active'
  | 'twilio-unreachable'
  | 'invalid-request'
  | 'not-found'
  | 'rate-limited'
  | 'session-expired';

/** An Authorize (or Save) request the backend received, whatever became of it. */
export interface Submission {
  locationId: string;
  accountSid: string;
  authToken: string;
  at: Date;
  /** The Host header: app.gohighlevel.com or a white-label host. */
  host: string;
  outcome: SubmissionOutcome;
  /** The error text the backend answered with, when it refused. */
  message?: string;
}

/** A submission the backend accepted: the location now holds this pair. */
export interface Write {
  locationId: string;
  accountSid: string;
  authToken: string;
  previousSid: string | null;
  at: Date;
}

export interface ListRequest {
  search: string;
  page: number;
  limit: number;
  managedBy: string;
  host: string;
  at: Date;
}

/**
 * The other row actions, recorded so a test can prove a driver never took them: the confirmed
 * actions, the mere selection of a destructive menu entry ('menu:…', even if the confirm was then
 * cancelled), and the editor's extra buttons (layoutMatrix.editorExtras), recorded on press.
 */
export interface RowAction {
  kind:
    | 'disconnect'
    | 'delete-connection'
    | 'link-leadconnector'
    | `menu:${TrackedMenuEntry}`
    | 'delete-connection-editor'
    | 'create-subaccount';
  locationId: string;
  at: Date;
}

export interface CrmState {
  locations: CrmLocation[];
  submissions: Submission[];
  writes: Write[];
  listRequests: ListRequest[];
  actions: RowAction[];
}

export interface StartCrmOptions {
  cert?: Certificate;
  /** e.g. https://127.0.0.1:PORT of the Twilio API stand-in (or https://api.twilio.com, mapped). */
  twilioApiOrigin: string;
  /** CA to trust for the Twilio API; defaults to the shared throwaway certificate. */
  twilioApiCa?: string;
  /** An explicit list; otherwise `generate` (default: 25 generated plus "Acme Dental - Austin"). */
  locations?: CrmLocationSeed[];
  generate?: { count: number } & GenerateOptions;
  switches?: Partial<CrmSwitches>;
  agencyName?: string;
}

export interface CrmStandIn {
  port: number;
  /** https://127.0.0.1:PORT; the page URLs are https://app.gohighlevel.com/settings/phone_integration. */
  origin: string;
  state: CrmState;
  /** Mutable: assign fields at any time. */
  switches: CrmSwitches;
  setLocations(list: CrmLocationSeed[]): CrmLocation[];
  generateLocations(n: number, options?: GenerateOptions): CrmLocation[];
  /** Back to the locations and switches startCrm was given; clears every record. */
  reset(): void;
  close(): Promise<void>;
}

export const PAGE_PATHS = ['/settings/phone_integration', '/settings/twilio'] as const;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

interface StaticFile {
  body: Buffer;
  type: string;
}

function loadStatic(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(`/${relative(dir, full).split(sep).join('/')}`, {
        body: readFileSync(full),
        type: MIME[extname(name)] ?? 'application/octet-stream',
      });
    }
  };
  walk(dir);
  return files;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function searchLocations(locations: readonly CrmLocation[], search: string, managedBy: string): CrmLocation[] {
  return locations
    .filter((l) => !managedBy || l.managedBy === managedBy)
    .filter((l) => matchesSearch(l, search))
    .sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function toRow(l: CrmLocation): SubAccountRow {
  return { id: l.id, name: l.name, accountSid: l.sid, managedBy: l.managedBy, address: l.address };
}

type TwilioCheck =
  | { kind: 'ok'; status: string }
  | { kind: 'refused'; status: number }
  | { kind: 'busy' }
  | { kind: 'unreachable'; error: string };

/** GET /2010-04-01/Accounts/{sid}.json with the pair itself, as the real CRM checks it with Twilio. */
function checkWithTwilio(origin: string, ca: string, sid: string, token: string): Promise<TwilioCheck> {
  return new Promise((resolve) => {
    const url = new URL(`/2010-04-01/Accounts/${encodeURIComponent(sid)}.json`, origin);
    const req = httpsRequest(url, {
      method: 'GET',
      ca,
      timeout: 15_000,
      headers: {
        Authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`,
        Accept: 'application/json',
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status === 200) {
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { status?: unknown };
            resolve({ kind: 'ok', status: typeof body.status === 'string' ? body.status : 'active' });
          } catch (error) {
            resolve({ kind: 'unreachable', error: `unparsable 200 from Twilio: ${String(error)}` });
          }
        } else if (status === 429 || status >= 500) resolve({ kind: 'busy' });
        else resolve({ kind: 'refused', status });
      });
      res.on('error', (error) => resolve({ kind: 'unreachable', error: error.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ kind: 'unreachable', error: error.message }));
    req.end();
  });
}

const MAX_BODY = 64 * 1024;

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(undefined);
      }
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const body: CrmErrorBody = { statusCode: status, message };
  sendJson(res, status, body, headers);
}

const SUB_ACCOUNT_ROUTE = /^\/api\/v1\/phone-integration\/sub-accounts\/([A-Za-z0-9_-]{1,64})\/(twilio|disconnect|lc-phone|menu-events|twilio-subaccount)$/;

/** The switches a start or a reset gives; the layout is copied so changing one of its fields never changes the defaults. */
function initialSwitches(given: Partial<CrmSwitches> | undefined): CrmSwitches {
  return { ...DEFAULT_SWITCHES, ...given, layoutMatrix: { ...DEFAULT_LAYOUT, ...given?.layoutMatrix } };
}

export async function startCrm(options: StartCrmOptions): Promise<CrmStandIn> {
  const cert = options.cert ?? throwawayCertificate();
  const twilioCa = options.twilioApiCa ?? cert.cert;
  const files = loadStatic(await buildCrmApp());
  const index = files.get('/index.html');
  if (!index) throw new Error('CRM stand-in build has no index.html');

  const initialLocations = (): CrmLocation[] => {
    if (options.locations) {
      const random = seededRandom(7);
      return options.locations.map((s) => locationFromSeed(s, random));
    }
    const { count, ...gen } = options.generate ?? { count: 25, include: [{ name: 'Acme Dental - Austin' }] };
    return makeLocations(count, { seed: 1, ...gen });
  };

  const switches: CrmSwitches = initialSwitches(options.switches);
  const state: CrmState = { locations: initialLocations(), submissions: [], writes: [], listRequests: [], actions: [] };
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number): Promise<void> =>
    ms <= 0 ? Promise.resolve() : new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const replaceLocations = (list: CrmLocation[]): CrmLocation[] => {
    state.locations.splice(0, state.locations.length);
    for (const l of list) state.locations.push(l);
    return state.locations;
  };

  /** 401 and 429 come from the CRM's middleware, before any route runs. */
  const gate = (res: ServerResponse, isAuthorize: boolean): 'session-expired' | 'rate-limited' | null => {
    if (switches.sessionExpired) {
      sendError(res, 401, CRM_ERROR_TEXT.unauthorized);
      return 'session-expired';
    }
    if (switches.rateLimit === 'all' || (switches.rateLimit === 'authorize' && isAuthorize)) {
      switches.rateLimitRemaining -= 1;
      if (switches.rateLimitRemaining <= 0) {
        switches.rateLimit = 'off';
        switches.rateLimitRemaining = Number.POSITIVE_INFINITY;
      }
      sendError(res, 429, CRM_ERROR_TEXT.rateLimited, { 'Retry-After': '5' });
      return 'rate-limited';
    }
    return null;
  };

  const handleAuthorize = async (req: IncomingMessage, res: ServerResponse, id: string): Promise<void> => {
    const body = await readJson(req);
    const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const submission: Submission = {
      locationId: id,
      accountSid: typeof fields.accountSid === 'string' ? fields.accountSid : '',
      authToken: typeof fields.authToken === 'string' ? fields.authToken : '',
      at: new Date(),
      host: req.headers.host ?? '',
      outcome: 'pending',
    };
    state.submissions.push(submission);
    const refuse = (status: number, outcome: SubmissionOutcome, message: string): void => {
      submission.outcome = outcome;
      submission.message = message;
      sendError(res, status, message);
    };
    const gated = gate(res, true);
    if (gated) {
      submission.outcome = gated;
      return;
    }
    await sleep(switches.authorizeDelayMs);
    const location = state.locations.find((l) => l.id === id);
    if (!location) return refuse(404, 'not-found', CRM_ERROR_TEXT.notFound);
    const sid = submission.accountSid.trim();
    const token = submission.authToken.trim();
    if (!sid || !token) return refuse(400, 'invalid-request', CRM_ERROR_TEXT.missingFields);
    const check = await checkWithTwilio(options.twilioApiOrigin, twilioCa, sid, token);
    if (check.kind === 'refused') return refuse(422, 'refused', CRM_ERROR_TEXT.invalidCredentials);
    if (check.kind === 'busy' || check.kind === 'unreachable') {
      return refuse(502, 'twilio-unreachable', CRM_ERROR_TEXT.twilioUnreachable);
    }
    if (check.status !== 'active') return refuse(422, 'account-not-active', CRM_ERROR_TEXT.accountNotActive);
    state.writes.push({ locationId: id, accountSid: sid, authToken: token, previousSid: location.sid, at: new Date() });
    location.sid = sid;
    location.managedBy = 'twilio';
    submission.outcome = 'written';
    const reply: UpdateCredentialsReply = { subAccount: toRow(location), message: 'Twilio credentials updated successfully' };
    sendJson(res, 200, reply);
  };

  const handleAction = (res: ServerResponse, id: string, kind: RowAction['kind'], to: CrmManagedBy): void => {
    const location = state.locations.find((l) => l.id === id);
    if (!location) return sendError(res, 404, CRM_ERROR_TEXT.notFound);
    state.actions.push({ kind, locationId: id, at: new Date() });
    location.sid = null;
    location.managedBy = to;
    sendJson(res, 200, { subAccount: toRow(location) });
  };

  /** The app reports a destructive entry as soon as it is selected. Not gated: the record must exist whatever the switches. */
  const handleMenuEvent = async (req: IncomingMessage, res: ServerResponse, id: string): Promise<void> => {
    const body = await readJson(req);
    const entry = body && typeof body === 'object' ? (body as Record<string, unknown>).entry : undefined;
    const tracked = TRACKED_MENU_ENTRIES.find((e) => e === entry);
    if (!tracked) return sendError(res, 400, 'Unknown menu entry.');
    state.actions.push({ kind: `menu:${tracked}`, locationId: id, at: new Date() });
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
  };

  /** The editor's extra buttons: recorded on arrival, before the 401/429 gate, so a press is never lost. */
  const handleEditorExtra = (res: ServerResponse, id: string, kind: 'delete-connection-editor' | 'create-subaccount'): void => {
    state.actions.push({ kind, locationId: id, at: new Date() });
    if (gate(res, false)) return;
    const location = state.locations.find((l) => l.id === id);
    if (!location) return sendError(res, 404, CRM_ERROR_TEXT.notFound);
    if (kind === 'create-subaccount') return sendJson(res, 202, { message: 'Twilio sub-account creation started' });
    location.sid = null;
    location.managedBy = 'not-available';
    sendJson(res, 200, { subAccount: toRow(location) });
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const method = req.method ?? 'GET';
    const action = SUB_ACCOUNT_ROUTE.exec(url.pathname);
    if (action && action[2] === 'twilio' && method === 'PUT') return handleAuthorize(req, res, action[1] as string);
    if (action && action[2] === 'menu-events' && method === 'POST') return handleMenuEvent(req, res, action[1] as string);
    if (action && action[2] === 'twilio' && method === 'DELETE') return handleEditorExtra(res, action[1] as string, 'delete-connection-editor');
    if (action && action[2] === 'twilio-subaccount' && method === 'POST') return handleEditorExtra(res, action[1] as string, 'create-subaccount');
    if (gate(res, false)) return;

    if (url.pathname === API.boot && method === 'GET') {
      await sleep(switches.loaderDelayMs);
      const boot: PhoneIntegrationBoot = {
        company: {
          id: 'hQ7xL2mK9pT4vR8sW1zY',
          name: options.agencyName ?? 'Northwind Marketing Agency',
          phoneProvider: switches.agencyOnLcPhone ? 'lc-phone' : 'twilio',
          twilioAccountSid: 'AC5e2f1b9c3d7a4e8f6b0c2d4e6f8a1b3c',
        },
        features: {
          phoneIntegrationLayout: switches.layout,
          credentialsDialogShowsLocation: switches.dialogVariant === 'named',
          credentialsDialogBroken: switches.dialogNeverOpens,
          credentialsEditorSticks: switches.editorSticksAfterSave,
          // Spread over the defaults so a test may assign a partial layout (cast) without breaking the page.
          layoutMatrix: switches.layout === 'legacy' ? { ...DEFAULT_LAYOUT } : { ...DEFAULT_LAYOUT, ...switches.layoutMatrix },
        },
      };
      return sendJson(res, 200, boot);
    }

    if (url.pathname === API.subAccounts && method === 'GET') {
      const search = url.searchParams.get('search') ?? '';
      const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
      const limit = Math.min(MAX_LIST_LIMIT, Math.max(1, Number.parseInt(url.searchParams.get('limit') ?? '10', 10) || 10));
      const managedBy = url.searchParams.get('managedBy') ?? '';
      state.listRequests.push({ search, page, limit, managedBy, host: req.headers.host ?? '', at: new Date() });
      await sleep(switches.listDelayMs);
      const found = searchLocations(state.locations, search, managedBy);
      const reply: SubAccountPage = {
        subAccounts: found.slice((page - 1) * limit, page * limit).map(toRow),
        total: found.length,
        page,
        limit,
      };
      return sendJson(res, 200, reply);
    }

    if (action && method === 'POST' && action[2] === 'disconnect') {
      return handleAction(res, action[1] as string, 'disconnect', 'not-available');
    }
    if (action && action[2] === 'lc-phone' && method === 'DELETE') {
      return handleAction(res, action[1] as string, 'delete-connection', 'not-available');
    }
    if (action && action[2] === 'lc-phone' && method === 'POST') {
      return handleAction(res, action[1] as string, 'link-leadconnector', 'lc-phone');
    }
    sendError(res, 404, 'Not Found');
  };

  const isAppPath = (path: string): boolean => path === '/' || path === '/settings' || path.startsWith('/settings/');

  const server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://stand-in.invalid');
    if (url.pathname.startsWith('/api/')) {
      handleApi(req, res, url).catch((error: unknown) => sendError(res, 500, `Internal error: ${String(error)}`));
      return;
    }
    const file = files.get(url.pathname);
    if (file && url.pathname !== '/index.html') {
      res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=31536000, immutable' });
      res.end(file.body);
      return;
    }
    if (isAppPath(url.pathname)) {
      // The design system's class prefix is fixed before the app mounts, as a build flag would be.
      const prefix = switches.layout === 'legacy' ? DEFAULT_LAYOUT.classPrefix : switches.layoutMatrix.classPrefix;
      res.writeHead(200, { 'Content-Type': index.type, 'Cache-Control': 'no-store' });
      res.end(index.body.toString('utf8').replace('<html lang="en">', `<html lang="en" data-design-prefix="${prefix}">`));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>404</title><h1>404 - Page not found</h1>');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    origin: `https://127.0.0.1:${port}`,
    state,
    switches,
    setLocations(list) {
      const random = seededRandom(7);
      return replaceLocations(list.map((s) => locationFromSeed(s, random)));
    },
    generateLocations(n, gen = {}) {
      return replaceLocations(makeLocations(n, { seed: 1, ...gen }));
    },
    reset() {
      replaceLocations(initialLocations());
      Object.assign(switches, initialSwitches(options.switches));
      state.submissions.length = 0;
      state.writes.length = 0;
      state.listRequests.length = 0;
      state.actions.length = 0;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
