import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The build issue 10's "not slower than today's 255 ms" is about: the commit whose `npm run bench`
 * wrote that figure (docs/performance.md of 2026-11-27, the CRM driver still a static content script).
 * A figure of 255 ms from another day on another load cannot be compared with today's; that build,
 * measured in the same run as ours, can.
 */
export const BASELINE_COMMIT = '831943b';

export type BaselineBuild = { ok: true; commit: string; dir: string } | { ok: false; commit: string; why: string };

/**
 * Builds `commit`'s production extension from this clone's history into .output/bench/baseline/
 * (git archive, this checkout's node_modules, `wxt build`). Says why not instead of throwing: a
 * shallow clone has no such commit, and the bench then reports the comparison as not made.
 */
export function buildBaseline(root: string, commit: string, log: (line: string) => void): BaselineBuild {
  const dir = join(root, '.output/bench/baseline');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`Building the baseline extension of ${commit} (git archive, wxt build)…`);
  const archive = spawnSync('git', ['-C', root, 'archive', '--format=tar', commit], { maxBuffer: 1 << 30 });
  if (archive.status !== 0) {
    return { ok: false, commit, why: `git could not give commit ${commit} (a shallow clone?): ${archive.stderr.toString().trim() || `exit ${archive.status ?? archive.signal}`}` };
  }
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0 || !existsSync(join(dir, 'package.json'))) {
    return { ok: false, commit, why: `its files could not be unpacked: ${untar.stderr.toString().trim() || `exit ${untar.status ?? untar.signal}`}` };
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const build = spawnSync('npx', ['wxt', 'build'], { cwd: dir, encoding: 'utf8' });
  const out = join(dir, '.output/chrome-mv3');
  if (build.status !== 0 || !existsSync(join(out, 'manifest.json'))) {
    return { ok: false, commit, why: `its wxt build failed (exit ${build.status ?? build.signal}): ${(build.stderr || build.stdout).trim().split('\n').slice(-3).join(' ')}` };
  }
  return { ok: true, commit, dir: out };
}
