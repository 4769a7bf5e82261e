import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

/**
 * Four projects. Unit tests (happy-dom, WXT's fake browser). End-to-end and stand-in tests in real
 * Chromium, one file at a time (each file starts its own stand-ins and browser, on free ports and in
 * its own profile). The fault tests and the layout matrix are a project of their own (`e2e-beside`):
 * `npm test` (scripts/test.ts) runs them in a second vitest process beside the rest, since most of
 * their time is waiting (the watchdog, slow stand-ins, timers in background tabs), not work, and
 * serially they were half of the run. The Firefox end-to-end tests (`e2e-firefox`: the Firefox build
 * in firefox-esr) run after both, in a vitest process of their own. Stand-in apps are built before
 * vitest starts, so the two processes never build them at once.
 */
const E2E = {
  environment: 'node',
  testTimeout: 90_000,
  hookTimeout: 180_000,
  fileParallelism: false,
  // One more try for a browser test that failed: a real defect fails twice. One that passes only on
  // its retry is named at the end of `npm test` (tests/support/outcome-reporter.ts), never hidden.
  retry: 1,
  // The words the tests expect come from the English catalogue (node has no browser.i18n).
  setupFiles: ['scripts/lib/node-i18n.ts'] as string[],
} as const;
/**
 * Run beside the rest: files that mostly wait (the watchdog, slow stand-ins, background-tab timers),
 * and the stand-ins' own tests, which test our copies of the sites rather than the extension and
 * make the two processes take about as long as each other (measured in the full run: the first
 * process took 1,079 s and this one 614 s before they moved here, with 252 s between them).
 */
const BESIDE = ['tests/e2e/faults.test.ts', 'tests/e2e/layouts.test.ts', 'tests/stand-ins/crm/crm.test.ts', 'tests/stand-ins/twilio-console/console.test.ts'];
/** The Firefox build in Debian's firefox-esr (tests/e2e/firefox/harness.ts): a project of its own. */
const FIREFOX = ['tests/e2e/firefox/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['tests/unit/setup-i18n.ts'],
        },
      },
      {
        test: {
          ...E2E,
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts', 'tests/stand-ins/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...BESIDE, ...FIREFOX],
        },
      },
      {
        test: { ...E2E, name: 'e2e-beside', include: BESIDE },
      },
      {
        test: { ...E2E, name: 'e2e-firefox', include: FIREFOX },
      },
    ],
  },
});
