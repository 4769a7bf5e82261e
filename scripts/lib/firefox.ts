import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Firefox for the Firefox end-to-end tests (tests/e2e/firefox/): Debian's `firefox-esr`, or any
 * Firefox that FIREFOX_PATH names. Unlike Chromium (scripts/lib/chromium.ts) nothing is installed
 * here: CI installs it (`.ci/run`), anywhere else a missing Firefox stops the run with the exact
 * command, never a silent skip. `certutil` (Debian's libnss3-tools) trusts the stand-ins' throwaway
 * certificate in the test profile.
 */
/** Firefox 142 is the build's strict_min_version (wxt.config.ts); 127 grants host permissions at install. */
export const FIREFOX_MIN_VERSION = 142;

export const FIREFOX_INSTALL = 'sudo apt-get update && sudo apt-get install -y firefox-esr libnss3-tools';

/** Where Firefox usually lives on each system; FIREFOX_PATH wins. */
export function firefoxCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'darwin') return ['/Applications/Firefox.app/Contents/MacOS/firefox'];
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((root): root is string => Boolean(root));
    return roots.map((root) => `${root}\\Mozilla Firefox\\firefox.exe`);
  }
  return ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox'];
}

/**
 * The major version `path --version` prints, or undefined when it is no working Firefox. Firefox on
 * Windows prints no version on the console: there being installed is the test, and the version is
 * not checked.
 */
export function firefoxVersion(path: string): number | undefined {
  if (process.platform === 'win32') return FIREFOX_MIN_VERSION;
  const result = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  const match = result.status === 0 ? /Mozilla Firefox (\d+)/.exec(result.stdout) : null;
  return match ? Number(match[1]) : undefined;
}

export function findFirefox(): string | undefined {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv) && firefoxVersion(fromEnv) !== undefined) return fromEnv;
    throw new Error(`FIREFOX_PATH=${fromEnv} is not a working Firefox (\`${fromEnv} --version\` failed).`);
  }
  return firefoxCandidates().find((path) => existsSync(path) && firefoxVersion(path) !== undefined);
}

function hasCertutil(): boolean {
  return spawnSync('certutil', ['-H'], { encoding: 'utf8' }).error === undefined;
}

/** Firefox's path, or an error with the install command (Firefox too old, no certutil: the same). */
export function ensureFirefox(): string {
  const found = findFirefox();
  if (!found) {
    throw new Error(`No working Firefox found (FIREFOX_PATH, then ${firefoxCandidates().join(', ')}). Install it and run again:\n  Debian:  ${FIREFOX_INSTALL}\n  or point FIREFOX_PATH at a Firefox ${FIREFOX_MIN_VERSION} or later.`);
  }
  const version = firefoxVersion(found)!;
  if (version < FIREFOX_MIN_VERSION) {
    throw new Error(`${found} is Firefox ${version}; the extension needs ${FIREFOX_MIN_VERSION} or later (wxt.config.ts strict_min_version).`);
  }
  if (!hasCertutil()) {
    throw new Error(`certutil (NSS tools) not found: the Firefox tests trust the stand-ins' certificate with it. Install it and run again:\n  Debian:  ${FIREFOX_INSTALL}`);
  }
  return found;
}
