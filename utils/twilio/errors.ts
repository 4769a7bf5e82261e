/** What the client was doing, so a sentence can say what failed and what is safe to do next. */
export type TwilioOperation = 'fetch-account' | 'list-numbers' | 'send-message';

/** Codes of failures that are not Twilio's: no answer, no answer in time, an answer we cannot read. */
export type TwilioLocalCode = 'network' | 'timeout' | 'parse' | 'unexpected';

const OPERATION_TEXT: Record<TwilioOperation, string> = {
  'fetch-account': 'checking the account',
  'list-numbers': 'listing phone numbers',
  'send-message': 'sending the test message',
};

/**
 * The one error the Twilio client throws. It carries data only (Twilio's code, HTTP status,
 * Twilio's message, the docs link): never the request, its headers or the token.
 */
export class TwilioApiError extends Error {
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
    readonly operation: TwilioOperation,
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
  get reasonCode(): string {
    return `twilio-${this.code}`;
  }
}

/** Sentences for Twilio codes an agency admin can meet here; others fall back to Twilio's own text. */
const TWILIO_CODE_TEXT: Record<number, string> = {
  // A wrong token, a suspended account and a closed account all get this answer (errors/20003).
  20003: 'Twilio refused this Account SID and Auth Token: the token is wrong, or the account is suspended or closed.',
  20403: 'Twilio refused access to this account: it is suspended or closed.',
  20005: 'This Twilio account is not active: it is suspended or closed.',
  20008: 'These are Twilio test credentials. Use the live Account SID and Auth Token of the sub-account.',
  20429: 'Twilio is limiting requests right now (too many at once). Try again in a minute.',
  20500: 'Twilio had an internal error. Try again in a few minutes.',
  20503: 'Twilio is temporarily unavailable. Try again in a few minutes.',
  21211: "Twilio says the 'To' number is not a valid phone number.",
  21212: "Twilio says the 'From' number is not a valid phone number.",
  21266: "The 'To' and 'From' numbers are the same.",
  21408: 'This account may not send SMS to the country of the To number (Messaging geographic permissions).',
  21606: "The 'From' number is not an SMS-capable number of this account.",
  21610: 'The recipient has opted out (replied STOP) of messages from this number.',
  21611: "The 'From' number has too many messages queued. Try again later.",
  21612: "Twilio cannot reach the 'To' number from this 'From' number.",
  21614: "The 'To' number cannot receive SMS (it is not a mobile number).",
};

// A POST that got no answer may still have reached Twilio.
const MAYBE_SENT =
  'The message may or may not have been sent: check the Messaging logs in the Twilio console before sending another.';

/** One sentence an agency admin understands, saying what failed and, where it matters, what to do. */
export function describeTwilioError(error: TwilioApiError): string {
  const doing = OPERATION_TEXT[error.operation];
  const sending = error.operation === 'send-message';
  switch (error.code) {
    case 'network':
      return sending
        ? `Could not reach Twilio while ${doing}: the network connection was lost or blocked. ${MAYBE_SENT}`
        : `Could not reach Twilio while ${doing}: the network connection was lost or blocked. Check the connection and try again.`;
    case 'timeout':
      return sending
        ? `Twilio did not answer in time while ${doing}. ${MAYBE_SENT}`
        : `Twilio did not answer in time while ${doing}. Try again in a moment.`;
    case 'parse':
      return `Twilio sent an answer the extension could not read while ${doing}${
        error.status === null ? '' : ` (HTTP ${error.status})`
      }. Try again; if it keeps happening, Twilio's API may have changed.`;
    case 'unexpected':
      return `Something unexpected went wrong while ${doing}. Try again.`;
  }
  if (error.code === 20404) {
    return error.operation === 'fetch-account'
      ? 'Twilio knows no account with this Account SID. Check that the whole SID was copied.'
      : `Twilio could not find what it was asked for while ${doing}.`;
  }
  const known = TWILIO_CODE_TEXT[error.code];
  if (known) return known;
  if (error.status !== null && error.status >= 500) {
    return `Twilio had a problem while ${doing} (HTTP ${error.status}). Try again in a few minutes.`;
  }
  return `Twilio refused the request while ${doing}: ${error.detail} (error ${error.code}).`;
}
