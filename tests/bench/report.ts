import type { BundleResult } from './bundle';
import type { SiteResult } from './host-page';
import type { LatencyResult, WarmComparison } from './latency';
import type { Load, Machine } from './machine';
import type { MatchingResult } from './matching';
import type { PopupResult } from './popup';
import type { Summary } from './stats';

/**
 * The bench's table, as Markdown: printed by `npm run bench` and written to docs/performance.md.
 * Every verdict against a target is computed here from the figures, never typed in by hand.
 */

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  command: string;
  machine: Machine;
  load: { start: Load; end: Load; samples: Load[] };
  bundle?: BundleResult;
  hostPage?: SiteResult[];
  latency?: LatencyResult;
  /** The warm handoff against the build before issue 10, in the same run; or why it was not made. */
  warmAgainstBaseline?: { ok: true; comparison: WarmComparison } | { ok: false; commit: string; why: string };
  matching?: MatchingResult;
  popup?: PopupResult;
}

export const TARGETS = {
  addedScriptRatio: 0.05,
  /** A handoff's own time (issue 10): our CPU time, median, at most this. */
  oursCpuMs: 300,
  /**
   * With the CRM tab open, the wall-clock overhead must not get slower than it was before issue 10
   * (docs/performance.md, 255 ms, untraced): judged against that build measured in the same run.
   */
  warmOverheadBeforeMs: 255,
  /** Matching through the list's index, median per query on 10,000 names (issue 10 item 4). */
  matchingPerQueryUs: 50,
} as const;

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
/** A budget as written in budgets.ts (24.35 kB stays 24.35, not 24.4). */
const budgetKb = (bytes: number) => `${Number((bytes / 1000).toFixed(2))} kB`;
/** Small margins in bytes: "0.0 kB left" would hide how close to a budget an entry is. */
const margin = (bytes: number) => (Math.abs(bytes) < 1000 ? `${bytes.toLocaleString('en-US')} B` : kb(bytes));
const pct = (ratio: number) => (Number.isFinite(ratio) ? `${(ratio * 100).toFixed(1)} %` : 'n/a');
const ms = (value: number) => (Number.isFinite(value) ? `${value} ms` : 'n/a');
const spread = (s: Summary) => (s.n ? `${s.median} ms (p10 ${s.p10}, p90 ${s.p90}; ${s.min}–${s.max})` : 'n/a');

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function machineSection(r: BenchResults): string {
  const m = r.machine;
  const loads = r.load.samples.map((l) => l.loadAverage1m);
  const others = r.load.samples.map((l) => l.otherChromiumProcesses);
  return [
    '## Machine and load',
    '',
    table(
      ['OS', 'CPU', 'Cores', 'Memory', 'Node', 'Chromium'],
      [[m.os, m.cpu, String(m.cores), `${m.memoryGb} GB`, m.node, m.chromium]],
    ),
    '',
    `Load while the bench ran: 1-minute load average ${Math.min(...loads)}–${Math.max(...loads)} on ${m.cores} cores; ` +
      `${Math.min(...others)}–${Math.max(...others)} Chromium browsers of other runs open (sampled between sections, when the bench had none of its own). ` +
      'Timings on a shared machine vary from run to run; sizes do not.',
  ].join('\n');
}

