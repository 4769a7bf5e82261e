import { describe, expect, it } from 'vitest';
import { BUDGETS, checkBudgets } from '../bench/budgets';
import { measureBuild } from '../bench/sizes';
import { CHROME_BUILD_DIR } from './harness';

/**
 * The size budgets of issue 5 (tests/bench/budgets.ts) against the production build `npm test` makes
 * before this project runs. Sizes do not depend on the machine's speed, so unlike the rest of
 * `npm run bench` they are enforced here.
 */
const sizes = measureBuild(CHROME_BUILD_DIR);

describe('bundle size budgets (gzipped, 1 kB = 1,000 bytes)', () => {
  it.each(checkBudgets(sizes).map((check) => [check.entry, check] as const))('%s', (entry, check) => {
    const files = sizes.find((s) => s.entry === entry)!.files.map((f) => `${f.path} ${f.gzip} B`).join(', ');
    expect(
      check.ok,
      `${entry} is ${check.gzip} bytes gzipped, over its budget of ${check.maxGzipBytes} by ${-check.marginBytes} bytes (${files}). ` +
        'See what it is made of with `npm run bench -- --only sizes`.',
    ).toBe(true);
  });

  it('has a budget for each entry the issue names', () => {
    expect(BUDGETS.map((b) => b.entry).sort()).toEqual([
      'background',
      'content-scripts/crm.js',
      'content-scripts/twilio-overlay.js',
      'popup',
      'twilio-detector.js',
    ]);
  });
});
