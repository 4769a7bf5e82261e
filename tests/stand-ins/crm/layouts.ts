/**
 * The CRM stand-in's family of layouts as test cases: every value of every switch the page's look
 * depends on (`CrmLayout` plus `agencyOnLcPhone`), an all-pairs covering array over them, seeded
 * random layouts, and a short name per layout for test titles. Pure: no DOM, no node APIs.
 */
import { seededRandom } from './locations';
import { DEFAULT_LAYOUT, type CrmLayout } from './wire';

/** One end-to-end case: the page's layout and whether the agency moved to LC Phone. */
export type MatrixLayout = CrmLayout & { agencyOnLcPhone: boolean };
export type LayoutDimension = keyof MatrixLayout;

/** Every value of every dimension; the first of each is the default, so all-firsts is today's page. */
export const LAYOUT_DIMENSIONS: { readonly [K in LayoutDimension]: readonly MatrixLayout[K][] } = {
  sidDisplay: ['full', 'masked-2-6', 'masked-6-4', 'ellipsis', 'absent'],
  rowAction: ['menu', 'pencil-menu', 'pencil-editor'],
  menuWording: ['update-credentials', 'lower', 'edit-twilio'],
  editor: ['modal', 'drawer'],
  fieldLabels: ['label', 'aria-label'],
  submitWording: ['Authorize', 'Save', 'Connect'],
  editorExtras: ['none', 'delete-create'],
  result: ['toast', 'inline', 'silent'],
  list: ['pages', 'load-more'],
  search: ['server', 'client'],
  defaultTab: ['agency', 'sub-accounts'],
  idDisplay: ['text', 'none'],
  addressColumn: [false, true],
  classPrefix: ['hr', 'n', 'hl'],
  agencyOnLcPhone: [false, true],
};

export const DEFAULT_MATRIX_LAYOUT: Readonly<MatrixLayout> = Object.freeze({ ...DEFAULT_LAYOUT, agencyOnLcPhone: false });

const DIMENSIONS = Object.keys(LAYOUT_DIMENSIONS) as LayoutDimension[];
/** Today's page as value indices: the first value of every dimension. */
const DEFAULT_INDICES: readonly number[] = DIMENSIONS.map(() => 0);
/** The dimensions only the credentials editor shows. */
const EDITOR_DIMENSIONS: ReadonlySet<LayoutDimension> = new Set(['editor', 'fieldLabels', 'submitWording', 'editorExtras', 'result']);

/** The fewest layouts allPairsLayouts gives; the layouts past full coverage see the rarest pairs again. */
export const MIN_ALL_PAIRS = 30;
/** How many random candidates compete for each next layout (AETG). */
const CANDIDATES = 60;
/** Fixed, so the covering array is the same on every run and machine. */
const ALL_PAIRS_SEED = 20240917;

/** What `crm.switches` needs for a layout: `Object.assign(crm.switches, layoutSwitches(layout))`. */
export function layoutSwitches(layout: MatrixLayout): { agencyOnLcPhone: boolean; layoutMatrix: CrmLayout } {
  const { agencyOnLcPhone, ...layoutMatrix } = layout;
  return { agencyOnLcPhone, layoutMatrix };
}

/**
 * Whether a dimension has no effect on a layout's page, so a pair seen there tests nothing. In an
 * LC Phone agency no row offers the update entry, so neither the editor nor the entry's wording is
 * ever shown; with 'pencil-editor' there is no menu entry to word.
 */
export function isMoot(dimension: LayoutDimension, layout: MatrixLayout): boolean {
  if (dimension === 'menuWording') return layout.agencyOnLcPhone || layout.rowAction === 'pencil-editor';
  if (EDITOR_DIMENSIONS.has(dimension)) return layout.agencyOnLcPhone;
  return false;
}

/** A pair of dimension values: dimensions by index (d1 < d2), values by index. */
export interface ValuePair {
  d1: number;
  v1: number;
  d2: number;
  v2: number;
}

/** Every pair of values of every two dimensions. */
export function allValuePairs(): ValuePair[] {
  const pairs: ValuePair[] = [];
  for (let d1 = 0; d1 < DIMENSIONS.length; d1++) {
    for (let d2 = d1 + 1; d2 < DIMENSIONS.length; d2++) {
      const n1 = valuesOf(d1).length;
      const n2 = valuesOf(d2).length;
      for (let v1 = 0; v1 < n1; v1++) for (let v2 = 0; v2 < n2; v2++) pairs.push({ d1, v1, d2, v2 });
    }
  }
  return pairs;
}

function valuesOf(d: number): readonly unknown[] {
  return LAYOUT_DIMENSIONS[DIMENSIONS[d] as LayoutDimension];
}

/** Layouts as value indices, one per dimension, in DIMENSIONS order. */
type Indices = number[];

