import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { route } from '../../utils/background/router';
import { START_UP_CHORES_DELAY_MS, startBackground } from '../../utils/background/start';
import { installFakes } from './support/extension-fakes';
import { makeHandoff, storeHandoffs } from './support/handoffs';

/**
 * A worker Chrome started for an event (it stops an idle one after 30 s) handles that event before
 * its start-up chores (the badge caught up, orphaned handoffs resumed, old scripts retired): a console
 * page asking for the overlay waited on them before (utils/background/start.ts).
 */
afterEach(() => {
  vi.useRealTimers();
});

describe('a new worker', () => {
  it('injects the overlay the console asked for before its chores run; they run a moment later', async () => {
    installFakes();
    await storeHandoffs([makeHandoff('needs-choice')]);
    const injected = vi.fn(async () => [{ frameId: 0, documentId: 'DOC', result: undefined }]);
    fakeBrowser.scripting.executeScript = injected as never;
    const badgeSet = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    startBackground();
    const sender = { id: fakeBrowser.runtime.id, tab: { id: 3 }, frameId: 0, url: 'https://console.twilio.com/us1/account/dashboard', documentId: 'DOC' };
    expect(await route({ type: 'console-detected' }, sender)).toEqual({ ok: true });
    expect(injected).toHaveBeenCalledTimes(1);
    expect(badgeSet).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(START_UP_CHORES_DELAY_MS);
    vi.useRealTimers();
    await vi.waitFor(() => expect(badgeSet).toHaveBeenCalledWith({ text: '1' }));
  });
});
