/** An answer the stand-in gives instead of a resource: Twilio's error body and HTTP status. */
export class ApiFault extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /** Twilio's error body: `{code, message, more_info, status}`. */
  body() {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

/**
 * The errors the stand-in can give, with Twilio's codes and wording. Where Twilio's exact HTTP status
 * or text is not documented the choice is marked [A] (assumption).
 */
export const faults = {
  /** Wrong pair, unknown SID, a suspended/closed account's own credentials, or a pair with no right to the resource. */
  authenticate: () =>
    new ApiFault(401, 20003, 'Authenticate', { 'WWW-Authenticate': 'Basic realm="Twilio API"' }),
  /** Twilio's alternative answer for a suspended or closed account's own credentials (errors/20403). */
  forbiddenInactive: () => new ApiFault(403, 20403, '403 Forbidden'),
  /** [A] HTTP 401: acting (with parent credentials) on a sub-account that is not active. */
  accountNotActive: () => new ApiFault(401, 20005, 'Account not active'),
  testCredentials: () => new ApiFault(403, 20008, 'Resource not accessible with Test Account Credentials'),
  notFound: (path: string) => new ApiFault(404, 20404, `The requested resource ${path} was not found`),
  methodNotAllowed: () => new ApiFault(405, 20004, 'Method not allowed'),
  tooManyRequests: (retryAfterSeconds: number | null) =>
    new ApiFault(
      429,
      20429,
      'Too Many Requests',
      retryAfterSeconds === null ? {} : { 'Retry-After': String(retryAfterSeconds) },
    ),
  internalError: () => new ApiFault(500, 20500, 'Internal Server Error'),
  serviceUnavailable: () => new ApiFault(503, 20503, 'Service Unavailable'),
  /** [A] code for an out-of-range parameter value such as Status=frozen. */
  invalidParameter: (name: string, value: string) => new ApiFault(400, 20001, `Invalid ${name}: ${value}`),
  invalidAccountSid: (sid: string) => new ApiFault(400, 21470, `Invalid AccountSid: ${sid}`),
  accountDoesNotExist: (sid: string) => new ApiFault(400, 21471, `Account does not exist: ${sid}`),
  transferTargetNotActive: (sid: string) => new ApiFault(400, 21472, `Account is not active: ${sid}`),
  transferTargetNotRelated: (sid: string) =>
    new ApiFault(
      400,
      21473,
      `AccountSid ${sid} is neither parent nor child of the originating Account owner`,
    ),
  /** Twilio's own wording (seen in a twilio-ruby issue); [A] the HTTP status. */
  transferNeedsParent: () => new ApiFault(400, 21474, 'API user must be the parent account to transfer phone numbers.'),
  /**
   * [A] Twilio documents no error for moving a number that is a sender of a Messaging Service; this is
   * the nearest documented code (errors/21712: a number belongs to one Messaging Service, and services
   * are per account), in Twilio's words.
   */
  transferInMessagingService: (number: string, service: string) =>
    new ApiFault(
      400,
      21712,
      `Phone Number or Short Code is associated with another Messaging Service. ${number} is a sender of ${service}: remove it from that Messaging Service first.`,
    ),
  /**
   * errors/21649 "Phone Number Requires a Bundle": a regulated number moves only with an approved
   * Bundle of the gaining account (BundleSid). [A] the sentence after Twilio's title.
   */
  transferNeedsBundle: (number: string) =>
    new ApiFault(
      400,
      21649,
      `Phone Number Requires a Bundle: ${number} is held under a Regulatory Bundle; give an approved BundleSid of the gaining account.`,
    ),
  /** errors/21480; [A] the HTTP status. Twilio's default limit is 1,000 sub-accounts. */
  tooManySubaccounts: () => new ApiFault(400, 21480, 'Reached maximum number of subaccounts'),
  /** errors/21481; [A] the HTTP status. */
  invalidPageToken: (token: string) => new ApiFault(400, 21481, `Invalid PageToken: ${token}`),
  bodyRequired: () => new ApiFault(400, 21602, 'Message body is required.'),
  fromRequired: () => new ApiFault(400, 21603, "A 'From' phone number is required."),
  toRequired: () => new ApiFault(400, 21604, "A 'To' phone number is required."),
  invalidTo: (to: string) => new ApiFault(400, 21211, `Invalid 'To' Phone Number: ${to}`),
  invalidFrom: (from: string) => new ApiFault(400, 21212, `Invalid From Number (caller ID): ${from}`),
  sameToAndFrom: (to: string) => new ApiFault(400, 21266, `'To' and 'From' number cannot be the same: ${to}`),
  fromNotOwned: (from: string) =>
    new ApiFault(
      400,
      21606,
      `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`,
    ),
  queueFull: () =>
    new ApiFault(400, 21611, "This 'From' number has exceeded the maximum number of queued messages"),
  unroutable: (to: string, from: string) =>
    new ApiFault(
      400,
      21612,
      `The 'To' phone number: ${to}, is not currently reachable using the 'From' phone number: ${from} via SMS.`,
    ),
  noInternationalPermission: (to: string) =>
    new ApiFault(
      400,
      21408,
      `Permission to send an SMS has not been enabled for the region indicated by the 'To' number: ${to}`,
    ),
  blockedRecipient: () => new ApiFault(400, 21610, 'Attempt to send to unsubscribed recipient'),
  notMobile: () => new ApiFault(400, 21614, "'To' number is not a valid mobile number"),
};
