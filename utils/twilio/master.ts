import type * as z from 'zod/mini';
import { ACCOUNT_SID_PATTERN } from './credentials';
import { TwilioApiError, type TwilioMasterOperation } from './errors';
import { AccountPage, IncomingPhoneNumberList, SubaccountCredentials } from './master-schemas';
import { IncomingPhoneNumber, TwilioAccount, TwilioMessage, type AccountStatus } from './schemas';
import { createTwilioTransport, type TwilioTransportOptions } from './transport';

export type { SubaccountCredentials } from './master-schemas';

export interface MasterClientOptions extends TwilioTransportOptions {
  /** Items per list page (default 200; Twilio allows 1 to 1,000). */
  pageSize?: number;
  /** Most pages one listing reads before it gives up rather than answer with part of a list (default 50). */
  maxPages?: number;
}

export interface SubaccountFilter {
  /** Twilio's exact-match filter on the sub-account's name. */
  friendlyName?: string;
  status?: AccountStatus;
}

/**
 * What the agency's master (parent) account does for master mode, with the master's own Account SID
 * and Auth Token (Twilio: "create, update, or list subaccounts" and moving numbers take the parent's
 * credentials). Only fetchSubaccountCredentials and createSubaccount return an Auth Token; every
 * other answer drops the `auth_token` Twilio sends with it.
 */
export interface TwilioMasterClient {
  readonly sid: string;
  /** The master's own account; `isSubaccount` false when these are a master's credentials. */
  fetchAccount(): Promise<TwilioAccount>;
  /** Every sub-account of this master, all pages read (never part of the list: over maxPages it throws). */
  listSubaccounts(filter?: SubaccountFilter): Promise<TwilioAccount[]>;
  /** A sub-account of this master with its Auth Token, fetched with the master's credentials. */
  fetchSubaccountCredentials(subaccountSid: string): Promise<SubaccountCredentials>;
  /** A new sub-account with its Auth Token. Never repeated by itself: an unanswered POST may have created one. */
  createSubaccount(friendlyName: string): Promise<SubaccountCredentials>;
  /** Every phone number of the master or of one of its sub-accounts, all pages read. */
  listIncomingNumbers(accountSid: string): Promise<IncomingPhoneNumber[]>;
  /** Sets a suspended sub-account of this master active again; Twilio refuses a closed one (closing is final). */
  reactivateSubaccount(subaccountSid: string): Promise<TwilioAccount>;
  /**
   * A text from one of a sub-account's own numbers, sent with the master's pair (the post-connect
   * check the help article asks for). A real message Twilio charges for; its refusals are Twilio's.
   */
  sendTestMessage(subaccountSid: string, message: { from: string; to: string; body: string }): Promise<TwilioMessage>;
  /** Moves a number between the master and its sub-accounts; a refusal is a TwilioApiError with Twilio's code and words. */
  transferNumber(numberSid: string, fromAccountSid: string, toAccountSid: string): Promise<IncomingPhoneNumber>;
}

const API = '2010-04-01';
const PHONE_NUMBER_SID = /^PN[0-9a-f]{32}$/;

/**
 * The master-account client (DESIGN.md §3), with the same transport as the handoff's client (Basic
 * auth, no cache, no cookies, no redirects, bounded retries on 429 and, for GETs only, on 503 and lost
 * connections). SIDs given to it go into URL paths, so each is checked first (TypeError).
 */
