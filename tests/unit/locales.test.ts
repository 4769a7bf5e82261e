import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

/**
 * The message catalogue the browser localises the manifest from (public/_locales): English and
 * Spanish hold the same keys, every message has words, the store's length limits hold, and every
 * __MSG_…__ the manifest names is in both.
 */
const root = join(import.meta.dirname, '..', '..');
type Catalogue = Record<string, { message: string; description?: string }>;
const catalogue = (lang: string): Catalogue => JSON.parse(readFileSync(join(root, 'public', '_locales', lang, 'messages.json'), 'utf8')) as Catalogue;
const LANGUAGES = ['en', 'es'];

/** Every __MSG_key__ in the manifest WXT is given for `browser`. */
async function manifestKeys(browser: string): Promise<string[]> {
  const manifest = config.manifest as (env: { browser: string; manifestVersion: number; mode: string; command: string }) => unknown;
  const text = JSON.stringify(await manifest({ browser, manifestVersion: 3, mode: 'production', command: 'build' }));
  return [...text.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
}

describe('the manifest’s message catalogue', () => {
  it.each(LANGUAGES)('%s holds the keys English holds, each with words and a note for translators', (lang) => {
    const en = catalogue('en');
    const other = catalogue(lang);
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries(other)) {
      expect(entry.message.trim(), key).not.toBe('');
      expect(entry.description?.trim(), key).toBeTruthy();
    }
  });

  it.each(LANGUAGES)('%s keeps within the store’s limits: a name of 75 characters at most, a description of 132', (lang) => {
    const { extName, extDescription } = catalogue(lang);
    expect(extName!.message.length).toBeLessThanOrEqual(75);
    expect(extDescription!.message.length).toBeLessThanOrEqual(132);
    // The name follows Twilio's trademark guidance in every language: our name, then "for Twilio".
    expect(extName!.message).toMatch(/ for Twilio$/);
  });

  it.each(['chrome', 'firefox'])('the %s manifest takes its name, description and shortcut descriptions from the catalogue (the toolbar title too, by a build hook: tests/e2e/extension-loads.test.ts), every key present in each language', async (browser) => {
    const keys = await manifestKeys(browser);
    expect(new Set(keys)).toEqual(new Set(['extName', 'extDescription', 'commandOpen', 'commandSend']));
    for (const lang of LANGUAGES) for (const key of keys) expect(catalogue(lang), `${lang} ${key}`).toHaveProperty(key);
  });
});
