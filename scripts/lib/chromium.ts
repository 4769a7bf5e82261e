import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** Where Chromium (or Chrome) usually lives on each system; CHROMIUM_PATH wins. */
export function chromiumCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((root): root is string => Boolean(root));
    return roots.flatMap((root) => [`${root}\\Chromium\\Application\\chrome.exe`, `${root}\\Google\\Chrome\\Application\\chrome.exe`]);
  }
  return ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
}

/** Ubuntu's `chromium`/`chromium-browser` is a stub that asks for the snap, which fails in containers. */
function works(path: string): boolean {
  // Chrome on Windows prints no version on the console: there, being installed is the test.
  if (process.platform === 'win32') return true;
  const result = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return result.status === 0 && /Chrom(e|ium) \d+/.test(result.stdout);
}

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv) && works(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH=${fromEnv} is not a working Chromium (\`${fromEnv} --version\` failed).`);
  }
  return chromiumCandidates().find((path) => existsSync(path) && works(path));
}

function isDebian(): boolean {
  try {
    return /^ID=debian$/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

/**
 * Finds Chromium, installing Debian's package when the machine is Debian and we are root (the case on
 * a fresh CI machine). Anywhere else it stops with the exact instruction, never a silent skip.
 */
export function ensureChromium(log: (line: string) => void = console.log): string {
  const found = findChromium();
  if (found) return found;
  if (isDebian() && process.getuid?.() === 0) {
    log('Chromium not found: installing Debian\'s "chromium" package (apt-get update && apt-get install -y chromium)…');
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    const installed = findChromium();
    if (installed) return installed;
  }
  throw new Error(
    [
      'No working Chromium found. Install one and run again:',
      '  Debian:  sudo apt-get update && sudo apt-get install -y chromium',
      '  Fedora:  sudo dnf install chromium',
      '  macOS:   brew install --cask chromium (or install Google Chrome)',
      '  Windows: install Google Chrome or Chromium, or set CHROMIUM_PATH',
      "  Ubuntu:  its 'chromium' package is only a snap stub that fails in containers; use Google Chrome or Debian's package,",
      '  or point CHROMIUM_PATH at any Chromium/Chrome binary.',
    ].join('\n'),
  );
}
