import { CLEAR_AFTER_SECONDS } from '../utils/clipboard/shared';
import { t } from '../utils/i18n';

/** Words of the options page's Clipboard section (components/ClipboardSection.tsx). */
export const clipboardOptionText = {
  heading: t('clipboardOptionHeading'),
  toggle: t('clipboardOptionToggle', CLEAR_AFTER_SECONDS),
  hint:
    t('clipboardOptionHint', CLEAR_AFTER_SECONDS),
  on: t('clipboardOptionOn', CLEAR_AFTER_SECONDS),
  off: t('clipboardOptionOff'),
  denied: t('clipboardOptionDenied'),
} as const;
