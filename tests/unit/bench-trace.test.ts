import { describe, expect, it } from 'vitest';
import { type CpuProfile, EXTENSION_PAGE, OTHER_PAGE, SERVICE_WORKER, extensionCpu } from '../bench/extension-cpu';
import type { TraceEvent } from '../bench/trace';

/**
 * The latency bench's attribution of CPU time to the extension (tests/bench/extension-cpu.ts), on
 * small hand-made traces. Times are in µs, as in a trace; the results in ms.
 */

const EXT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/';
const CRM = 'https://app.gohighlevel.com';
const CONSOLE = 'https://console.twilio.com';
const PAGES = { 'console tab': [CONSOLE], 'CRM tab': [CRM] };

const SW = { pid: 10, tid: 11 };
const CRM_MAIN = { pid: 20, tid: 20 };
const CONSOLE_MAIN = { pid: 30, tid: 30 };

const meta = (at: { pid: number; tid: number }, thread: string, process: string): TraceEvent[] => [
  { name: 'thread_name', cat: '__metadata', ph: 'M', ...at, ts: 0, args: { name: thread } },
  { name: 'process_name', cat: '__metadata', ph: 'M', pid: at.pid, tid: 0, ts: 0, args: { name: process } },
];

/** A complete event: start and wall duration in µs, thread time in µs (omitted: none in the trace). */
const x = (at: { pid: number; tid: number }, name: string, ts: number, dur: number, tdur?: number, url?: string): TraceEvent => ({
  name,
  cat: 'devtools.timeline',
  ph: 'X',
  ...at,
  ts,
  dur,
  ...(tdur === undefined ? {} : { tdur }),
  ...(url === undefined ? {} : { args: { data: { url } } }),
});

/**
 * A page's CPU profile (DevTools' Profiler.Profile): one sample per entry, at the given times, each
 * in a native frame (no URL) called from a JS frame of the given URL, or in '(program)' for null.
 */
function profile(start: number, samples: Array<[number, string | null]>): CpuProfile {
  const root = { id: 1, callFrame: { url: '' }, children: [] as number[] };
  const nodes: Array<{ id: number; callFrame: { url: string }; children: number[] }> = [root];
  const leafOf = new Map<string, number>();
  const leaf = (url: string | null): number => {
    const key = String(url);
    if (!leafOf.has(key)) {
      const id = nodes.length + 1;
      root.children.push(id);
      if (url === null) {
        nodes.push({ id, callFrame: { url: '' }, children: [] });
        leafOf.set(key, id);
      } else {
        nodes.push({ id, callFrame: { url }, children: [id + 1] }, { id: id + 1, callFrame: { url: '' }, children: [] });
        leafOf.set(key, id + 1);
      }
    }
    return leafOf.get(key)!;
  };
  return {
    nodes,
    startTime: start,
    samples: samples.map(([, url]) => leaf(url)),
    timeDeltas: samples.map(([ts], i) => ts - (i === 0 ? start : samples[i - 1]![0])),
  };
}

describe('extensionCpu: the service worker', () => {
  it('counts all CPU of the tasks on our service worker thread, nested events once, thread time over wall time', () => {
    const events = [
      ...meta(SW, 'ServiceWorker thread', 'Extension Renderer'),
      x(SW, 'RunTask', 1000, 4000, 1500),
      x(SW, 'ThreadControllerImpl::RunTask', 1000, 3900, 1400),
      x(SW, 'RunMicrotasks', 1200, 3000, 1000),
      // A task with no thread time in the trace: its wall time.
      x(SW, 'RunTask', 10_000, 700),
      // Script outside a task event still counts.
      x(SW, 'FunctionCall', 20_000, 300, 250, `${EXT}background.js`),
    ];
    const cpu = extensionCpu(events, { extensionOrigin: EXT, pages: PAGES });
    expect(cpu.threads).toEqual([
      { pid: 10, tid: 11, thread: 'ServiceWorker thread', context: SERVICE_WORKER, basis: 'whole thread', ms: 2.45, namedMs: 0, sampledMs: 0, unattributedMs: 0 },
    ]);
    expect(cpu.byContext).toEqual({ [SERVICE_WORKER]: 2.45, [EXTENSION_PAGE]: 0, 'console tab': 0, 'CRM tab': 0 });
    expect(cpu.totalMs).toBe(2.45);
  });

  it('takes a profiler starting up (the measuring’s own work) out of the task it ran in', () => {
    const events = [
      ...meta(SW, 'ServiceWorker thread', 'Extension Renderer'),
      x(SW, 'RunTask', 1000, 5000, 3000),
      x(SW, 'CpuProfiler::StartProfiling', 1100, 2500, 2000),
      x(SW, 'FunctionCall', 4000, 300, 250, `${EXT}background.js`),
    ];
    expect(extensionCpu(events, { extensionOrigin: EXT, pages: PAGES }).byContext[SERVICE_WORKER]).toBe(1);
  });

  it('calls a main thread of the extension process that ran our script an extension page', () => {
    const popup = { pid: 10, tid: 10 };
    const events = [...meta(popup, 'CrRendererMain', 'Extension Renderer'), x(popup, 'EvaluateScript', 0, 2000, 1200, `${EXT}chunks/popup.js`)];
    expect(extensionCpu(events, { extensionOrigin: EXT, pages: PAGES }).byContext[EXTENSION_PAGE]).toBe(1.2);
  });
});

