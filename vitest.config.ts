import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';
import LongFilesFirst from './tests/support/long-files-first';

/**
 * Three projects, run by `npm test` in one vitest process (scripts/test.ts): unit tests (happy-dom,
 * WXT's fake browser), the end-to-end and stand-in tests in real Chromium, and the Firefox build's
 * end-to-end tests in firefox-esr. Each browser test file starts its own stand-ins and browser, on free
 * ports and in its own profile, so files run side by side: `TEST_WORKERS` of them at once (4 by
 * default), each worker taking the next file as it finishes one (tests/support/long-files-first.ts
 * starts the longest first). At 4 the 2-core machine is busy throughout (measured: 99 % of both cores
 * over the run) and `npm test` took about 13 min; as two processes of one file at a time, about 16.5.
 * Stand-in apps are built before vitest starts, so no two files build them at once.
 */
const E2E = {
  environment: 'node',
  testTimeout: 90_000,
  hookTimeout: 180_000,
  // One more try for a browser test that failed: a real defect fails twice. One that passes only on
  // its retry is named at the end of `npm test` (tests/support/outcome-reporter.ts), never hidden.
  retry: 1,
  // The words the tests expect come from the English catalogue (node has no browser.i18n).
  setupFiles: ['scripts/lib/node-i18n.ts'] as string[],
} as const;
/** The Firefox build in Debian's firefox-esr (tests/e2e/firefox/harness.ts): a project of its own. */
const FIREFOX = ['tests/e2e/firefox/**/*.test.ts'];

export default defineConfig({
  test: {
    maxWorkers: Number(process.env.TEST_WORKERS ?? 4),
    sequence: { sequencer: LongFilesFirst },
    projects: [
      {
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          // Worker threads rather than processes: the same isolation per file, less to start for each.
          pool: 'threads',
          setupFiles: ['tests/unit/setup-i18n.ts'],
        },
      },
      {
        test: {
          ...E2E,
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts', 'tests/stand-ins/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...FIREFOX],
        },
      },
      {
        test: { ...E2E, name: 'e2e-firefox', include: FIREFOX },
      },
    ],
  },
});
