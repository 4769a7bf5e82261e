import * as z from 'zod/mini';
import { ReasonParams } from './reasons';

/** DESIGN.md §2. Every state is persisted in storage.session so a worker restart loses nothing. */
export const HANDOFF_STATES = [
  'captured',
  'verifying',
  'verified',
  'rejected',
  'matched',
  'needs-choice',
  'needs-replace-confirmation',
  'filling',
  'filled',
  'submitting',
  'authorized',
  'failed',
  'needs-check',
  'expired',
  'discarded',
] as const;
export const HandoffState = z.enum(HANDOFF_STATES);
export type HandoffState = z.infer<typeof HandoffState>;

/** States after which nothing more happens by itself. */
export const FINAL_STATES = ['rejected', 'authorized', 'failed', 'needs-check', 'expired', 'discarded'] as const;
export type FinalState = (typeof FINAL_STATES)[number];

/** How the CRM shows who provides a location's phone service (the "Managed By" column). */
export const ManagedBy = z.enum(['twilio', 'lc-phone', 'not-available', 'unknown']);
export type ManagedBy = z.infer<typeof ManagedBy>;

/** A CRM location as a person sees it on the Phone Integration page. Known by its id, not its name. */
export const Location = z.object({
  id: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200)),
  name: /* @__PURE__ */ z.string().check(z.maxLength(500)),
  /**
   * The Account SID the row shows: the whole SID; null when the row shows the page's empty marker;
   * absent when the row does not tell (masked, cut short, no SID column). Unknown is never none.
   */
  sid: z.optional(z.nullable(/* @__PURE__ */ z.string().check(z.maxLength(64)))),
  /** The visible ends of a masked or cut SID ("AC••••ff3b1c"): a hint, never the truth. */
  sidPartial: z.optional(z.object({ prefix: /* @__PURE__ */ z.string().check(z.maxLength(34)), suffix: /* @__PURE__ */ z.string().check(z.maxLength(34)) })),
  managedBy: z.optional(ManagedBy),
  /** The row's other columns as "Header: text" (an address): how two rows with one name differ. */
  details: z.optional(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string().check(z.maxLength(420))).check(z.maxLength(4))),
});
export type Location = z.infer<typeof Location>;

export const Candidate = z.object({
  location: Location,
  /** 0..1, 1 = the normalised names are equal. */
  score: z.number(),
});
export type Candidate = z.infer<typeof Candidate>;

export const StepLogEntry = z.object({
  at: z.number(),
  step: z.string(),
  detail: z.optional(z.string()),
});
export type StepLogEntry = z.infer<typeof StepLogEntry>;

/**
 * A handoff, as stored and as shown to the popup and the overlay. It never holds the Auth Token:
 * tokens live in their own storage.session item (utils/handoff/store.ts) so they can be wiped alone.
 */
export const Handoff = z.object({
  id: z.string(),
  state: HandoffState,
  createdAt: z.number(),
  updatedAt: z.number(),
  /** When the token is wiped and the handoff becomes expired (unless already final). */
  expiresAt: z.number(),
  sid: z.string(),
  /** From Twilio once verified; before that, what the console page showed (if anything). */
  friendlyName: z.optional(z.string()),
  accountStatus: z.optional(z.string()),
  /** True when Twilio says the account owns itself: a master (parent) account, not a sub-account. */
  isMasterAccount: z.optional(z.boolean()),
  masterOverride: z.optional(z.boolean()),
  /** The tab/frame the credentials came from, to send overlay updates back. */
  source: z.optional(z.object({ tabId: z.number(), frameId: z.number(), url: z.string() })),
  crmHost: z.string(),
  crmTabId: z.optional(z.number()),
  /** The CRM document the driver runs in (Chrome's documentId): only its reports count. */
  crmDocumentId: z.optional(z.string()),
  /** Times the CRM tab was reloaded for this handoff (a window on the page that would not close). */
  crmReloads: z.optional(z.number()),
  location: z.optional(Location),
  /**
   * Set when the admin started the handoff for one CRM location (connect by name, bulk connect):
   * only the location with this id may be matched; if it is not found under a matching name, the
   * handoff stops and asks, never taking another location.
   */
  targetLocationId: z.optional(/* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200))),
  candidates: z.optional(z.array(Candidate)),
  /** The SID the location held before (read from the CRM), null when it held none. */
  previousSid: z.optional(z.nullable(z.string())),
  /**
   * Why it was rejected, failed, needs a choice or a check, or how it was authorized: a code of
   * utils/handoff/reasons.ts (`twilio-20003`, `driver:find-row`, `crm-error`) and its parameters.
   * The popup and the overlay word them (components/text.ts `reasonText`).
   */
  reasonCode: z.optional(z.string()),
  reasonParams: z.optional(ReasonParams),
  /**
   * The sentence versions before reason codes stored instead of params. Never written now; shown as
   * it is for a handoff stored by such a version (components/text.ts `storedReasonText`).
   */
  reason: z.optional(z.string()),
  /** The current CRM driver run; results from any other run are stale and ignored. */
  runId: z.optional(z.string()),
  /** How many times an Authorize click was sent for this handoff (at most one per admin action). */
  submissions: z.number(),
  /** Whether the admin asked to fill and wait instead of authorizing automatically. */
  waitForAdmin: z.optional(z.boolean()),
  steps: z.array(StepLogEntry),
});
export type Handoff = z.infer<typeof Handoff>;
