import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createOverlayActions } from './actions';
import { guardButtons } from './guarded-buttons';
import { onSendCommand } from './messaging';
import { CONSOLE_OVERLAY_CSS, type ConsoleOverlayDom, renderConsoleOverlay } from './overlay-dom';
import { type WatchedPanel, watchCredentialsPanel } from './watch';

/** The overlay's host element name: the only trace of the extension in the page's DOM. */
export const OVERLAY_HOST = 'twilio-handoff-overlay';

/**
 * A host element with a closed shadow root holding the overlay's styles and a container. Made by
 * hand rather than with WXT's createShadowRootUi, whose auto-mount and helpers cost the console
 * content script about 3 kB gzipped (issue 5: 20 kB budget); this is all of it that we use.
 */
function createHost(): { host: HTMLElement; container: HTMLElement } {
  const host = document.createElement(OVERLAY_HOST);
  // Closed: page scripts cannot reach into the overlay (host.shadowRoot is null for them).
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  // The page's inherited styles (fonts, colours, `all` rules on custom elements) stop at the host.
  style.textContent = `:host{all:initial !important}${CONSOLE_OVERLAY_CSS}`;
  const container = document.createElement('div');
  shadow.append(style, container);
  return { host, container };
}

/**
 * Shows exactly one overlay while this frame shows an account's credentials panel, removes it when
 * the panel goes, and everything when the context is invalidated (extension reloaded or updated).
 */
export function startConsoleOverlay(ctx: ContentScriptContext): void {
  const actions = createOverlayActions(document, ctx.signal);
  let ui: { host: HTMLElement; container: HTMLElement } | null = null;
  let shown: { sid: string; overlay: ConsoleOverlayDom } | null = null;
  /** The panel shown now: the box keeps off its Account SID and Auth Token rows. */
  let panel: WatchedPanel | null = null;
  const fields = () => (panel ? [panel.sidLabel.parentElement, panel.tokenLabel.parentElement] : []).filter((row) => row !== null);

  function show(detection: WatchedPanel) {
    panel = detection;
    ui ??= createHost();
    if (!ui.host.isConnected) (document.body ?? document.documentElement).append(ui.host);
    const account = { sid: detection.sid, name: detection.accountName, region: detection.region };
    if (shown?.sid === detection.sid) {
      shown.overlay.update(account);
      return;
    }
    // Another account on the page starts the overlay afresh.
    shown?.overlay.destroy();
    shown = { sid: detection.sid, overlay: renderConsoleOverlay(ui.container, account, actions, guardButtons, fields) };
  }

  function hide() {
    shown?.overlay.destroy();
    shown = null;
    ui?.host.remove();
  }

  // Only while an account is shown: a frame without one leaves the command unanswered, and the
  // background says there is nothing to send.
  const stopCommands = onSendCommand(() => {
    shown?.overlay.command();
    return shown !== null;
  });
  ctx.onInvalidated(() => {
    stopCommands();
    hide();
  });
  watchCredentialsPanel(ctx, {
    onChange(detection) {
      if (ctx.isInvalid) return;
      if (detection) show(detection);
      else hide();
    },
  });
}