function bundleSection(b: BundleResult): string {
  const budget = (entry: string) => b.budgets.find((x) => x.entry === entry);
  const rows = b.entries.map((e) => {
    const check = budget(e.entry);
    return [
      `\`${e.entry}\``,
      String(e.files.length),
      kb(e.raw),
      kb(e.gzip),
      check ? `≤ ${budgetKb(check.maxGzipBytes)}` : '—',
      check ? (check.ok ? `ok (${margin(check.marginBytes)} left)` : `**over by ${margin(-check.marginBytes)}**`) : '—',
    ];
  });
  if (b.zip) rows.push([`store zip \`${b.zip.path}\``, '1', kb(b.zip.raw), '(already compressed)', '—', '—']);
  const entries = b.entries.map((e) => e.entry);
  const choiceRows = b.choices.map((c) => [
    c.change,
    ...entries.map((entry) => {
      const x = c.entries.find((y) => y.entry === entry)!;
      return `${x.deltaGzip >= 0 ? '+' : '−'}${kb(Math.abs(x.deltaGzip))}`;
    }),
  ]);
  const groups = [...new Set(Object.values(b.composition).flatMap((list) => list.map((g) => g.group)))];
  const scripts = Object.keys(b.composition);
  const compositionRows = groups
    .map((group) => [group, ...scripts.map((s) => b.composition[s]!.find((g) => g.group === group)?.gzip ?? 0)] as const)
    .sort((x, y) => (y[1] as number) - (x[1] as number))
    .map(([group, ...sizes]) => [group, ...sizes.map((n) => (n ? kb(n as number) : '—'))]);
  return [
    '## Bundle sizes',
    '',
    'Production build (`wxt build`, Chrome MV3). An entry point counts every file the browser loads for it (pages: the HTML, its scripts, preloads and styles, and the chunks they import). gzip at zlib’s default level; 1 kB = 1,000 bytes. Budgets: tests/bench/budgets.ts, enforced by tests/e2e/bundle-budgets.test.ts in `npm test`.',
    '',
    table(['Entry point', 'Files', 'Raw', 'Gzipped', 'Budget', 'Status'], rows),
    '',
    '### What the dependency choices cost (gzipped, against the shipped build)',
    '',
    table(['Variant', ...entries.map((e) => `\`${e}\``)], choiceRows),
    '',
    '### What the content scripts are made of',
    '',
    'Marginal gzipped bytes per source group (gzip of the file minus gzip without that group’s code, from the source map); they do not add up exactly to the total.',
    '',
    table(['Source', ...scripts.map((s) => `\`${s}\``)], compositionRows),
  ].join('\n');
}

function hostSection(sites: SiteResult[]): string {
  const rows: string[][] = [];
  for (const s of sites) {
    for (const phase of ['load', 'mutations'] as const) {
      const p = s.phases[phase];
      rows.push([
        s.site,
        phase === 'load' ? 'page load' : '1,000 DOM mutations',
        ms(p.without.scriptMs.median),
        ms(p.with.scriptMs.median),
        pct(p.addedScriptRatio),
        `${ms(p.extensionScriptMs.median)} (evaluate ${p.extensionParts.evaluateMs}, of which compile ${p.extensionParts.compileMs}; callbacks ${p.extensionParts.callbacksMs})`,
        pct(p.attributedScriptRatio),
        `${p.without.pageLongTasks.median} / ${p.with.pageLongTasks.median}`,
        `${p.longTasksWithExtension} / ${p.longTasksOfOurs}${p.longTasksOfOurs ? ` (in ${p.runsWithLongTaskOfOurs} of ${s.reps} runs)` : ''}`,
        `${ms(p.maxExtensionMsInOneTask.median)} (max ${ms(p.maxExtensionMsInOneTask.max)})`,
      ]);
    }
  }
  return [
    '## Cost to the host page',
    '',
    sites.map((s) => `- **${s.site}**: ${s.description}; ${s.reps} runs each without and with the extension, alternating (with: ${s.extensionSeen}).`).join('\n'),
    '',
    'Script time is Chromium’s `ScriptDuration` (Performance.getMetrics in thread time: main-thread CPU) for the page; “ours” is the extension’s own script CPU time in a DevTools trace of the same runs (events with its chrome-extension:// URL: evaluating and compiling the content script, its timers, observers and listeners). Medians over the runs. Long tasks are tasks of ≥ 50 ms wall time, as the page lives them (on a busy machine a task takes longer than its CPU time); “of ours” means the task would have been shorter than 50 ms without our script in it.',
    '',
    table(
      [
        'Site',
        'Phase',
        'Script without',
        'Script with',
        'Added (metrics)',
        'Ours (trace)',
        'Ours / page script',
        'Page long tasks without / with',
        'Long tasks with our script / of ours, all runs',
        'Most of ours in one task (median of runs)',
      ],
      rows,
    ),
  ].join('\n');
}

