import * as z from 'zod/mini';
import { ReasonParams } from '../handoff/reasons';

/**
 * A bulk connect run as kept in storage.local (it must outlive a browser restart): the plan and each
 * row's state. SIDs, names and reason codes only; never a token (tokens stay with their handoffs in
 * storage.session), and no free text but reasons already scrubbed of token-shaped strings.
 */

/** Why the plan leaves a location out: every name it cannot settle uniquely, never a guess. */
export const PLAN_SKIPS = [
  'lc-phone',
  'already-connected',
  'sid-unknown',
  'no-name',
  'several-locations',
  'several-subaccounts',
  'subaccount-in-use',
  'no-subaccount',
] as const;
export type PlanSkip = (typeof PLAN_SKIPS)[number];

/**
 * A row's life in the run: `starting` is stored before the background is asked to connect (so a run
 * cut off there is known to be in doubt), `running` once a handoff carries it; the last three are final.
 */
export const ROW_STATES = ['pending', 'starting', 'running', 'done', 'needs-you', 'failed', 'skipped'] as const;
export type RowState = (typeof ROW_STATES)[number];

export const BulkRow = z.object({
  location: z.object({ id: z.string(), name: z.string() }),
  /** existing: the plan's sub-account; create: a new one named after the location; skip: not run. */
  action: z.enum(['existing', 'create', 'skip']),
  subaccountSid: z.optional(z.string()),
  skip: z.optional(z.enum(PLAN_SKIPS)),
  /** With several-locations / several-subaccounts: how many. With already-connected: the SID shown. */
  count: z.optional(z.number()),
  heldSid: z.optional(z.string()),
  state: z.enum(ROW_STATES),
  handoffId: z.optional(z.string()),
  startedAt: z.optional(z.number()),
  endedAt: z.optional(z.number()),
  /** As handoffs keep theirs (components/reason-text.ts words them); `reason` is a sentence the background answered. */
  reasonCode: z.optional(z.string()),
  reasonParams: z.optional(ReasonParams),
  reason: z.optional(z.string()),
});
export type BulkRow = z.infer<typeof BulkRow>;

export const BulkRun = z.object({
  id: z.string(),
  host: z.string(),
  createdAt: z.number(),
  createMissing: z.boolean(),
  /** planned: shown, not started; paused and cancelled take effect between rows, never inside one. */
  status: z.enum(['planned', 'running', 'paused', 'cancelled', 'finished']),
  rows: z.array(BulkRow),
});
export type BulkRun = z.infer<typeof BulkRun>;
