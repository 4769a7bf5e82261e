import type { Location, ManagedBy } from '../handoff/types';
import { matchesAny, matchesText, normalizeText, queryAll, textKey } from '../dom/find';
import type { CrmProfile } from './profile';

/**
 * Reading the Sub Account Settings table into Locations, a row at a time, as a person reads it:
 * header texts say which column is which, the name is the text of the name cell, the id is wherever
 * the row shows a 20-character HighLevel location id.
 */

export type ColumnKind = 'name' | 'id' | 'sid' | 'managedBy';
export type ColumnMap = Partial<Record<ColumnKind, number>>;

/**
 * Layouts that show no location id: the key is the name itself. Two rows with the same name then
 * get the same key, so find-row sees two rows for it and refuses; they can never be confused.
 */
export const NAME_KEY_PREFIX = 'name:';

/**
 * The key of a row without an id: its name, and what its other columns show (an address), so two
 * rows with one name but different addresses stay two locations; rows alike in every column share
 * one key and are refused, never confused. Long keys are hashed to fit a stored id.
 */
export function nameKey(name: string, details: readonly string[] = []): string {
  const key = [name, ...details].join('\u0001');
  return key.length <= 180 ? NAME_KEY_PREFIX + key : `${NAME_KEY_PREFIX}#${fnv1a(key)}`;
}

/** 64-bit FNV-1a as hex: a short, stable digest (not a secret, only a key). */
function fnv1a(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const char of text) {
    hash ^= BigInt(char.codePointAt(0)!);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/** Which header is which column; the first (most specific) text that names exactly one header wins. */
export function mapColumns(headers: readonly string[], profile: CrmProfile): ColumnMap {
  const map: ColumnMap = {};
  const taken = new Set<number>();
  const order: ColumnKind[] = ['id', 'sid', 'managedBy', 'name'];
  for (const kind of order) {
    for (const text of profile.table.columns[kind]) {
      const hits = headers.map((header, index) => (matchesText(header, [text]) && !taken.has(index) ? index : -1)).filter((i) => i >= 0);
      const [only] = hits;
      if (only !== undefined && hits.length === 1) {
        map[kind] = only;
        taken.add(only);
        break;
      }
    }
  }
  return map;
}

/** "✓ LC Phone" → lc-phone; undefined when the text names no provider the profile knows. */
export function parseManagedBy(text: string, profile: CrmProfile): ManagedBy | undefined {
  const core = normalizeText(text).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N})]+$/gu, '');
  if (!core) return undefined;
  const { lcPhone, notAvailable, twilio } = profile.managedBy;
  for (const match of ['exact', 'prefix'] as const) {
    if (matchesText(core, lcPhone, match)) return 'lc-phone';
    if (matchesText(core, notAvailable, match)) return 'not-available';
    if (matchesText(core, twilio, match)) return 'twilio';
  }
  return undefined;
}

function unanchored(source: string): string {
  return source.replace(/^\^/, '').replace(/\$$/, '');
}

export interface RowPatterns {
  id: RegExp;
  sidAnywhere: RegExp;
  /** A text that is a SID and nothing else (compiled once per read, not once per text node). */
  sidOnly: RegExp;
  href: RegExp;
}

export function rowPatterns(profile: CrmProfile): RowPatterns {
  return {
    id: new RegExp(profile.formats.locationId),
    sidAnywhere: new RegExp(unanchored(profile.formats.accountSid), 'g'),
    sidOnly: new RegExp(`^${unanchored(profile.formats.accountSid)}$`),
    href: new RegExp(profile.formats.locationIdInHref),
  };
}

