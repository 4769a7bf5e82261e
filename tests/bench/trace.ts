import type { CDPSession } from 'playwright-core';

/**
 * A DevTools trace of one page, and what it says about the extension's share of the page's main
 * thread: script events (evaluate, compile, function calls from timers, events, observers) whose URL
 * is the extension's, and the long tasks (≥ 50 ms) they ran in.
 */

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  /** Wall time (µs). */
  dur?: number;
  /** Thread (CPU) time (µs), when the trace has it. */
  tdur?: number;
  args?: { name?: string; data?: { url?: string; frame?: string } };
}

export const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8'];

/**
 * Traces until the returned function is called. With a page's session, Chromium traces that page's
 * renderer and some others, but not the extension's service worker; with a browser session
 * (`browser.newBrowserCDPSession()`), every process and thread.
 */
export async function startTrace(cdp: CDPSession, categories: readonly string[] = TRACE_CATEGORIES): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  const onData = (payload: { value: object[] }) => {
    for (const event of payload.value) events.push(event as TraceEvent);
  };
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: [...categories], recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise<void>((resolve) => {
      cdp.once('Tracing.tracingComplete', () => resolve());
    });
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

/** Events that run script and name it: the extension's are those with its chrome-extension:// URL. */
export const SCRIPT_EVENTS: ReadonlySet<string> = new Set(['EvaluateScript', 'FunctionCall', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'V8.CompileCode']);

export const LONG_TASK_MS = 50;

export interface ExtensionShare {
  /**
   * CPU time of the extension's script on the page's main thread (ms), nested calls counted once:
   * thread time, like ScriptDuration in threadTicks, so a busy machine does not inflate it.
   */
  extensionScriptMs: number;
  /** Of that: evaluating the content script (its top level, main() included) and compiling it… */
  evaluateMs: number;
  compileMs: number;
  /** …and its callbacks afterwards (timers, observers, listeners, message handlers). */
  callbacksMs: number;
  /** Tasks of 50 ms or more on the page's main thread. */
  longTasks: number;
  /** Long tasks in which the extension's script ran at all. */
  longTasksWithExtension: number;
  /** Long tasks that would not have been long without the extension's script in them: ours. */
  longTasksOfOurs: number;
  /** The most extension script time in one task (ms, wall time, as the page lives it). */
  maxExtensionMsInOneTask: number;
}

/**
 * The page's renderer main thread: the CrRendererMain thread that ran script from the page's origin
 * or the extension's content scripts (only the page's renderer runs those); failing that (a phase
 * where only nameless page script ran), the busiest CrRendererMain thread. The service worker and
 * other renderers have threads of their own.
 */
function pageThread(events: readonly TraceEvent[], origins: readonly string[]): { pid: number; tid: number } | null {
  const mains = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const named = new Map<string, number>();
  const busy = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    const url = e.args?.data?.url;
    if (SCRIPT_EVENTS.has(e.name) && url && origins.some((o) => o !== '' && url.startsWith(o))) named.set(key, (named.get(key) ?? 0) + 1);
    if (e.name === 'RunTask') busy.set(key, (busy.get(key) ?? 0) + (e.dur ?? 0));
  }
  const best = [...(named.size ? named : busy)].sort((a, b) => b[1] - a[1])[0];
  if (!best) return null;
  const [pid, tid] = best[0].split(':').map(Number) as [number, number];
  return { pid, tid };
}

export function extensionShare(events: readonly TraceEvent[], pageOrigin: string, extensionOrigin: string): ExtensionShare {
  const thread = pageThread(events, [pageOrigin, extensionOrigin]);
  const empty: ExtensionShare = { extensionScriptMs: 0, evaluateMs: 0, compileMs: 0, callbacksMs: 0, longTasks: 0, longTasksWithExtension: 0, longTasksOfOurs: 0, maxExtensionMsInOneTask: 0 };
  if (!thread) return empty;
  const onThread = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.dur !== undefined);

  // Outermost extension script intervals (a function call inside our own evaluate counts once).
  const ours = onThread
    .filter((e) => SCRIPT_EVENTS.has(e.name) && extensionOrigin !== '' && e.args?.data?.url?.startsWith(extensionOrigin))
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // Outermost events: those not inside an earlier one of ours. Wall intervals for the tasks they
  // ran in; their thread time for how much CPU they took.
  const intervals: Array<[number, number]> = [];
  let total = 0;
  let callbacks = 0;
  for (const e of ours) {
    const end = e.ts + e.dur!;
    const last = intervals.at(-1);
    if (last && e.ts < last[1]) {
      last[1] = Math.max(last[1], end);
      continue;
    }
    intervals.push([e.ts, end]);
    const cpu = e.tdur ?? e.dur!;
    total += cpu;
    if (e.name === 'FunctionCall') callbacks += cpu;
  }
  const compile = ours
    .filter((e) => e.name.startsWith('v8.compile') || e.name === 'V8.CompileCode')
    .reduce((sum, e) => sum + (e.tdur ?? e.dur!), 0);
  const round = (us: number) => Math.round(us / 10) / 100;

  let longTasks = 0;
  let withExtension = 0;
  let ofOurs = 0;
  let maxInOne = 0;
  for (const task of onThread.filter((e) => e.name === 'RunTask')) {
    const end = task.ts + task.dur!;
    let mine = 0;
    for (const [a, b] of intervals) mine += Math.max(0, Math.min(b, end) - Math.max(a, task.ts));
    maxInOne = Math.max(maxInOne, mine);
    if (task.dur! < LONG_TASK_MS * 1000) continue;
    longTasks++;
    if (mine > 0) withExtension++;
    if (mine > 0 && task.dur! - mine < LONG_TASK_MS * 1000) ofOurs++;
  }
  return {
    extensionScriptMs: round(total),
    evaluateMs: round(total - callbacks),
    compileMs: round(compile),
    callbacksMs: round(callbacks),
    longTasks,
    longTasksWithExtension: withExtension,
    longTasksOfOurs: ofOurs,
    maxExtensionMsInOneTask: round(maxInOne),
  };
}