describe('extensionCpu: a page thread', () => {
  it('gives a script event’s self time to the owner of its URL: a page handler our script triggered is the page’s', () => {
    const events = [
      ...meta(CRM_MAIN, 'CrRendererMain', 'Renderer'),
      x(CRM_MAIN, 'EvaluateScript', 0, 9000, 8000, `${CRM}/assets/index.js`),
      x(CRM_MAIN, 'FunctionCall', 10_000, 6000, 5000, `${EXT}content-scripts/crm.js`),
      x(CRM_MAIN, 'FunctionCall', 11_000, 2500, 2000, `${CRM}/assets/index.js`),
      // Compiling inside our evaluation names no URL: it goes with ours.
      x(CRM_MAIN, 'v8.compile', 11_000 + 2500, 500, 400),
    ];
    const [thread] = extensionCpu(events, { extensionOrigin: EXT, pages: PAGES }).threads;
    expect(thread).toMatchObject({ context: 'CRM tab', basis: 'attributed', ms: 3, namedMs: 3, sampledMs: 0, unattributedMs: 0 });
  });

  it('gives a profiler starting up inside our script to nobody', () => {
    const events = [
      ...meta(CRM_MAIN, 'CrRendererMain', 'Renderer'),
      x(CRM_MAIN, 'FunctionCall', 0, 5000, 4000, `${EXT}content-scripts/crm.js`),
      x(CRM_MAIN, 'CpuProfiler::StartProfiling', 100, 2000, 1500),
      x(CRM_MAIN, 'FunctionCall', 8000, 100, 100, `${CRM}/assets/index.js`),
    ];
    expect(extensionCpu(events, { extensionOrigin: EXT, pages: PAGES }).threads[0]).toMatchObject({ context: 'CRM tab', ms: 2.5, namedMs: 2.5 });
  });

  it('splits promise callbacks (no URL) by the page’s CPU samples in their self time, samples without a URL left out', () => {
    const events = [
      ...meta(CRM_MAIN, 'CrRendererMain', 'Renderer'),
      // No event names us here: the samples alone show our code ran on this thread.
      x(CRM_MAIN, 'RunMicrotasks', 1000, 4000, 3000),
      // A page function call inside, with its own samples: not the microtasks' self time.
      x(CRM_MAIN, 'FunctionCall', 4000, 1000, 600, `${CRM}/assets/index.js`),
    ];
    const samples = profile(500, [
      [800, `${CRM}/assets/index.js`], // before the event
      [1100, `${EXT}content-scripts/crm.js`],
      [1600, `${EXT}content-scripts/crm.js`],
      [2100, `${EXT}content-scripts/crm.js`],
      [2600, `${CRM}/assets/index.js`],
      [3100, null], // GC or idle: nobody's
      [4200, `${CRM}/assets/index.js`], // in the page's call
      [4500, `${CRM}/assets/index.js`],
    ]);
    const [thread] = extensionCpu(events, { extensionOrigin: EXT, pages: PAGES, profiles: [{ context: 'CRM tab', profile: samples }] }).threads;
    // Self time 3000 − 600 µs, three quarters of its decided samples ours.
    expect(thread).toMatchObject({ context: 'CRM tab', ms: 1.8, namedMs: 0, sampledMs: 1.8, unattributedMs: 0 });
  });

  it('uses a page’s samples on that page’s thread only', () => {
    const events = [
      ...meta(CRM_MAIN, 'CrRendererMain', 'Renderer'),
      ...meta(CONSOLE_MAIN, 'CrRendererMain', 'Renderer'),
      x(CRM_MAIN, 'FunctionCall', 0, 500, 500, `${EXT}content-scripts/crm.js`),
      x(CRM_MAIN, 'FunctionCall', 600, 100, 100, `${CRM}/assets/index.js`),
      x(CRM_MAIN, 'RunMicrotasks', 1000, 1000, 1000),
      x(CONSOLE_MAIN, 'FunctionCall', 0, 500, 400, `${CONSOLE}/app.js`),
      x(CONSOLE_MAIN, 'RunMicrotasks', 1000, 1000, 800),
    ];
    const consoleSamples = profile(0, [
      [1200, `${EXT}content-scripts/twilio.js`],
      [1700, `${CONSOLE}/app.js`],
    ]);
    const cpu = extensionCpu(events, { extensionOrigin: EXT, pages: PAGES, profiles: [{ context: 'console tab', profile: consoleSamples }] });
    expect(cpu.threads.map((t) => [t.context, t.ms, t.unattributedMs])).toEqual([
      ['CRM tab', 0.5, 1],
      ['console tab', 0.4, 0],
    ]);
  });

  it('leaves unnamed script with no samples unattributed at the top level, and gives it to our event around it', () => {
    const events = [
      ...meta(CONSOLE_MAIN, 'CrRendererMain', 'Renderer'),
      x(CONSOLE_MAIN, 'FunctionCall', 0, 3000, 2000, `${EXT}content-scripts/twilio.js`),
      x(CONSOLE_MAIN, 'RunMicrotasks', 1000, 1000, 700),
      x(CONSOLE_MAIN, 'RunMicrotasks', 5000, 1000, 900),
    ];
    const cpu = extensionCpu(events, { extensionOrigin: EXT, pages: PAGES });
    // A thread whose only URLs are ours and that is not in the extension's process: a page we do not know.
    expect(cpu.threads[0]).toMatchObject({ context: OTHER_PAGE, ms: 2, namedMs: 2, unattributedMs: 0.9 });
    expect(cpu.unattributedMs).toBe(0.9);
  });

  it('names each page thread by the origins seen there and leaves out threads where none of our code ran', () => {
    const other = { pid: 40, tid: 40 };
    const events = [
      ...meta(CRM_MAIN, 'CrRendererMain', 'Renderer'),
      ...meta(CONSOLE_MAIN, 'CrRendererMain', 'Renderer'),
      ...meta(other, 'CrRendererMain', 'Renderer'),
      { ...x(CONSOLE_MAIN, 'ResourceSendRequest', 0, 0), ph: 'I', args: { data: { url: `${CONSOLE}/api/x` } } },
      x(CONSOLE_MAIN, 'FunctionCall', 100, 1000, 600, `${EXT}content-scripts/twilio.js`),
      x(CRM_MAIN, 'FunctionCall', 100, 1000, 700, `${EXT}content-scripts/crm.js`),
      x(CRM_MAIN, 'FunctionCall', 2000, 1000, 800, `${CRM}/assets/index.js`),
      x(other, 'FunctionCall', 100, 5000, 5000, 'https://example.com/app.js'),
    ];
    const cpu = extensionCpu(events, { extensionOrigin: EXT, pages: PAGES });
    expect(cpu.threads.map((t) => [t.context, t.ms])).toEqual([
      ['CRM tab', 0.7],
      ['console tab', 0.6],
    ]);
    expect(cpu.byContext).toEqual({ [SERVICE_WORKER]: 0, [EXTENSION_PAGE]: 0, 'console tab': 0.6, 'CRM tab': 0.7 });
    expect(cpu.totalMs).toBe(1.3);
  });
});

