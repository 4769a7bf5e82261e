import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * Permissions are the smallest set that works (issue 2): storage (session-only tokens, settings),
 * activeTab (see below),
 * scripting (white-label CRM hosts registered at run time), alarms (token expiry and the handoff
 * watchdog). Host permissions only where the background fetches or injects; the console content
 * script is declared by match patterns, because Chrome ignores paths in host permissions and
 * `www.twilio.com/console/*` would grant all of www.twilio.com.
 */
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Twilio Handoff',
    // activeTab: the popup reads the URL of the tab it was opened on (to offer "Enable on this site"
    // or the matching location) without asking for every site; it adds no install warning.
    permissions: ['storage', 'scripting', 'alarms', 'activeTab'],
    host_permissions: ['https://api.twilio.com/*', 'https://app.gohighlevel.com/*'],
    // White-label CRM hosts (app.theiragency.com) are asked for one at a time, at run time.
    optional_host_permissions: ['https://*/*'],
    // The optional "a handoff waits for you" notices (issue 13 item 2), off by default: asked for from
    // the admin's click in the options page, so installing shows no warning for them.
    optional_permissions: ['notifications'],
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
  // The test build (`npm run build:test`, for the end-to-end tests of the watchdog) is the store build
  // with one constant changed (WXT_WATCHDOG_MS, utils/background/handoffs.ts), in its own folder.
  ...(process.env.WXT_WATCHDOG_MS ? { outDirTemplate: '{{browser}}-mv{{manifestVersion}}-test' } : {}),
});
