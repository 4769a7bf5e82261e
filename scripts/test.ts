/**
 * `npm test`: type check, production build, then every vitest project (unit, stand-in and end-to-end
 * tests in real Chromium). Chromium is found or installed first (scripts/lib/chromium.ts): a missing
 * browser fails loudly, it never skips the browser tests.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './lib/chromium';

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
run('Type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('Production build (Chrome MV3)', 'npx', ['wxt', 'build']);
run('Production build (Firefox MV3)', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3']);
// The fault tests of the watchdog load this copy: the same build with the watchdog after 20 s (harness.ts).
run('Test build (Chrome MV3, watchdog after 20 s)', 'npx', ['wxt', 'build'], { WXT_WATCHDOG_MS: '20000' });

const reportDir = join(root, 'test-results');
mkdirSync(reportDir, { recursive: true });
const report = join(reportDir, 'vitest.json');
const extra = process.argv.slice(2);
console.log('\n▶ Tests (vitest: unit, stand-ins, end-to-end in Chromium)');
const tests = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromiumPath },
});
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const summary = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  passed = summary.numPassedTests;
  failed = summary.numFailedTests;
  skipped = summary.numPendingTests + summary.numTodoTests;
} catch {
  failed = Math.max(1, failed);
}
const status = tests.status ?? 1;
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status !== 0 ? status : failed > 0 || passed === 0 ? 1 : 0);
