import { readFileSync } from 'node:fs';
import { gzipBytes } from './sizes';

/**
 * Which source a bundle's bytes come from, read from its source map: each generated character is
 * charged to the original file its mapping segment names, files are grouped (a package, or a folder
 * of our own code), and each group's gzip cost is its marginal cost: gzip of the whole file minus
 * gzip of the file with that group's characters left out. Marginal costs do not add up exactly to
 * the total (gzip shares a dictionary between groups); they answer "what would removing this save".
 */

export interface GroupCost {
  group: string;
  raw: number;
  /** Gzipped bytes saved if this group's code were left out. */
  gzip: number;
}

interface SourceMap {
  sources: string[];
  mappings: string;
}

/** Generated code no source names: the bundler's module glue, and text inside template literals (the overlay's CSS). */
const UNMAPPED = 'unmapped (bundler glue, template text)';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** One line's segments: [generated column, source index] (names and original positions are not needed). */
function decodeLine(line: string, state: { source: number }): Array<[number, number]> {
  const segments: Array<[number, number]> = [];
  let column = 0;
  for (const segment of line.split(',')) {
    if (!segment) continue;
    const values: number[] = [];
    let value = 0;
    let shift = 0;
    for (const char of segment) {
      const digit = DIGIT.get(char);
      if (digit === undefined) throw new Error(`bad source map character "${char}"`);
      value += (digit & 31) << shift;
      if (digit & 32) {
        shift += 5;
      } else {
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += values[0]!;
    if (values.length >= 4) state.source += values[1]!;
    segments.push([column, values.length >= 4 ? state.source : -1]);
  }
  return segments;
}

/** The group a source path belongs to: a package name, or our own folder (utils/console, components…). */
export function groupOf(source: string): string {
  const path = source.replace(/\\/g, '/');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = path.slice(modules + 'node_modules/'.length).split('/');
    const name = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    if (name === 'zod') return rest.includes('mini') ? 'zod (mini)' : rest.includes('classic') ? 'zod (classic)' : 'zod (core)';
    return name;
  }
  const own = path.replace(/^(\.\.\/)+/, '').replace(/^\/?work\/[^/]+\//, '');
  const parts = own.split('/');
  if (parts[0] === 'utils' && parts.length > 2) return `own: utils/${parts[1]}`;
  if (parts[0] === 'utils') return `own: ${parts.join('/').replace(/\.tsx?$/, '')}`;
  if (parts[0] === 'components' || parts[0] === 'entrypoints') return `own: ${parts[0]}`;
  return own.startsWith('\0') || own.includes('virtual') ? 'bundler runtime' : `own: ${parts[0]}`;
}

/** Charges every generated character of `code` to a group, via its source map. */
export function attribute(code: string, map: SourceMap, group = groupOf): GroupCost[] {
  const lines = code.split('\n');
  const mapLines = map.mappings.split(';');
  const owner: string[] = new Array(code.length);
  const state = { source: 0 };
  let offset = 0;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    const segments = decodeLine(mapLines[l] ?? '', state);
    let current = UNMAPPED;
    let next = 0;
    for (let c = 0; c < line.length; c++) {
      while (next < segments.length && segments[next]![0] <= c) {
        const source = segments[next]![1];
        current = source >= 0 ? group(map.sources[source] ?? '') : UNMAPPED;
        next++;
      }
      owner[offset + c] = current;
    }
    owner[offset + line.length] = current;
    offset += line.length + 1;
  }
  const groups = [...new Set(owner.filter(Boolean))];
  const total = gzipBytes(code);
  return groups
    .map((g) => {
      let without = '';
      let raw = 0;
      for (let i = 0; i < code.length; i++) {
        if (owner[i] === g) raw++;
        else without += code[i];
      }
      return { group: g, raw, gzip: total - gzipBytes(without) };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

export function attributeFile(jsPath: string): GroupCost[] {
  const code = readFileSync(jsPath, 'utf8');
  const map = JSON.parse(readFileSync(`${jsPath}.map`, 'utf8')) as SourceMap;
  return attribute(code.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map);
}
