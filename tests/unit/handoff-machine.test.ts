import { describe, expect, it } from 'vitest';
import { newHandoff, transition, type HandoffEvent } from '../../utils/handoff/machine';
import type { Handoff, HandoffState } from '../../utils/handoff/types';

const SID = 'AC' + 'a'.repeat(32);
const base = newHandoff({ id: 'h1', sid: SID, crmHost: 'app.gohighlevel.com', now: 0, lifetimeMs: 900_000 });
const at = (state: HandoffState, extra: Partial<Handoff> = {}): Handoff => ({ ...base, state, ...extra });
const location = { id: 'loc1', name: 'Acme' };

describe('transition', () => {
  it.each<[HandoffState, HandoffEvent, HandoffState | 'refused']>([
    ['captured', { type: 'verify' }, 'verifying'],
    ['verifying', { type: 'verified', friendlyName: 'Acme', accountStatus: 'active', isMasterAccount: false }, 'verified'],
    ['verifying', { type: 'reject', reason: 'r', code: 'twilio-20003' }, 'rejected'],
    ['verified', { type: 'match', location }, 'matched'],
    ['verified', { type: 'need-choice', candidates: [], reason: 'r', code: 'several-names' }, 'needs-choice'],
    ['needs-choice', { type: 'match', location }, 'matched'],
    ['matched', { type: 'need-replace', previousSid: 'AC' + 'b'.repeat(32) }, 'needs-replace-confirmation'],
    ['needs-replace-confirmation', { type: 'fill', runId: 'r1', previousSid: null, waitForAdmin: false }, 'filling'],
    ['filling', { type: 'filled' }, 'filled'],
    ['submitting', { type: 'authorized', message: 'ok' }, 'authorized'],
    ['submitting', { type: 'needs-check', reason: 'r', code: 'lost' }, 'needs-check'],
    ['authorized', { type: 'fail', reason: 'r', code: 'x' }, 'refused'],
    ['authorized', { type: 'expire' }, 'refused'],
    ['submitting', { type: 'discard' }, 'refused'],
    ['captured', { type: 'match', location }, 'refused'],
    ['needs-choice', { type: 'fill', runId: 'r', previousSid: null, waitForAdmin: false }, 'refused'],
    ['filled', { type: 'expire' }, 'expired'],
  ])('%s + %j → %s', (from, event, expected) => {
    const result = transition(at(from), event, 5);
    if (expected === 'refused') expect(result.ok).toBe(false);
    else {
      expect(result.ok && result.handoff.state).toBe(expected);
      expect(result.ok && result.handoff.steps.at(-1)?.step).toBe(expected);
    }
  });

  it('counts a submission only for the current run', () => {
    const filling = at('filling', { runId: 'run-2' });
    expect(transition(filling, { type: 'submit', runId: 'run-1' }, 1).ok).toBe(false);
    const ok = transition(filling, { type: 'submit', runId: 'run-2' }, 1);
    expect(ok.ok && ok.handoff.submissions).toBe(1);
  });

  it('overrides only a master-account rejection', () => {
    expect(transition(at('rejected', { reasonCode: 'twilio-20003' }), { type: 'override-master' }, 1).ok).toBe(false);
    const ok = transition(at('rejected', { reasonCode: 'master-account' }), { type: 'override-master' }, 1);
    expect(ok.ok && ok.handoff.state).toBe('verified');
    expect(ok.ok && ok.handoff.masterOverride).toBe(true);
  });

  it('retries a failed handoff at its location, never a refused pair', () => {
    const retried = transition(at('failed', { location, reasonCode: 'crm-error' }), { type: 'retry' }, 1);
    expect(retried.ok && retried.handoff.state).toBe('matched');
    expect(transition(at('rejected', { reasonCode: 'twilio-20003' }), { type: 'retry' }, 1).ok).toBe(false);
  });
});
