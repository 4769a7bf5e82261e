import { browser } from 'wxt/browser';
import type bulk from '../locales/en/bulk.json';
import type clipboard from '../locales/en/clipboard.json';
import type connect from '../locales/en/connect.json';
import type errors from '../locales/en/errors.json';
import type health from '../locales/en/health.json';
import type manifest from '../locales/en/manifest.json';
import type master from '../locales/en/master.json';
import type notifications from '../locales/en/notifications.json';
import type overlay from '../locales/en/overlay.json';
import type popup from '../locales/en/popup.json';
import type reasons from '../locales/en/reasons.json';
import type rotate from '../locales/en/rotate.json';
import type shortcuts from '../locales/en/shortcuts.json';
import type welcome from '../locales/en/welcome.json';

/**
 * Every word the extension shows comes from the message catalogue (locales/, one file per area,
 * merged into _locales by the build) through the browser's i18n, which picks the admin's language
 * (English where we ship none). Substitutions fill `$1`…`$9` as text; names from Twilio or the CRM are
 * passed in, never written into a message.
 */
export type MessageKey =
  | keyof typeof bulk
  | keyof typeof clipboard
  | keyof typeof connect
  | keyof typeof errors
  | keyof typeof health
  | keyof typeof manifest
  | keyof typeof master
  | keyof typeof notifications
  | keyof typeof overlay
  | keyof typeof popup
  | keyof typeof reasons
  | keyof typeof rotate
  | keyof typeof shortcuts
  | keyof typeof welcome;

// WXT types getMessage from public/_locales, which the catalogue's build step replaces (wxt.config.ts).
const getMessage = browser.i18n.getMessage as (key: string, substitutions: string[]) => string;

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  // An empty answer means a key the catalogue lacks: tests/unit/locales.test.ts rules that out, and
  // showing the key beats showing nothing.
  return getMessage(key, substitutions.map(String)) || key;
}

/** The message for a count: `<key>One` for exactly 1, `<key>Other` otherwise (English's and Spanish's rule), with the count as `$1`. */
export function tCount(keyOne: MessageKey, keyOther: MessageKey, count: number, ...rest: (string | number)[]): string {
  return t(count === 1 ? keyOne : keyOther, count, ...rest);
}

/**
 * The locale for dates and times: the one of the words around them (the catalogue the browser chose),
 * with the browser's region when it speaks that language (en-GB keeps its 24-hour clock). Not
 * JavaScript's default: a Chromium started with --lang=es words the extension in Spanish while
 * getUILanguage() and Intl still say en-US (seen in Chromium 156).
 */
export function uiLocale(): string {
  const words = t('langCode');
  const browserLocale = browser.i18n.getUILanguage();
  return browserLocale.split('-')[0] === words ? browserLocale : words;
}