function latencySection(l: LatencyResult, baseline: BenchResults['warmAgainstBaseline']): string {
  const d = l.delays;
  const modes = ['cold', 'warm'] as const;
  const rows = modes.map((mode) => {
    const m = l.modes[mode];
    return [
      mode,
      m.description,
      String(m.total.n),
      spread(m.total),
      ms(m.artificial.median),
      ms(m.crmServer.median),
      spread(m.overhead),
      m.crmPageBoot.n ? ms(m.crmPageBoot.median) : '— (no page load)',
      spread(m.oursCpu),
    ];
  });
  const cpuRows = modes.map((mode) => {
    const m = l.modes[mode];
    const c = m.oursCpuByContext;
    return [
      mode,
      ms(m.oursCpu.median),
      ms(c['console tab'].median),
      ms(c['service worker'].median),
      ms(c['CRM tab'].median),
      ms(c['extension page'].median),
      ms(c['other page'].median),
      `${ms(m.unattributedCpu.median)} (max ${ms(m.unattributedCpu.max)})`,
    ];
  });
  const checks = modes.map((mode) => {
    const c = l.modes[mode].measuringCheck;
    const median = (s: Summary) => (s.n ? `${s.median} ms (${s.n} runs)` : 'n/a');
    return (
      `${mode}: total ${median(c.profiledTotal)} measured as above, ${median(c.tracedTotal)} traced without the page profilers, ${median(c.untracedTotal)} not traced; ` +
      `the service worker’s CPU ${median(c.profiledWorkerCpu)} with the page profilers, ${median(c.tracedWorkerCpu)} without; our URL-named script on the pages ${median(c.profiledPagesNamedCpu)} with, ${median(c.tracedPagesNamedCpu)} without`
    );
  });
  const phases = modes.flatMap((mode) => l.modes[mode].phases.map((p) => [mode, p.phase, ms(p.medianMs)]));
  return [
    '## Handoff latency',
    '',
    `From the click on Send to CRM (a real mouse click on the overlay) to the CRM backend recording the write, ${l.locations.toLocaleString('en-US')} locations in the CRM. ` +
      `Stand-in waits, counted from the stand-ins’ records and subtracted: CRM loader delay ${d.crmLoaderDelayMs} ms per page load, search debounce ${d.searchDebounceMs} ms per search, list delay ${d.crmListDelayMs} ms, authorize delay ${d.crmAuthorizeDelayMs} ms, Twilio API delay ${d.twilioApiDelayMs} ms per request. ` +
      '“CRM server” is the backend’s own handling of Authorize (it checks the pair with the Twilio stand-in). ' +
      'The wall-clock overhead is what is left: our code, the browser (opening the tab, navigating, messages between processes) and the CRM app loading and rendering, together; it is not our time alone.',
    '',
    'Our own time is the CPU time of the extension’s code between the click and the write, from a browser-wide DevTools trace of each run, in every context it runs in: the content script in the console tab, the service worker, the driver in the CRM tab, any extension page. ' +
      'The service worker’s thread (and an extension page’s) runs only our code: all CPU of its tasks counts (our script, its garbage collection, the extension API bindings running for it). ' +
      'On a page’s main thread, script events that name our chrome-extension:// URL count (their self time: a page handler our script set off counts for the page), and the script time no event names (promise callbacks) is split by V8 CPU samples of the page (1 ms apart) by whose code was on the stack; what no sample can place is left out and shown as unattributed. ' +
      'Thread time, not wall time, so waiting for the other core does not inflate it. Not ours: the browser process (tabs, navigation, network), the CRM app’s own script and rendering, the stand-ins. ' +
      'CPU time and wall time are different measures: our CPU is not all on the handoff’s critical path, and the two do not add up.',
    '',
    table(
      [
        'Mode',
        'Situation',
        'Runs',
        'Total',
        'Stand-in waits (median)',
        'CRM server (median)',
        'Wall overhead: ours + browser + CRM app',
        'Of it: CRM page load until the app’s first request (median)',
        'Our own CPU time',
      ],
      rows,
    ),
    '',
    '### Our own CPU time per context (median over the runs)',
    '',
    table(['Mode', 'All', 'Console tab', 'Service worker', 'CRM tab', 'Extension pages', 'Other pages', 'Unattributed page script (not in “All”)'], cpuRows),
    '',
    `What measuring costs, from check runs made between the first figure runs (few, on a shared machine: read them as a rough check): ${checks.join('; ')}.`,
    l.failures.length ? `\nFailed runs (not in the figures): ${l.failures.map((f) => `\n- ${f}`).join('')}` : '',
    '',
    ...(baseline ? [baselineSection(baseline), ''] : []),
    '### Where the time goes (median per phase, from the background’s step log)',
    '',
    table(['Mode', 'Phase', 'Median'], phases),
  ].join('\n');
}

