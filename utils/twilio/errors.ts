import type { TwilioErrorParams, TwilioReasonCode } from '../handoff/reasons';

/** What the client was doing, so a sentence can say what failed and what is safe to do next. */
export type TwilioOperation = 'fetch-account' | 'list-numbers' | 'send-message';

/**
 * What the master-account clients (master.ts, auth-tokens.ts) do. Kept apart from TwilioOperation,
 * which handoff reasons store and the popup words: a master-mode failure is worded where master
 * mode is shown, and the type keeps it from reaching twilioReason unworded.
 */
export type TwilioMasterOperation =
  | 'fetch-account'
  | 'list-subaccounts'
  | 'fetch-subaccount'
  | 'create-subaccount'
  | 'list-numbers'
  | 'transfer-number'
  | 'reactivate-subaccount'
  | 'send-test-message'
  | 'create-secondary-token'
  | 'delete-secondary-token'
  | 'promote-secondary-token';

export type AnyTwilioOperation = TwilioOperation | TwilioMasterOperation;

/** Codes of failures that are not Twilio's: no answer, no answer in time, an answer we cannot read. */
export type TwilioLocalCode = 'network' | 'timeout' | 'parse' | 'unexpected';

/**
 * The one error the Twilio client throws. It carries data only (Twilio's code, HTTP status,
 * Twilio's message, the docs link): never the request, its headers or the token.
 */
export class TwilioApiError<O extends AnyTwilioOperation = TwilioOperation> extends Error {
  override readonly name = 'TwilioApiError';

  constructor(
    /** Twilio's error code (20003, 20429, 21211, ...) or a local code. */
    readonly code: number | TwilioLocalCode,
    /** HTTP status, null when no answer came. */
    readonly status: number | null,
    /** Twilio's own message for its codes ("Authenticate"); what happened, for local codes. */
    readonly detail: string,
    /** Twilio's documentation link for the code (https://www.twilio.com/docs/errors/CODE). */
    readonly moreInfo: string | null,
    readonly operation: O,
  ) {
    super(`Twilio ${operation} failed: ${code}${status === null ? '' : ` (HTTP ${status})`}: ${detail}`);
  }

  /** Worth trying again later: rate limits, Twilio outages, lost or slow connections. */
  get transient(): boolean {
    return (
      this.code === 'network' ||
      this.code === 'timeout' ||
      this.code === 20429 ||
      this.code === 20500 ||
      this.code === 20503 ||
      (this.status !== null && this.status >= 500)
    );
  }

  /** For Handoff.reasonCode: `twilio-20003`, `twilio-timeout`. */
  get reasonCode(): `twilio-${number}` | `twilio-${TwilioLocalCode}` {
    return `twilio-${this.code}`;
  }
}

/**
 * What the reason of a handoff keeps of the error: Twilio's code, what was being done, the HTTP
 * status and Twilio's own message. The popup words it (components/text.ts); a retry can cure the
 * transient ones, which is why they share a code.
 */
export function twilioReason(error: TwilioApiError): { code: TwilioReasonCode; params: TwilioErrorParams } {
  return {
    code: error.transient ? 'twilio-unreachable' : error.reasonCode,
    params: {
      twilioCode: error.code,
      operation: error.operation,
      ...(error.status === null ? {} : { httpStatus: error.status }),
      detail: error.detail,
    },
  };
}
