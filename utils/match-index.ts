import type { Candidate, Location } from './handoff/types';
import { normaliseName, type MatchLookup } from './match';

/**
 * Matching at agency scale (issue 10 item 4): one list of thousands of locations asked about again
 * and again (bulk connect, health checks). `new LocationIndex(list)` normalises every name once; each
 * query is then a few lookups, ranked candidates included, and `matchWith(index, …)` answers exactly
 * what `matchLocation` answers by scanning the list (tests/unit/match-index.test.ts holds the two
 * side by side on random lists). A single query of a fresh list is cheaper as a scan, which is what
 * a handoff does (its list is the few rows a search returned): the background does not load this file.
 */

/** What the ranking needs about one distinct normalised name. */
interface NameEntry {
  name: string;
  /** Positions in the list of the locations with this name, ascending. */
  members: number[];
  /** How many different words the name has. */
  words: number;
}

/**
 * Exact lookups (SID, id, normalised name) are built with the index; what ranking needs is built on
 * the first query that ranks, since most queries of a list end in an exact match and one ranking-free
 * query then costs about what a scan of the list did.
 */
export class LocationIndex implements MatchLookup {
  readonly size: number;
  private readonly locations: readonly Location[];
  private readonly sids = new Map<string | null | undefined, Location[]>();
  private readonly ids = new Map<string, Location>();
  private readonly names = new Map<string, number[]>();
  private ranking: Ranking | undefined;

  constructor(locations: readonly Location[]) {
    this.locations = locations;
    this.size = locations.length;
    locations.forEach((location, position) => {
      const holders = this.sids.get(location.sid);
      if (holders) holders.push(location);
      else this.sids.set(location.sid, [location]);
      // The first location with an id answers for it, as a scan from the top would.
      if (!this.ids.has(location.id)) this.ids.set(location.id, location);
      const name = normaliseName(location.name);
      const same = this.names.get(name);
      if (same) same.push(position);
      else this.names.set(name, [position]);
    });
  }

  holdersOf(sid: string): Location[] {
    return [...(this.sids.get(sid) ?? [])];
  }

  byId(id: string): Location | undefined {
    return this.ids.get(id);
  }

  /** The locations whose normalised name is `normalised`, in list order. */
  named(normalised: string): Location[] {
    return (this.names.get(normalised) ?? []).map((position) => this.locations[position]!);
  }

  /** Builds what ranking needs now rather than on the first query that ranks. */
  buildRanking(): void {
    this.ranking ??= new Ranking(this.locations, this.names);
  }

  /** rankCandidates for an already normalised, non-empty name. */
  rank(normalised: string, limit: number): Candidate[] {
    this.ranking ??= new Ranking(this.locations, this.names);
    return this.ranking.rank(normalised, limit);
  }
}

/**
 * Finds every location with a score above 0 without scoring the others: a name scores only if it
 * shares a word with the query (an inverted index of words) or one name contains the other (an index
 * of three-character pieces for names containing the query; a walk of the sorted names from each
 * position of the query for names inside it). Scores use the same arithmetic as `similarity`, and the
 * order is the same as sorting by score and then `localeCompare` of the names (ranks computed once).
 */
class Ranking {
  private readonly locations: readonly Location[];
  private readonly entries: NameEntry[] = [];
  private readonly words = new Map<string, number[]>();
  private readonly trigrams = new Map<string, number[]>();
  /** The names in UTF-16 code unit order, their entry numbers, and where each first character's run is. */
  private readonly sortedNames: string[];
  private readonly sortedIds: number[];
  private readonly firstChars = new Map<number, [number, number]>();
  /** Per list position: the place of its location's name in `localeCompare` order (equal names, equal rank). */
  private readonly collation: Uint32Array;
  /** Per entry, its `words`, where the scoring loop reads it fast. */
  private readonly wordCounts: Uint32Array;
  // Scratch space for one query, per entry (words shared with the query; one name contains the other), cleared after it.
  private readonly shared: Uint32Array;
  private readonly contains: Uint8Array;

  constructor(locations: readonly Location[], names: ReadonlyMap<string, number[]>) {
    this.locations = locations;
    for (const [name, members] of names) {
      // An empty name scores 0 against anything.
      if (!name) continue;
      const id = this.entries.length;
      const distinct = new Set(name.split(' '));
      this.entries.push({ name, members, words: distinct.size });
      for (const word of distinct) push(this.words, word, id);
      for (let i = 0; i + 3 <= name.length; i++) push(this.trigrams, name.slice(i, i + 3), id);
    }
    this.sortedIds = this.entries.map((_, id) => id).sort((a, b) => codeUnitCompare(this.entries[a]!.name, this.entries[b]!.name));
    this.sortedNames = this.sortedIds.map((id) => this.entries[id]!.name);
    this.sortedNames.forEach((name, slot) => {
      const run = this.firstChars.get(name.charCodeAt(0));
      if (run) run[1] = slot + 1;
      else this.firstChars.set(name.charCodeAt(0), [slot, slot + 1]);
    });
    // Intl.Collator with no locale and no options is what String.prototype.localeCompare uses.
    const collator = new Intl.Collator();
    const order = locations.map((_, position) => position).sort((a, b) => collator.compare(locations[a]!.name, locations[b]!.name));
    this.collation = new Uint32Array(locations.length);
    let rank = 0;
    order.forEach((position, i) => {
      if (i > 0 && collator.compare(locations[order[i - 1]!]!.name, locations[position]!.name) !== 0) rank = i;
      this.collation[position] = rank;
    });
    this.shared = new Uint32Array(this.entries.length);
    this.wordCounts = Uint32Array.from(this.entries, (entry) => entry.words);
    this.contains = new Uint8Array(this.entries.length);
  }

