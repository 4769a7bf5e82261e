/**
 * The JSON the CRM stand-in's backend and its Vue app exchange. Shared by both sides so they cannot
 * drift. These are the app's own endpoints (what HighLevel's front end calls), not an interface for
 * the extension: the extension reads locations from the rendered page only (DESIGN.md §2).
 */

/** Who provides a sub-account's phone service, as the "Managed By" column shows it. */
export type CrmManagedBy = 'twilio' | 'lc-phone' | 'not-available';

export interface SubAccountRow {
  id: string;
  name: string;
  /** The Twilio Account SID the sub-account holds, null when it holds none. */
  accountSid: string | null;
  managedBy: CrmManagedBy;
}

/** GET /api/v1/agency/phone-integration: what the page loads before it shows anything. */
export interface PhoneIntegrationBoot {
  company: {
    id: string;
    name: string;
    /** 'lc-phone' when the agency moved to LeadConnector Phone. */
    phoneProvider: 'twilio' | 'lc-phone';
    /** The agency's own Twilio account, shown masked on the Agency Settings tab. */
    twilioAccountSid: string | null;
  };
  /** Feature flags the app reads at start-up; a switch changed at run time shows after a reload. */
  features: {
    phoneIntegrationLayout: 'current' | 'legacy';
    credentialsDialogShowsLocation: boolean;
    /** Simulates a broken build where the menu entry is wired to nothing. */
    credentialsDialogBroken: boolean;
  };
}

/** GET /api/v1/phone-integration/sub-accounts?search=&page=&limit=&managedBy= */
export interface SubAccountPage {
  subAccounts: SubAccountRow[];
  total: number;
  page: number;
  limit: number;
}

/** PUT /api/v1/phone-integration/sub-accounts/:id/twilio */
export interface UpdateCredentialsBody {
  accountSid: string;
  authToken: string;
}

export interface UpdateCredentialsReply {
  subAccount: SubAccountRow;
  message: string;
}

/** Every non-2xx answer of the backend. */
export interface CrmErrorBody {
  statusCode: number;
  message: string;
}

export const API = {
  boot: '/api/v1/agency/phone-integration',
  subAccounts: '/api/v1/phone-integration/sub-accounts',
} as const;

/** The texts the backend answers with; the app shows them as they are. */
export const CRM_ERROR_TEXT = {
  invalidCredentials: 'Invalid Twilio credentials. Please check the Account SID and Auth Token.',
  accountNotActive: 'This Twilio account is not active. Please check its status in Twilio.',
  twilioUnreachable: 'We could not reach Twilio. Please try again later.',
  missingFields: 'Account SID and Auth Token are required.',
  notFound: 'Sub-account not found.',
  rateLimited: 'Too many requests. Please wait a moment and try again.',
  unauthorized: 'Unauthorized: invalid or expired token.',
} as const;
