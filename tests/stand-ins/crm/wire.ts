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
  /** The location's street address (shown only with `CrmLayout.addressColumn`). */
  address: string;
}

/**
 * One of the family of plausible page layouts (switch `layoutMatrix`). The real CRM, and every
 * other CRM page a driver may meet, differs from our one stand-in look in exactly these ways; each
 * field varies independently so an all-pairs matrix (layouts.ts) can cover them. DEFAULT_LAYOUT is
 * the page as it looked before the matrix existed. README.md, "Layout matrix", says what each renders.
 */
export interface CrmLayout {
  /** How the table shows a row's Account SID. Rows with none show "—" (except 'absent'). */
  sidDisplay: 'full' | 'masked-2-6' | 'masked-6-4' | 'ellipsis' | 'absent';
  /** ⋮ menu; a pencil opening that menu; a pencil opening the credentials editor directly. */
  rowAction: 'menu' | 'pencil-menu' | 'pencil-editor';
  /** The update entry's text: 'Update Credentials' | 'update credentials' | 'Edit Twilio Credentials'. */
  menuWording: 'update-credentials' | 'lower' | 'edit-twilio';
  /** The credentials editor: a naive-ui NModal card or an NDrawer on the right. */
  editor: 'modal' | 'drawer';
  /** Visible form labels, or no label and an aria-label (plus placeholder) on each input. */
  fieldLabels: 'label' | 'aria-label';
  /** The submit button's text. */
  submitWording: 'Authorize' | 'Save' | 'Connect';
  /** 'delete-create': the editor also has "Delete connection" and "Create Sub-Account" buttons. */
  editorExtras: 'none' | 'delete-create';
  /** After a write: toast and close; success alert inside the open editor; close without a word. */
  result: 'toast' | 'inline' | 'silent';
  /** Numbered pages, or a "Load more" button appending 10 rows. */
  list: 'pages' | 'load-more';
  /** Search on the backend (?search=), or filter one full download in the browser. */
  search: 'server' | 'client';
  /** The tab open when the page loads. */
  defaultTab: 'agency' | 'sub-accounts';
  /** Whether the table shows the 20-character location id. */
  idDisplay: 'text' | 'none';
  /** An "Address" column. */
  addressColumn: boolean;
  /**
   * The design system's class prefix on the whole app (naive-ui `clsPrefix`): HighLevel's `hr`,
   * naive-ui's own `n`, the `hl` of another design-system flag. Only class names change.
   */
  classPrefix: 'hr' | 'n' | 'hl';
}

export const DEFAULT_LAYOUT: Readonly<CrmLayout> = Object.freeze({
  sidDisplay: 'full',
  rowAction: 'menu',
  menuWording: 'update-credentials',
  editor: 'modal',
  fieldLabels: 'label',
  submitWording: 'Authorize',
  editorExtras: 'none',
  result: 'toast',
  list: 'pages',
  search: 'server',
  defaultTab: 'agency',
  idDisplay: 'text',
  addressColumn: false,
  classPrefix: 'hr',
});

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
    /** After a save the editor is drawn again for good, deaf to Cancel (switch editorSticksAfterSave). */
    credentialsEditorSticks: boolean;
    /** The layout of the 'current' page; always DEFAULT_LAYOUT with the legacy layout. */
    layoutMatrix: CrmLayout;
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

/** The row-menu entries whose mere selection the app reports (before any confirm). */
export const TRACKED_MENU_ENTRIES = ['disconnect', 'delete-connection', 'link-leadconnector'] as const;
export type TrackedMenuEntry = (typeof TRACKED_MENU_ENTRIES)[number];

/** POST /api/v1/phone-integration/sub-accounts/:id/menu-events: the app's usage telemetry. */
export interface MenuEventBody {
  entry: TrackedMenuEntry;
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

/**
 * The largest `limit` the list answers. Large because the client-search layout downloads every
 * sub-account in one request (5,000-location agencies included) and filters in the browser.
 */
export const MAX_LIST_LIMIT = 10_000;

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