  rank(query: string, limit: number): Candidate[] {
    const { shared, contains, entries, collation, wordCounts } = this;
    const touched: number[] = [];
    const queryWords = new Set(query.split(' '));
    for (const word of queryWords) {
      const list = this.words.get(word);
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const id = list[i]!;
        const count = shared[id]!;
        if (count === 0) touched.push(id);
        shared[id] = count + 1;
      }
    }
    const mark = (id: number) => {
      if (contains[id]) return;
      contains[id] = 1;
      if (shared[id] === 0) touched.push(id);
    };
    this.namesContaining(query, mark);
    this.namesInside(query, mark);

    // Score desc, then localeCompare of the names, then list order: the scan's stable sort.
    const before = (scoreA: number, a: number, scoreB: number, b: number) => scoreB - scoreA || collation[a]! - collation[b]! || a - b;
    const few = Number.isInteger(limit) && limit >= 0 && limit <= 64;
    // With a few wanted, the best so far are kept in order and most candidates lose to the last one.
    const positions: number[] = [];
    const scores: number[] = [];
    const querySize = queryWords.size;
    for (let t = 0; t < touched.length; t++) {
      const id = touched[t]!;
      const within = contains[id] === 1;
      let score = 1;
      // Equal names contain each other: only a name marked as containing can be the query itself.
      if (!within || entries[id]!.name !== query) {
        const common = shared[id]!;
        const jaccard = common / (querySize + wordCounts[id]! - common);
        score = Math.min(0.99, jaccard * 0.8 + (within ? 0.2 : 0));
      }
      shared[id] = 0;
      contains[id] = 0;
      // Most candidates lose to the last of the best kept: skip them before looking at their names.
      if (few && positions.length === limit && (limit === 0 || score < scores[limit - 1]!)) continue;
      const members = entries[id]!.members;
      for (let m = 0; m < members.length; m++) {
        const position = members[m]!;
        if (!few) {
          positions.push(position);
          scores.push(score);
          continue;
        }
        const full = positions.length === limit;
        if (full && (limit === 0 || before(score, position, scores[limit - 1]!, positions[limit - 1]!) >= 0)) continue;
        let i = full ? limit - 1 : positions.length;
        while (i > 0 && before(score, position, scores[i - 1]!, positions[i - 1]!) < 0) {
          positions[i] = positions[i - 1]!;
          scores[i] = scores[i - 1]!;
          i--;
        }
        positions[i] = position;
        scores[i] = score;
      }
    }
    const order = positions.map((_, i) => i);
    if (!few) order.sort((i, j) => before(scores[i]!, positions[i]!, scores[j]!, positions[j]!));
    return order.slice(0, limit).map((i) => ({ location: this.locations[positions[i]!]!, score: scores[i]! }));
  }

  /** Names that contain the query: those holding its rarest three-character piece, checked whole. */
  private namesContaining(query: string, mark: (id: number) => void): void {
    if (query.length < 3) {
      this.entries.forEach((entry, id) => entry.name.includes(query) && mark(id));
      return;
    }
    let rarest: number[] | undefined;
    for (let i = 0; i + 3 <= query.length; i++) {
      const list = this.trigrams.get(query.slice(i, i + 3));
      if (!list) return;
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    for (const id of rarest!) if (this.entries[id]!.name.includes(query)) mark(id);
  }

  /**
   * Names that sit inside the query: from each position of the query, narrow the sorted names to
   * those that begin with one more of its characters; a name exactly as long as the part read is one.
   */
  private namesInside(query: string, mark: (id: number) => void): void {
    const { sortedNames, sortedIds, firstChars } = this;
    for (let start = 0; start < query.length; start++) {
      const range = firstChars.get(query.charCodeAt(start));
      if (!range) continue;
      let [lo, hi] = range;
      for (let k = 0; ; ) {
        // Names in [lo, hi) all begin with query[start, start + k + 1); the shortest comes first.
        if (sortedNames[lo]!.length === k + 1) mark(sortedIds[lo]!);
        if (start + ++k >= query.length) break;
        const c = query.charCodeAt(start + k);
        lo = firstWith(sortedNames, lo, hi, k, c);
        hi = firstWith(sortedNames, lo, hi, k, c + 1);
        if (lo >= hi) break;
      }
    }
  }
}

/** Adds `id` to the key's list once (ids arrive in ascending order, so a repeat is the last one). */
function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (list[list.length - 1] !== id) list.push(id);
}

function codeUnitCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** In sorted names that share their first k characters, the first in [lo, hi) whose character k is ≥ c (a name that ends counts as below any). */
function firstWith(names: readonly string[], lo: number, hi: number, k: number, c: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const name = names[mid]!;
    if ((k < name.length ? name.charCodeAt(k) : -1) >= c) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
