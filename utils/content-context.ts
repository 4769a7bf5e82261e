import { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * WXT's ContentScriptContext announces each start on the page (a CustomEvent on `document`, and a
 * `window.postMessage` naming the extension id) and stops itself for good when the document receives
 * that CustomEvent from another copy of the same script. Any page script can dispatch that event: the
 * name is the extension id (public, and posted to the page) plus the script's name. A page could so
 * shut the console overlay or the CRM driver down. This context takes no part in that exchange: a
 * newer copy of a script stops the older one through a variable of our isolated world, which page
 * scripts cannot see, and a copy left over from a reloaded extension still notices, as WXT's does,
 * that `browser.runtime.id` is gone.
 */
const RUNNING = '__twilioHandoffRunningContexts';

type Registry = Record<string, ContentScriptContext | undefined>;

function registry(): Registry {
  const world = globalThis as { [RUNNING]?: Registry };
  return (world[RUNNING] ??= {});
}

export class PageProofContext extends ContentScriptContext {
  constructor(name: string) {
    super(name);
    const running = registry();
    running[name]?.notifyInvalidated();
    running[name] = this;
    this.onInvalidated(() => {
      if (running[name] === this) delete running[name];
    });
  }

  /**
   * A copy of the named script already running for this extension (not one left by a reloaded
   * extension, whose runtime is gone). Scripts injected on demand ask first: a second injection must
   * not stop a copy in the middle of a run.
   */
  static isRunning(name: string): boolean {
    return registry()[name]?.isValid === true;
  }

  /** Nothing is posted or dispatched on the page: the page learns neither the id nor our start. */
  override stopOldScripts(): void {}

  /** The page's events are never listened to: only our own world can stop this context. */
  override listenForNewerScripts(): void {}
}
