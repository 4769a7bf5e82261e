import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { EAGER_CALLS, EAGER_MS, watchQuietly } from '../../utils/console/quiet-look';

/**
 * The console scripts' way of following a page (utils/console/quiet-look.ts): no work per mutation.
 * A page that changes its DOM a thousand times calls the observer's callback at most once per quiet
 * period and gets one look once it is quiet; one that never stops gets a look per maxWait.
 */

const QUIET = 30;
const MAX_WAIT = 1000;

let ctx: ContentScriptContext;
let callbacks = 0;
const RealObserver = globalThis.MutationObserver;

/** Counts how often the browser calls the observer's callback: the work a page's mutations cost us. */
class CountingObserver extends RealObserver {
  constructor(callback: MutationCallback) {
    super((records, observer) => {
      callbacks++;
      callback(records, observer);
    });
  }
}

/** Lets MutationObserver callbacks (microtasks) run, then moves the clock. */
async function elapse(ms: number) {
  await Promise.resolve();
  await vi.advanceTimersByTimeAsync(ms);
}

/** `count` DOM changes, five per task, a task every `everyMs` (the bench's page script does the same). */
async function mutate(count: number, everyMs: number) {
  const list = document.getElementById('list')!;
  for (let done = 0; done < count; done += 5) {
    for (let k = 0; k < 5; k++) {
      const row = document.createElement('li');
      row.textContent = `Outbound call ${done + k}`;
      list.append(row);
    }
    await elapse(everyMs);
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('MutationObserver', CountingObserver);
  callbacks = 0;
  document.body.innerHTML = '<ul id="list"></ul>';
  ctx = new ContentScriptContext('twilio');
});

