import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatMessage, readCatalogue, type Catalogue } from '../../scripts/lib/locales';

/**
 * WXT's fake browser has no i18n: give it the real catalogue, answering as the browser does
 * (scripts/lib/locales.ts formatMessage), in English unless a test asks for another language.
 * Runs before each unit test file imports anything, since UI text modules word their constants on load.
 */
const catalogues = new Map<string, Catalogue>();
let current = 'en';

function catalogue(lang: string): Catalogue {
  let found = catalogues.get(lang);
  if (!found) catalogues.set(lang, (found = readCatalogue(lang)));
  return found;
}

/** Answer in `lang` from now on (modules already loaded keep the words they took on load). */
export function useLanguage(lang: string): void {
  current = lang;
}

fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | (string | number)[]) => {
  const entry = catalogue(current)[key] ?? catalogue('en')[key];
  if (!entry) return '';
  return formatMessage(entry.message, typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []).map(String));
};
fakeBrowser.i18n.getUILanguage = () => current;