export function createMasterClient(options: MasterClientOptions): TwilioMasterClient {
  const { sid, pageSize = 200, maxPages = 50 } = options;
  const api = createTwilioTransport<TwilioMasterOperation>(options, 'https://api.twilio.com', 'createMasterClient');

  const fail = (operation: TwilioMasterOperation, detail: string) => new TwilioApiError('parse', 200, detail, null, operation);

  /**
   * Reads a list to its end through Twilio's `next_page_uri`, followed only while it names the same
   * list on the same host (a relative URI, as Twilio writes them), never the same page twice.
   */
  async function readAll<T>(
    operation: TwilioMasterOperation,
    schema: z.ZodMiniType<{ items: T[]; nextPageUri: string | null }>,
    path: string,
    filters: Record<string, string>,
  ): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let next: { path: string; searchParams?: Record<string, string | number> } = {
      path,
      searchParams: { ...filters, PageSize: pageSize },
    };
    for (let read = 0; read < maxPages; read++) {
      const page = await api.get(operation, schema, next.path, next.searchParams);
      items.push(...page.items);
      const uri = page.nextPageUri;
      if (uri === null) return items;
      if (!uri.startsWith(`/${path}?`)) throw fail(operation, 'the next page is not of the same list');
      if (seen.has(uri)) throw fail(operation, 'the next page is one already read');
      seen.add(uri);
      next = { path: uri.slice(1) };
    }
    throw new TwilioApiError('unexpected', 200, `more than ${maxPages} pages; stopped rather than use part of the list`, null, operation);
  }

  /** A sub-account answer is about the asked account and owned by this master, or it is refused. */
  function ownSubaccount(operation: TwilioMasterOperation, account: SubaccountCredentials, expectedSid?: string) {
    if (expectedSid !== undefined && account.sid !== expectedSid) throw fail(operation, 'the answer is about another account');
    if (account.ownerAccountSid !== sid || account.sid === sid) throw fail(operation, 'the account is not a sub-account of this master');
    return account;
  }

  return {
    sid,
    async fetchAccount() {
      const account = await api.get('fetch-account', TwilioAccount, `${API}/Accounts/${sid}.json`);
      if (account.sid !== sid) throw fail('fetch-account', 'the answer is about another account');
      return account;
    },
    async listSubaccounts({ friendlyName, status } = {}) {
      const filters: Record<string, string> = {};
      if (friendlyName !== undefined) filters.FriendlyName = friendlyName;
      if (status !== undefined) filters.Status = status;
      const accounts = await readAll('list-subaccounts', AccountPage, `${API}/Accounts.json`, filters);
      // Twilio lists the master itself with its sub-accounts.
      return accounts.filter((account) => account.ownerAccountSid === sid && account.sid !== sid);
    },
    async fetchSubaccountCredentials(subaccountSid) {
      checkSid(subaccountSid, 'subaccountSid');
      // The master's own token is not handed out here: only sub-accounts' tokens go to a CRM.
      if (subaccountSid === sid) throw new TypeError('fetchSubaccountCredentials: this is the master account itself');
      const account = await api.get('fetch-subaccount', SubaccountCredentials, `${API}/Accounts/${subaccountSid}.json`);
      return ownSubaccount('fetch-subaccount', account, subaccountSid);
    },
    async createSubaccount(friendlyName) {
      if (friendlyName.trim() === '') throw new TypeError('createSubaccount: a sub-account needs a name');
      const account = await api.post('create-subaccount', SubaccountCredentials, `${API}/Accounts.json`, {
        FriendlyName: friendlyName,
      });
      return ownSubaccount('create-subaccount', account);
    },
    async listIncomingNumbers(accountSid) {
      checkSid(accountSid, 'accountSid');
      const path = `${API}/Accounts/${accountSid}/IncomingPhoneNumbers.json`;
      const numbers = await readAll('list-numbers', IncomingPhoneNumberList, path, {});
      if (numbers.some((number) => number.accountSid !== accountSid)) throw fail('list-numbers', 'a number of another account was listed');
      return numbers;
    },
    async reactivateSubaccount(subaccountSid) {
      checkSid(subaccountSid, 'subaccountSid');
      if (subaccountSid === sid) throw new TypeError('reactivateSubaccount: this is the master account itself');
      const account = await api.post('reactivate-subaccount', TwilioAccount, `${API}/Accounts/${subaccountSid}.json`, { Status: 'active' });
      if (account.sid !== subaccountSid || account.ownerAccountSid !== sid) throw fail('reactivate-subaccount', 'the answer is about another account');
      if (account.status !== 'active') throw fail('reactivate-subaccount', `the sub-account is still ${account.status}`);
      return account;
    },
    async sendTestMessage(subaccountSid, { from, to, body }) {
      checkSid(subaccountSid, 'subaccountSid');
      const sent = await api.post('send-test-message', TwilioMessage, `${API}/Accounts/${subaccountSid}/Messages.json`, { From: from, To: to, Body: body });
      if (sent.accountSid !== subaccountSid) throw fail('send-test-message', 'the answer is about another account');
      return sent;
    },
    async transferNumber(numberSid, fromAccountSid, toAccountSid) {
      if (!PHONE_NUMBER_SID.test(numberSid)) throw new TypeError('transferNumber: numberSid is not a phone number SID');
      checkSid(fromAccountSid, 'fromAccountSid');
      checkSid(toAccountSid, 'toAccountSid');
      if (fromAccountSid === toAccountSid) throw new TypeError('transferNumber: the number is already in that account');
      const moved = await api.post(
        'transfer-number',
        IncomingPhoneNumber,
        `${API}/Accounts/${fromAccountSid}/IncomingPhoneNumbers/${numberSid}.json`,
        { AccountSid: toAccountSid },
      );
      if (moved.sid !== numberSid || moved.accountSid !== toAccountSid) {
        throw fail('transfer-number', 'the answer does not show the number in the target account');
      }
      return moved;
    },
  };
}

function checkSid(value: string, name: string) {
  if (!ACCOUNT_SID_PATTERN.test(value)) throw new TypeError(`createMasterClient: ${name} is not an Account SID`);
}
