import type { BrowserFamily } from '../utils/browser-family';
import { t } from '../utils/i18n';

/**
 * Every word of the welcome page (entrypoints/welcome), in the style of ./text.ts, in a file of its
 * own: the popup loads text.ts whole and its size budget has no room for a page it never shows.
 * Names of buttons elsewhere are quoted as those places show them.
 */
export const welcomeText = {
  title: t('welcomeTitle'),
  lead: t('welcomeLead'),

  howHeading: t('welcomeHowHeading'),
  howSteps: [t('welcomeHowStep1'), t('welcomeHowStep2'), t('welcomeHowStep3')],
  tokenNote: t('welcomeTokenNote'),
  ownDomain: t('welcomeOwnDomain'),

  pinHeading: t('welcomePinHeading'),
  pinLead: t('welcomePinLead'),
  pinned: t('welcomePinned'),
  otherBrowsers: t('welcomeOtherBrowsers'),
  browserName: {
    chrome: t('welcomeBrowserNameChrome'),
    edge: t('welcomeBrowserNameEdge'),
    firefox: t('welcomeBrowserNameFirefox'),
  } satisfies Record<BrowserFamily, string>,
  pinSteps: {
    chrome: [t('welcomePinChrome1'), t('welcomePinChrome2')],
    edge: [t('welcomePinEdge1'), t('welcomePinEdge2')],
    firefox: [t('welcomePinFirefox1'), t('welcomePinFirefox2')],
  } satisfies Record<BrowserFamily, readonly string[]>,

  settingsHeading: t('welcomeSettingsHeading'),
  settingsBody: t('welcomeSettingsBody'),
  auditBody: t('welcomeAuditBody'),
  openSettings: t('welcomeOpenSettings'),
  settingsElsewhere: t('welcomeSettingsElsewhere'),
  later: t('welcomeLater'),
} as const;