/** A difference with its sign: +4 ms, −1 ms. */
const signedMs = (value: number) => (value > 0 ? `+${value} ms` : value < 0 ? `−${-value} ms` : '0 ms');
/** `p` for a sign test, as read in a sentence. */
const pValue = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(p < 0.1 ? 3 : 2));

function baselineSection(b: NonNullable<BenchResults['warmAgainstBaseline']>): string {
  const heading = '### With the CRM tab open, against the build before issue 10';
  if (!b.ok) return [heading, '', `Not measured: no build of ${b.commit} (${b.why}).`].join('\n');
  const c = b.comparison;
  return [
    heading,
    '',
    `The warm figure above is traced; the 255 ms the issue names was measured untraced, on another day. So the build whose bench wrote it (commit \`${c.commit}\`, the CRM driver then a static content script) is measured again in this run beside ours: ` +
      `two browsers, each with its CRM tab left open by a first handoff, then ${c.rounds} rounds of one warm handoff each, untraced, the order swapped every round. Wall-clock overhead as above (total − stand-in waits − CRM server).`,
    '',
    table(['Build', 'Rounds', 'Wall overhead'], [
      [`before issue 10 (\`${c.commit}\`)`, String(c.baseline.n), spread(c.baseline)],
      ['this build', String(c.measured.n), spread(c.measured)],
    ]),
    '',
    `Ours − the baseline’s, round by round: ${spread(c.difference)}; ours slower in ${c.slowerRounds} of ${c.rounds} rounds${c.tiedRounds ? ` (${c.tiedRounds} tied)` : ''}, one-sided sign test p = ${pValue(c.signTestP)}.` +
      (c.failures.length ? `\nFailed runs (not in the figures): ${c.failures.map((f) => `\n- ${f}`).join('')}` : ''),
  ].join('\n');
}

function matchingSection(m: MatchingResult): string {
  const us = (value: number) => (Number.isFinite(value) ? `${Math.round(value * 10) / 10} µs` : 'n/a');
  const kinds = Object.entries(m.perQueryUsByKind).map(([kind, s]) => [
    kind,
    String(s.n),
    us(s.median),
    us(s.p90),
    us(s.max),
    Object.entries(m.outcomes[kind as keyof typeof m.outcomes] ?? {})
      .map(([outcome, n]) => `${outcome}: ${n}`)
      .join(', '),
  ]);
  const q = m.perQueryUs;
  return [
    '## Matching',
    '',
    `Against ${m.locations.toLocaleString('en-US')} locations, ${m.queriesRun.toLocaleString('en-US')} of ${m.queriesPlanned.toLocaleString('en-US')} queries run${m.stoppedByCapMs ? ` (stopped by the ${m.stoppedByCapMs / 1000} s cap; the queries are shuffled, so these are a fair sample)` : ''}, in Node. ` +
      `Through the list's index (\`LocationIndex\`, utils/match-index.ts, built once in ${m.indexBuildMs.lookups} ms for the exact lookups and ${m.indexBuildMs.ranking} ms for ranking; ${m.memory.indexHeapMb} MB of heap): ` +
      `${us(q.median)} median per query (p10 ${us(q.p10)}, p90 ${us(q.p90)}; max ${us(q.max)}), ranked candidates included. ` +
      `\`matchLocation\`'s scan of the whole list, as one handoff runs it on its short list: ${spread(m.scanPerQueryMs)} per query over ${m.scanPerQueryMs.n} queries. ` +
      `\`normaliseName\`: ${m.normaliseNameMsPer1000} ms per 1,000 names. ` +
      `Memory: the locations take ${m.memory.locationsHeapMb} MB of heap; querying peaks ${m.memory.queryPeakHeapMb} MB above that and ${m.memory.retainedAfterGcMb > 0 ? `keeps ${m.memory.retainedAfterGcMb} MB` : 'keeps nothing'} after a GC; process RSS ${m.memory.rssMb} MB.`,
    '',
    table(['Query kind', 'Queries', 'Median (indexed)', 'p90', 'Max', 'What matching answered'], kinds),
  ].join('\n');
}

