import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { STATE_TEXT } from '../../components/text';
import { applyEvent, patchHandoff } from '../../utils/background/handoffs';
import { startBackground } from '../../utils/background/start';
import { followWaiting, NOTICE_TEXT, openOn } from '../../utils/background/waiting-notices';
import { clearAllData } from '../../utils/clear-data';
import { WAITING_STATES } from '../../utils/handoff/machine';
import { deleteHandoff } from '../../utils/handoff/store';
import { HANDOFF_STATES, type HandoffState } from '../../utils/handoff/types';
import { installFakes, type Fakes } from './support/extension-fakes';
import { makeHandoff, SID, storeHandoffs, TOKEN } from './support/handoffs';

/**
 * The optional system notifications (issue 13 item 2), with WXT's fake browser: off unless the
 * admin granted the permission, one per handoff while it waits, cleared when it stops waiting,
 * never a token, and a click that opens the popup on that handoff (or the same page in a tab).
 */

let fakes: Fakes;
let setPopup: ReturnType<typeof vi.fn>;
let openPopup: ReturnType<typeof vi.fn>;
const CANDIDATES = [
  { location: { id: 'loc1', name: 'Acme Dental - Austin' }, score: 1 },
  { location: { id: 'loc2', name: 'Acme Dental - Austin' }, score: 1 },
];
const SEVERAL = { code: 'several-names', params: { name: 'Acme Dental - Austin' } } as const;

function shown(): Record<string, { title?: string; message?: string; type?: string; iconUrl?: string }> {
  return (fakeBrowser.notifications as unknown as { getAllCreateOptions(): Record<string, object> }).getAllCreateOptions();
}

