/**
 * `npm run test:layouts -- --seed N --count K`: the CRM layout matrix (tests/e2e/layouts.test.ts) on K
 * random layouts drawn with seed N, instead of the all-pairs set `npm test` runs. Builds the
 * production extension first, as `npm test` does. Without --seed it runs the all-pairs set.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureChromium } from './lib/chromium';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { seed: { type: 'string' }, count: { type: 'string', default: '20' } }, allowPositionals: false });
for (const [flag, value] of Object.entries(values)) {
  if (value !== undefined && !/^\d+$/.test(value)) {
    console.error(`--${flag} takes a whole number, not "${value}".`);
    process.exit(2);
  }
}

const env = { ...process.env, CHROMIUM_PATH: ensureChromium(), ...(values.seed ? { LAYOUT_SEED: values.seed, LAYOUT_COUNT: values.count } : {}) };
const step = (title: string, args: string[]) => {
  console.log(`\n▶ ${title}`);
  const result = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
step('Production build (Chrome MV3)', ['wxt', 'build']);
step(values.seed ? `Layout matrix: ${values.count} random layouts, seed ${values.seed}` : 'Layout matrix: all pairs', ['vitest', 'run', '--project', 'e2e', 'tests/e2e/layouts.test.ts']);
