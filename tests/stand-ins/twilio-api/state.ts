import { randomBytes } from 'node:crypto';
import type {
  TwilioAccountRecord,
  TwilioAccountStatus,
  TwilioApiState,
  TwilioPhoneNumberRecord,
} from '../types';

/** A message the API accepted (live or test credentials). */
export interface TwilioMessageRecord {
  sid: string;
  /** The account in the URL: a live account, or the test Account SID for test credentials. */
  accountSid: string;
  to: string;
  from: string;
  body: string;
  /** True when sent with test credentials: Twilio validates but never delivers these. */
  test: boolean;
  dateCreated: Date;
}

/** Twilio's test credentials: their own Account SID and token, tied to a live account. */
export interface TwilioTestCredentials {
  sid: string;
  token: string;
  accountSid: string;
}

/** An account's secondary Auth Token (accounts.twilio.com/v1/AuthTokens/Secondary). */
export interface SecondaryTokenRecord {
  token: string;
  dateCreated: Date;
}

/** What holds a number to its account, so that Twilio refuses to move it. */
export interface PhoneNumberTies {
  /** MG…: the number is a sender of one of its account's Messaging Services. */
  messagingServiceSid?: string;
  /** BU…: the number was provisioned under a Regulatory Bundle of its account. */
  bundleSid?: string;
}

/** A number to seed: E.164 alone, or with what ties it to its account. */
export type PhoneNumberSeed = string | ({ phoneNumber: string } & PhoneNumberTies);

/** What the stand-in seeds at start and again after reset(). */
export interface TwilioApiSeed {
  masterFriendlyName?: string;
  masterPhoneNumbers?: PhoneNumberSeed[];
  subaccounts?: Array<{
    friendlyName: string;
    status?: TwilioAccountStatus;
    phoneNumbers?: PhoneNumberSeed[];
  }>;
}

/** The shared interface plus what only the API stand-in keeps (numbers, messages, test credentials). */
export interface TwilioApiStandInState extends TwilioApiState {
  addPhoneNumber(accountSid: string, e164: string): TwilioPhoneNumberRecord;
  listPhoneNumbers(accountSid: string): TwilioPhoneNumberRecord[];
  findPhoneNumber(sid: string): TwilioPhoneNumberRecord | undefined;
  movePhoneNumber(sid: string, targetAccountSid: string): TwilioPhoneNumberRecord;
  /** Ties a number to a Messaging Service or a Regulatory Bundle of its account (replacing earlier ties). */
  tiePhoneNumber(sid: string, ties: PhoneNumberTies): void;
  phoneNumberTies(sid: string): PhoneNumberTies;
  /** True for the account's primary Auth Token and, while it exists, its secondary one. */
  tokenMatches(accountSid: string, token: string): boolean;
  secondaryToken(accountSid: string): SecondaryTokenRecord | undefined;
  /** A new secondary token; one made before stops working (an account has one secondary at most). */
  createSecondaryToken(accountSid: string): SecondaryTokenRecord;
  /** False when there was none. */
  deleteSecondaryToken(accountSid: string): boolean;
  /** The secondary becomes the primary and the old primary stops working; undefined when there is none. */
  promoteSecondaryToken(accountSid: string): SecondaryTokenRecord | undefined;
  /** The test credentials of a live account (made on first use, then stable). */
  testCredentials(accountSid: string): TwilioTestCredentials;
  findTestCredentials(testSid: string): TwilioTestCredentials | undefined;
  recordMessage(message: Omit<TwilioMessageRecord, 'sid' | 'dateCreated'>): TwilioMessageRecord;
  /** Messages accepted so far, oldest first, optionally of one account. */
  listMessages(accountSid?: string): TwilioMessageRecord[];
  /** Back to the master alone (same SID and token), then the seed again. */
  reset(): void;
}

export const hex = (bytes: number) => randomBytes(bytes).toString('hex');
export const newSid = (prefix: string) => prefix + hex(16);

/** How the console shows a number: (808) 925-5327 for North America, E.164 otherwise. */
function numberFriendlyName(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : e164;
}

const E164 = /^\+[1-9]\d{1,14}$/;

