import { messageGetter, readCatalogue } from './locales';

/**
 * Node has no browser.i18n, yet the end-to-end tests, the benchmarks and the demo import the modules
 * that word things (components/*-text.ts, the overlay's and the background's words) for the words they
 * expect to see. Imported first, this gives them the English catalogue, as the browser gives an
 * admin whose language is English (or one we do not ship). It only fills a gap: in a browser, or
 * under WXT's fake browser in the unit tests, it does nothing.
 */
const scope = globalThis as { chrome?: unknown; browser?: unknown };
if (scope.chrome === undefined && scope.browser === undefined) {
  scope.chrome = {
    i18n: { getMessage: messageGetter(readCatalogue('en')), getUILanguage: () => 'en' },
  };
}
