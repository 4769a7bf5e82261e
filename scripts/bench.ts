/**
 * `npm run bench`: what the extension costs the people who use it (issue 5). Builds the production
 * extension (`wxt build`, `wxt zip`), then measures bundle sizes, the cost to the host pages, the
 * handoff latency, matching and the popup, prints a table, writes bench-results/bench.json and, on a
 * full run, docs/performance.md. A benchmark, not a test: it fails only when it cannot measure.
 *
 *   npm run bench                         everything (about 15 minutes on 2 cores)
 *   npm run bench -- --only sizes,popup   some sections: sizes, host, latency, matching, popup
 *   npm run bench -- --no-build           measure the build already in .output/chrome-mv3
 *   npm run bench -- --build-dir DIR      measure (and load) another build; implies --no-build
 *   npm run bench -- --quick              fewer runs, to try the bench out (not written to docs/)
 *   --runs N (handoffs per mode, ≥ 10 for the record)  --reps N (host page)  --popup-reps N
 *   --baseline REV                        the build the warm handoff is compared with (default: the
 *                                         commit behind "today's 255 ms", tests/bench/baseline.ts)
 *   --no-baseline                         no such comparison
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { CHROME_BUILD_DIR } from '../tests/e2e/harness';
import { benchBundle } from '../tests/bench/bundle';
import { benchHostPage } from '../tests/bench/host-page';
import { BASELINE_COMMIT, buildBaseline, type BaselineBuild } from '../tests/bench/baseline';
import { benchLatency, benchWarmAgainstBaseline } from '../tests/bench/latency';
import { type Load, currentLoad, describeMachine } from '../tests/bench/machine';
import { benchMatching } from '../tests/bench/matching';
import { benchPopup } from '../tests/bench/popup';
import { findStoreZip } from '../tests/bench/sizes';
import { type BenchResults, performanceDoc, renderReport } from '../tests/bench/report';
import { startStandIns, type StandIns } from '../tests/stand-ins/start';
import { ensureChromium } from './lib/chromium';

const root = join(import.meta.dirname, '..');
const SECTIONS = ['sizes', 'host', 'latency', 'matching', 'popup'] as const;
type Section = (typeof SECTIONS)[number];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const count = (name: string, fallback: number) => {
  const value = option(name);
  if (value === undefined) return fallback;
  const n = Number.parseInt(value, 10);
  if (!(n > 0)) throw new Error(`--${name} wants a positive number, got "${value}"`);
  return n;
};

const quick = flag('quick');
const only = option('only')?.split(',') ?? [...SECTIONS];
for (const s of only) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only: unknown section "${s}" (${SECTIONS.join(', ')})`);
const wanted = (s: Section) => only.includes(s);
const settings = {
  runs: count('runs', quick ? 3 : 10),
  reps: count('reps', quick ? 1 : 3),
  popupReps: count('popup-reps', quick ? 3 : 10),
  matchingCapMs: quick ? 20_000 : null,
};
const buildDir = option('build-dir') ? resolve(option('build-dir')!) : CHROME_BUILD_DIR;
const forTheRecord = !quick && only.length === SECTIONS.length && settings.runs >= 10 && buildDir === CHROME_BUILD_DIR;

const started = Date.now();
const log = (line: string) => console.log(`${`${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(8)}  ${line}`);

function run(title: string, command: string, args: string[]): void {
  log(title);
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`${title} failed (exit ${result.status ?? result.signal})`);
  }
}

async function main(): Promise<void> {
  const chromium = ensureChromium(log);
  const machine = describeMachine(chromium);
  const samples: Load[] = [currentLoad()];
  log(`${machine.cpu}, ${machine.cores} cores, ${machine.os}; Node ${machine.node}; ${machine.chromium}`);
  log(`load average ${samples[0]!.loadAverage1m}, ${samples[0]!.otherChromiumProcesses} other Chromium browser(s) running`);

  if (!flag('no-build') && buildDir === CHROME_BUILD_DIR) {
    run('Building the production extension (npx wxt build)…', 'npx', ['wxt', 'build']);
    run('Zipping it for the store (npx wxt zip)…', 'npx', ['wxt', 'zip']);
  }
  // Everything is measured on a copy: another `npm test` or `wxt build` on this machine replaces
  // .output/chrome-mv3 while it runs, and the figures must all be of one build.
  const measured = snapshot(buildDir);
  log(`Measuring a copy of ${relative(root, buildDir)} in ${relative(root, measured)}`);
  const baseline: BaselineBuild | undefined =
    wanted('latency') && !flag('no-baseline') ? buildBaseline(root, option('baseline') ?? BASELINE_COMMIT, log) : undefined;
  if (baseline && !baseline.ok) log(`No baseline build: ${baseline.why}`);
  const results: BenchResults = {
    startedAt: new Date(started).toISOString(),
    finishedAt: '',
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine,
    load: { start: samples[0]!, end: samples[0]!, samples },
  };

  // Matching first, while this process holds nothing else: its memory figures are its own.
  if (wanted('matching')) {
    log(`Matching: 10,000 locations, 10,000 queries${settings.matchingCapMs ? ` (cap ${settings.matchingCapMs / 1000} s)` : ''}…`);
    results.matching = benchMatching({ timeCapMs: settings.matchingCapMs });
    samples.push(currentLoad());
  }
  if (wanted('sizes')) {
    log('Bundle sizes…');
    results.bundle = await benchBundle(root, measured, log);
    samples.push(currentLoad());
  }
  if (wanted('host') || wanted('latency') || wanted('popup')) {
    log('Starting the stand-in sites…');
    const sites: StandIns = await startStandIns();
    try {
      if (wanted('host')) {
        log(`Cost to the host page: ${settings.reps} runs each, without and with the extension…`);
        results.hostPage = await benchHostPage(sites, { buildDir: measured, reps: settings.reps, log });
        samples.push(currentLoad());
      }
      if (wanted('latency')) {
        log(`Handoff latency: ${settings.runs} handoffs with no CRM tab open, ${settings.runs} with it open…`);
        results.latency = await benchLatency(sites, { buildDir: measured, runs: settings.runs, log });
        samples.push(currentLoad());
        if (baseline?.ok) {
          log(`Warm handoffs against the build of ${baseline.commit}: ${settings.runs} rounds, untraced…`);
          const comparison = await benchWarmAgainstBaseline(sites, { buildDir: measured, baselineDir: baseline.dir, commit: baseline.commit, rounds: settings.runs, log });
          results.warmAgainstBaseline = { ok: true, comparison };
          samples.push(currentLoad());
        } else if (baseline) {
          results.warmAgainstBaseline = { ok: false, commit: baseline.commit, why: baseline.why };
        }
      }
      if (wanted('popup')) {
        log(`Popup: ${settings.popupReps} loads with 50 handoffs…`);
        results.popup = await benchPopup(sites, { buildDir: measured, reps: settings.popupReps, handoffs: 50 });
        samples.push(currentLoad());
      }
    } finally {
      await sites.close();
    }
  }
  results.finishedAt = new Date().toISOString();
  results.load.end = samples.at(-1)!;

  const report = renderReport(results);
  console.log(`\n${report}\n`);
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results/bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('Wrote bench-results/bench.json');
  if (forTheRecord) {
    writeFileSync(join(root, 'docs/performance.md'), performanceDoc(results, report));
    log('Wrote docs/performance.md');
  } else {
    log('Not written to docs/performance.md: only a full run of the shipped build (all sections, ≥ 10 handoffs per mode, not --quick) goes there.');
  }
}

/** Copies the build (and the store zip made from it) to .output/bench/measured/; returns the copy's build directory. */
function snapshot(dir: string): string {
  const target = join(root, '.output/bench/measured');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const copy = join(target, basename(dir));
  cpSync(dir, copy, { recursive: true });
  const zip = findStoreZip(dir);
  if (zip) copyFileSync(zip, join(target, basename(zip)));
  return copy;
}

main().catch((error: unknown) => {
  console.error(`\nBench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
