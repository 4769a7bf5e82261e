import { mayShowCredentials } from './page';
import { type LookContext, watchQuietly } from './quiet-look';
import { type Signs, credentialPrint, drewCredentialWords, lookForCredentials } from './signs';

/**
 * What runs in every console frame the overlay may act in (entrypoints/twilio-detector.ts): a look for
 * an account's credentials on screen (./signs.ts) when the frame loads and whenever its DOM has
 * changed and gone quiet (./quiet-look.ts), on pages whose URL may show them (./page.ts). When it
 * finds them it asks the background for the overlay, which the background injects into this very
 * document (utils/background/console-overlay.ts); from then on the overlay follows the page itself
 * and the detector stops.
 */

export interface DetectorOptions {
  /** Asks the background for the overlay; true once it is in this document. */
  request: () => Promise<boolean>;
  /** Wakes the background: the page's URL may show credentials and its app is rendering. */
  warm?: () => void;
  /** The URL the background was woken for already (from document start, before this detector started). */
  warmedFor?: string;
  /** For tests: the look itself. */
  look?: (root: Element) => Signs;
  /** A look runs once the DOM has stopped changing for this long: the overlay's delay after the panel renders… */
  quietMs?: number;
  /** …or up to this long on a page that keeps changing (./quiet-look.ts). */
  maxQuietMs?: number;
  /** …or this long after the first change, on a page that never stops changing. */
  maxWaitMs?: number;
  /** After a request that failed, the next one waits at least this long (the page may keep changing)… */
  retryMs?: number;
  /** …and a page that stays as it is asks again this many times in all. */
  retries?: number;
}

export function startDetector(ctx: LookContext, options: DetectorOptions): void {
  const { request, warm, look = lookForCredentials, quietMs = 30, maxQuietMs = 240, maxWaitMs = 1000, retryMs = 2000, retries = 3 } = options;
  const root = document.body ?? document.documentElement;
  let asking = false;
  /** The page's credential text when a look last found no credentials there: the same again needs no look. */
  let lookedAt: string | null = null;
  let failures = 0;
  let lastFailure = -Infinity;
  /** The URL the background was last woken for: once per page the app moves to. */
  let warmedFor = options.warmedFor;
  /** The URL whose drawing the watch last read change by change (./quiet-look.ts eager). */
  let drawing: string | undefined;

  /**
   * A stopped background takes longer to start than the console's app takes to fetch an account and
   * draw its panel (docs/performance.md): wake it when the app starts drawing a page that may show
   * credentials, so that the overlay waits only on the look once they are there. And read that
   * drawing change by change, so the panel is looked at as soon as it is drawn.
   */
  function wake() {
    const href = location.href;
    if (!mayShowCredentials(href)) return;
    if (href !== drawing) {
      drawing = href;
      watch.eager();
    }
    if (!warm || href === warmedFor) return;
    warmedFor = href;
    warm();
  }

  /**
   * The admin pressing a link to a console page that may show credentials (an account in the list of
   * sub-accounts): the background is woken then, a press's length before the app moves there and
   * draws it (a click lasts about 100 ms from press to release). Only the admin's own presses.
   */
  function pressed(event: Event) {
    if (!warm || !event.isTrusted) return;
    const href = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement)?.href;
    if (!href || href === location.href || href === warmedFor || !mayShowCredentials(href)) return;
    warmedFor = href;
    warm();
  }

  function failed() {
    asking = false;
    lastFailure = Date.now();
    // The background may have been busy or restarting: ask again even if the page does not change.
    if (++failures <= retries) ctx.setTimeout(check, retryMs);
  }

  function check() {
    if (asking || Date.now() - lastFailure < retryMs || !mayShowCredentials(location.href)) return;
    // One read of the page's text: a page that changed none of its credential text since a look
    // found nothing (rows of a list, a status) is not walked again.
    const print = credentialPrint(root, true);
    if (print === lookedAt) return;
    // 'too-large' (more text than one look reads, and no credentials in what it read) asks too: the
    // overlay, whose look-up reads the whole page, decides; such a page costs what every console page
    // did before there was a detector.
    if (look(root) === 'none') {
      lookedAt = print;
      return;
    }
    lookedAt = null;
    asking = true;
    request().then((injected) => {
      if (!injected) return failed();
      asking = false;
      watch.stop();
    }, failed);
  }

  // A panel drawn in one go is looked at in the next task, not once the page is quiet: most of the
  // overlay's delay after the credentials appear (docs/performance.md). check() rules out the URL.
  const watch = watchQuietly(ctx, root, check, { quietMs, maxQuietMs, maxWaitMs, onChange: wake, urgent: drewCredentialWords });
  const press = { capture: true, passive: true };
  document.addEventListener('pointerdown', pressed, press);
  ctx.onInvalidated(() => document.removeEventListener('pointerdown', pressed, press));
  wake();
  check();
}

/**
 * The detector as declared, at document start (wxt.config.ts): a page that may show credentials wakes
 * the background at once, while the console's app still loads, rather than once it drew the account
 * (a stopped background takes longer to start than that: the overlay's delay, docs/performance.md).
 * The look itself waits for the parsed page, as it did at document idle.
 */
export function startAtDocumentStart(ctx: LookContext, options: DetectorOptions): void {
  const href = location.href;
  const early = options.warm !== undefined && mayShowCredentials(href);
  if (early) options.warm?.();
  const start = () => startDetector(ctx, early ? { ...options, warmedFor: href } : options);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
