import { t } from '../utils/i18n';
/**
 * Words of the options page's Notifications section, apart from components/text.ts: the popup loads
 * that whole file, and its size budget has little room for words it never shows. The notices' own
 * words are the background's (utils/background/waiting-notices.ts).
 */
export const notificationsText = {
  heading: t('notificationsHeading'),
  toggle: t('notificationsToggle'),
  hint: t('notificationsHint'),
  on: t('notificationsOn'),
  off: t('notificationsOff'),
  denied: t('notificationsDenied'),
} as const;
