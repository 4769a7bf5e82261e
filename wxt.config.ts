import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { CONSOLE_MATCHES } from './utils/console/page';
import { languages, readCatalogue, shippedCatalogue } from './scripts/lib/locales';

/**
 * Permissions are the smallest set that works (issue 2): storage (session-only tokens, settings),
 * activeTab (see below), scripting (the CRM driver and the console overlay, injected where they are
 * needed), alarms (token expiry, the handoff watchdog, clearing a copied Auth Token), and in Chrome
 * offscreen (the document that clears the clipboard; no install warning). Host permissions only where the
 * background fetches or injects. The console's detector is declared by match patterns (every console
 * frame runs it: entrypoints/twilio-detector.ts); the overlay comes into a frame only once the detector sees credentials there, and
 * Chrome injects into a page only with host permission for it, which match patterns do not give:
 * hence the console's two hosts. Chrome ignores the path of a host permission, so
 * `https://www.twilio.com/console/*` grants all of www.twilio.com (docs/security.md, Permissions).
 */
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    // Words from the message catalogue (locales/: English, Spanish), merged into _locales by the hook
    // below; the browser picks the admin's language (the toolbar button's title too: hooks below).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // activeTab: the popup reads the URL of the tab it was opened on (to offer "Enable on this site"
    // or the matching location) without asking for every site; it adds no install warning.
    permissions: ['storage', 'scripting', 'alarms', 'activeTab', ...(browser === 'firefox' ? [] : ['offscreen' as const])],
    host_permissions: [
      'https://api.twilio.com/*',
      'https://app.gohighlevel.com/*',
      // The console overlay, injected by the background (utils/background/console-overlay.ts).
      'https://console.twilio.com/*',
      'https://www.twilio.com/console/*',
    ],
    // The console's detector (entrypoints/twilio-detector.ts, an unlisted script: WXT's content-script
    // runtime would bring the polyfill into every console frame). All frames: the new console shows
    // the legacy pages in iframes. Document start: it wakes a stopped background while the app loads.
    content_scripts: [{ matches: CONSOLE_MATCHES, all_frames: true, run_at: 'document_start', js: ['twilio-detector.js'] }],
    // White-label CRM hosts (app.theiragency.com) are asked for one at a time, at run time, and
    // accounts.twilio.com for token rotation, from the admin's click (utils/rotate/permission.ts).
    optional_host_permissions: ['https://*/*'],
    // The optional "a handoff waits for you" notices (issue 13 item 2), off by default: asked for from
    // the admin's click in the options page, so installing shows no warning for them.
    // Reading and writing the clipboard, behind "Clear copied Auth Tokens from the clipboard after 60
    // seconds" (utils/clipboard/permission.ts), which also need the asking click: Chrome warns "Read
    // and change data you copy and paste". Chrome clears in an offscreen document (`offscreen`
    // above, no warning); Firefox has none, and its background page clears.
    optional_permissions: ['notifications', 'clipboardRead', 'clipboardWrite'],
    // Keyboard shortcuts (issue 13 item 4), changeable at chrome://extensions/shortcuts or about:addons.
    // Alt+Shift with H and U: not among Chrome's own Alt+Shift shortcuts (B, I, T, A on Windows and
    // Linux; S, N, M, L on ChromeOS) nor Firefox's. A command declares no permission and warns of none.
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+H' }, description: '__MSG_commandOpen__' },
      'send-to-crm': { suggested_key: { default: 'Alt+Shift+U' }, description: '__MSG_commandSend__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'twilio-handoff@handoff.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // WXT gives the toolbar button the popup's <title>, which stays readable words for the page itself.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.action) manifest.action.default_title = '__MSG_extName__';
    },
    // Chrome's offscreen document (public/offscreen.html): Firefox has none, its background clears.
    // The catalogue's areas (locales/<lang>/*.json) become the one messages.json per language the
    // browser reads; the notes for translators stay in the source.
    'build:publicAssets': (wxt, files) => {
      if (wxt.config.browser === 'firefox') files.splice(0, files.length, ...files.filter((f) => f.relativeDest !== 'offscreen.html'));
      for (const lang of languages()) {
        files.push({ relativeDest: `_locales/${lang}/messages.json`, contents: JSON.stringify(shippedCatalogue(readCatalogue(lang))) });
      }
    },
  },
  // The test build (`npm run build:test`, for the end-to-end tests of the watchdog) is the store build
  // with one constant changed (WXT_WATCHDOG_MS, utils/background/handoffs.ts), in its own folder.
  ...(process.env.WXT_WATCHDOG_MS ? { outDirTemplate: '{{browser}}-mv{{manifestVersion}}-test' } : {}),
});
