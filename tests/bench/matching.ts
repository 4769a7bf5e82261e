import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Location } from '../../utils/handoff/types';
import { matchLocation, matchWith, normaliseName } from '../../utils/match';
import { LocationIndex } from '../../utils/match-index';
import { generateLocations, seededRandom } from '../stand-ins/crm/locations';
import { summarise, type Summary } from './stats';

/**
 * Matching (issue 5 item 4): utils/match.ts against 10,000 CRM locations, with 10,000 sub-account
 * names as Twilio would hold them: the location's own name, the same name typed differently (case,
 * spacing, "&"/"and", a dash), with and without accents, near names that must not match by
 * themselves, and names of no location. Time per query and the memory it takes, in this process.
 */

export type QueryKind = 'exact' | 'typed-differently' | 'accents' | 'near-name' | 'unknown';

export interface Query {
  kind: QueryKind;
  name: string;
}

export interface MatchingResult {
  locations: number;
  queriesPlanned: number;
  queriesRun: number;
  /** Set when the time cap stopped the run early (the queries are shuffled, so the ones run are a fair sample). */
  stoppedByCapMs: number | null;
  /** Per query through the list's index (built once, before), as bulk work asks. */
  perQueryMs: Summary;
  /** The same in microseconds, where the milliseconds round to 0. */
  perQueryUs: Summary;
  perQueryUsByKind: Record<QueryKind, Summary>;
  /** Building the index once: the exact lookups (SID, id, name), then what ranking needs. */
  indexBuildMs: { lookups: number; ranking: number };
  /** matchLocation's scan of the whole list (what one handoff does on its short list), on the first SCAN_SAMPLE queries. */
  scanPerQueryMs: Summary;
  perQueryMsByKind: Record<QueryKind, Summary>;
  /** What matchLocation answered, per query kind: a sanity check that the figures time real work. */
  outcomes: Record<QueryKind, Record<string, number>>;
  normaliseNameMsPer1000: number;
  memory: {
    /** Heap the 10,000 locations take (heapUsed after building them minus before). */
    locationsHeapMb: number;
    /** Heap the list's index takes, kept while bulk work holds it. */
    indexHeapMb: number;
    /** Highest heapUsed seen while querying, above the heap before the queries. */
    queryPeakHeapMb: number;
    /** heapUsed after the queries and a full GC, above the heap before the queries: what stays. */
    retainedAfterGcMb: number;
    rssMb: number;
  };
}

const ACCENT: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', n: 'ñ', c: 'ç' };

function addAccents(name: string, random: () => number): string {
  return [...name].map((ch) => (ACCENT[ch] && random() < 0.5 ? ACCENT[ch] : ch)).join('');
}

function stripAccents(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '');
}

/** The same name as another person would type it: case, spacing, "&" ↔ "and", the dash. */
function typedDifferently(name: string, random: () => number): string {
  const variants = [
    (n: string) => n.toUpperCase(),
    (n: string) => n.toLowerCase(),
    (n: string) => n.replace(/ - /g, ' – '),
    (n: string) => `  ${n.replace(/ /g, '  ')} `,
    (n: string) => (n.includes('&') ? n.replace(/&/g, 'and') : n.replace(/ and /gi, ' & ')),
  ];
  return variants[Math.floor(random() * variants.length)]!(name);
}

/** Close to a location's name but not the same after normalisation: must never match by itself. */
function nearName(name: string, random: () => number): string {
  const variants = [
    (n: string) => `${n} TX`,
    (n: string) => n.replace(/ - .*$/, ''),
    (n: string) => n.replace(/(\w)(\w)(\w*)$/, '$2$1$3'),
    (n: string) => `The ${n}`,
  ];
  return variants[Math.floor(random() * variants.length)]!(name);
}

export function benchLocations(count: number): Location[] {
  return generateLocations(count, { seed: 11, nearDuplicates: true, accented: true, duplicates: true }).map((l) => ({
    id: l.id,
    name: l.name,
    sid: l.sid,
    managedBy: l.managedBy,
  }));
}

