import { SCRIPT_EVENTS, type TraceEvent } from './trace';

/**
 * The extension's own CPU time in a browser-wide DevTools trace, in every context it runs in: its
 * content scripts in the pages' renderers, its service worker, its pages. `extensionShare` (trace.ts)
 * looks at one page thread and at the script events that name our URL; here every thread counts,
 * and promise callbacks, which no event names (most of an async content script's and nearly all of
 * the service worker's script runs in RunMicrotasks), are attributed too:
 *
 * - A thread of the extension's own process (Chromium's "Extension Renderer": the service worker's
 *   thread, the extension pages' main thread) runs nothing but the extension: all CPU of its tasks
 *   is ours (our script, its garbage collection, the extension API bindings running for it).
 * - A page's thread runs the page's script and our content script. Each script event's self time
 *   (its CPU time less that of the script events inside it) is ours when the event names our
 *   chrome-extension:// URL, the page's when it names another. A script event that names no URL
 *   (RunMicrotasks, V8's call wrappers) is split by the samples of a V8 CPU profile of the page,
 *   taken beside the trace, that fell in its self time: each sample belongs to the innermost frame
 *   on its stack that has a URL (native code, DOM calls and layout it forces go to the script that
 *   called them; a page handler our script triggered goes to the page); a sample with no such frame
 *   (idle, garbage collection) to no one. With no sample that tells, it goes as the event around it
 *   went; at the top level, it is left unattributed (reported, not counted).
 *
 * CPU time is thread time (tdur) where the trace has it, wall time otherwise; nested events count
 * once. With a window, only the part of each event inside it counts, in proportion.
 */

/** Script events that name no URL of their own: promise callbacks, V8's wrappers around calls. */
const UNNAMED_SCRIPT = new Set(['RunMicrotasks', 'v8.callFunction', 'v8.newInstance', 'v8.run']);
/** The scheduler's task events: everything a thread does runs in one. */
const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
/**
 * The measuring's own work on a thread: V8 starting a sampling profiler (it walks the heap to list
 * the code there), which can fall inside a task or script event (a tab the handoff opens is
 * profiled from its start). Nobody's: taken out of whatever it ran inside.
 */
const MEASURING_OWN = new Set(['CpuProfiler::StartProfiling']);
/** Chromium's name for the process of an extension's service worker and pages. */
const EXTENSION_PROCESS = 'Extension Renderer';

export const SERVICE_WORKER = 'service worker';
export const EXTENSION_PAGE = 'extension page';
export const OTHER_PAGE = 'other page';

export interface ExtensionCpuOptions {
  /** `chrome-extension://<id>/`. */
  extensionOrigin: string;
  /** Names for the page threads our content scripts ran in, by the origins of the pages they run. */
  pages: Readonly<Record<string, readonly string[]>>;
  /** Only time inside it counts (µs, the trace's clock). */
  window?: { start: number; end: number };
  /**
   * CPU profiles of pages' main threads taken beside the trace (DevTools' Profiler domain on each
   * page's session), by the context of the page: they go to the thread of that context.
   */
  profiles?: ReadonlyArray<{ context: string; profile: CpuProfile }>;
}

export interface ThreadCpu {
  pid: number;
  tid: number;
  thread: string;
  /** SERVICE_WORKER, EXTENSION_PAGE, a name from `pages`, or OTHER_PAGE. */
  context: string;
  /** 'whole thread': a thread of the extension's process; 'attributed': a page's thread. */
  basis: 'whole thread' | 'attributed';
  /** Our CPU time on the thread (ms). */
  ms: number;
  /** Of `ms`, on a page's thread: from script events that name our URL (with unnamed script inside them that no sample placed)… */
  namedMs: number;
  /** …and from script events that name none, by the CPU samples in them. */
  sampledMs: number;
  /** Script time on a page's thread that names no URL and has no sample to tell whose it is: not in `ms`. */
  unattributedMs: number;
}

export interface ExtensionCpu {
  totalMs: number;
  /** Per context; SERVICE_WORKER, EXTENSION_PAGE and every name in `pages` are always there. */
  byContext: Record<string, number>;
  unattributedMs: number;
  /** The threads our code ran on, most CPU first. */
  threads: ThreadCpu[];
}

type Owner = 'ours' | 'theirs';

const threadKey = (e: { pid: number; tid: number }) => `${e.pid}:${e.tid}`;
const round = (us: number) => Math.round(us / 10) / 100;

interface Sample {
  ts: number;
  /** The innermost frame's URL that is not empty; null when no frame has one (idle, GC, native only). */
  url: string | null;
}

