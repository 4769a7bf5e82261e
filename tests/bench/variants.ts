import { join } from 'node:path';
import { mergeConfig } from 'vite';
import { build } from 'wxt';
import type { InlineConfig, WxtViteConfig } from 'wxt';

/**
 * Side builds that answer "what does this dependency choice cost" (issue 5 item 1): the same sources
 * built with one choice changed by a Vite alias, into a directory of their own under .output/bench/
 * so the shipped build (.output/chrome-mv3) is never touched. Source maps are on for attribution;
 * they do not change the code Vite emits.
 */

export interface Variant {
  name: string;
  /** What the variant changes, for the report. */
  change: string;
  vite: WxtViteConfig;
}

export const VARIANTS_DIR = '.output/bench';

/** The shipped choices, with source maps for attribution.ts. */
export const SHIPPED: Variant = {
  name: 'shipped',
  change: 'as shipped (zod/mini, webextension-polyfill)',
  vite: {},
};

export function variants(root: string): Variant[] {
  return [
    {
      name: 'zod-classic',
      change: 'zod classic (`zod`) instead of `zod/mini`, same schemas',
      // zod classic also has the functional checks (.check(z.minLength(1))); zod-classic.ts adds the two it lacks.
      vite: { resolve: { alias: [{ find: /^zod\/mini$/, replacement: join(root, 'tests/bench/zod-classic.ts') }] } },
    },
    {
      name: 'no-polyfill',
      change: 'without webextension-polyfill (`browser` = the native `chrome`)',
      vite: {
        resolve: {
          alias: [{ find: /^webextension-polyfill$/, replacement: join(root, 'tests/bench/native-browser.ts') }],
        },
      },
    },
  ];
}

const quiet = () => undefined;
/** WXT's progress lines would bury the bench's own; warnings and errors still show. */
const quietLogger = {
  level: 1,
  debug: quiet,
  log: quiet,
  info: quiet,
  success: quiet,
  start: quiet,
  box: quiet,
  warn: console.warn,
  error: console.error,
  fatal: console.error,
} as unknown as InlineConfig['logger'];

/** Builds the Chrome MV3 extension with `variant` into .output/bench/<name>/chrome-mv3; returns that directory. */
export async function buildVariant(root: string, variant: Variant): Promise<string> {
  const outDir = join(root, VARIANTS_DIR, variant.name);
  // WXT's build spinner writes to stdout whatever the logger says; the bench's own lines stay readable.
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    await build({
      root,
      outDir,
      browser: 'chrome',
      manifestVersion: 3,
      logger: quietLogger,
      vite: () => mergeConfig(variant.vite, { build: { sourcemap: true } }),
    });
  } finally {
    process.stdout.write = write;
  }
  return join(outDir, 'chrome-mv3');
}