export function createTwilioApiState(seed: TwilioApiSeed = {}): TwilioApiStandInState {
  const now = new Date();
  const master: TwilioAccountRecord = {
    sid: newSid('AC'),
    authToken: hex(16),
    friendlyName: seed.masterFriendlyName ?? 'Agency Master',
    status: 'active',
    ownerAccountSid: '',
    type: 'Full',
    dateCreated: now,
    dateUpdated: now,
  };
  master.ownerAccountSid = master.sid;
  // A promotion replaces the master's token too; reset() gives it back, as the interface promises.
  const masterToken = master.authToken;

  const accounts = new Map<string, TwilioAccountRecord>();
  const numbers = new Map<string, TwilioPhoneNumberRecord>();
  const testCredentialsBySid = new Map<string, TwilioTestCredentials>();
  const secondaryTokens = new Map<string, SecondaryTokenRecord>();
  const tiesByNumber = new Map<string, PhoneNumberTies>();
  const messages: TwilioMessageRecord[] = [];

  function requireAccount(sid: string): TwilioAccountRecord {
    const account = accounts.get(sid);
    if (!account) throw new Error(`twilio-api stand-in: no account ${sid}`);
    return account;
  }

  const state: TwilioApiStandInState = {
    master,
    createAccount(friendlyName, ownerSid = master.sid) {
      const owner = requireAccount(ownerSid);
      if (owner.ownerAccountSid !== owner.sid) {
        throw new Error('twilio-api stand-in: a sub-account cannot own sub-accounts');
      }
      const created = new Date();
      const account: TwilioAccountRecord = {
        sid: newSid('AC'),
        authToken: hex(16),
        friendlyName,
        status: 'active',
        ownerAccountSid: owner.sid,
        type: owner.type,
        dateCreated: created,
        dateUpdated: created,
      };
      accounts.set(account.sid, account);
      return account;
    },
    findAccount: (sid) => accounts.get(sid),
    listSubaccounts: (ownerSid) =>
      [...accounts.values()].filter((a) => a.ownerAccountSid === ownerSid && a.sid !== ownerSid),
    setStatus(sid, status) {
      const account = requireAccount(sid);
      account.status = status;
      account.dateUpdated = new Date();
    },
    addPhoneNumber(accountSid, e164) {
      requireAccount(accountSid);
      if (!E164.test(e164)) throw new Error(`twilio-api stand-in: ${e164} is not E.164`);
      const created = new Date();
      const number: TwilioPhoneNumberRecord = {
        sid: newSid('PN'),
        accountSid,
        phoneNumber: e164,
        friendlyName: numberFriendlyName(e164),
        dateCreated: created,
        dateUpdated: created,
      };
      numbers.set(number.sid, number);
      return number;
    },
    listPhoneNumbers: (accountSid) => [...numbers.values()].filter((n) => n.accountSid === accountSid),
    findPhoneNumber: (sid) => numbers.get(sid),
    movePhoneNumber(sid, targetAccountSid) {
      const number = numbers.get(sid);
      if (!number) throw new Error(`twilio-api stand-in: no phone number ${sid}`);
      requireAccount(targetAccountSid);
      number.accountSid = targetAccountSid;
      number.dateUpdated = new Date();
      return number;
    },
    tiePhoneNumber(sid, ties) {
      if (!numbers.has(sid)) throw new Error(`twilio-api stand-in: no phone number ${sid}`);
      tiesByNumber.set(sid, { ...ties });
    },
    phoneNumberTies: (sid) => ({ ...tiesByNumber.get(sid) }),
    tokenMatches(accountSid, token) {
      const account = accounts.get(accountSid);
      return account !== undefined && (account.authToken === token || secondaryTokens.get(accountSid)?.token === token);
    },
    secondaryToken: (accountSid) => secondaryTokens.get(accountSid),
    createSecondaryToken(accountSid) {
      requireAccount(accountSid);
      const record = { token: hex(16), dateCreated: new Date() };
      secondaryTokens.set(accountSid, record);
      return record;
    },
    deleteSecondaryToken: (accountSid) => secondaryTokens.delete(accountSid),
    promoteSecondaryToken(accountSid) {
      const account = requireAccount(accountSid);
      const secondary = secondaryTokens.get(accountSid);
      if (!secondary) return undefined;
      secondaryTokens.delete(accountSid);
      account.authToken = secondary.token;
      account.dateUpdated = new Date();
      return secondary;
    },
    testCredentials(accountSid) {
      requireAccount(accountSid);
      const existing = [...testCredentialsBySid.values()].find((c) => c.accountSid === accountSid);
      if (existing) return existing;
      const created = { sid: newSid('AC'), token: hex(16), accountSid };
      testCredentialsBySid.set(created.sid, created);
      return created;
    },
    findTestCredentials: (testSid) => testCredentialsBySid.get(testSid),
    recordMessage(message) {
      const record = { ...message, sid: newSid('SM'), dateCreated: new Date() };
      messages.push(record);
      return record;
    },
    listMessages: (accountSid) =>
      accountSid === undefined ? [...messages] : messages.filter((m) => m.accountSid === accountSid),
    reset() {
      accounts.clear();
      numbers.clear();
      testCredentialsBySid.clear();
      secondaryTokens.clear();
      tiesByNumber.clear();
      messages.length = 0;
      master.authToken = masterToken;
      master.friendlyName = seed.masterFriendlyName ?? 'Agency Master';
      master.status = 'active';
      accounts.set(master.sid, master);
      applySeed();
    },
  };

  function seedNumber(accountSid: string, number: PhoneNumberSeed) {
    const { phoneNumber, ...ties } = typeof number === 'string' ? { phoneNumber: number } : number;
    const added = state.addPhoneNumber(accountSid, phoneNumber);
    if (ties.messagingServiceSid || ties.bundleSid) state.tiePhoneNumber(added.sid, ties);
  }

  function applySeed() {
    for (const number of seed.masterPhoneNumbers ?? []) seedNumber(master.sid, number);
    for (const sub of seed.subaccounts ?? []) {
      const account = state.createAccount(sub.friendlyName);
      if (sub.status && sub.status !== 'active') state.setStatus(account.sid, sub.status);
      for (const number of sub.phoneNumbers ?? []) seedNumber(account.sid, number);
    }
  }

  state.reset();
  return state;
}
