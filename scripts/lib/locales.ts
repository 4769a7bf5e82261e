import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The message catalogue, kept as one file per area of the extension (locales/<lang>/<area>.json, the
 * browser's own messages.json format) so each area's words sit together; the build merges each
 * language into the `_locales/<lang>/messages.json` the browser reads (wxt.config.ts), and the unit
 * tests read the same merge (tests/unit/setup-i18n.ts).
 */
export interface CatalogueEntry {
  message: string;
  description: string;
}
export type Catalogue = Record<string, CatalogueEntry>;

export const LOCALES_DIR = join(import.meta.dirname, '..', '..', 'locales');

/** The languages shipped: a folder each under locales/. */
export function languages(dir = LOCALES_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The areas of one language: its files, without .json. */
export function areas(lang: string, dir = LOCALES_DIR): string[] {
  return readdirSync(join(dir, lang))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

export function readArea(lang: string, area: string, dir = LOCALES_DIR): Catalogue {
  return JSON.parse(readFileSync(join(dir, lang, `${area}.json`), 'utf8')) as Catalogue;
}

/**
 * One language's whole catalogue. Fails on a key two areas both hold, compared as the browser does
 * (message names are case-insensitive), since one would silently win.
 */
export function readCatalogue(lang: string, dir = LOCALES_DIR): Catalogue {
  const merged: Catalogue = {};
  const seen = new Map<string, string>();
  for (const area of areas(lang, dir)) {
    for (const [key, entry] of Object.entries(readArea(lang, area, dir))) {
      const folded = key.toLowerCase();
      const other = seen.get(folded);
      if (other) throw new Error(`locales/${lang}: message "${key}" is in both ${other}.json and ${area}.json`);
      seen.set(folded, area);
      merged[key] = entry;
    }
  }
  return merged;
}

/**
 * What browser.i18n.getMessage returns for a message of this catalogue, as Chrome and Firefox do it
 * for the forms we use: `$1`…`$9` take the substitutions (a missing one becomes empty), `$$` is one `$`.
 */
export function formatMessage(message: string, substitutions: readonly string[] = []): string {
  return message.replace(/\$(\$|[1-9])/g, (_, what: string) => (what === '$' ? '$' : (substitutions[Number(what) - 1] ?? '')));
}

/** browser.i18n.getMessage over one catalogue, for where there is no browser (unit tests, node). */
export function messageGetter(catalogue: Catalogue): (key: string, substitutions?: string | (string | number)[]) => string {
  return (key, substitutions) => {
    const entry = catalogue[key];
    return entry ? formatMessage(entry.message, typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []).map(String)) : '';
  };
}

/** What the package carries: each message without its note for translators. */
export function shippedCatalogue(catalogue: Catalogue): Record<string, { message: string }> {
  return Object.fromEntries(Object.entries(catalogue).map(([key, { message }]) => [key, { message }]));
}
