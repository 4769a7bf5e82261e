import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ClickRefusal, type Place, SETTLE_MS, createClickGuard } from '../../utils/console/click-guard';

/**
 * When a trusted click on an acting overlay button may act: only once the browser has reported the
 * button visible and unobscured, and after it has stayed in place and in sight for SETTLE_MS.
 */

const HERE: Place = { x: 940, y: 800, width: 110, height: 32 };
const THERE: Place = { x: 940, y: 640, width: 110, height: 32 };

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});

afterEach(() => {
  vi.useRealTimers();
});

/** Readings and reports at given times, then the guard's answer at each asked time. */
type Step = [at: number, what: 'seen' | 'covered' | Place, ask?: ClickRefusal | null];

function run(steps: Step[]): Array<ClickRefusal | null> {
  const guard = createClickGuard(() => Date.now());
  const answers: Array<ClickRefusal | null> = [];
  for (const [at, what, ask] of steps) {
    vi.setSystemTime(at);
    if (what === 'seen') guard.seen(true);
    else if (what === 'covered') guard.seen(false);
    else guard.placed(what);
    if (ask !== undefined) answers.push(guard.refusal());
  }
  return answers;
}

/** The expected answers of a step list, as written in it. */
const expected = (steps: Step[]) => steps.filter((s) => s[2] !== undefined).map((s) => s[2]);

describe('createClickGuard', () => {
  it.each<[string, Step[]]>([
    [
      'just appeared: no click for SETTLE_MS, then the click acts',
      [
        [0, HERE, 'just-shown'],
        [40, 'seen', 'just-shown'],
        [SETTLE_MS - 1, HERE, 'just-shown'],
        [SETTLE_MS, HERE, null],
      ],
    ],
    [
      'never reported visible (the browser has not looked yet, or it is covered from the start)',
      [
        [0, HERE],
        [SETTLE_MS + 1000, HERE, 'covered'],
      ],
    ],
    [
      'covered by a decoy after it settled: refused while covered',
      [
        [0, HERE],
        [10, 'seen'],
        [1000, HERE, null],
        [1200, 'covered', 'covered'],
        [5000, HERE, 'covered'],
      ],
    ],
    [
      'uncovered again: waits SETTLE_MS from the moment it was seen again',
      [
        [0, HERE],
        [10, 'seen'],
        [1000, 'covered'],
        [3000, 'seen', 'just-shown'],
        [3000 + SETTLE_MS - 1, HERE, 'just-shown'],
        [3000 + SETTLE_MS, HERE, null],
      ],
    ],
    [
      'moved under the pointer: waits SETTLE_MS from the reading that saw it moved',
      [
        [0, HERE],
        [10, 'seen'],
        [2000, HERE, null],
        [2100, THERE, 'just-shown'],
        [2100 + SETTLE_MS - 1, THERE, 'just-shown'],
        [2100 + SETTLE_MS, THERE, null],
      ],
    ],
    [
      'moved away and back between two clicks: still a move, the wait starts again',
      [
        [0, HERE],
        [10, 'seen'],
        [1000, THERE],
        [1100, HERE, 'just-shown'],
        [1100 + SETTLE_MS, HERE, null],
      ],
    ],
    [
      'taken off the page or the tab hidden, then back: as if it had just appeared',
      [
        [0, HERE],
        [10, 'seen'],
        [1000, null, 'just-shown'],
        [4000, HERE, 'just-shown'],
        [4000 + SETTLE_MS, HERE, null],
      ],
    ],
    [
      'the same place read again and again does not restart the wait',
      [
        [0, HERE],
        [10, 'seen'],
        [200, { ...HERE }],
        [400, { ...HERE }],
        [SETTLE_MS, { ...HERE }, null],
      ],
    ],
    [
      'visible reported again while visible does not restart the wait',
      [
        [0, HERE],
        [10, 'seen'],
        [SETTLE_MS - 10, 'seen'],
        [SETTLE_MS, HERE, null],
      ],
    ],
  ])('%s', (_name, steps) => {
    expect(run(steps)).toEqual(expected(steps));
  });

  it('the first reading of its place is its appearance, however late it comes', () => {
    const guard = createClickGuard(() => Date.now());
    guard.seen(true);
    vi.setSystemTime(5000);
    guard.placed(HERE);
    expect(guard.refusal()).toBe('just-shown');
    vi.setSystemTime(5000 + SETTLE_MS);
    expect(guard.refusal()).toBeNull();
  });

  it('takes another wait when given one', () => {
    const guard = createClickGuard(() => Date.now(), 2000);
    guard.placed(HERE);
    guard.seen(true);
    vi.setSystemTime(1999);
    expect(guard.refusal()).toBe('just-shown');
    vi.setSystemTime(2000);
    expect(guard.refusal()).toBeNull();
  });
});
