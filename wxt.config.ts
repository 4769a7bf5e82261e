import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Twilio Handoff',
    permissions: ['storage', 'scripting', 'alarms'],
    host_permissions: ['https://api.twilio.com/*', 'https://app.gohighlevel.com/*'],
    optional_host_permissions: ['https://*/*'],
  },
  vite: () => ({ plugins: [preact()] }),
});
