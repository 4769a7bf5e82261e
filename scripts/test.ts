/**
 * `npm test`: type check, production builds, then every vitest project in one process (unit, stand-in
 * and end-to-end tests in real Chromium, the Firefox build's end-to-end tests in firefox-esr). Chromium
 * is found or installed first (scripts/lib/chromium.ts), Firefox found (scripts/lib/firefox.ts): a missing
 * browser fails loudly, it never skips the browser tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './lib/chromium';
import { ensureFirefox } from './lib/firefox';

const root = join(import.meta.dirname, '..');
const run = (title: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): void => {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
};

const chromiumPath = ensureChromium();
console.log(`Chromium: ${chromiumPath}`);
const firefoxPath = ensureFirefox();
console.log(`Firefox: ${firefoxPath}`);
run('Type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('Production build (Chrome MV3)', 'npx', ['wxt', 'build']);
// Built as the store gets it: `wxt zip` builds .output/firefox-mv3 and zips it (firefox-lint lints both).
run('Production build and store zip (Firefox MV3)', 'npx', ['wxt', 'zip', '-b', 'firefox', '--mv3']);
// The fault tests of the watchdog load this copy: the same build with the watchdog after 20 s (harness.ts).
run('Test build (Chrome MV3, watchdog after 20 s)', 'npx', ['wxt', 'build'], { WXT_WATCHDOG_MS: '20000' });
run('Stand-in apps (CRM, Twilio console)', 'npx', ['tsx', 'scripts/build-stand-ins.ts']);

const reportDir = join(root, 'test-results');
mkdirSync(reportDir, { recursive: true });
const extra = process.argv.slice(2);
// Failed tests, and those that passed only on their retry, one JSON line each (tests/support/outcome-reporter.ts).
const outcomes = join(reportDir, 'outcomes.jsonl');
rmSync(outcomes, { force: true });
const env = { ...process.env, CHROMIUM_PATH: chromiumPath, FIREFOX_PATH: firefoxPath, OUTCOME_REPORT: outcomes };

interface Summary {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

/** The vitest process; resolves with its exit status and its JSON report (undefined if none was written). */
function vitest(projects: string[], report: string): Promise<{ status: number; summary?: Summary }> {
  const args = [
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    '--reporter=./tests/support/outcome-reporter.ts',
    `--outputFile.json=${report}`,
    ...extra,
  ];
  const child = spawn('npx', args, { cwd: root, env, stdio: 'inherit' });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      let summary: Summary | undefined;
      try {
        summary = JSON.parse(readFileSync(report, 'utf8')) as Summary;
      } catch {
        summary = undefined;
      }
      resolve({ status: code ?? 1, summary });
    });
  });
}

// Every project in one vitest process: its workers (vitest.config.ts, TEST_WORKERS) take the next file
// as they finish one, unit files and Chromium and Firefox files alike, so the two cores stay busy.
console.log('\n▶ Tests (vitest: unit, end to end in Chromium, end to end in Firefox)');
const { status, summary } = await vitest(['unit', 'e2e', 'e2e-firefox'], join(reportDir, 'vitest.json'));
// No report at all counts as a failure (vitest stopped before it could write one).
const passed = summary?.numPassedTests ?? 0;
const failed = summary ? summary.numFailedTests : 1;
const skipped = summary ? summary.numPendingTests + summary.numTodoTests : 0;
// Named last, where CI's tail shows them: what failed, and what passed only when run again.
const named = existsSync(outcomes)
  ? readFileSync(outcomes, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { file: string; name: string; state: string; retries: number; error: string })
  : [];
for (const o of named.filter((o) => o.state === 'flaky')) console.log(`\n⚠ passed on retry ${o.retries}: ${o.file} › ${o.name}`);
for (const o of named.filter((o) => o.state === 'failed')) console.log(`\n✖ failed: ${o.file} › ${o.name}\n${o.error.replace(/^/gm, '    ')}`);
const flaky = named.filter((o) => o.state === 'flaky').length;
console.log(`\ntests: ${passed} passed (${flaky} of them on a retry), ${failed} failed, ${skipped} skipped`);
process.exit(status !== 0 ? status : failed > 0 || passed === 0 ? 1 : 0);
