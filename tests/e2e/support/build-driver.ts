import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The CRM driver and its test harness as one IIFE, built with vite's programmatic API (in memory),
 * for page.addInitScript. Test-only: the extension's own build bundles the driver into
 * content-scripts/crm.js.
 */
export async function buildDriverHarness(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    build: {
      write: false,
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      lib: {
        entry: join(here, 'crm-driver-harness.ts'),
        formats: ['iife'],
        name: 'CrmDriverHarness',
        fileName: () => 'crm-driver-harness.js',
      },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if (!('output' in output)) continue;
    const chunk = output.output.find((item) => item.type === 'chunk');
    if (chunk && chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('vite build produced no chunk for the CRM driver harness');
}