/** `count` queries in a fixed shuffled order: 35 % exact, 20 % typed differently, 20 % accents, 15 % near, 10 % unknown. */
export function benchQueries(locations: readonly Location[], count: number): Query[] {
  const random = seededRandom(29);
  const pick = () => locations[Math.floor(random() * locations.length)]!.name;
  const queries: Query[] = [];
  for (let i = 0; i < count; i++) {
    const r = i % 20;
    if (r < 7) queries.push({ kind: 'exact', name: pick() });
    else if (r < 11) queries.push({ kind: 'typed-differently', name: typedDifferently(pick(), random) });
    else if (r < 15) {
      const name = pick();
      const accented = stripAccents(name) !== name;
      queries.push({ kind: 'accents', name: accented ? stripAccents(name) : addAccents(name, random) });
    } else if (r < 18) queries.push({ kind: 'near-name', name: nearName(pick(), random) });
    else queries.push({ kind: 'unknown', name: `Nowhere Studio ${i} - Atlantis` });
  }
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [queries[i], queries[j]] = [queries[j]!, queries[i]!];
  }
  return queries;
}

/** A full garbage collection, when V8 lets us ask for one (it does in Node: --expose-gc at run time). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** Queries timed through matchLocation's scan too, for comparison (each costs milliseconds). */
const SCAN_SAMPLE = 200;

export function benchMatching(options: { locations?: number; queries?: number; timeCapMs?: number | null } = {}): MatchingResult {
  const { locations: locationCount = 10_000, queries: queryCount = 10_000, timeCapMs = null } = options;
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const locations = benchLocations(locationCount);
  collectGarbage();
  const heapWithLocations = process.memoryUsage().heapUsed;
  const queries = benchQueries(locations, queryCount);

  let start = performance.now();
  for (const l of locations.slice(0, 1000)) normaliseName(l.name);
  const normaliseNameMsPer1000 = performance.now() - start;

  collectGarbage();
  const heapBeforeIndex = process.memoryUsage().heapUsed;
  start = performance.now();
  const index = new LocationIndex(locations);
  const lookupsMs = performance.now() - start;
  start = performance.now();
  index.buildRanking();
  const rankingMs = performance.now() - start;
  collectGarbage();
  const heapWithIndex = process.memoryUsage().heapUsed;

  // A SID no location holds: every query takes the name path, the one that scales with the list.
  const sid = `AC${'f'.repeat(32)}`;
  const scanTimes = queries.slice(0, SCAN_SAMPLE).map((query) => {
    const at = performance.now();
    matchLocation({ sid, friendlyName: query.name, locations });
    return performance.now() - at;
  });
  const times: number[] = [];
  const byKind = new Map<QueryKind, number[]>();
  const outcomes = {} as Record<QueryKind, Record<string, number>>;
  collectGarbage();
  const heapBeforeQueries = process.memoryUsage().heapUsed;
  let peak = heapBeforeQueries;
  const began = performance.now();
  let stoppedByCapMs: number | null = null;
  for (const [i, query] of queries.entries()) {
    start = performance.now();
    const result = matchWith(index, { sid, friendlyName: query.name });
    const ms = performance.now() - start;
    times.push(ms);
    const ofKind = byKind.get(query.kind);
    if (ofKind) ofKind.push(ms);
    else byKind.set(query.kind, [ms]);
    const outcome = result.kind === 'matched' ? `matched (${result.via})` : `needs-choice (${result.why})`;
    const counts = (outcomes[query.kind] ??= {});
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    if (i % 100 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (timeCapMs !== null && performance.now() - began > timeCapMs) {
      stoppedByCapMs = timeCapMs;
      break;
    }
  }
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;

  return {
    locations: locations.length,
    queriesPlanned: queries.length,
    queriesRun: times.length,
    stoppedByCapMs,
    perQueryMs: summarise(times),
    perQueryUs: summarise(times.map((ms) => ms * 1000)),
    perQueryUsByKind: Object.fromEntries([...byKind].map(([kind, list]) => [kind, summarise(list.map((ms) => ms * 1000))])) as Record<QueryKind, Summary>,
    indexBuildMs: { lookups: Math.round(lookupsMs * 10) / 10, ranking: Math.round(rankingMs * 10) / 10 },
    scanPerQueryMs: summarise(scanTimes),
    perQueryMsByKind: Object.fromEntries([...byKind].map(([kind, list]) => [kind, summarise(list)])) as Record<QueryKind, Summary>,
    outcomes,
    normaliseNameMsPer1000: Math.round(normaliseNameMsPer1000 * 100) / 100,
    memory: {
      locationsHeapMb: mb(heapWithLocations - heapBefore),
      indexHeapMb: mb(heapWithIndex - heapBeforeIndex),
      queryPeakHeapMb: mb(peak - heapBeforeQueries),
      retainedAfterGcMb: mb(heapAfter - heapBeforeQueries),
      rssMb: mb(process.memoryUsage().rss),
    },
  };
}