beforeEach(() => {
  fakes = installFakes();
  setPopup = vi.fn(async () => undefined);
  openPopup = vi.fn(async () => undefined);
  Object.assign(fakeBrowser.action, { setPopup, openPopup });
  startBackground();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const allow = () => fakes.permissions.apis.add('notifications');

describe('the words', () => {
  it('word exactly the states the badge counts, as the popup words them', () => {
    expect(Object.keys(NOTICE_TEXT).sort()).toEqual([...WAITING_STATES].sort());
    for (const state of WAITING_STATES) expect(NOTICE_TEXT[state]).toBe(STATE_TEXT[state]);
  });
});

describe('when a handoff comes to wait', () => {
  it('shows nothing while the admin has not turned notifications on (the default)', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    const handoff = makeHandoff('verified');
    await storeHandoffs([handoff]);
    await applyEvent(handoff.id, { type: 'need-choice', candidates: CANDIDATES, reason: SEVERAL });
    // The badge counts it: the change was seen, only the notice was not wanted.
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('1'));
    expect(create).not.toHaveBeenCalled();
    expect(shown()).toEqual({});
  });

  it('shows one notice naming the account and what is asked, and clears it once the admin answered', async () => {
    allow();
    const handoff = makeHandoff('verified', { friendlyName: 'Acme Dental - Austin' });
    await storeHandoffs([handoff], { [handoff.id]: TOKEN });
    await applyEvent(handoff.id, { type: 'need-choice', candidates: CANDIDATES, reason: SEVERAL });
    await vi.waitFor(() => expect(Object.keys(shown())).toEqual([handoff.id]));
    expect(shown()[handoff.id]).toEqual({ type: 'basic', iconUrl: 'icon/128.png', title: 'Acme Dental - Austin', message: 'Choose a location' });

    await applyEvent(handoff.id, { type: 'match', location: CANDIDATES[0]!.location });
    await vi.waitFor(() => expect(shown()).toEqual({}));
  });

  it.each(WAITING_STATES.map((state) => [state]))('has a notice for %s, worded for that state', async (state) => {
    allow();
    const handoff = makeHandoff(state);
    await followWaiting(handoff.id, 'filling', handoff);
    expect(shown()[handoff.id]?.message).toBe(NOTICE_TEXT[state]);
  });

  it.each(HANDOFF_STATES.filter((state) => !WAITING_STATES.includes(state)).map((state) => [state]))(
    'has none for %s, where nothing waits for the admin',
    async (state: HandoffState) => {
      allow();
      const handoff = makeHandoff(state);
      await followWaiting(handoff.id, 'verifying', handoff);
      expect(shown()).toEqual({});
    },
  );

  it('is shown once per waiting state, not again for every update while it waits', async () => {
    allow();
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    const handoff = makeHandoff('filling', { waitForAdmin: true });
    await storeHandoffs([handoff]);
    await applyEvent(handoff.id, { type: 'filled' });
    await vi.waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    await patchHandoff(handoff.id, (h) => ({ ...h, crmTabId: 7 }));
    await patchHandoff(handoff.id, (h) => ({ ...h, crmTabId: 8 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(create).toHaveBeenCalledTimes(1);
    expect(shown()[handoff.id]?.message).toBe('Filled in, waiting for you');
  });

  it('names the account by its SID when Twilio gave no name, and never carries the token', async () => {
    allow();
    const handoff = makeHandoff('submitting', { friendlyName: undefined });
    await storeHandoffs([handoff], { [handoff.id]: TOKEN });
    await applyEvent(handoff.id, { type: 'needs-check', reason: { code: 'crm-no-answer', params: {} } });
    await vi.waitFor(() => expect(shown()[handoff.id]?.title).toBe(SID));
    expect(JSON.stringify(shown())).not.toContain(TOKEN);
  });

  it('leaves none behind when the handoff stops waiting while its notice is still being shown', async () => {
    allow();
    // The permission check takes a while (a real browser answers across processes).
    const check = vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return fakes.permissions.apis.has('notifications');
    });
    const handoff = makeHandoff('verified');
    await storeHandoffs([handoff]);
    await applyEvent(handoff.id, { type: 'need-choice', candidates: CANDIDATES, reason: SEVERAL });
    await applyEvent(handoff.id, { type: 'match', location: CANDIDATES[0]!.location });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(check).toHaveBeenCalled();
    expect(shown()).toEqual({});
  });

  it('is cleared when the waiting handoff is deleted or discarded', async () => {
    allow();
    const [a, b] = [makeHandoff('filling'), makeHandoff('filling')];
    await storeHandoffs([a!, b!]);
    await applyEvent(a!.id, { type: 'need-replace', previousSid: 'AC' + '9'.repeat(32) });
    await applyEvent(b!.id, { type: 'need-replace', previousSid: 'AC' + '9'.repeat(32) });
    await vi.waitFor(() => expect(Object.keys(shown()).sort()).toEqual([a!.id, b!.id].sort()));
    await deleteHandoff(a!.id);
    await applyEvent(b!.id, { type: 'discard' });
    await vi.waitFor(() => expect(shown()).toEqual({}));
  });

  it('stops once the admin turns notifications off, and never fails the handoff', async () => {
    allow();
    const handoff = makeHandoff('verified');
    await storeHandoffs([handoff]);
    fakes.permissions.apis.delete('notifications');
    const result = await applyEvent(handoff.id, { type: 'need-choice', candidates: CANDIDATES, reason: SEVERAL });
    expect(result.ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(shown()).toEqual({});
  });
});

describe('a click on a notice', () => {
  it('opens the popup with that handoff first, then puts the toolbar popup back', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await openOn('h42');
    expect(setPopup.mock.calls).toEqual([[{ popup: '/popup.html#h42' }], [{ popup: '/popup.html' }]]);
    expect(openPopup).toHaveBeenCalledTimes(1);
    expect(create).not.toHaveBeenCalled();
  });

  it('opens the same page in a tab where the browser will not open the popup', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    openPopup.mockRejectedValue(new Error('Could not find an active browser window.'));
    await openOn('h43');
    expect(create.mock.calls).toEqual([[{ url: '/popup.html#h43' }]]);
    expect(setPopup).toHaveBeenLastCalledWith({ popup: '/popup.html' });
  });

  it('reaches a worker started by the click itself (listener registered at start-up)', async () => {
    await fakeBrowser.notifications.onClicked.trigger('h44');
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalledTimes(1));
    expect(setPopup).toHaveBeenCalledWith({ popup: '/popup.html#h44' });
  });

  it('reaches a worker that started before the permission was granted, once it showed a notice', async () => {
    fakeBrowser.notifications.onClicked.removeListener(openOn);
    allow();
    const handoff = makeHandoff('needs-choice');
    await followWaiting(handoff.id, 'verified', handoff);
    expect(fakeBrowser.notifications.onClicked.hasListener(openOn)).toBe(true);
  });
});

describe('Clear all data', () => {
  it('takes the notices and the permission away, and the badge follows the emptied session', async () => {
    allow();
    const handoff = makeHandoff('verified');
    await storeHandoffs([handoff]);
    await applyEvent(handoff.id, { type: 'need-choice', candidates: CANDIDATES, reason: SEVERAL });
    await vi.waitFor(() => expect(Object.keys(shown())).toEqual([handoff.id]));
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('1'));

    await clearAllData();
    expect(shown()).toEqual({});
    expect(fakes.permissions.apis.has('notifications')).toBe(false);
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe(''));
  });
});
