import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const appDir = join(here, 'app');
/** Gitignored; the server serves from here. */
export const CRM_BUILD_DIR = join(repoRoot, '.stand-ins', 'crm');

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** The files outside app/ that the app imports: what it shares with the backend. */
const SHARED = ['wire.ts', 'search.ts'];

/** The app's sources: the components, and the wire types and search rule the backend shares with them. */
function sourcesMtime(): number {
  return Math.max(newestMtime(appDir), ...SHARED.map((f) => newestMtime(join(here, f))), newestMtime(fileURLToPath(import.meta.url)));
}

/**
 * Builds the Vue app with vite's production build (no SFC compiler: the components are render
 * functions in .ts). Skipped when the output is newer than every source. Builds into a temporary
 * folder and renames it, so a server started meanwhile never reads a half-written build.
 */
export async function buildCrmApp(): Promise<string> {
  const index = join(CRM_BUILD_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs > sourcesMtime()) return CRM_BUILD_DIR;
  const tmp = `${CRM_BUILD_DIR}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  await build({
    root: appDir,
    base: '/',
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    define: {
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    build: {
      outDir: tmp,
      emptyOutDir: true,
      sourcemap: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 4000,
    },
  });
  rmSync(CRM_BUILD_DIR, { recursive: true, force: true });
  renameSync(tmp, CRM_BUILD_DIR);
  return CRM_BUILD_DIR;
}
