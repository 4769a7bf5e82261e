import type { Handoff, HandoffState } from '../utils/handoff/types';
import { TRANSIENT_REJECTIONS } from '../utils/handoff/machine';

/** What the admin can do with a handoff from the popup, by its state. */
export const UI_ACTIONS = [
  'open-dialog',
  'authorize-now',
  'retry',
  'choose-location',
  'confirm-replace',
  'override-master',
  'copy-sid',
  'copy-token',
  'discard',
] as const;
export type UiAction = (typeof UI_ACTIONS)[number];


/** While the driver works on the CRM page, opening the dialog by hand would race it. */
const DIALOG_BUSY: readonly HandoffState[] = ['captured', 'verifying', 'filling', 'submitting', 'discarded'];

/** The state machine refuses a discard while the CRM page is being written to. */
const NOT_DISCARDABLE: readonly HandoffState[] = ['filling', 'submitting', 'discarded'];

export function isTransientRejection(handoff: Handoff): boolean {
  return handoff.state === 'rejected' && TRANSIENT_REJECTIONS.includes(handoff.reasonCode ?? '');
}

/** The background wipes the token in these states (utils/background/handoffs.ts), or at expiresAt. */
const TOKEN_WIPED: readonly HandoffState[] = ['authorized', 'expired', 'discarded'];

export function tokenKept(handoff: Handoff, now: number): boolean {
  return handoff.expiresAt > now && !TOKEN_WIPED.includes(handoff.state);
}

export function availableActions(handoff: Handoff, now: number): UiAction[] {
  const { state } = handoff;
  const kept = tokenKept(handoff, now);
  const actions: UiAction[] = [];
  if (handoff.location && !DIALOG_BUSY.includes(state)) actions.push('open-dialog');
  if (state === 'filled') actions.push('authorize-now');
  if (kept && (state === 'failed' || state === 'needs-check' || isTransientRejection(handoff))) actions.push('retry');
  if (kept && state === 'needs-choice') actions.push('choose-location');
  if (kept && state === 'needs-replace-confirmation') actions.push('confirm-replace');
  // The machine accepts an override only for this rejection code.
  if (kept && state === 'rejected' && handoff.reasonCode === 'master-account' && !handoff.masterOverride) {
    actions.push('override-master');
  }
  actions.push('copy-sid');
  if (kept) actions.push('copy-token');
  if (!NOT_DISCARDABLE.includes(state)) actions.push('discard');
  return actions;
}
