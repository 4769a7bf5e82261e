import { t } from '../utils/i18n';
/** The options page's words for the overlay's own key (kept out of components/text.ts, which the popup loads whole). */
export const shortcutsText = {
  overlayKey: t('shortcutsOverlayKey'),
  overlayKeyEscape: t('shortcutsOverlayKeyEscape'),
};
