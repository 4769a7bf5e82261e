import type { TwilioAccountRecord, TwilioAccountStatus } from '../types';
import { authenticate, type InactiveAccountAnswer, type Principal } from './auth';
import { ApiFault, faults } from './errors';
import {
  API_VERSION,
  accountJson,
  messageJson,
  pageJson,
  phoneNumberJson,
  type PageRequest,
} from './representations';
import type { TwilioApiStandInState } from './state';

export interface ApiRequest {
  method: string;
  /** URL path without the query, e.g. /2010-04-01/Accounts.json. */
  path: string;
  query: URLSearchParams;
  /** The form-encoded body (empty for GET or for a body of another type, as Twilio reads it). */
  form: URLSearchParams;
  authorization: string | undefined;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export interface RouteOptions {
  inactiveAccountAnswer: InactiveAccountAnswer;
  /** How many sub-accounts a parent may hold before POST /Accounts.json refuses (21480). */
  subaccountLimit: number;
}

const STATUSES: readonly TwilioAccountStatus[] = ['active', 'suspended', 'closed'];
const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const E164 = /^\+[1-9]\d{1,14}$/;
const V = `/${API_VERSION}`;

/**
 * The account in the URL, if these live credentials may act on it: its own, or (for a parent) one
 * of its sub-accounts. A sub-account's credentials never reach its parent or siblings (errors/20003).
 */
function reach(
  state: TwilioApiStandInState,
  principal: Principal,
  sid: string,
  path: string,
): { account: TwilioAccountRecord; asParent: boolean } {
  if (principal.kind === 'test') {
    throw sid === principal.credentials.sid ? faults.testCredentials() : faults.authenticate();
  }
  const account = state.findAccount(sid);
  if (!account) throw faults.notFound(path);
  if (account.sid === principal.account.sid) return { account, asParent: false };
  if (account.ownerAccountSid === principal.account.sid) return { account, asParent: true };
  throw faults.authenticate();
}

function requireActive(account: TwilioAccountRecord) {
  if (account.status !== 'active') throw faults.accountNotActive();
}

function pageRequest(path: string, query: URLSearchParams, filterNames: string[]): PageRequest {
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = query.get(name);
    if (raw === null || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw faults.invalidParameter(name, raw);
    return value;
  };
  return {
    path,
    filters: filterNames.flatMap((name) => {
      const value = query.get(name);
      return value === null ? [] : [[name, value] as [string, string]];
    }),
    pageSize: integer('PageSize', 50, 1, 1000),
    page: integer('Page', 0, 0, Number.MAX_SAFE_INTEGER),
    pageToken: query.get('PageToken') || null,
  };
}

function statusParam(raw: string | null): TwilioAccountStatus | null {
  if (raw === null) return null;
  if (!(STATUSES as readonly string[]).includes(raw)) throw faults.invalidParameter('Status', raw);
  return raw as TwilioAccountStatus;
}

const ok = (body: unknown, status = 200): ApiAnswer => ({ status, body, headers: {} });

/** "SubAccount Created at 2024-05-01 09:30 am": Twilio's default FriendlyName for a new sub-account. */
function defaultFriendlyName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = now.getUTCHours();
  const meridian = hours < 12 ? 'am' : 'pm';
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `SubAccount Created at ${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(
    now.getUTCDate(),
  )} ${pad(hour12)}:${pad(now.getUTCMinutes())} ${meridian}`;
}

/** Magic numbers for test credentials (twilio.com/docs/iam/test-credentials, "Test inputs for SMS"). */
const TEST_FROM: Record<string, (from: string, to: string) => ApiFault | null> = {
  '+15005550006': () => null,
  '+15005550001': (from) => faults.invalidFrom(from),
  '+15005550007': (from) => faults.fromNotOwned(from),
  '+15005550008': () => faults.queueFull(),
};
const TEST_TO: Record<string, (to: string, from: string) => ApiFault> = {
  '+15005550001': (to) => faults.invalidTo(to),
  '+15005550002': (to, from) => faults.unroutable(to, from),
  '+15005550003': (to) => faults.noInternationalPermission(to),
  '+15005550004': () => faults.blockedRecipient(),
  '+15005550009': () => faults.notMobile(),
};