function toLayout(indices: Indices): MatrixLayout {
  const out: Record<string, unknown> = {};
  DIMENSIONS.forEach((dim, d) => (out[dim] = valuesOf(d)[indices[d] as number]));
  return out as unknown as MatrixLayout;
}

function toIndices(layout: MatrixLayout): Indices {
  return DIMENSIONS.map((dim, d) => valuesOf(d).indexOf(layout[dim]));
}

/** Whether some layout shows both values of the pair with neither dimension moot. */
function canMatter(pair: ValuePair): boolean {
  const base = [...DEFAULT_INDICES];
  base[pair.d1] = pair.v1;
  base[pair.d2] = pair.v2;
  const rowAction = DIMENSIONS.indexOf('rowAction');
  const lc = DIMENSIONS.indexOf('agencyOnLcPhone');
  // Only rowAction and agencyOnLcPhone make a dimension moot: try each of theirs the pair leaves free.
  for (let r = 0; r < valuesOf(rowAction).length; r++) {
    for (let l = 0; l < valuesOf(lc).length; l++) {
      const candidate = [...base];
      if (pair.d1 !== rowAction && pair.d2 !== rowAction) candidate[rowAction] = r;
      if (pair.d1 !== lc && pair.d2 !== lc) candidate[lc] = l;
      const layout = toLayout(candidate);
      if (!isMoot(DIMENSIONS[pair.d1] as LayoutDimension, layout) && !isMoot(DIMENSIONS[pair.d2] as LayoutDimension, layout)) return true;
    }
  }
  return false;
}

/**
 * Whether a layout covers a pair: it shows both values, and, when some layout could show them
 * with both mattering, both matter here too. (Plain all-pairs holds as well: this is stricter.)
 */
export function coversPair(layout: MatrixLayout, pair: ValuePair): boolean {
  return covers(toIndices(layout), mootDimensions(layout), pair);
}

/** coversPair on indices, with the layout's moot dimensions worked out once by the caller. */
function covers(indices: readonly number[], moot: readonly boolean[], pair: ValuePair): boolean {
  if (indices[pair.d1] !== pair.v1 || indices[pair.d2] !== pair.v2) return false;
  return !pairMatters(pair) || (!moot[pair.d1] && !moot[pair.d2]);
}

function mootDimensions(layout: MatrixLayout): boolean[] {
  return DIMENSIONS.map((dim) => isMoot(dim, layout));
}

const pairKey = (d1: number, v1: number, d2: number, v2: number): string => `${d1}.${v1}.${d2}.${v2}`;

const mattersCache = new Map<string, boolean>();
function pairMatters(pair: ValuePair): boolean {
  const key = pairKey(pair.d1, pair.v1, pair.d2, pair.v2);
  let known = mattersCache.get(key);
  if (known === undefined) {
    known = canMatter(pair);
    mattersCache.set(key, known);
  }
  return known;
}

let allPairsMemo: MatrixLayout[] | undefined;

/**
 * A deterministic covering array (greedy AETG): every pair of values of every two dimensions is in
 * at least one layout, with both values mattering there whenever that is possible (an editor pair
 * is covered by a layout whose rows can open the editor). Starts with today's page (the defaults);
 * once every pair is covered, keeps adding the layouts that cover the least-seen pairs until there
 * are MIN_ALL_PAIRS. No two layouts are the same.
 */
export function allPairsLayouts(): MatrixLayout[] {
  allPairsMemo ??= buildAllPairs();
  return allPairsMemo.map((l) => ({ ...l }));
}

function buildAllPairs(): MatrixLayout[] {
  const random = seededRandom(ALL_PAIRS_SEED);
  const pairs = allValuePairs();
  const counts = new Array<number>(pairs.length).fill(0);
  const pairIndex = new Map(pairs.map((pair, p) => [pairKey(pair.d1, pair.v1, pair.d2, pair.v2), p]));
  const chosen: MatrixLayout[] = [];
  const seen = new Set<string>();
  // Unseen pairs outweigh everything; after that, rarely seen pairs weigh more.
  const weight = (p: number): number => ((counts[p] as number) === 0 ? 1000 : 1 / (1 + (counts[p] as number)));
  const add = (layout: MatrixLayout): void => {
    chosen.push(layout);
    seen.add(layoutName(layout));
    const indices = toIndices(layout);
    const moot = mootDimensions(layout);
    pairs.forEach((pair, p) => {
      if (covers(indices, moot, pair)) counts[p] = (counts[p] as number) + 1;
    });
  };
  const gain = (layout: MatrixLayout): number => partialGain(toIndices(layout), pairs, pairIndex, weight);

  add({ ...DEFAULT_MATRIX_LAYOUT });
  while (counts.includes(0) || chosen.length < MIN_ALL_PAIRS) {
    let best: MatrixLayout | undefined;
    let bestGain = -1;
    for (let c = 0; c < CANDIDATES; c++) {
      const candidate = buildCandidate(random, pairs, pairIndex, counts, weight);
      if (seen.has(layoutName(candidate))) continue;
      const g = gain(candidate);
      if (g > bestGain) {
        best = candidate;
        bestGain = g;
      }
    }
    if (!best) throw new Error('allPairsLayouts: no new candidate layout');
    add(best);
  }
  return chosen;
}

