import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectorContext } from '../../utils/console/detector-context';

/**
 * The detector's own context (no WXT runtime, no polyfill): valid while the extension's runtime has
 * its id; once the extension is reloaded, updated or removed under the page (the id gone), it says
 * so, runs its stop callbacks once, and its timers do nothing.
 */

let runtime: { id?: string } | undefined;

beforeEach(() => {
  vi.useFakeTimers();
  runtime = { id: 'extension-id' };
});

afterEach(() => {
  vi.useRealTimers();
});

describe('detectorContext', () => {
  it('is valid while the runtime has its id, and its timers run', () => {
    const ctx = detectorContext(() => runtime);
    const handler = vi.fn();
    ctx.setTimeout(handler, 100);
    vi.advanceTimersByTime(100);
    expect(ctx.isInvalid).toBe(false);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['the id gone (the extension reloaded or updated)', () => ({})],
    ['no runtime at all (the extension removed)', () => undefined],
  ])('%s: invalid, stop callbacks once, timers silent', (_name, gone) => {
    const ctx = detectorContext(() => runtime);
    const stop = vi.fn();
    const handler = vi.fn();
    ctx.onInvalidated(stop);
    ctx.setTimeout(handler, 100);
    runtime = gone();
    vi.advanceTimersByTime(100);
    expect(handler).not.toHaveBeenCalled();
    expect(ctx.isInvalid).toBe(true);
    expect(ctx.isInvalid).toBe(true);
    expect(stop).toHaveBeenCalledTimes(1);
  });
});