describe('extensionCpu: the window', () => {
  it('counts only the part of each event and the samples inside it', () => {
    const events = [
      ...meta(SW, 'ServiceWorker thread', 'Extension Renderer'),
      ...meta(CRM_MAIN, 'CrRendererMain', 'Renderer'),
      x(SW, 'RunTask', 0, 2000, 1000), // half inside: 500 µs
      x(SW, 'RunTask', 2100, 900, 800), // all inside
      x(SW, 'RunTask', 5000, 1000, 1000), // after
      x(SW, 'FunctionCall', 5100, 100, 100, `${EXT}background.js`),
      x(CRM_MAIN, 'FunctionCall', 500, 100, 100, `${CRM}/assets/index.js`),
      x(CRM_MAIN, 'RunMicrotasks', 2000, 2000, 2000), // half inside: 1000 µs
    ];
    const samples = profile(1900, [
      [2500, `${EXT}content-scripts/crm.js`],
      [3500, `${CRM}/assets/index.js`], // outside the window: does not count
    ]);
    const cpu = extensionCpu(events, { extensionOrigin: EXT, pages: PAGES, window: { start: 1000, end: 3000 }, profiles: [{ context: 'CRM tab', profile: samples }] });
    expect(cpu.byContext[SERVICE_WORKER]).toBe(1.3);
    expect(cpu.byContext['CRM tab']).toBe(1);
    expect(cpu.totalMs).toBe(2.3);
  });
});