/** A V8 CPU profile (DevTools' Profiler.Profile): call tree nodes, and the node on top of the stack at each sample. */
export interface CpuProfile {
  nodes: ReadonlyArray<{ id: number; children?: number[]; callFrame: { url?: string } }>;
  /** µs, the trace's clock. */
  startTime: number;
  samples?: number[];
  /** From each sample to the one before (the first: to startTime), µs. */
  timeDeltas?: number[];
}

/** The samples of a profile, each with the URL of the innermost frame that has one. */
function samplesOf(profile: CpuProfile): Sample[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
  const urls = new Map<number, string | null>();
  const urlOf = (id: number): string | null => {
    if (!urls.has(id)) {
      const node = byId.get(id);
      const parent = parents.get(id);
      urls.set(id, node?.callFrame.url ? node.callFrame.url : parent === undefined ? null : urlOf(parent));
    }
    return urls.get(id)!;
  };
  let clock = profile.startTime;
  return (profile.samples ?? []).map((id, i) => {
    clock += profile.timeDeltas?.[i] ?? 0;
    return { ts: clock, url: urlOf(id) };
  });
}

interface ScriptNode {
  event: TraceEvent;
  parent: ScriptNode | undefined;
  /** CPU of the script events directly inside it (µs, in the window). */
  childCpu: number;
  ours: number;
  theirs: number;
}

export function extensionCpu(events: readonly TraceEvent[], options: ExtensionCpuOptions): ExtensionCpu {
  const { extensionOrigin, window } = options;
  const isOurs = (url: string) => extensionOrigin !== '' && url.startsWith(extensionOrigin);
  const owner = (url: string): Owner => (isOurs(url) ? 'ours' : 'theirs');
  /** The share of an event inside the window. */
  const inWindow = (e: TraceEvent): number => {
    if (!window) return 1;
    const dur = e.dur ?? 0;
    if (dur <= 0) return e.ts >= window.start && e.ts <= window.end ? 1 : 0;
    return Math.max(0, Math.min(e.ts + dur, window.end) - Math.max(e.ts, window.start)) / dur;
  };
  const cpu = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) * inWindow(e);

  const threadNames = new Map<string, string>();
  const processNames = new Map<number, string>();
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(threadKey(e), e.args?.name ?? '');
    if (e.ph === 'M' && e.name === 'process_name') processNames.set(e.pid, e.args?.name ?? '');
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const list = byThread.get(threadKey(e)) ?? [];
    list.push(e);
    byThread.set(threadKey(e), list);
  }
  // Which threads ran our code (an event anywhere in the trace names our URL), and which page each
  // thread serves (the most URLs there of one page's origins).
  const evidence = new Map<string, { ours: boolean; pages: Map<string, number> }>();
  for (const e of events) {
    const url = e.ph === 'M' ? undefined : e.args?.data?.url;
    if (!url) continue;
    const seen = evidence.get(threadKey(e)) ?? { ours: false, pages: new Map<string, number>() };
    if (isOurs(url)) seen.ours = true;
    for (const [name, origins] of Object.entries(options.pages)) if (origins.some((o) => url.startsWith(o))) seen.pages.set(name, (seen.pages.get(name) ?? 0) + 1);
    evidence.set(threadKey(e), seen);
  }
  const pageOf = (seen: { pages: Map<string, number> }) => [...seen.pages].sort((a, b) => b[1] - a[1])[0]?.[0] ?? OTHER_PAGE;
  // Each page's samples in the window. A page whose samples show our code ran it on its thread, even
  // where no event there names us (our promise callbacks only).
  const sampled = new Map<string, Sample[]>();
  for (const { context, profile } of options.profiles ?? []) {
    const inside = samplesOf(profile).filter((s) => !window || (s.ts >= window.start && s.ts <= window.end));
    sampled.set(context, [...(sampled.get(context) ?? []), ...inside].sort((a, b) => a.ts - b.ts));
  }
  for (const [context, list] of sampled) {
    if (!list.some((s) => s.url !== null && isOurs(s.url))) continue;
    const serving = [...evidence.values()].filter((seen) => pageOf(seen) === context);
    const thread = serving.sort((a, b) => b.pages.get(context)! - a.pages.get(context)!)[0];
    if (thread) thread.ours = true;
  }

  const threads: ThreadCpu[] = [];
  for (const [key, seen] of evidence) {
    if (!seen.ours) continue;
    const [pid, tid] = key.split(':').map(Number) as [number, number];
    const thread = threadNames.get(key) ?? '';
    const list = (byThread.get(key) ?? []).slice().sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    if (processNames.get(pid) === EXTENSION_PROCESS) {
      const ms = round(wholeThreadCpu(list.filter((e) => TASKS.has(e.name) || SCRIPT_EVENTS.has(e.name) || UNNAMED_SCRIPT.has(e.name) || MEASURING_OWN.has(e.name)), cpu));
      const context = /ServiceWorker/i.test(thread) ? SERVICE_WORKER : EXTENSION_PAGE;
      threads.push({ pid, tid, thread, context, basis: 'whole thread', ms, namedMs: 0, sampledMs: 0, unattributedMs: 0 });
      continue;
    }
    const page = pageOf(seen);
    const split = attribute(
      list.filter((e) => SCRIPT_EVENTS.has(e.name) || UNNAMED_SCRIPT.has(e.name) || MEASURING_OWN.has(e.name)),
      sampled.get(page) ?? [],
      cpu,
      owner,
    );
    threads.push({
      pid,
      tid,
      thread,
      context: page,
      basis: 'attributed',
      ms: round(split.named + split.sampled),
      namedMs: round(split.named),
      sampledMs: round(split.sampled),
      unattributedMs: round(split.unattributed),
    });
  }
  threads.sort((a, b) => b.ms - a.ms);
  const byContext: Record<string, number> = { [SERVICE_WORKER]: 0, [EXTENSION_PAGE]: 0 };
  for (const name of Object.keys(options.pages)) byContext[name] = 0;
  const add = (a: number, b: number) => Math.round((a + b) * 100) / 100;
  for (const t of threads) byContext[t.context] = add(byContext[t.context] ?? 0, t.ms);
  return {
    totalMs: threads.reduce((sum, t) => add(sum, t.ms), 0),
    byContext,
    unattributedMs: threads.reduce((sum, t) => add(sum, t.unattributedMs), 0),
    threads,
  };
}

