import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { otherTokenInFlight, route } from '../../utils/background/router';
import { listHandoffs, loadToken } from '../../utils/handoff/store';
import type { Handoff } from '../../utils/handoff/types';
import { OverlayHandoff } from '../../utils/messages';
import { makeHandoff, SID, storeHandoffs, TOKEN } from './support/handoffs';

/**
 * What the background tells the console content script: the overlay's own view of a handoff (the
 * fields OverlayHandoff names), never the candidates, run id, CRM tab or step log; and a capture
 * joins a handoff in flight only with the very same pair.
 */
const EXT = fakeBrowser.runtime.id;
const consoleSender = { id: EXT, tab: { id: 1 }, frameId: 0, url: 'https://console.twilio.com/us1/account/x' };
const otherConsoleTab = { ...consoleSender, tab: { id: 2 } };
const popupSender = { id: EXT, url: fakeBrowser.runtime.getURL('/popup.html') };
const OVERLAY_KEYS = Object.keys(OverlayHandoff.shape).sort();
const OTHER_TOKEN = '9d'.repeat(16);

/** A handoff carrying every field the overlay must not see. */
function fullHandoff(state: Handoff['state']): Handoff {
  return makeHandoff(state, {
    friendlyName: 'Acme Dental - Austin',
    source: { tabId: 1, frameId: 0, url: consoleSender.url },
    crmTabId: 44,
    runId: 'run-secret',
    location: { id: 'loc-secret-id', name: 'Acme Dental - Austin' },
    candidates: [
      { location: { id: 'loc-a', name: 'Acme Dental - Austin' }, score: 1 },
      { location: { id: 'loc-b', name: 'Acme Dental – Austin' }, score: 1 },
    ],
    previousSid: 'AC' + '9'.repeat(32),
    steps: [{ at: 1, step: 'crm:find-row', detail: 'row 3' }],
  });
}

function expectOverlayOnly(reply: unknown) {
  expect(reply).toMatchObject({ ok: true });
  const handoff = (reply as { handoff: Record<string, unknown> }).handoff;
  for (const key of Object.keys(handoff)) expect(OVERLAY_KEYS).toContain(key);
  const wire = JSON.stringify(reply);
  for (const secret of ['candidates', 'loc-a', 'loc-secret-id', 'run-secret', 'crmTabId', 'crm:find-row', 'steps', 'source', TOKEN]) {
    expect(wire).not.toContain(secret);
  }
}

describe('replies to the console content script', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.unstubAllGlobals();
    // Nothing here needs the CRM or Twilio: whatever a kicked step tries fails quietly.
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 404 })));
    fakeBrowser.tabs.sendMessage = vi.fn(async () => {
      throw new Error('no receiver');
    }) as never;
  });

  it('get-handoff: the overlay’s fields only, while the popup still gets the whole handoff', async () => {
    const handoff = fullHandoff('needs-choice');
    await storeHandoffs([handoff], { [handoff.id]: TOKEN });
    expectOverlayOnly(await route({ type: 'get-handoff', handoffId: handoff.id }, consoleSender));
    expect(await route({ type: 'get-handoff', handoffId: handoff.id }, popupSender)).toMatchObject({ ok: true, handoff: { candidates: handoff.candidates, runId: 'run-secret' } });
  });

  it('capture joining a handoff in flight with the same pair: the overlay’s fields only', async () => {
    const handoff = fullHandoff('needs-choice');
    await storeHandoffs([handoff], { [handoff.id]: TOKEN });
    const reply = await route({ type: 'capture', sid: SID, token: TOKEN }, otherConsoleTab);
    expectOverlayOnly(reply);
    expect((reply as { handoff: { id: string } }).handoff.id).toBe(handoff.id);
  });

  it('confirm-replace: the overlay’s fields only', async () => {
    const handoff = fullHandoff('needs-replace-confirmation');
    await storeHandoffs([handoff], { [handoff.id]: TOKEN });
    expectOverlayOnly(await route({ type: 'confirm-replace', handoffId: handoff.id }, consoleSender));
  });

  it('a new capture: the overlay’s fields only', async () => {
    expectOverlayOnly(await route({ type: 'capture', sid: SID, token: TOKEN }, consoleSender));
    // The handoff it started goes on without the test (Twilio's 404 refuses it): let it end here,
    // not in the storage of the test after this one.
    await vi.waitFor(async () => expect((await listHandoffs()).map((h) => h.state)).toEqual(['rejected']));
  });
});

describe('a capture for a SID already in flight', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.unstubAllGlobals();
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 404 })));
    fakeBrowser.tabs.sendMessage = vi.fn(async () => {
      throw new Error('no receiver');
    }) as never;
  });

  it.each([
    ['another console tab', otherConsoleTab],
    ['the same console frame', consoleSender],
    ['the popup’s paste field', popupSender],
  ])('with another token, from %s: refused with the reason; the handoff, its token and its watchers unchanged', async (_, sender) => {
    const handoff = fullHandoff('needs-choice');
    await storeHandoffs([handoff], { [handoff.id]: TOKEN });
    const type = sender === popupSender ? 'paste-credentials' : 'capture';
    expect(await route({ type, sid: SID, token: OTHER_TOKEN }, sender)).toEqual({ ok: false, message: otherTokenInFlight() });
    expect(await listHandoffs()).toEqual([handoff]);
    expect(await loadToken(handoff.id)).toBe(TOKEN);
    // Not joined: the refused tab gets none of the handoff's updates.
    expect(await fakeBrowser.storage.session.get(`console-watchers:${handoff.id}`)).toEqual({});
  });

  it('with another token while the first one’s token is gone: refused too', async () => {
    const handoff = fullHandoff('needs-choice');
    await storeHandoffs([handoff]);
    expect(await route({ type: 'capture', sid: SID, token: OTHER_TOKEN }, otherConsoleTab)).toEqual({ ok: false, message: otherTokenInFlight() });
  });

  it('with the same token from another tab: joins it and is told of its updates', async () => {
    const handoff = fullHandoff('needs-choice');
    await storeHandoffs([handoff], { [handoff.id]: TOKEN });
    expect(await route({ type: 'capture', sid: SID, token: TOKEN }, otherConsoleTab)).toMatchObject({ ok: true, handoff: { id: handoff.id } });
    expect(await fakeBrowser.storage.session.get(`console-watchers:${handoff.id}`)).toEqual({ [`console-watchers:${handoff.id}`]: [{ tabId: 2, frameId: 0 }] });
  });

  it('with another token once the first handoff is over: a new handoff', async () => {
    const done = fullHandoff('authorized');
    await storeHandoffs([done]);
    const reply = await route({ type: 'capture', sid: SID, token: OTHER_TOKEN }, consoleSender);
    expect(reply).toMatchObject({ ok: true });
    expect((reply as { handoff: { id: string } }).handoff.id).not.toBe(done.id);
  });
});
