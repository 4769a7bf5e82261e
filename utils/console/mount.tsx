import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import {
  type ShadowRootContentScriptUi,
  createShadowRootUi,
} from 'wxt/utils/content-script-ui/shadow-root';
import { CONSOLE_OVERLAY_CSS, ConsoleOverlay } from '../../components/ConsoleOverlay';
import { createOverlayActions } from './actions';
import type { PanelDetection } from './detect';
import { watchCredentialsPanel } from './watch';

/** The overlay's host element name: the only trace of the extension in the page's DOM. */
export const OVERLAY_HOST = 'twilio-handoff-overlay';

/**
 * Shows exactly one overlay while this frame shows an account's credentials panel, removes it when
 * the panel goes, and everything when the context is invalidated (extension reloaded or updated).
 */
export function startConsoleOverlay(ctx: ContentScriptContext): void {
  const actions = createOverlayActions(document, ctx.signal);
  let shown: PanelDetection | null = null;
  let ui: ShadowRootContentScriptUi<void> | null = null;
  let creating: Promise<void> | null = null;
  let mounted = false;

  const draw = (container: HTMLElement) => {
    if (!shown) return;
    // Keyed by SID: another account on the page starts the overlay afresh.
    render(
      <ConsoleOverlay
        key={shown.sid}
        account={{ sid: shown.sid, name: shown.accountName }}
        actions={actions}
      />,
      container,
    );
  };

  function apply() {
    if (!ui || ctx.isInvalid) return;
    if (shown && !mounted) {
      ui.mount();
      mounted = true;
    } else if (shown) {
      draw(ui.uiContainer);
    } else if (mounted) {
      ui.remove();
      mounted = false;
    }
  }

  function ensureUi(): Promise<void> {
    creating ??= createShadowRootUi<void>(ctx, {
      name: OVERLAY_HOST,
      // Closed: page scripts cannot reach into the overlay (createShadowRootUi is open by default).
      mode: 'closed',
      position: 'inline',
      css: CONSOLE_OVERLAY_CSS,
      onMount: (container) => draw(container),
      onRemove: () => {
        if (ui) render(null, ui.uiContainer);
      },
    }).then((created) => {
      ui = created;
      ctx.onInvalidated(() => {
        mounted = false;
      });
    });
    return creating;
  }

  watchCredentialsPanel(ctx, {
    onChange(detection) {
      shown = detection;
      if (ui) apply();
      else if (detection) void ensureUi().then(apply);
    },
  });
}
