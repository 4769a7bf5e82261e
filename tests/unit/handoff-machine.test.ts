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
    ['verifying', { type: 'reject', reason: { code: 'master-account', params: {} } }, 'rejected'],
    ['verified', { type: 'match', location }, 'matched'],
    ['verified', { type: 'need-choice', candidates: [], reason: { code: 'several-names', params: { name: 'Acme' } } }, 'needs-choice'],
    ['needs-choice', { type: 'match', location }, 'matched'],
    ['matched', { type: 'need-replace', previousSid: 'AC' + 'b'.repeat(32) }, 'needs-replace-confirmation'],
    ['needs-replace-confirmation', { type: 'fill', runId: 'r1', previousSid: null, waitForAdmin: false }, 'filling'],
    ['filling', { type: 'filled' }, 'filled'],
    ['submitting', { type: 'authorized', reason: { code: 'crm-accepted', params: { message: 'ok' } } }, 'authorized'],
    ['submitting', { type: 'needs-check', reason: { code: 'interrupted', params: {} } }, 'needs-check'],
    ['authorized', { type: 'fail', reason: { code: 'crm-error', params: { message: 'x' } } }, 'refused'],
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

  it('refuses with a code and its parameters, never a sentence', () => {
    expect(transition(at('authorized'), { type: 'expire' }, 1)).toEqual({ ok: false, reason: { code: 'not-now', params: { event: 'expire', state: 'authorized' } } });
    expect(transition(at('rejected', { reasonCode: 'twilio-20003' }), { type: 'override-master' }, 1)).toEqual({ ok: false, reason: { code: 'not-master-account', params: {} } });
    expect(transition(at('filling', { runId: 'run-2' }), { type: 'submit', runId: 'run-1' }, 1)).toEqual({ ok: false, reason: { code: 'stale-run', params: {} } });
    expect(transition(at('rejected', { reasonCode: 'twilio-20003' }), { type: 'retry' }, 1)).toEqual({ ok: false, reason: { code: 'no-retry', params: {} } });
  });
});

describe('reasons', () => {
  it('stores the code and its parameters, dropping absent ones, and no sentence', () => {
    const result = transition(at('filling'), { type: 'fail', reason: { code: 'driver:find-row', params: { message: 'No row.', driverCode: 'no-row', submitted: undefined } } }, 1);
    expect(result.ok && result.handoff).toMatchObject({ state: 'failed', reasonCode: 'driver:find-row', reasonParams: { message: 'No row.', driverCode: 'no-row' } });
    expect(result.ok && result.handoff.reasonParams).not.toHaveProperty('submitted');
    expect(result.ok && result.handoff).not.toHaveProperty('reason');
  });

  it('a new reason replaces an older version’s sentence; leaving the state clears both', () => {
    const old = at('verifying', { reason: 'A sentence stored by an older version.', reasonCode: 'twilio-20003' });
    const rejected = transition(old, { type: 'reject', reason: { code: 'master-account', params: {} } }, 1);
    expect(rejected.ok && rejected.handoff).toMatchObject({ reasonCode: 'master-account', reasonParams: {} });
    expect(rejected.ok && rejected.handoff).not.toHaveProperty('reason');

    const matched = transition(at('needs-choice', { reason: 'Old.', reasonCode: 'several-names' }), { type: 'match', location }, 1);
    for (const key of ['reason', 'reasonCode', 'reasonParams']) expect(matched.ok && matched.handoff).not.toHaveProperty(key);
  });

  it('an authorized handoff keeps how it was authorized: the CRM’s own words as a parameter', () => {
    const done = transition(at('submitting', { reasonCode: 'interrupted', reasonParams: {} }), { type: 'authorized', reason: { code: 'crm-accepted', params: { message: 'Saved.', accountStatus: 'active', numbers: 2 } } }, 1);
    expect(done.ok && done.handoff).toMatchObject({ reasonCode: 'crm-accepted', reasonParams: { message: 'Saved.', accountStatus: 'active', numbers: 2 } });
  });
});
