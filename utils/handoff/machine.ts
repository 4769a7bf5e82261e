import { storedParams, type Reason } from './reasons';
import type { Candidate, FinalState, Handoff, HandoffState, Location } from './types';
import { FINAL_STATES } from './types';

/**
 * The handoff state machine of DESIGN.md §2, as a pure function: (handoff, event, now) → next handoff
 * or a refusal. The background persists every result; nothing here touches storage or the network.
 * Reasons, its refusals included, are codes with parameters (./reasons.ts): the UI words them.
 */
export type HandoffEvent =
  | { type: 'verify' }
  | { type: 'verified'; friendlyName: string; accountStatus: string; isMasterAccount: boolean }
  | { type: 'reject'; reason: Reason }
  | { type: 'override-master' }
  | { type: 'match'; location: Location }
  | { type: 'need-choice'; candidates: Candidate[]; reason: Reason }
  | { type: 'need-replace'; previousSid: string }
  | { type: 'fill'; runId: string; previousSid: string | null; waitForAdmin: boolean }
  | { type: 'filled' }
  | { type: 'submit'; runId: string }
  | { type: 'authorized'; reason: Reason }
  | { type: 'fail'; reason: Reason }
  | { type: 'needs-check'; reason: Reason }
  | { type: 'retry' }
  | { type: 'expire' }
  | { type: 'discard' };

type EventType = HandoffEvent['type'];

export const MAX_STEPS = 200;

/** From which states each event may be applied. Anything else is refused. */
const ALLOWED_FROM: Record<EventType, readonly HandoffState[]> = {
  verify: ['captured'],
  verified: ['verifying'],
  reject: ['verifying', 'verified', 'matched', 'needs-choice', 'needs-replace-confirmation', 'filling'],
  'override-master': ['rejected'],
  match: ['verified', 'needs-choice'],
  'need-choice': ['verified'],
  // From filling too: the editor showed another SID than the row did, or than the one confirmed.
  'need-replace': ['matched', 'filling'],
  // From filling too: a run lost with a stopped worker is started again under a new id; the old run's
  // submit request then carries a stale id and is refused.
  fill: ['matched', 'needs-replace-confirmation', 'filling', 'filled'],
  filled: ['filling'],
  submit: ['filling'],
  authorized: ['submitting', 'needs-check'],
  fail: ['verifying', 'verified', 'matched', 'filling', 'filled', 'submitting'],
  'needs-check': ['filling', 'submitting'],
  retry: ['failed', 'needs-check', 'rejected'],
  expire: ['captured', 'verifying', 'verified', 'matched', 'needs-choice', 'needs-replace-confirmation', 'filling', 'filled', 'submitting', 'failed', 'rejected', 'needs-check'],
  discard: ['captured', 'verifying', 'verified', 'rejected', 'matched', 'needs-choice', 'needs-replace-confirmation', 'filling', 'filled', 'failed', 'needs-check', 'expired', 'authorized'],
};

/** Rejections a retry can cure: Twilio or the CRM was briefly out of reach. */
export const TRANSIENT_REJECTIONS: readonly string[] = ['crm-unreachable', 'twilio-unreachable'];
/** A master account is retried through its own override, which the admin confirms after a warning. */
const RETRYABLE_REJECTIONS = new Set([...TRANSIENT_REJECTIONS, 'master-account']);

export type TransitionResult = { ok: true; handoff: Handoff } | { ok: false; reason: Reason };

/**
 * States in which nothing moves until the admin acts: a location to choose, a Replace answer, an
 * Authorize click, or a look in the CRM after an answer that could not be read. Only "fill and wait"
 * stops at `filled` (its run fills without submitting, whatever the setting says by now), so the
 * state alone tells that the handoff waits for Authorize. The toolbar badge counts them; the popup
 * lists them first.
 */
export const WAITING_STATES: readonly HandoffState[] = ['needs-choice', 'needs-replace-confirmation', 'filled', 'needs-check'];

export function waitsForAdmin(state: HandoffState): boolean {
  return WAITING_STATES.includes(state);
}

