import * as z from 'zod/mini';
import { ReasonParams } from '../handoff/reasons';

/**
 * A rotation run as kept in storage.local (it must outlive a page and a service worker): which
 * locations, which sub-account each holds, and where each row's rotation stands. SIDs, names, step
 * names and stop codes only; never a token (the new one waits in storage.session, utils/rotate/store.ts).
 */

/** Why the plan leaves a connected-looking location out. */
export const ROTATE_SKIPS = ['lc-phone', 'not-connected', 'sid-unknown', 'not-under-master'] as const;
export type RotateSkip = (typeof ROTATE_SKIPS)[number];

/**
 * A row's life. `idle`: planned, not asked for. `pending`: asked for (per row or "rotate selected").
 * Then one state per step, each stored *before* the step is taken, so a stop anywhere resumes at
 * the step it stopped in: `creating` (the secondary token is being made), `created` (it is kept in
 * storage.session), `handing-off` (the background is being asked to write it into the location),
 * `crm` (that handoff is under way), `verifying` (Twilio is asked whether the new token works),
 * `promoting` (it is being made the primary). `done`, `stopped` and `skipped` are final.
 */
export const ROTATE_STATES = ['idle', 'pending', 'creating', 'created', 'handing-off', 'crm', 'verifying', 'promoting', 'done', 'stopped', 'skipped'] as const;
export type RotateState = (typeof ROTATE_STATES)[number];

/**
 * Where a rotation stopped (components/rotate-text.ts words each one). Those before the CRM write
 * leave the old token alone and the new one deleted; those after it leave both working.
 */
export const ROTATE_STOPS = [
  'read-token',
  'create-secondary',
  'handoff-refused',
  'other-sid',
  'location-not-found',
  'handoff-rejected',
  'handoff-ended',
  'in-doubt',
  'crm-refused',
  'crm-silent',
  'crm-unsure',
  'token-lost',
  'verify',
  'promote',
] as const;
export type RotateStop = (typeof ROTATE_STOPS)[number];

export const RotateRow = z.object({
  location: z.object({ id: z.string(), name: z.string() }),
  /** The sub-account SID the CRM's list shows for the location: the account whose token is rotated. */
  sid: z.optional(z.string()),
  skip: z.optional(z.enum(ROTATE_SKIPS)),
  state: z.enum(ROTATE_STATES),
  handoffId: z.optional(z.string()),
  /** When the background was last asked for the handoff: one started since then is this row's. */
  handingOffAt: z.optional(z.number()),
  startedAt: z.optional(z.number()),
  endedAt: z.optional(z.number()),
  stop: z.optional(z.enum(ROTATE_STOPS)),
  /**
   * True once the CRM may hold the new token (an Authorize click was sent): from then on the secondary
   * is never deleted, and a retry goes on from `resumeAt`, never from a fresh secondary.
   */
  crmMayHold: z.optional(z.boolean()),
  /** A stopped row's step to go on from when retried (only while its new token is still kept). */
  resumeAt: z.optional(z.enum(ROTATE_STATES)),
  /** The new token could not be deleted after a stop before the CRM write: an unused secondary remains. */
  secondaryLeft: z.optional(z.boolean()),
  /** Facts for the wording: Twilio's or the CRM's words (scrubbed), the SID the location holds instead. */
  detail: z.optional(z.string()),
  /** The handoff's own reason, as handoffs keep theirs (components/reason-text.ts words it). */
  reasonCode: z.optional(z.string()),
  reasonParams: z.optional(ReasonParams),
  otherSid: z.optional(z.string()),
});
export type RotateRow = z.infer<typeof RotateRow>;

export const RotateRun = z.object({
  id: z.string(),
  host: z.string(),
  createdAt: z.number(),
  /** planned: shown, nothing asked; paused and cancelled take effect between rows, never inside one. */
  status: z.enum(['planned', 'running', 'paused', 'cancelled', 'finished']),
  rows: z.array(RotateRow),
});
export type RotateRun = z.infer<typeof RotateRun>;