function popupSection(p: PopupResult): string {
  return [
    '## Popup',
    '',
    `popup.html opened as a tab ${p.reps} times (after one warm-up load) with ${p.handoffs} handoffs in storage.session; times from navigation start.`,
    '',
    table(['Handoffs', 'First contentful paint', 'List rendered (`handoff-list-rendered` mark)'], [[String(p.handoffs), spread(p.firstContentfulPaintMs), spread(p.listRenderedMs)]]),
  ].join('\n');
}

/** Each target of issue 5 with its verdict; only for the sections that ran. */
export function verdicts(r: BenchResults): string[] {
  const out: string[] = [];
  for (const check of r.bundle?.budgets ?? []) {
    out.push(
      check.ok
        ? `Met: \`${check.entry}\` ${check.gzip.toLocaleString('en-US')} B gzipped, budget ${budgetKb(check.maxGzipBytes)} (${margin(check.marginBytes)} left).`
        : `**Missed**: \`${check.entry}\` ${check.gzip.toLocaleString('en-US')} B gzipped, over its ${budgetKb(check.maxGzipBytes)} budget by ${margin(-check.marginBytes)}.`,
    );
  }
  for (const s of r.hostPage ?? []) {
    for (const phase of ['load', 'mutations'] as const) {
      const p = s.phases[phase];
      const what = `${s.site}, ${phase}`;
      out.push(
        p.attributedScriptRatio < TARGETS.addedScriptRatio
          ? `Met: ${what}: our script ${pct(p.attributedScriptRatio)} of the page’s (target < 5 %).`
          : `**Missed**: ${what}: our script ${ms(p.extensionScriptMs.median)} = ${pct(p.attributedScriptRatio)} of the page’s ${ms(p.without.scriptMs.median)} (target < 5 %, over by ${pct(p.attributedScriptRatio - TARGETS.addedScriptRatio)} points).`,
      );
      out.push(
        p.longTasksOfOurs === 0
          ? `Met: ${what}: no long task of ours in ${s.reps} runs (longest stretch of our script in one task ${ms(p.maxExtensionMsInOneTask.max)}).`
          : `**Missed**: ${what}: ${p.longTasksOfOurs} long task(s) of ours, in ${p.runsWithLongTaskOfOurs} of ${s.reps} runs (up to ${ms(p.maxExtensionMsInOneTask.max)} of our script in one task; median of the runs ${ms(p.maxExtensionMsInOneTask.median)}).`,
      );
    }
  }
  if (r.matching) {
    const median = Math.round(r.matching.perQueryUs.median * 10) / 10;
    out.push(
      median <= TARGETS.matchingPerQueryUs
        ? `Met: matching, ${r.matching.locations.toLocaleString('en-US')} names: ${median} µs median per query through the index (target ≤ ${TARGETS.matchingPerQueryUs} µs).`
        : `**Missed**: matching, ${r.matching.locations.toLocaleString('en-US')} names: ${median} µs median per query through the index (target ≤ ${TARGETS.matchingPerQueryUs} µs).`,
    );
  }
  if (r.latency) {
    for (const mode of ['cold', 'warm'] as const) {
      const { oursCpu: cpu, overhead: o } = r.latency.modes[mode];
      const wall = ` Wall-clock overhead (ours, the browser’s and the CRM app’s together): ${ms(o.median)}.`;
      out.push(
        cpu.median <= TARGETS.oursCpuMs
          ? `Met: handoff, ${mode}: our own CPU time ${ms(cpu.median)} (median of ${cpu.n}; target ≤ ${TARGETS.oursCpuMs} ms).${wall}`
          : `**Missed**: handoff, ${mode}: our own CPU time ${ms(cpu.median)} (median of ${cpu.n}), over the ${TARGETS.oursCpuMs} ms target by ${ms(Math.round(cpu.median - TARGETS.oursCpuMs))}.${wall}`,
      );
    }
    out.push(warmVerdict(r.latency.modes.warm.overhead, r.warmAgainstBaseline));
  }
  return out;
}

