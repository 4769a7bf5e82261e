import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');
const appRoot = join(here, 'app');
const outDir = join(repoRoot, '.stand-ins', 'twilio-console');
const stamp = join(outDir, '.built');

/** The sources whose change means a rebuild: the app, the wire types it imports, this file. */
function newestSourceMtime(): number {
  let newest = Math.max(statSync(join(here, 'wire.ts')).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs);
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(appRoot);
  return newest;
}

function builtMtime(): number {
  try {
    return statSync(stamp).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Builds the console stand-in's React app into `.stand-ins/twilio-console` (two pages: the new
 * console and the legacy www.twilio.com settings page) and returns that directory. Skipped when the
 * output is newer than every source. Builds into a scratch directory first and swaps it in, so a
 * server started by another process never serves a half-written build.
 */
export async function buildConsoleApp(): Promise<string> {
  if (builtMtime() > newestSourceMtime()) return outDir;
  const scratch = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  try {
    await build({
      configFile: false,
      root: appRoot,
      base: '/',
      logLevel: 'warn',
      mode: 'production',
      // vite 8 compiles TSX itself (oxc); no React plugin needed for a production build.
      oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
      css: {
        // Hashed names, as a real React build (Paste uses emotion's `css-xxxx`) produces them.
        modules: { generateScopedName: 'css-[hash:base64:6]' },
      },
      build: {
        outDir: scratch,
        emptyOutDir: true,
        sourcemap: false,
        rollupOptions: {
          input: { console: join(appRoot, 'console.html'), legacy: join(appRoot, 'legacy.html') },
          output: { chunkFileNames: 'assets/chunk-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' },
        },
      },
    });
    writeFileSync(join(scratch, '.built'), new Date().toISOString());
    mkdirSync(dirname(outDir), { recursive: true });
    rmSync(outDir, { recursive: true, force: true });
    try {
      renameSync(scratch, outDir);
    } catch (error) {
      // Another process swapped in its build between our rm and rename: theirs is as good as ours.
      if (builtMtime() === 0) throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return outDir;
}
