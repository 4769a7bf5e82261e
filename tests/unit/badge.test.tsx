import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { HandoffList } from '../../components/HandoffList';
import { App as PopupApp } from '../../entrypoints/popup/App';
import { onAlarm } from '../../utils/background/alarms';
import { BADGE_COLOUR, updateBadge, waitingCount } from '../../utils/background/badge';
import { applyEvent, expiryAlarm } from '../../utils/background/handoffs';
import { startBackground } from '../../utils/background/start';
import { clearAllData } from '../../utils/clear-data';
import { HANDOFF_STATES, type HandoffState } from '../../utils/handoff/types';
import { installFakes } from './support/extension-fakes';
import { makeHandoff, NOW, storeHandoffs } from './support/handoffs';

/** The toolbar badge: how many handoffs wait for the admin, kept up to date as handoffs change. */

const WAITING: Record<HandoffState, boolean> = {
  captured: false,
  verifying: false,
  verified: false,
  rejected: false,
  matched: false,
  'needs-choice': true,
  'needs-replace-confirmation': true,
  filling: false,
  // Only "fill and wait" stops here: the editor is filled and waits for the admin's Authorize.
  filled: true,
  submitting: false,
  authorized: false,
  failed: false,
  'needs-check': true,
  expired: false,
  discarded: false,
};

async function badge() {
  return { text: await fakeBrowser.action.getBadgeText({}), title: await fakeBrowser.action.getTitle({}) };
}

describe('waitingCount', () => {
  it.each(HANDOFF_STATES.map((state) => [state, WAITING[state] ? 1 : 0] as const))('counts a handoff in %s as %i', (state, count) => {
    expect(waitingCount([makeHandoff(state)])).toBe(count);
  });

  it('counts every waiting handoff among others, and none in an empty list', () => {
    const all = HANDOFF_STATES.map((state) => makeHandoff(state));
    expect(waitingCount(all)).toBe(4);
    expect(waitingCount([...all, makeHandoff('needs-choice')])).toBe(5);
    expect(waitingCount([])).toBe(0);
  });

  it('counts a filled handoff whatever the setting says now, and whether or not it was marked as waiting', () => {
    expect(waitingCount([makeHandoff('filled', { waitForAdmin: true }), makeHandoff('filled')])).toBe(2);
  });
});

describe('updateBadge', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('shows the number, a colour and a sentence when handoffs wait, and clears when none does', async () => {
    await storeHandoffs([makeHandoff('needs-choice'), makeHandoff('filled'), makeHandoff('authorized'), makeHandoff('filling')]);
    await updateBadge();
    expect(await badge()).toEqual({ text: '2', title: '2 handoffs wait for you' });
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xb4, 0x53, 0x09, 255]);
    expect(BADGE_COLOUR).toBe('#b45309');

    await fakeBrowser.storage.session.clear();
    await storeHandoffs([makeHandoff('needs-check')]);
    await updateBadge();
    expect(await badge()).toEqual({ text: '1', title: '1 handoff waits for you' });

    await fakeBrowser.storage.session.clear();
    await updateBadge();
    expect(await badge()).toEqual({ text: '', title: 'Handoff for Twilio' });
  });

  it('never throws: a browser without a badge only misses the hint', async () => {
    const spy = vi.spyOn(fakeBrowser.action, 'setBadgeText').mockRejectedValue(new Error('no action'));
    await storeHandoffs([makeHandoff('needs-choice')]);
    await expect(updateBadge()).resolves.toBeUndefined();
    spy.mockRestore();
  });

  it('is set when the worker starts, from the handoffs it finds stored', async () => {
    installFakes();
    await storeHandoffs([makeHandoff('needs-replace-confirmation'), makeHandoff('needs-choice'), makeHandoff('expired')]);
    startBackground();
    await vi.waitFor(async () => expect((await badge()).text).toBe('2'));
  });
});