/**
 * One AETG candidate: start from a least-seen pair, then give the other dimensions, in a random
 * order, the value that covers the most weight together with the values already given.
 */
function buildCandidate(
  random: () => number,
  pairs: readonly ValuePair[],
  pairIndex: ReadonlyMap<string, number>,
  counts: readonly number[],
  weight: (p: number) => number,
): MatrixLayout {
  const least = Math.min(...counts);
  const start = pairs.filter((_, p) => counts[p] === least);
  const seed = start[Math.floor(random() * start.length)] as ValuePair;
  const indices: (number | undefined)[] = new Array(DIMENSIONS.length).fill(undefined);
  indices[seed.d1] = seed.v1;
  indices[seed.d2] = seed.v2;
  const order = DIMENSIONS.map((_, d) => d).filter((d) => indices[d] === undefined);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  for (const d of order) {
    let bestValues: number[] = [];
    let bestScore = -1;
    for (let v = 0; v < valuesOf(d).length; v++) {
      indices[d] = v;
      const score = partialGain(indices, pairs, pairIndex, weight);
      if (score > bestScore) {
        bestScore = score;
        bestValues = [v];
      } else if (score === bestScore) bestValues.push(v);
    }
    indices[d] = bestValues[Math.floor(random() * bestValues.length)];
  }
  return toLayout(indices as Indices);
}

/**
 * The weight a partial layout covers among the dimensions it gives. The others are filled with the
 * defaults for the mootness check, which moot nothing: a free rowAction or agencyOnLcPhone is scored
 * as if it will let every value matter, while one already chosen counts exactly (choosing the LC
 * Phone agency makes the editor values chosen so far worth nothing).
 */
function partialGain(
  indices: readonly (number | undefined)[],
  pairs: readonly ValuePair[],
  pairIndex: ReadonlyMap<string, number>,
  weight: (p: number) => number,
): number {
  const filled = indices.map((v, d) => v ?? (DEFAULT_INDICES[d] as number));
  const moot = mootDimensions(toLayout(filled));
  let sum = 0;
  for (let d1 = 0; d1 < indices.length; d1++) {
    const v1 = indices[d1];
    if (v1 === undefined) continue;
    for (let d2 = d1 + 1; d2 < indices.length; d2++) {
      const v2 = indices[d2];
      if (v2 === undefined) continue;
      const p = pairIndex.get(pairKey(d1, v1, d2, v2)) as number;
      if (covers(filled, moot, pairs[p] as ValuePair)) sum += weight(p);
    }
  }
  return sum;
}

/** `count` layouts with every value drawn uniformly; the same seed gives the same layouts. */
export function randomLayouts(seed: number, count: number): MatrixLayout[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => toLayout(DIMENSIONS.map((_, d) => Math.floor(random() * valuesOf(d).length))));
}

const SHORT: { readonly [K in LayoutDimension]: readonly [string, Partial<Record<string, string>>] } = {
  sidDisplay: ['sid', { 'masked-2-6': 'm2-6', 'masked-6-4': 'm6-4', ellipsis: 'ell', absent: 'none' }],
  rowAction: ['act', { 'pencil-menu': 'pen-menu', 'pencil-editor': 'pen-edit' }],
  menuWording: ['word', { lower: 'lower', 'edit-twilio': 'edit-twilio' }],
  editor: ['ed', {}],
  fieldLabels: ['lbl', { 'aria-label': 'aria' }],
  submitWording: ['btn', {}],
  editorExtras: ['x', { 'delete-create': 'del+new' }],
  result: ['res', {}],
  list: ['list', { 'load-more': 'more' }],
  search: ['find', {}],
  defaultTab: ['tab', { 'sub-accounts': 'sub' }],
  idDisplay: ['id', {}],
  addressColumn: ['addr', { true: 'yes' }],
  classPrefix: ['cls', {}],
  agencyOnLcPhone: ['lc', { true: 'yes' }],
};

/** A short stable label: the values that differ from today's page ("default" when none do). */
export function layoutName(layout: MatrixLayout): string {
  const parts = DIMENSIONS.filter((dim) => layout[dim] !== DEFAULT_MATRIX_LAYOUT[dim]).map((dim) => {
    const [key, abbreviations] = SHORT[dim];
    const value = String(layout[dim]);
    return `${key}=${abbreviations[value] ?? value}`;
  });
  return parts.length ? parts.join(' ') : 'default';
}
