import { describe, expect, it } from 'vitest';
import { firefoxCandidates } from '../../scripts/lib/firefox';

describe('where the Firefox tests look for Firefox', () => {
  it.each([
    ['linux', '/usr/bin/firefox-esr'],
    ['linux', '/usr/bin/firefox'],
    ['darwin', '/Applications/Firefox.app/Contents/MacOS/firefox'],
    ['win32', 'C:\\Program Files\\Mozilla Firefox\\firefox.exe'],
  ] as const)('%s: %s', (platform, path) => {
    expect(firefoxCandidates(platform, { PROGRAMFILES: 'C:\\Program Files' })).toContain(path);
  });

  it("looks first for Debian's firefox-esr, and in no Linux path on macOS or Windows", () => {
    expect(firefoxCandidates('linux', {})[0]).toBe('/usr/bin/firefox-esr');
    expect(firefoxCandidates('darwin', {}).some((path) => path.startsWith('/usr/'))).toBe(false);
    expect(firefoxCandidates('win32', {})).toEqual([]);
  });
});