export function isFinal(state: HandoffState): state is FinalState {
  return (FINAL_STATES as readonly HandoffState[]).includes(state);
}

export function transition(handoff: Handoff, event: HandoffEvent, now: number): TransitionResult {
  if (!ALLOWED_FROM[event.type].includes(handoff.state)) {
    return { ok: false, reason: { code: 'not-now', params: { event: event.type, state: handoff.state } } };
  }
  // The log keeps its newest entries: retries must not grow a stored handoff without end.
  const next: Handoff = { ...handoff, updatedAt: now, steps: handoff.steps.slice(-(MAX_STEPS - 1)) };
  const to = (state: HandoffState, detail?: string): TransitionResult => {
    next.state = state;
    next.steps.push(detail ? { at: now, step: state, detail } : { at: now, step: state });
    return { ok: true, handoff: next };
  };
  // An older version's sentence (`reason`) goes with the reason it gave.
  const clearReason = () => {
    delete next.reason;
    delete next.reasonCode;
    delete next.reasonParams;
  };
  const setReason = (reason: Reason) => {
    delete next.reason;
    next.reasonCode = reason.code;
    next.reasonParams = storedParams(reason.params);
  };

  switch (event.type) {
    case 'verify':
      return to('verifying');
    case 'verified':
      next.friendlyName = event.friendlyName;
      next.accountStatus = event.accountStatus;
      next.isMasterAccount = event.isMasterAccount;
      return to('verified');
    case 'reject':
      setReason(event.reason);
      return to('rejected', event.reason.code);
    case 'override-master':
      if (handoff.reasonCode !== 'master-account') return { ok: false, reason: { code: 'not-master-account', params: {} } };
      next.masterOverride = true;
      clearReason();
      return to('verified', 'master-override');
    case 'match':
      next.location = event.location;
      delete next.candidates;
      clearReason();
      return to('matched', event.location.id);
    case 'need-choice':
      next.candidates = event.candidates;
      setReason(event.reason);
      return to('needs-choice', event.reason.code);
    case 'need-replace':
      next.previousSid = event.previousSid;
      return to('needs-replace-confirmation');
    case 'fill':
      next.runId = event.runId;
      next.previousSid = event.previousSid;
      next.waitForAdmin = event.waitForAdmin;
      clearReason();
      return to('filling', event.runId);
    case 'filled':
      return to('filled');
    case 'submit':
      if (event.runId !== handoff.runId) return { ok: false, reason: { code: 'stale-run', params: {} } };
      next.submissions = handoff.submissions + 1;
      return to('submitting', event.runId);
    case 'authorized':
      setReason(event.reason);
      return to('authorized');
    case 'fail':
      setReason(event.reason);
      return to('failed', event.reason.code);
    case 'needs-check':
      setReason(event.reason);
      return to('needs-check', event.reason.code);
    case 'retry':
      if (handoff.state === 'rejected' && !RETRYABLE_REJECTIONS.has(handoff.reasonCode ?? '')) {
        return { ok: false, reason: { code: 'no-retry', params: {} } };
      }
      clearReason();
      delete next.runId;
      // A handoff that never reached the CRM starts over; one that did keeps its location.
      return to(handoff.location && handoff.state !== 'rejected' ? 'matched' : 'captured', 'retry');
    case 'expire':
      return to('expired');
    case 'discard':
      return to('discarded');
  }
}

export function newHandoff(input: {
  id: string;
  sid: string;
  pageAccountName?: string;
  crmHost: string;
  now: number;
  lifetimeMs: number;
  source?: Handoff['source'];
  targetLocationId?: string;
}): Handoff {
  return {
    id: input.id,
    state: 'captured',
    createdAt: input.now,
    updatedAt: input.now,
    expiresAt: input.now + input.lifetimeMs,
    sid: input.sid,
    ...(input.pageAccountName ? { friendlyName: input.pageAccountName } : {}),
    ...(input.source ? { source: input.source } : {}),
    ...(input.targetLocationId ? { targetLocationId: input.targetLocationId } : {}),
    crmHost: input.crmHost,
    submissions: 0,
    steps: [{ at: input.now, step: 'captured' }],
  };
}