function messageParams(form: URLSearchParams) {
  const to = form.get('To') ?? '';
  const from = form.get('From') ?? '';
  const body = form.get('Body') ?? '';
  if (!to) throw faults.toRequired();
  if (!from) throw faults.fromRequired();
  if (!body) throw faults.bodyRequired();
  return { to, from, body };
}

export function route(state: TwilioApiStandInState, request: ApiRequest, options: RouteOptions): ApiAnswer {
  const { method, path, query, form } = request;
  if (!path.startsWith(`${V}/`)) throw faults.notFound(path);
  const principal = authenticate(state, request.authorization, options.inactiveAccountAnswer);
  const allow = (...methods: string[]) => {
    if (!methods.includes(method)) throw faults.methodNotAllowed();
  };
  let m: RegExpExecArray | null;

  if (path === `${V}/Accounts.json`) {
    allow('GET', 'POST');
    if (principal.kind === 'test') throw faults.testCredentials();
    const self = principal.account;
    if (method === 'POST') {
      // Only a parent (master) account creates sub-accounts; sub-accounts hold no sub-accounts.
      if (self.ownerAccountSid !== self.sid) throw faults.authenticate();
      if (state.listSubaccounts(self.sid).length >= options.subaccountLimit) throw faults.tooManySubaccounts();
      const created = state.createAccount(form.get('FriendlyName') || defaultFriendlyName(new Date()), self.sid);
      return ok(accountJson(created), 201);
    }
    const friendlyName = query.get('FriendlyName');
    const status = statusParam(query.get('Status'));
    const page = pageRequest(path, query, ['FriendlyName', 'Status']);
    const visible = [self, ...state.listSubaccounts(self.sid)].filter(
      (a) => (friendlyName === null || a.friendlyName === friendlyName) && (status === null || a.status === status),
    );
    return ok(pageJson('accounts', visible, page, accountJson));
  }

  if ((m = new RegExp(`^${V}/Accounts/([^/]+)\\.json$`).exec(path))) {
    allow('GET', 'POST');
    const { account, asParent } = reach(state, principal, m[1]!, path);
    if (method === 'GET') return ok(accountJson(account));
    const status = statusParam(form.get('Status'));
    const friendlyName = form.get('FriendlyName');
    if (status !== null) {
      // Suspending, reactivating or closing a sub-account takes its parent's credentials.
      if (!asParent) throw faults.authenticate();
      // Closing is permanent.
      if (account.status === 'closed') throw faults.accountNotActive();
      state.setStatus(account.sid, status);
    }
    if (friendlyName) {
      account.friendlyName = friendlyName;
      account.dateUpdated = new Date();
    }
    return ok(accountJson(account));
  }

  if ((m = new RegExp(`^${V}/Accounts/([^/]+)/IncomingPhoneNumbers\\.json$`).exec(path))) {
    allow('GET');
    const { account, asParent } = reach(state, principal, m[1]!, path);
    if (asParent) requireActive(account);
    const phoneNumber = query.get('PhoneNumber');
    const friendlyName = query.get('FriendlyName');
    const page = pageRequest(path, query, ['FriendlyName', 'PhoneNumber']);
    const numbers = state
      .listPhoneNumbers(account.sid)
      .filter(
        (n) =>
          (phoneNumber === null || n.phoneNumber.includes(phoneNumber)) &&
          (friendlyName === null || n.friendlyName === friendlyName),
      );
    return ok(pageJson('incoming_phone_numbers', numbers, page, (n) => phoneNumberJson(n, state.phoneNumberTies(n.sid))));
  }

  if ((m = new RegExp(`^${V}/Accounts/([^/]+)/IncomingPhoneNumbers/([^/]+)\\.json$`).exec(path))) {
    allow('GET', 'POST');
    const { account, asParent } = reach(state, principal, m[1]!, path);
    if (asParent) requireActive(account);
    const number = state.findPhoneNumber(m[2]!);
    if (!number || number.accountSid !== account.sid) throw faults.notFound(path);
    const render = () => ok(phoneNumberJson(number, state.phoneNumberTies(number.sid)));
    if (method === 'GET') return render();
    const target = form.get('AccountSid');
    if (target !== null && target !== account.sid) {
      // Moving a number between accounts takes the parent's credentials (DESIGN.md §3); reach()
      // already let only the number's own account or its parent this far.
      const parent = principal.kind === 'live' ? principal.account : null;
      if (!parent || parent.ownerAccountSid !== parent.sid) throw faults.transferNeedsParent();
      if (!ACCOUNT_SID.test(target)) throw faults.invalidAccountSid(target);
      const targetAccount = state.findAccount(target);
      if (!targetAccount) throw faults.accountDoesNotExist(target);
      const related = (a: TwilioAccountRecord) => a.sid === parent.sid || a.ownerAccountSid === parent.sid;
      if (!related(targetAccount)) throw faults.transferTargetNotRelated(target);
      if (targetAccount.status !== 'active') throw faults.transferTargetNotActive(target);
      const ties = state.phoneNumberTies(number.sid);
      if (ties.messagingServiceSid) throw faults.transferInMessagingService(number.phoneNumber, ties.messagingServiceSid);
      // The stand-in keeps no bundles of the gaining account, so no BundleSid can satisfy it.
      if (ties.bundleSid) throw faults.transferNeedsBundle(number.phoneNumber);
      state.movePhoneNumber(number.sid, target);
    }
    const friendlyName = form.get('FriendlyName');
    if (friendlyName) {
      number.friendlyName = friendlyName;
      number.dateUpdated = new Date();
    }
    return render();
  }

  if ((m = new RegExp(`^${V}/Accounts/([^/]+)/Messages\\.json$`).exec(path))) {
    allow('GET', 'POST');
    const sid = m[1]!;
    if (principal.kind === 'test') {
      if (sid !== principal.credentials.sid) throw faults.authenticate();
      if (method !== 'POST') throw faults.testCredentials();
      const { to, from, body } = messageParams(form);
      const fromFault = (TEST_FROM[from] ?? ((f: string) => faults.fromNotOwned(f)))(from, to);
      if (fromFault) throw fromFault;
      const toFault = TEST_TO[to];
      if (toFault) throw toFault(to, from);
      if (!E164.test(to)) throw faults.invalidTo(to);
      return ok(messageJson(state.recordMessage({ accountSid: sid, to, from, body, test: true })), 201);
    }
    const { account, asParent } = reach(state, principal, sid, path);
    if (asParent) requireActive(account);
    if (method === 'GET') {
      const page = pageRequest(path, query, ['To', 'From']);
      const to = query.get('To');
      const from = query.get('From');
      const listed = state
        .listMessages(account.sid)
        .filter((msg) => (to === null || msg.to === to) && (from === null || msg.from === from))
        .reverse();
      return ok(pageJson('messages', listed, page, messageJson));
    }
    const { to, from, body } = messageParams(form);
    if (!E164.test(to)) throw faults.invalidTo(to);
    if (!E164.test(from)) throw faults.invalidFrom(from);
    if (to === from) throw faults.sameToAndFrom(to);
    if (!state.listPhoneNumbers(account.sid).some((n) => n.phoneNumber === from)) throw faults.fromNotOwned(from);
    return ok(messageJson(state.recordMessage({ accountSid: account.sid, to, from, body, test: false })), 201);
  }

  throw faults.notFound(path);
}
