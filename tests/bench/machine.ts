import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';

/**
 * The machine a figure was taken on (issue 5: "each figure names the machine"), and how busy it was:
 * on a shared machine other Chromium instances and test runs change every timing.
 */

export interface Machine {
  os: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  chromium: string;
}

export interface Load {
  /** 1-minute load average (Linux/macOS; 0 elsewhere). */
  loadAverage1m: number;
  /** Chromium processes running that this bench did not start (other test runs, other sessions). */
  otherChromiumProcesses: number;
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) return `${pretty} (${platform()} ${release()}, ${arch()})`;
  } catch {
    // Not Linux: the platform names it well enough.
  }
  return `${platform()} ${release()} (${arch()})`;
}

export function chromiumVersion(executablePath: string): string {
  const result = spawnSync(executablePath, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return result.stdout.trim() || `unknown (${executablePath})`;
}

export function describeMachine(chromiumPath: string): Machine {
  const list = cpus();
  return {
    os: osName(),
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium: chromiumVersion(chromiumPath),
  };
}

/** Chromium browser processes (not their renderers) by pid, from /proc; empty where there is no /proc. */
export function chromiumBrowserPids(): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (/chrom(e|ium)$/.test(cmdline[0] ?? '') && !cmdline.some((a) => a.startsWith('--type='))) pids.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** Sampled while the bench has no browser of its own open, so every Chromium counted is someone else's. */
export function currentLoad(): Load {
  return {
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
    otherChromiumProcesses: chromiumBrowserPids().length,
  };
}
