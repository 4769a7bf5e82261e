import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { areas, formatMessage, languages, readArea, readCatalogue } from '../../scripts/lib/locales';

/**
 * The message catalogue (locales/<lang>/<area>.json, merged into _locales by the build): every
 * language holds the keys English holds, each message keeps the placeholders of the English one, the
 * code asks only for keys English has, and the manifest's __MSG_…__ are in every language.
 */
const root = join(import.meta.dirname, '..', '..');
const LANGUAGES = languages();
const placeholders = (message: string) => [...message.matchAll(/\$([1-9])/g)].map((m) => m[1]).sort().join(',');

/** Every __MSG_key__ in the manifest WXT is given for `browser`. */
async function manifestKeys(browser: string): Promise<string[]> {
  const manifest = config.manifest as (env: { browser: string; manifestVersion: number; mode: string; command: string }) => unknown;
  const text = JSON.stringify(await manifest({ browser, manifestVersion: 3, mode: 'production', command: 'build' }));
  return [...text.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
}

describe('the message catalogue', () => {
  it('ships English and Spanish, English the default', () => {
    expect(LANGUAGES).toEqual(['en', 'es']);
    expect((config.manifest as (env: object) => { default_locale: string })({ browser: 'chrome' }).default_locale).toBe('en');
  });

  it.each(LANGUAGES)('%s has the areas English has, each with the keys English has, in the same order', (lang) => {
    expect(areas(lang)).toEqual(areas('en'));
    for (const area of areas('en')) expect(Object.keys(readArea(lang, area)), `${lang}/${area}`).toEqual(Object.keys(readArea('en', area)));
  });

  it('gives every English message words and a note for translators', () => {
    for (const [key, entry] of Object.entries(readCatalogue('en'))) {
      expect(entry.message.trim(), key).not.toBe('');
      expect(entry.description?.trim(), key).toBeTruthy();
    }
  });

  it.each(LANGUAGES)('%s keeps each message’s numbered placeholders, and uses the dollar sign only in them or doubled', (lang) => {
    const en = readCatalogue('en');
    for (const [key, entry] of Object.entries(readCatalogue(lang))) {
      expect(entry.message.trim(), `${lang} ${key}`).not.toBe('');
      expect(placeholders(entry.message), `${lang} ${key}`).toBe(placeholders(en[key]!.message));
      expect(entry.message.replace(/\$(\$|[1-9])/g, ''), `${lang} ${key}`).not.toContain('$');
    }
  });

  it('has message names the browser accepts and tells apart (letters, digits, _ and @; case does not count)', () => {
    const keys = Object.keys(readCatalogue('en'));
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(keys.length);
  });

  it('fills placeholders as the browser does', () => {
    expect(formatMessage('Move $1 numbers to $2', ['3', 'Acme'])).toBe('Move 3 numbers to Acme');
    expect(formatMessage('Costs $$5, $1', ['ok'])).toBe('Costs $5, ok');
    expect(formatMessage('Missing $2', ['a'])).toBe('Missing ');
  });

  it.each(LANGUAGES)('%s keeps within the store’s limits: a name of 75 characters at most, a description of 132', (lang) => {
    const { extName, extDescription } = readCatalogue(lang);
    expect(extName!.message.length).toBeLessThanOrEqual(75);
    expect(extDescription!.message.length).toBeLessThanOrEqual(132);
    // The name follows Twilio's trademark guidance in every language: our name, then "for Twilio".
    expect(extName!.message).toMatch(/ for Twilio$/);
  });

  it.each(['chrome', 'firefox'])('the %s manifest takes its name, description and shortcut descriptions from the catalogue (the toolbar title too, by a build hook: tests/e2e/extension-loads.test.ts), every key present in each language', async (browser) => {
    const keys = await manifestKeys(browser);
    expect(new Set(keys)).toEqual(new Set(['extName', 'extDescription', 'commandOpen', 'commandSend']));
    for (const lang of LANGUAGES) for (const key of keys) expect(readCatalogue(lang), `${lang} ${key}`).toHaveProperty(key);
  });

  it('lists every area in the type of message keys (utils/i18n.ts), so the code can ask for no key English lacks', () => {
    const source = readFileSync(join(root, 'utils', 'i18n.ts'), 'utf8');
    for (const area of areas('en')) expect(source, area).toContain(`keyof typeof ${area}\n`.trimEnd());
  });
});