describe('the badge follows handoff changes', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('counts a handoff that comes to wait, and clears once it is handled', async () => {
    const handoff = makeHandoff('verified');
    await storeHandoffs([handoff]);
    const candidates = [{ location: { id: 'loc1', name: 'Acme' }, score: 1 }];
    await applyEvent(handoff.id, { type: 'need-choice', candidates, reason: { code: 'several-names', params: { name: 'Acme' } } });
    expect(await badge()).toEqual({ text: '1', title: '1 handoff waits for you' });

    await applyEvent(handoff.id, { type: 'match', location: { id: 'loc1', name: 'Acme' } });
    expect(await badge()).toEqual({ text: '', title: 'Handoff for Twilio' });
  });

  it('clears when the admin’s Authorize now starts the submit run of a filled handoff', async () => {
    const handoff = makeHandoff('filling', { waitForAdmin: true });
    await storeHandoffs([handoff]);
    await applyEvent(handoff.id, { type: 'filled' });
    expect((await badge()).text).toBe('1');
    await applyEvent(handoff.id, { type: 'fill', runId: 'r2', previousSid: null, waitForAdmin: false });
    expect((await badge()).text).toBe('');
  });

  it('clears when a waiting handoff expires', async () => {
    const waiting = makeHandoff('needs-replace-confirmation', { previousSid: 'AC' + '9'.repeat(32) });
    const other = makeHandoff('needs-check');
    await storeHandoffs([waiting, other]);
    await updateBadge();
    expect((await badge()).text).toBe('2');

    await onAlarm(expiryAlarm(waiting.id));
    expect(await badge()).toEqual({ text: '1', title: '1 handoff waits for you' });
  });

  it('clears when a waiting handoff is discarded', async () => {
    const handoff = makeHandoff('needs-check');
    await storeHandoffs([handoff]);
    await updateBadge();
    expect((await badge()).text).toBe('1');
    await applyEvent(handoff.id, { type: 'discard' });
    expect((await badge()).text).toBe('');
  });
});

describe('the badge follows changes made outside the background', () => {
  beforeEach(() => {
    installFakes();
    startBackground();
  });

  it('clears when the options page’s Clear all data empties storage.session (issue 13)', async () => {
    await storeHandoffs([makeHandoff('needs-choice'), makeHandoff('filled'), makeHandoff('authorized')]);
    await vi.waitFor(async () => expect((await badge()).text).toBe('2'));
    // clearAllData runs in the options page: nothing in it tells the background.
    await clearAllData();
    await vi.waitFor(async () => expect(await badge()).toEqual({ text: '', title: 'Handoff for Twilio' }));
  });

  it('counts a handoff another context stored, and one it took away', async () => {
    const [a, b] = [makeHandoff('needs-check'), makeHandoff('needs-replace-confirmation')];
    await storeHandoffs([a!, b!]);
    await vi.waitFor(async () => expect((await badge()).text).toBe('2'));
    await fakeBrowser.storage.session.remove(`handoff:${a!.id}`);
    await vi.waitFor(async () => expect((await badge()).text).toBe('1'));
  });
});

describe('the popup list', () => {
  afterEach(() => cleanup());

  it('opens on the handoffs that wait for the admin, each group newest first', () => {
    fakeBrowser.reset();
    const [done, choice, working, check] = [makeHandoff('authorized'), makeHandoff('needs-choice'), makeHandoff('filling'), makeHandoff('needs-check')];
    // Newest first, as listHandoffs gives them.
    render(<HandoffList handoffs={[done!, choice!, working!, check!]} now={NOW} />);
    const names = screen.getAllByRole('article').map((article) => article.getAttribute('class'));
    expect(names).toEqual(['handoff handoff--needs-choice', 'handoff handoff--needs-check', 'handoff handoff--authorized', 'handoff handoff--filling']);
  });

  it('takes that handoff from its address (popup.html#<id>, utils/background/waiting-notices.ts)', async () => {
    installFakes();
    const [choice, check] = [makeHandoff('needs-choice'), makeHandoff('needs-check')];
    await storeHandoffs([choice!, check!]);
    location.hash = `#${check!.id}`;
    try {
      render(<PopupApp />);
      await vi.waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(2));
      // Without the address the newer waiting handoff (the choice) would come first.
      expect(screen.getAllByRole('article')[0]).toBe(screen.getByRole('article', { name: check!.friendlyName! }));
    } finally {
      location.hash = '';
    }
  });

  it('opens on the handoff a notification was clicked for, then the others as usual', () => {
    fakeBrowser.reset();
    const [done, choice, working, check] = [makeHandoff('authorized'), makeHandoff('needs-choice'), makeHandoff('filling'), makeHandoff('needs-check')];
    render(<HandoffList handoffs={[done!, choice!, working!, check!]} now={NOW} first={check!.id} />);
    const names = screen.getAllByRole('article').map((article) => article.getAttribute('class'));
    expect(names).toEqual(['handoff handoff--needs-check', 'handoff handoff--needs-choice', 'handoff handoff--authorized', 'handoff handoff--filling']);
  });
});
