import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Bundle sizes of a production build, per entry point (issue 5 item 1). An entry point's size is the
 * sum over every file the browser loads for it: an HTML page with the scripts, module preloads and
 * styles it names, and every chunk those scripts import, transitively (shared chunks count for each
 * entry that loads them, since each context loads its own copy).
 */

export interface FileSize {
  /** Path inside the build directory, with forward slashes. */
  path: string;
  raw: number;
  gzip: number;
}

export interface EntrySize {
  entry: string;
  files: FileSize[];
  raw: number;
  gzip: number;
}

/** Entry points as the bench and the budgets name them, and the file each one starts from. */
export const ENTRY_POINTS: ReadonlyArray<{ entry: string; start: string }> = [
  { entry: 'content-scripts/crm.js', start: 'content-scripts/crm.js' },
  { entry: 'twilio-detector.js', start: 'twilio-detector.js' },
  { entry: 'content-scripts/twilio-overlay.js', start: 'content-scripts/twilio-overlay.js' },
  { entry: 'background', start: 'background.js' },
  { entry: 'popup', start: 'popup.html' },
  { entry: 'options', start: 'options.html' },
];

export class MissingBuildError extends Error {
  constructor(readonly buildDir: string, readonly missing: string) {
    super(`No production build at ${buildDir} (${missing} is missing): run \`npx wxt build\` first (\`npm test\` does).`);
    this.name = 'MissingBuildError';
  }
}

/** gzip at zlib's default level, as budgets.ts defines it. */
export function gzipBytes(content: Buffer | string): number {
  return gzipSync(content).length;
}

function fileSize(buildDir: string, path: string): FileSize {
  const content = readFileSync(join(buildDir, path));
  return { path, raw: content.length, gzip: gzipBytes(content) };
}

/** `<script src>` and `<link href>` (stylesheet, modulepreload) of a built page, root-relative. */
function htmlReferences(html: string): string[] {
  const refs: string[] = [];
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)) {
    const ref = match[1]!;
    if (/^[a-z]+:/i.test(ref)) continue;
    refs.push(ref.replace(/^\//, ''));
  }
  return refs;
}

/** Relative imports in minified ES modules: `from"./x.js"`, `import"./x.js"`, `import("./x.js")`. */
function jsImports(code: string, fromPath: string): string[] {
  const refs: string[] = [];
  for (const match of code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g)) {
    refs.push(posix.normalize(posix.join(posix.dirname(fromPath), match[1]!)));
  }
  return refs;
}

/** Every file the browser loads for `start`, itself first. */
export function entryFiles(buildDir: string, start: string): string[] {
  const seen: string[] = [];
  const queue = [start];
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.includes(path)) continue;
    if (!existsSync(join(buildDir, path))) throw new MissingBuildError(buildDir, path);
    seen.push(path);
    const text = readFileSync(join(buildDir, path), 'utf8');
    if (path.endsWith('.html')) queue.push(...htmlReferences(text));
    else if (path.endsWith('.js')) queue.push(...jsImports(text, path));
  }
  return seen;
}

export function entrySize(buildDir: string, entry: string, start: string): EntrySize {
  const files = entryFiles(buildDir, start).map((path) => fileSize(buildDir, path));
  return {
    entry,
    files,
    raw: files.reduce((sum, f) => sum + f.raw, 0),
    gzip: files.reduce((sum, f) => sum + f.gzip, 0),
  };
}

/** Sizes of every entry point in ENTRY_POINTS; fails with MissingBuildError when the build is absent. */
export function measureBuild(buildDir: string): EntrySize[] {
  if (!existsSync(join(buildDir, 'manifest.json'))) throw new MissingBuildError(buildDir, 'manifest.json');
  return ENTRY_POINTS.map(({ entry, start }) => entrySize(buildDir, entry, start));
}

/** The store zip `wxt zip` made for this build (…-chrome.zip next to the build directory). */
export function findStoreZip(buildDir: string, browser = 'chrome'): string | undefined {
  const outDir = dirname(buildDir);
  const zips = readdirSync(outDir).filter((name) => name.endsWith(`-${browser}.zip`));
  return zips.length ? join(outDir, zips.sort().at(-1)!) : undefined;
}

export function zipSize(zipPath: string, buildDir: string): FileSize {
  const content = readFileSync(zipPath);
  return { path: relative(dirname(buildDir), zipPath), raw: content.length, gzip: gzipBytes(content) };
}
