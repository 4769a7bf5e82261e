import { fakeBrowser } from 'wxt/testing/fake-browser';
import { messageGetter, readCatalogue } from '../../scripts/lib/locales';

/**
 * WXT's fake browser has no i18n: give it the real English catalogue, answering as the browser does
 * (scripts/lib/locales.ts). Runs before each unit test file imports anything, since UI text modules
 * word their constants on load.
 */
fakeBrowser.i18n.getMessage = messageGetter(readCatalogue('en'));
fakeBrowser.i18n.getUILanguage = () => 'en';
