import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROME_BUILD_DIR, CHROME_TEST_BUILD_DIR } from './harness';

/**
 * The fault tests of the watchdog load the test build so they need not wait 45 s per case. What they
 * prove holds for the store build only if the two are the same extension: every file byte for byte,
 * and the background script with the one constant (the watchdog's delay) in its place.
 */
function files(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(root, path) : [relative(root, path)];
  });
}

describe('the test build', () => {
  it('is the store build with only the watchdog delay changed (45 s → 20 s)', () => {
    const store = files(CHROME_BUILD_DIR).sort();
    expect(files(CHROME_TEST_BUILD_DIR).sort()).toEqual(store);
    const differing = store.filter((file) => !readFileSync(join(CHROME_BUILD_DIR, file)).equals(readFileSync(join(CHROME_TEST_BUILD_DIR, file))));
    expect(differing).toEqual(['background.js']);
    const storeScript = readFileSync(join(CHROME_BUILD_DIR, 'background.js'), 'utf8');
    const testScript = readFileSync(join(CHROME_TEST_BUILD_DIR, 'background.js'), 'utf8');
    // The minifier writes 45_000 as 45e3 and 20_000 as 2e4; exactly one place each.
    expect(storeScript.match(/=45e3,/g)).toHaveLength(1);
    expect(testScript.match(/=2e4,/g)).toHaveLength(1);
    expect(testScript.replace(/=2e4,/, '=45e3,')).toBe(storeScript);
  });
});
