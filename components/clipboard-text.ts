import { CLEAR_AFTER_SECONDS } from '../utils/clipboard/shared';
import { t } from '../utils/i18n';

/**
 * What the console overlay and the popup say after copying an Auth Token. Apart from
 * components/text.ts, which the overlay does not load, and from the options page's words
 * (components/clipboard-option-text.ts), which the popup would otherwise load with these.
 */

/** After a copy whose clear is arranged (utils/background/clipboard.ts). */
export const COPY_CLEARS = t('copyClears', CLEAR_AFTER_SECONDS);
/** After a copy nothing will clear: the option is off (or the background did not answer). */
export const COPY_STAYS = t('copyStays');
