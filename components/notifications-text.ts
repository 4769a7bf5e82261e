/**
 * Words of the options page's Notifications section, apart from components/text.ts: the popup loads
 * that whole file, and its size budget has little room for words it never shows. The notices' own
 * words are the background's (utils/background/waiting-notices.ts).
 */
export const notificationsText = {
  heading: 'Notifications',
  toggle: 'Notify me when a handoff waits for me',
  hint:
    'A system notification when a handoff needs a location chosen, a Replace answer, your Authorize click or a look in the CRM. It names the sub-account, never the token. The browser asks you to allow notifications first.',
  on: 'Notifications are on.',
  off: 'Notifications are off.',
  denied: 'The browser did not allow notifications.',
} as const;
