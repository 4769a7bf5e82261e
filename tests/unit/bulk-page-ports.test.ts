import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pagePorts } from '../../utils/bulk/page-ports';
import { saveHandoff } from '../../utils/handoff/store';
import type { Handoff } from '../../utils/handoff/types';

/**
 * How the bulk connect page waits for a row's handoff: its own steps in between wake nothing (each
 * look is a question to the background busy with that handoff); a state the row ends on, the handoff
 * gone, or LOOK_MS without a change of it (its worker may have stopped) ends the wait.
 */
const handoff = (id: string, state: Handoff['state']) => ({ id, state, sid: 'AC' + '1'.repeat(32), createdAt: 1, steps: [] }) as unknown as Handoff;

describe('bulk page: waiting for a row’s handoff', () => {
  let ended: boolean;
  const watch = (id: string) => {
    ended = false;
    void pagePorts.wait(id).then(() => (ended = true));
  };
  const settle = () => vi.advanceTimersByTimeAsync(0);

  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => vi.useRealTimers());

  it('goes on through the handoff’s steps and ends at once when it is authorized', async () => {
    await saveHandoff(handoff('h1', 'matched'));
    watch('h1');
    for (const state of ['filling', 'filling', 'submitting'] as const) {
      await vi.advanceTimersByTimeAsync(400);
      await saveHandoff(handoff('h1', state));
      await settle();
      expect(ended).toBe(false);
    }
    // Another handoff's end is not this row's.
    await saveHandoff(handoff('h2', 'authorized'));
    await settle();
    expect(ended).toBe(false);
    await saveHandoff(handoff('h1', 'authorized'));
    await settle();
    expect(ended).toBe(true);
  });

  it.each([
    ['a question for the admin', (id: string) => saveHandoff(handoff(id, 'needs-replace-confirmation'))],
    ['the handoff removed', (id: string) => fakeBrowser.storage.session.remove(`handoff:${id}`)],
  ])('ends at once on %s', async (_case, change) => {
    await saveHandoff(handoff('h1', 'filling'));
    watch('h1');
    await change('h1');
    await settle();
    expect(ended).toBe(true);
  });

  it('looks again after a quiet spell (a stopped worker is woken by the look)', async () => {
    await saveHandoff(handoff('h1', 'filling'));
    watch('h1');
    await vi.advanceTimersByTimeAsync(499);
    expect(ended).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(ended).toBe(true);
  });
});
