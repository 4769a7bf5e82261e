import type { BrowserFamily } from '../utils/browser-family';

/**
 * Every word of the welcome page (entrypoints/welcome), in the style of ./text.ts, in a file of its
 * own: the popup loads text.ts whole and its size budget has no room for a page it never shows.
 * Names of buttons elsewhere are quoted as those places show them.
 */
export const welcomeText = {
  title: 'Welcome to Handoff for Twilio',
  lead: 'Send a Twilio sub-account’s Account SID and Auth Token to the matching location in your agency CRM in one click, instead of copying both by hand.',

  howHeading: 'How it works',
  howSteps: [
    'In the Twilio console, open the sub-account you made for a client. A small panel names the account and offers Send to CRM.',
    'Click Send to CRM. The extension checks the pair with Twilio and finds the CRM location with the same name. When more than one location could be the one, or none has that name, it asks you: it never guesses.',
    'It opens that location’s Update Credentials in your CRM, fills in both values and clicks Authorize, or waits for your click if you choose that in Settings. Before it replaces another sub-account’s credentials, it asks.',
  ],
  tokenNote: 'The Auth Token is kept in memory only, 15 minutes by default, and goes nowhere but to Twilio and your CRM.',
  ownDomain:
    'If your agency’s CRM runs at its own address (like app.youragency.com), add it under CRM sites below. With app.gohighlevel.com there is nothing to add.',

  pinHeading: 'Pin the icon',
  pinLead: 'Its popup lists every handoff, and the number on it counts the handoffs that wait for you. Keep it in the toolbar:',
  pinned: 'Done: the icon is in your toolbar.',
  otherBrowsers: 'In another browser',
  browserName: {
    chrome: 'Chrome, Brave and other Chromium browsers',
    edge: 'Microsoft Edge',
    firefox: 'Firefox',
  } satisfies Record<BrowserFamily, string>,
  pinSteps: {
    chrome: ['Click the Extensions button (the puzzle piece) right of the address bar.', 'Click the pin next to Handoff for Twilio.'],
    edge: ['Click the Extensions button (the puzzle piece) right of the address bar.', 'Click the eye next to Handoff for Twilio (Show in toolbar).'],
    firefox: ['Click the Extensions button (the puzzle piece) in the toolbar.', 'Click the gear next to Handoff for Twilio and choose Pin to Toolbar.'],
  } satisfies Record<BrowserFamily, readonly string[]>,

  settingsHeading: 'Settings and the audit log',
  settingsBody:
    'Settings hold your CRM sites, whether the extension clicks Authorize itself or waits for you, how long a token is kept, notifications when a handoff waits for you, and clearing copied Auth Tokens from the clipboard after 60 seconds (both off until you turn them on).',
  auditBody: 'The audit log, further down in Settings, has one row per finished handoff, never a token, and exports to CSV.',
  openSettings: 'Open Settings',
  settingsElsewhere: 'Settings are also one click away in the popup.',
  later: 'This page stays under Getting started, in the popup and in Settings.',
} as const;