/** Significance at which the sign test calls our build slower than the baseline. */
const SLOWER_P = 0.05;

/**
 * "Not slower than before", judged against the baseline build measured in the same run: slower when
 * ours took longer in so many rounds that chance explains it less than 1 time in 20. Without that
 * run, the traced figure against the remembered 255 ms is shown, and called not comparable.
 */
export function warmVerdict(traced: Summary, baseline: BenchResults['warmAgainstBaseline']): string {
  const what = 'handoff, warm, not slower than before';
  if (!baseline?.ok) {
    return `**Not measured**: ${what}: no baseline build measured in this run${baseline ? ` (${baseline.why})` : ''}; the traced wall-clock overhead ${ms(traced.median)} cannot be compared with the ${TARGETS.warmOverheadBeforeMs} ms measured untraced before.`;
  }
  const c = baseline.comparison;
  const figures = `${ms(c.measured.median)} against ${ms(c.baseline.median)} for the build before issue 10 (\`${c.commit}\`, ${TARGETS.warmOverheadBeforeMs} ms on its own day), medians of ${c.rounds} rounds in this run; ours slower in ${c.slowerRounds} of ${c.rounds} (sign test p = ${pValue(c.signTestP)}), median difference ${signedMs(c.difference.median)}`;
  if (c.rounds < 5) return `**Not measured**: ${what}: only ${c.rounds} rounds had both builds write (${figures}).`;
  return c.signTestP < SLOWER_P ? `**Missed**: ${what}: wall-clock overhead ${figures}.` : `Met: ${what}: wall-clock overhead ${figures}.`;
}

export function renderReport(r: BenchResults): string {
  const sections = [
    machineSection(r),
    r.bundle && bundleSection(r.bundle),
    r.hostPage && hostSection(r.hostPage),
    r.latency && latencySection(r.latency, r.warmAgainstBaseline),
    r.matching && matchingSection(r.matching),
    r.popup && popupSection(r.popup),
    ['## Targets', '', ...verdicts(r).map((v) => `- ${v}`)].join('\n'),
  ];
  return sections.filter(Boolean).join('\n\n');
}

/** docs/performance.md: how to reproduce, what the figures mean, and the table of the latest full run. */
export function performanceDoc(results: BenchResults, report: string): string {
  return `# Performance

What Handoff for Twilio costs the people who use it (issue 5), as measured by \`npm run bench\` on
${results.finishedAt.slice(0, 10)} (${results.command}; ${Math.round((Date.parse(results.finishedAt) - Date.parse(results.startedAt)) / 60_000)} min).
This file is written by the bench; edit scripts/bench.ts or tests/bench/report.ts, not this file.

## How to reproduce

\`\`\`sh
npm ci
npm run bench            # builds, measures everything, prints this table, writes bench-results/bench.json
npm run bench -- --only sizes   # sizes only, in seconds
\`\`\`

It needs Chromium (found or installed as for \`npm test\`: scripts/lib/chromium.ts) and runs the
stand-in sites on 127.0.0.1 only. The size budgets are enforced by \`npm test\`
(tests/e2e/bundle-budgets.test.ts); everything else is reported, not enforced, because it depends
on the machine.

What the figures do and do not say:
- The stand-ins are small apps: the real Twilio console and HighLevel run many times more script
  of their own, so the same cost of ours is a far smaller share there. The ratios here are against
  the stand-ins, the worst case for us.
- Handoff latency is given two ways: wall clock (the stand-ins' own deliberate waits, counted from
  their records, taken out; what is left includes the browser opening the CRM tab and the CRM app
  loading and rendering), and our own CPU time from a DevTools trace of every context our code runs
  in, which is what the target is about.

${report}
`;
}
