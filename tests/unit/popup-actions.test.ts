import { describe, expect, it } from 'vitest';
import { availableActions, tokenKept, type UiAction } from '../../components/handoff-actions';
import type { Handoff, HandoffState } from '../../utils/handoff/types';

const NOW = 1_000_000;
const LOCATION = { id: 'loc-1', name: 'Acme Dental - Austin' };

function handoff(state: HandoffState, extra: Partial<Handoff> = {}): Handoff {
  return {
    id: 'h1',
    state,
    createdAt: NOW - 1000,
    updatedAt: NOW - 500,
    expiresAt: NOW + 60_000,
    sid: 'AC' + 'a1'.repeat(16),
    friendlyName: 'Acme Dental - Austin',
    crmHost: 'app.gohighlevel.com',
    submissions: 0,
    steps: [],
    ...extra,
  };
}

const cases: [string, Handoff, UiAction[]][] = [
  ['captured', handoff('captured'), ['copy-sid', 'copy-token', 'discard']],
  ['verifying', handoff('verifying'), ['copy-sid', 'copy-token', 'discard']],
  ['matched', handoff('matched', { location: LOCATION }), ['open-dialog', 'copy-sid', 'copy-token', 'discard']],
  ['needs-choice', handoff('needs-choice'), ['choose-location', 'copy-sid', 'copy-token', 'discard']],
  [
    'needs-replace-confirmation',
    handoff('needs-replace-confirmation', { location: LOCATION }),
    ['open-dialog', 'confirm-replace', 'copy-sid', 'copy-token', 'discard'],
  ],
  ['filling', handoff('filling', { location: LOCATION }), ['copy-sid', 'copy-token']],
  ['filled', handoff('filled', { location: LOCATION }), ['open-dialog', 'authorize-now', 'copy-sid', 'copy-token', 'discard']],
  ['submitting', handoff('submitting', { location: LOCATION }), ['copy-sid', 'copy-token']],
  ['authorized', handoff('authorized', { location: LOCATION }), ['open-dialog', 'copy-sid', 'discard']],
  ['failed', handoff('failed', { location: LOCATION }), ['open-dialog', 'retry', 'copy-sid', 'copy-token', 'discard']],
  ['needs-check', handoff('needs-check', { location: LOCATION }), ['open-dialog', 'retry', 'copy-sid', 'copy-token', 'discard']],
  ['rejected: wrong token', handoff('rejected', { reasonCode: 'twilio-20003' }), ['copy-sid', 'copy-token', 'discard']],
  ['rejected: Twilio away', handoff('rejected', { reasonCode: 'twilio-unreachable' }), ['retry', 'copy-sid', 'copy-token', 'discard']],
  ['rejected: CRM away', handoff('rejected', { reasonCode: 'crm-unreachable' }), ['retry', 'copy-sid', 'copy-token', 'discard']],
  [
    'rejected: master account',
    handoff('rejected', { reasonCode: 'master-account', isMasterAccount: true }),
    ['override-master', 'copy-sid', 'copy-token', 'discard'],
  ],
  [
    'rejected: master account already overridden',
    handoff('rejected', { reasonCode: 'master-account', masterOverride: true }),
    ['copy-sid', 'copy-token', 'discard'],
  ],
  ['failed after the token expired', handoff('failed', { expiresAt: NOW - 1 }), ['copy-sid', 'discard']],
  ['expired', handoff('expired', { location: LOCATION }), ['open-dialog', 'copy-sid', 'discard']],
  ['discarded', handoff('discarded', { location: LOCATION }), ['copy-sid']],
];

describe('availableActions', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(availableActions(input, NOW)).toEqual(expected);
  });
});

describe('tokenKept', () => {
  it.each([
    [handoff('filled'), true],
    [handoff('filled', { expiresAt: NOW }), false],
    [handoff('authorized'), false],
    [handoff('expired'), false],
    [handoff('discarded'), false],
  ])('%#', (input, expected) => {
    expect(tokenKept(input, NOW)).toBe(expected);
  });
});