/** CPU of the outermost events (sorted by start, longest first): nested ones count once; the tracing's own, inside them, not at all. */
function wholeThreadCpu(sorted: readonly TraceEvent[], cpu: (e: TraceEvent) => number): number {
  let end = -Infinity;
  let total = 0;
  for (const e of sorted) {
    if (MEASURING_OWN.has(e.name)) {
      if (e.ts < end) total -= cpu(e);
      continue;
    }
    if (e.ts < end) {
      end = Math.max(end, e.ts + e.dur!);
      continue;
    }
    end = e.ts + e.dur!;
    total += cpu(e);
  }
  return Math.max(0, total);
}

/**
 * A page thread's script events (sorted by start, longest first) as a tree; each one's self CPU
 * goes to its URL's owner, or is split by the samples in its self time, or goes as its parent's did;
 * the tracing's own events go to nobody.
 */
function attribute(
  sorted: readonly TraceEvent[],
  samples: readonly Sample[],
  cpu: (e: TraceEvent) => number,
  owner: (url: string) => Owner,
): { named: number; sampled: number; unattributed: number } {
  const nodes: ScriptNode[] = [];
  const stack: ScriptNode[] = [];
  const end = (n: ScriptNode) => n.event.ts + n.event.dur!;
  let next = 0;
  /** Gives each sample before `t` to the innermost event open at its time. */
  const samplesUntil = (t: number) => {
    for (; next < samples.length && samples[next]!.ts < t; next++) {
      const s = samples[next]!;
      while (stack.length && end(stack.at(-1)!) <= s.ts) stack.pop();
      const top = stack.at(-1);
      if (top && s.url) top[owner(s.url)]++;
    }
  };
  for (const event of sorted) {
    samplesUntil(event.ts);
    while (stack.length && end(stack.at(-1)!) <= event.ts) stack.pop();
    const node: ScriptNode = { event, parent: stack.at(-1), childCpu: 0, ours: 0, theirs: 0 };
    if (node.parent) node.parent.childCpu += cpu(event);
    nodes.push(node);
    stack.push(node);
  }
  samplesUntil(Infinity);

  // Parents come before their children: each node's share of ours is known when its children need it.
  type Share = { ours: number; basis: 'named' | 'sampled' } | null;
  const share = new Map<ScriptNode, Share>();
  const shareOf = (node: ScriptNode): Share => {
    if (MEASURING_OWN.has(node.event.name)) return { ours: 0, basis: 'named' };
    const url = node.event.args?.data?.url;
    if (url) return { ours: owner(url) === 'ours' ? 1 : 0, basis: 'named' };
    const decided = node.ours + node.theirs;
    if (decided) return { ours: node.ours / decided, basis: 'sampled' };
    return node.parent ? share.get(node.parent)! : null;
  };
  const result = { named: 0, sampled: 0, unattributed: 0 };
  for (const node of nodes) {
    const mine = shareOf(node);
    share.set(node, mine);
    const self = Math.max(0, cpu(node.event) - node.childCpu);
    if (!mine) result.unattributed += self;
    else result[mine.basis] += self * mine.ours;
  }
  return result;
}