/** A text that is a location id on its own, or after a prefix such as "ID:". */
export function idFromText(text: string, profile: CrmProfile, patterns: RowPatterns): string | undefined {
  const value = normalizeText(text);
  if (patterns.id.test(value)) return value;
  for (const prefix of profile.table.idPrefixes) {
    const key = textKey(prefix);
    if (!value.toLowerCase().startsWith(key)) continue;
    const separated = /^(?:\s*[:#]\s*|\s+)(.*)$/.exec(value.slice(key.length));
    const rest = separated?.[1];
    if (rest !== undefined && patterns.id.test(rest)) return rest;
  }
  return undefined;
}

function cellsOf(row: Element, profile: CrmProfile): Element[] {
  const direct = Array.from(row.children).filter((child) => matchesAny(child, profile.table.cells));
  return direct.length > 0 ? direct : queryAll(row, profile.table.cells);
}

function textNodes(root: Node): Text[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/**
 * The name as the cell shows it, without what is not the name: avatars with initials, icons,
 * buttons, and an id or SID shown under it.
 */
export function nameFromCell(cell: Element, profile: CrmProfile, patterns: RowPatterns): string {
  const clone = cell.cloneNode(true) as Element;
  for (const element of queryAll(clone, profile.table.notName)) element.remove();
  const nodes = textNodes(clone).filter((node) => normalizeText(node.data));
  const isIdOrSid = (node: Text) => {
    const text = normalizeText(node.data);
    return idFromText(text, profile, patterns) !== undefined || patterns.sidOnly.test(text);
  };
  const removable = nodes.filter(isIdOrSid);
  // A name that is itself 20 letters and digits stays the name when nothing else is in the cell.
  if (removable.length > 0 && removable.length < nodes.length) {
    for (const node of removable) node.remove();
    for (const node of textNodes(clone)) {
      if (matchesText(node.data, profile.table.idPrefixes)) node.remove();
    }
  }
  return normalizeText(clone.textContent);
}

function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}

/** The row's location id, where the row shows one; undefined when it shows none or several. */
export function idOfRow(row: Element, idCell: Element | undefined, name: string, profile: CrmProfile, patterns: RowPatterns): string | undefined {
  const levels: (() => string[])[] = [
    () => (idCell ? distinct(textNodes(idCell).map((node) => idFromText(node.data, profile, patterns))) : []),
    () => {
      const elements = [row, ...Array.from(row.querySelectorAll('*'))];
      return distinct(
        elements.flatMap((element) =>
          profile.table.idAttributes.map((attribute) => {
            const value = element.getAttribute(attribute);
            return value && patterns.id.test(value) ? value : undefined;
          }),
        ),
      );
    },
    () => distinct(queryAll(row, profile.table.idLinks).map((link) => patterns.href.exec(link.getAttribute('href') ?? '')?.[1])),
    () =>
      distinct(
        textNodes(row)
          .filter((node) => normalizeText(node.data) !== name)
          .map((node) => idFromText(node.data, profile, patterns)),
      ),
  ];
  for (const level of levels) {
    const found = level();
    if (found.length === 1) return found[0];
    if (found.length > 1) return undefined;
  }
  return undefined;
}

/**
 * What the row says about the location's Account SID, read as a person would and never guessed:
 * a full SID; `null` when the SID cell shows the page's empty marker ("—"); `undefined` when it
 * cannot be told (masked, cut short, no SID column, a cell in an unknown form). A masked or cut SID
 * keeps the characters it shows, so a visible end that differs from a new SID already proves
 * another account, but only the editor can say which one.
 */
export interface SidReading {
  sid: string | null | undefined;
  partial?: { prefix: string; suffix: string };
}

/** The characters pages draw in place of hidden ones, and the ellipsis of a value cut short. */
const MASK = /[•●∙·*xX.…]+/u;

function fullSids(text: string, patterns: RowPatterns): string[] {
  return distinct(Array.from(text.matchAll(patterns.sidAnywhere), (match) => match[0]));
}

/** "AC••••••••ff3b1c", "AC0123••••3b1c", "AC0123456789…": what shows of a SID, or undefined. */
export function partialSid(text: string): SidReading['partial'] {
  const value = normalizeText(text).replace(/\s+/g, '');
  const parts = value.split(MASK);
  if (parts.length !== 2) return undefined;
  const [prefix = '', suffix = ''] = parts;
  if (!/^AC[0-9a-f]*$/i.test(prefix) && !(prefix === '' && /^[0-9a-f]+$/i.test(suffix))) return undefined;
  if (!/^[0-9a-f]*$/i.test(suffix) || prefix.length + suffix.length >= 34) return undefined;
  return { prefix: prefix.toLowerCase().replace(/^ac/, 'AC'), suffix: suffix.toLowerCase() };
}

/** Whether a SID could be the one a partial reading shows. */
export function partialFits(partial: NonNullable<SidReading['partial']>, sid: string): boolean {
  return sid.startsWith(partial.prefix) && sid.endsWith(partial.suffix);
}

export function readSid(row: Element, sidCell: Element | undefined, profile: CrmProfile, patterns: RowPatterns): SidReading {
  if (sidCell) {
    const text = normalizeText(sidCell.textContent);
    const full = fullSids(text, patterns);
    if (full.length === 1 && full[0] === text) return { sid: full[0] };
    if (full.length > 0) return { sid: undefined };
    if (matchesText(text, profile.table.emptySid)) return { sid: null };
    const partial = partialSid(text);
    return partial ? { sid: undefined, partial } : { sid: undefined };
  }
  // No SID column: a SID shown elsewhere in the row (under the name) still counts; nothing is unknown.
  const full = fullSids(row.textContent ?? '', patterns);
  return { sid: full.length === 1 ? full[0] : undefined };
}

function managedByOfRow(row: Element, cell: Element | undefined, profile: CrmProfile): ManagedBy {
  if (cell) return parseManagedBy(cell.textContent ?? '', profile) ?? 'unknown';
  for (const element of Array.from(row.querySelectorAll('*'))) {
    if (element.children.length > 0) continue;
    const found = parseManagedBy(element.textContent ?? '', profile);
    if (found) return found;
  }
  return 'unknown';
}

const MAX_NAME = 500;
const MAX_DETAIL = 200;
const MAX_DETAILS = 4;

/**
 * What the row's other named columns show ("Address: 1200 Main St"), in column order: how a person
 * tells two rows with the same name apart. Columns the driver reads for itself are left out.
 */
function detailsOf(cells: readonly Element[], columns: ColumnMap, headers: readonly string[], nameCell: Element): string[] {
  const known = new Set(Object.values(columns));
  const details: string[] = [];
  cells.forEach((cell, index) => {
    const header = normalizeText(headers[index]);
    if (known.has(index) || cell === nameCell || !header || details.length >= MAX_DETAILS) return;
    const text = normalizeText(cell.textContent);
    if (text && text.length <= MAX_DETAIL) details.push(`${header}: ${text}`);
  });
  return details;
}

/**
 * One row as a Location; undefined for rows that are no location (an empty-state row spanning the
 * table, a row without a name).
 */
export function readRow(
  row: Element,
  columns: ColumnMap,
  profile: CrmProfile,
  patterns: RowPatterns = rowPatterns(profile),
  headers: readonly string[] = [],
): Location | undefined {
  const cells = cellsOf(row, profile);
  if (cells.length === 0) return undefined;
  if (cells.length === 1 && Number(cells[0]!.getAttribute('colspan') ?? '1') > 1) return undefined;
  const at = (kind: ColumnKind) => {
    const index = columns[kind];
    return index === undefined ? undefined : cells[index];
  };
  const nameCell =
    at('name') ??
    cells.find((cell) => {
      const text = normalizeText(cell.textContent);
      return text && !idFromText(text, profile, patterns) && !parseManagedBy(text, profile);
    });
  if (!nameCell) return undefined;
  const name = nameFromCell(nameCell, profile, patterns);
  if (!name || name.length > MAX_NAME) return undefined;
  const details = detailsOf(cells, columns, headers, nameCell);
  const id = idOfRow(row, at('id'), name, profile, patterns) ?? nameKey(name, details);
  const { sid, partial } = readSid(row, at('sid'), profile, patterns);
  return {
    id,
    name,
    ...(details.length > 0 ? { details } : {}),
    ...(sid === undefined ? {} : { sid }),
    ...(partial ? { sidPartial: partial } : {}),
    managedBy: managedByOfRow(row, at('managedBy'), profile),
  };
}
