import { describe, expect, it } from 'vitest';
import { chromiumCandidates } from '../../scripts/lib/chromium';

describe('where the tests look for Chromium', () => {
  it.each([
    ['linux', '/usr/bin/chromium'],
    ['linux', '/usr/bin/google-chrome'],
    ['darwin', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
    ['darwin', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
    ['win32', 'C:\\Users\\a\\AppData\\Local\\Chromium\\Application\\chrome.exe'],
    ['win32', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'],
  ] as const)('%s: %s', (platform, path) => {
    const env = { LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local', PROGRAMFILES: 'C:\\Program Files' };
    expect(chromiumCandidates(platform, env)).toContain(path);
  });

  it('looks in no Linux path on macOS or Windows', () => {
    expect(chromiumCandidates('darwin', {}).some((path) => path.startsWith('/usr/'))).toBe(false);
    expect(chromiumCandidates('win32', {})).toEqual([]);
  });
});