afterEach(() => {
  ctx.abort();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('watchQuietly', () => {
  it('1,000 changes in a burst: one look once the page is quiet, and the observer called once per quiet period at most', async () => {
    const look = vi.fn();
    watchQuietly(ctx, document.body, look, { quietMs: QUIET, maxWaitMs: MAX_WAIT });
    // 200 tasks, 2 ms apart: 400 ms of changes.
    await mutate(1000, 2);
    expect(look).not.toHaveBeenCalled();
    await elapse(2 * QUIET + 5);
    expect(look).toHaveBeenCalledTimes(1);
    // 400 ms busy: a callback opens each quiet period (30 ms) and then the observer is off for it.
    expect(callbacks).toBeLessThanOrEqual(Math.ceil(400 / QUIET) + 1);
    expect(callbacks).toBeGreaterThan(0);
  });

  it('with room to wait longer (maxQuietMs): a long burst costs fewer calls, its end is still looked at soon', async () => {
    const look = vi.fn();
    watchQuietly(ctx, document.body, look, { quietMs: QUIET, maxQuietMs: 8 * QUIET, maxWaitMs: MAX_WAIT });
    // 200 tasks, 2 ms apart: 400 ms of changes; left alone 30, 60, 120, 240 ms in turn.
    await mutate(1000, 2);
    expect(callbacks).toBeLessThanOrEqual(5);
    await elapse(8 * QUIET + QUIET + 5);
    expect(look).toHaveBeenCalledTimes(1);
  });

  it('a single change (a panel rendered at once): looked at two quiet periods later', async () => {
    const look = vi.fn();
    watchQuietly(ctx, document.body, look, { quietMs: QUIET, maxWaitMs: MAX_WAIT });
    document.getElementById('list')!.append(document.createElement('li'));
    await elapse(QUIET);
    expect(look).not.toHaveBeenCalled();
    await elapse(QUIET + 1);
    expect(look).toHaveBeenCalledTimes(1);
    expect(callbacks).toBe(1);
  });

  describe('eager(): the page drawn anew, every change read for a moment', () => {
    const li = (text: string) => Object.assign(document.createElement('li'), { textContent: text });
    const urgent = (records: readonly MutationRecord[]) => records.some((r) => [...r.addedNodes].some((n) => n.textContent === 'the panel'));

    it('a spinner, then the panel 10 ms later: the panel is looked at in the next task (not two quiet periods after the spinner)', async () => {
      const look = vi.fn();
      const watch = watchQuietly(ctx, document.body, look, { quietMs: QUIET, maxWaitMs: MAX_WAIT, urgent });
      watch.eager();
      document.getElementById('list')!.append(li('Loading…'));
      await elapse(10);
      expect(look).not.toHaveBeenCalled();
      document.getElementById('list')!.append(li('the panel'));
      await elapse(1);
      expect(look).toHaveBeenCalledTimes(1);
    });

    it('the same without eager(): the spinner closed the observer, the panel waits for the quiet look', async () => {
      const look = vi.fn();
      watchQuietly(ctx, document.body, look, { quietMs: QUIET, maxWaitMs: MAX_WAIT, urgent });
      document.getElementById('list')!.append(li('Loading…'));
      await elapse(10);
      document.getElementById('list')!.append(li('the panel'));
      await elapse(1);
      expect(look).not.toHaveBeenCalled();
      await elapse(2 * QUIET);
      expect(look).toHaveBeenCalledTimes(1);
    });

    it('changes that are not urgent: one look once the page has been quiet for quietMs, each change putting it off', async () => {
      const look = vi.fn();
      const watch = watchQuietly(ctx, document.body, look, { quietMs: QUIET, maxWaitMs: MAX_WAIT, urgent });
      watch.eager();
      document.getElementById('list')!.append(li('Loading…'));
      await elapse(20);
      document.getElementById('list')!.append(li('Still loading…'));
      await elapse(20);
      expect(look).not.toHaveBeenCalled();
      await elapse(QUIET - 20 + 1);
      expect(look).toHaveBeenCalledTimes(1);
    });

    it(`a page that keeps changing: at most ${EAGER_CALLS} calls read, then the quiet periods again`, async () => {
      const look = vi.fn();
      const watch = watchQuietly(ctx, document.body, look, { quietMs: QUIET, maxQuietMs: 8 * QUIET, maxWaitMs: MAX_WAIT, urgent });
      watch.eager();
      // 200 tasks, 2 ms apart: 400 ms of changes.
      await mutate(1000, 2);
      expect(callbacks).toBeGreaterThan(EAGER_CALLS);
      expect(callbacks).toBeLessThanOrEqual(EAGER_CALLS + 5);
      await elapse(8 * QUIET + QUIET + 5);
      expect(look.mock.calls.length).toBeGreaterThanOrEqual(1);
      expect(look.mock.calls.length).toBeLessThanOrEqual(2);
    });

    it(`over after ${EAGER_MS} ms: a later change closes the observer for a quiet period again`, async () => {
      const look = vi.fn();
      const watch = watchQuietly(ctx, document.body, look, { quietMs: QUIET, maxWaitMs: MAX_WAIT, urgent });
      watch.eager();
      await elapse(EAGER_MS);
      document.getElementById('list')!.append(li('Loading…'));
      await elapse(10);
      document.getElementById('list')!.append(li('the panel'));
      await elapse(1);
      expect(look).not.toHaveBeenCalled();
      expect(callbacks).toBe(1);
    });
  });

  it('a page that never stops changing: one look per maxWait', async () => {
    const look = vi.fn();
    watchQuietly(ctx, document.body, look, { quietMs: QUIET, maxWaitMs: MAX_WAIT });
    // 3 s of a change every 10 ms, never quiet for 30 ms.
    await mutate(1500, 10);
    expect(look.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(look.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('text changed in place counts as a change', async () => {
    const look = vi.fn();
    const text = document.createTextNode('queued');
    document.getElementById('list')!.append(text);
    watchQuietly(ctx, document.body, look, { quietMs: QUIET, maxWaitMs: MAX_WAIT });
    text.data = 'completed';
    await elapse(3 * QUIET);
    expect(look).toHaveBeenCalledTimes(1);
  });

  it('changes the look makes itself are not the page’s: no look follows them', async () => {
    const look = vi.fn(() => document.body.append(document.createElement('twilio-handoff-overlay')));
    const watch = watchQuietly(ctx, document.body, look, { quietMs: QUIET, maxWaitMs: MAX_WAIT });
    watch.changed();
    await elapse(3 * QUIET);
    expect(look).toHaveBeenCalledTimes(1);
    await elapse(10 * QUIET);
    expect(look).toHaveBeenCalledTimes(1);
  });

  it('changed() (a URL change, which the observer does not see) brings a look', async () => {
    const look = vi.fn();
    const watch = watchQuietly(ctx, document.body, look, { quietMs: QUIET, maxWaitMs: MAX_WAIT });
    watch.changed();
    await elapse(3 * QUIET);
    expect(look).toHaveBeenCalledTimes(1);
  });

  it('stop() and an invalidated context end the looks and the observer', async () => {
    const look = vi.fn();
    const watch = watchQuietly(ctx, document.body, look, { quietMs: QUIET, maxWaitMs: MAX_WAIT });
    watch.stop();
    await mutate(50, 2);
    await elapse(MAX_WAIT);
    expect(look).not.toHaveBeenCalled();
    expect(callbacks).toBe(0);

    const other = new ContentScriptContext('other');
    watchQuietly(other, document.body, look, { quietMs: QUIET, maxWaitMs: MAX_WAIT });
    document.getElementById('list')!.append(document.createElement('li'));
    await Promise.resolve();
    other.abort();
    await elapse(MAX_WAIT);
    expect(look).not.toHaveBeenCalled();
  });
});
