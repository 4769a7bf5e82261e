import { describe, expect, it } from 'vitest';
import type { WarmComparison } from '../bench/latency';
import { warmVerdict } from '../bench/report';
import { signTestP, summarise } from '../bench/stats';

/**
 * The bench's verdict on issue 10's "with the CRM tab open, not slower than before" (tests/bench/
 * report.ts): judged against the build before the issue measured in the same run, by a sign test
 * over the rounds, never against the 255 ms remembered from another day.
 */

describe('signTestP', () => {
  it.each([
    { k: 0, n: 10, p: 1 },
    { k: 5, n: 10, p: 638 / 1024 },
    { k: 8, n: 10, p: 56 / 1024 },
    { k: 9, n: 10, p: 11 / 1024 },
    { k: 10, n: 10, p: 1 / 1024 },
    { k: 0, n: 0, p: 1 },
    { k: 3, n: 3, p: 1 / 8 },
  ])('P(at least $k of $n) = $p', ({ k, n, p }) => {
    expect(signTestP(k, n)).toBeCloseTo(p, 12);
  });
});

/** A comparison of `rounds` where ours took `ours[i]` and the baseline `base[i]`. */
function comparison(ours: number[], base: number[]): WarmComparison {
  const differences = ours.map((o, i) => o - base[i]!);
  const slower = differences.filter((d) => d > 0).length;
  const tied = differences.filter((d) => d === 0).length;
  return {
    commit: '831943b',
    rounds: ours.length,
    baseline: summarise(base),
    measured: summarise(ours),
    difference: summarise(differences),
    slowerRounds: slower,
    tiedRounds: tied,
    signTestP: signTestP(slower, ours.length - tied),
    failures: [],
  };
}

const traced = summarise([408]);

describe('warmVerdict', () => {
  it('calls a build slower in 9 of 10 rounds slower, however small the medians’ gap', () => {
    const base = [250, 260, 255, 270, 265, 258, 262, 251, 266, 259];
    const ours = base.map((b, i) => (i === 3 ? b - 5 : b + 4));
    const verdict = warmVerdict(traced, { ok: true, comparison: comparison(ours, base) });
    expect(verdict).toMatch(/^\*\*Missed\*\*: handoff, warm, not slower than before/);
    expect(verdict).toContain('slower in 9 of 10 (sign test p = 0.011), median difference +4 ms');
  });

  it('calls a build that is as often faster as slower not slower, even above 255 ms', () => {
    const base = [264, 258, 252, 234, 267, 261, 305, 292, 262, 271];
    const ours = [260, 245, 264, 266, 285, 263, 260, 274, 333, 251];
    const verdict = warmVerdict(traced, { ok: true, comparison: comparison(ours, base) });
    expect(verdict).toMatch(/^Met: handoff, warm, not slower than before: wall-clock overhead 264 ms against 263 ms/);
    expect(verdict).toContain('slower in 5 of 10 (sign test p = 0.62), median difference −1 ms');
  });

  it('makes no verdict from fewer than 5 rounds, nor without a baseline build', () => {
    expect(warmVerdict(traced, { ok: true, comparison: comparison([300, 300, 300], [200, 200, 200]) })).toMatch(/^\*\*Not measured\*\*/);
    const none = warmVerdict(traced, { ok: false, commit: '831943b', why: 'git could not give commit 831943b (a shallow clone?)' });
    expect(none).toMatch(/^\*\*Not measured\*\*: .*shallow clone.*408 ms cannot be compared with the 255 ms/);
    expect(warmVerdict(traced, undefined)).toMatch(/^\*\*Not measured\*\*/);
  });
});
