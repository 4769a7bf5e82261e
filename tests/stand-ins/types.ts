/**
 * What the stand-ins share. The Twilio API stand-in owns the accounts; the console stand-in creates
 * and shows them through this interface, in the same Node process.
 */
export type TwilioAccountStatus = 'active' | 'suspended' | 'closed';

export interface TwilioAccountRecord {
  sid: string;
  authToken: string;
  friendlyName: string;
  status: TwilioAccountStatus;
  /** Equal to `sid` for a master (parent) account. */
  ownerAccountSid: string;
  type: 'Full' | 'Trial';
  dateCreated: Date;
  dateUpdated: Date;
}

/** A number an account owns (IncomingPhoneNumbers). */
export interface TwilioPhoneNumberRecord {
  sid: string;
  accountSid: string;
  /** E.164, e.g. +15551234567. */
  phoneNumber: string;
  friendlyName: string;
  dateCreated: Date;
  dateUpdated: Date;
}

export interface TwilioApiState {
  /** The master account the console stand-in is logged into. */
  readonly master: TwilioAccountRecord;
  createAccount(friendlyName: string, ownerSid?: string): TwilioAccountRecord;
  findAccount(sid: string): TwilioAccountRecord | undefined;
  /** Sub-accounts of an owner, oldest first. */
  listSubaccounts(ownerSid: string): TwilioAccountRecord[];
  setStatus(sid: string, status: TwilioAccountStatus): void;
  /** Gives an account a phone number (as buying one would). Optional: only the API stand-in has numbers. */
  addPhoneNumber?(accountSid: string, e164: string): TwilioPhoneNumberRecord;
  /** The numbers an account owns, oldest first. */
  listPhoneNumbers?(accountSid: string): TwilioPhoneNumberRecord[];
}
