import { describe, expect, it } from 'vitest';
import { toOverlayHandoff } from '../../utils/background/handoffs';
import { parseOverlayReply } from '../../utils/console/messaging';
import { newHandoff } from '../../utils/handoff/machine';
import type { Handoff } from '../../utils/handoff/types';
import { OverlayHandoff, ToConsole } from '../../utils/messages';

/**
 * What the console content script receives of a handoff: only the fields the overlay shows (issue 5:
 * the console parses a smaller schema), from the background's updates and from its replies alike.
 */

const SID = `AC${'a1'.repeat(16)}`;

function full(extra: Partial<Handoff> = {}): Handoff {
  return {
    ...newHandoff({
      id: 'h1',
      sid: SID,
      crmHost: 'app.gohighlevel.com',
      now: 1,
      lifetimeMs: 900_000,
      source: { tabId: 7, frameId: 0, url: 'https://console.twilio.com/?accountSid=' + SID },
    }),
    state: 'needs-replace-confirmation',
    updatedAt: 5,
    friendlyName: 'Acme Dental - Austin',
    location: { id: 'loc-1', name: 'Acme Dental - Austin', sid: `AC${'77'.repeat(16)}`, managedBy: 'twilio' },
    candidates: [{ location: { id: 'loc-2', name: 'Acme Dental Austin' }, score: 0.8 }],
    previousSid: `AC${'77'.repeat(16)}`,
    reason: 'Why',
    runId: 'run-1',
    ...extra,
  };
}

describe('toOverlayHandoff', () => {
  it('keeps what the overlay shows and nothing else (no tab, candidates, step log or location id)', () => {
    expect(toOverlayHandoff(full())).toEqual({
      id: 'h1',
      state: 'needs-replace-confirmation',
      updatedAt: 5,
      sid: SID,
      friendlyName: 'Acme Dental - Austin',
      location: { name: 'Acme Dental - Austin' },
      previousSid: `AC${'77'.repeat(16)}`,
      reason: 'Why',
    });
  });

  it.each([
    ['a new handoff', newHandoff({ id: 'h2', sid: SID, crmHost: 'app.gohighlevel.com', now: 1, lifetimeMs: 1 })],
    ['a location that held no SID', full({ previousSid: null })],
    ['a full handoff', full()],
  ])('gives what ToConsole accepts: %s', (_what, handoff) => {
    const message = { type: 'handoff-update', handoff: toOverlayHandoff(handoff) };
    expect(ToConsole.safeParse(message)).toEqual({ success: true, data: message });
  });
});

describe('OverlayHandoff', () => {
  it('reads a full stored handoff (a reply the popup shares) and drops the fields it does not name', () => {
    const parsed = OverlayHandoff.parse(full());
    expect(parsed).toEqual(toOverlayHandoff(full()));
    expect(parsed).not.toHaveProperty('source');
  });

  it.each([
    ['an unknown state', { ...toOverlayHandoff(full()), state: 'done' }],
    ['no id', { ...toOverlayHandoff(full()), id: undefined }],
    ['a date for updatedAt', { ...toOverlayHandoff(full()), updatedAt: '5' }],
  ])('refuses %s', (_what, value) => {
    expect(OverlayHandoff.safeParse(value).success).toBe(false);
  });
});

describe('parseOverlayReply', () => {
  it.each([
    ['a handoff', { ok: true, handoff: full() }, { ok: true, handoff: toOverlayHandoff(full()) }],
    ['a refusal', { ok: false, message: 'No.' }, { ok: false, message: 'No.' }],
    ['ok without a handoff', { ok: true }, null],
    ['a refusal without a message', { ok: false }, null],
    ['a handoff-update sent as a reply', { type: 'handoff-update', handoff: full() }, null],
    ['nothing', undefined, null],
    ['a string', 'ok', null],
  ])('%s', (_what, raw, expected) => {
    expect(parseOverlayReply(raw)).toEqual(expected);
  });
});
