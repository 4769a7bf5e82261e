import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { clearCopiedToken } from '../utils/clipboard/offscreen';

/**
 * The script of Chrome's offscreen document (entrypoints/offscreen/index.html), opened by the
 * background when a copied Auth Token's time is up (utils/background/clipboard.ts).
 */
export default defineUnlistedScript({
  exclude: ['firefox'],
  main: () => void clearCopiedToken(document),
});
