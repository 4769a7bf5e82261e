import { Component } from 'preact';
import type { OverlayActions } from '../utils/console/actions';
import type { OverlayHandoff } from '../utils/messages';
import {
  type OverlayAccount,
  type OverlayActivity,
  overlayView,
} from '../utils/console/overlay-state';

/**
 * The box the Twilio console content script shows in a closed shadow root at the bottom right of an
 * account's credentials page (DESIGN.md §1 step 2, issue 3 item 1).
 *
 * - Send to CRM reads the Account SID and Auth Token (revealing the token through the page's own
 *   Show control when it is masked) and hands them to the background, then shows each handoff state.
 * - Copy credentials puts both on the clipboard as two labelled lines, "Account SID: AC…" and
 *   "Auth Token: …": one copy serves a ticket, a note or the popup's paste field, and each line says
 *   what it is. The overlay says what was copied, never the token itself.
 * - Replace credentials answers the background's question when the location holds another SID.
 *
 * Every button acts only on a trusted event (a real click or key press): a page script can
 * dispatch clicks but not trusted ones. Names from the page or Twilio render as text.
 *
 * A class component, not hooks: preact/hooks would add about 1 kB gzipped to the console content
 * script, which has a 20 kB budget (issue 5, tests/bench/budgets.ts).
 */

export interface ConsoleOverlayProps {
  account: OverlayAccount;
  actions: OverlayActions;
}

interface OverlayState {
  handoff: OverlayHandoff | null;
  activity: OverlayActivity;
  replaceDismissed: boolean;
  collapsed: boolean;
}

const IDLE: OverlayActivity = { kind: 'idle' };

/** Runs `act` only for events the browser made from the admin's own input. */
function trusted(act: () => void): (event: Event) => void {
  return (event) => {
    if (!event.isTrusted) return;
    act();
  };
}

export class ConsoleOverlay extends Component<ConsoleOverlayProps, OverlayState> {
  override state: OverlayState = { handoff: null, activity: IDLE, replaceDismissed: false, collapsed: false };
  /** The handoff whose updates the overlay follows, and how to stop following it. */
  private following: { id: string; stop: () => void } | null = null;

  override componentDidUpdate() {
    this.follow(this.state.handoff?.id);
  }

  override componentWillUnmount() {
    this.follow(undefined);
  }

  /** Keeps the newest record: a reply and an update may arrive in either order. */
  private accept(next: OverlayHandoff) {
    this.setState(({ handoff: prev }) => ({
      handoff: prev && prev.id === next.id && prev.updatedAt > next.updatedAt ? prev : next,
    }));
  }

  private setActivity(activity: OverlayActivity) {
    this.setState({ activity });
  }

  /** Follows the background's updates for the handoff shown, and only that one. */
  private follow(id: string | undefined) {
    if (this.following?.id === id) return;
    this.following?.stop();
    this.following = null;
    if (!id) return;
    const { actions } = this.props;
    const stopWatching = actions.watch(id, (next) => {
      this.accept(next);
      this.setState(({ activity }) => (activity.kind === 'replacing' || activity.kind === 'copied' ? { activity: IDLE } : null));
    });
    // Coming back from the CRM tab: fetch the state once, in case an update was missed meanwhile.
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      void actions.refresh(id).then((reply) => reply.ok && this.accept(reply.handoff));
    };
    document.addEventListener('visibilitychange', onVisible);
    this.following = {
      id,
      stop: () => {
        stopWatching();
        document.removeEventListener('visibilitychange', onVisible);
      },
    };
  }

  override render({ account, actions }: ConsoleOverlayProps, { handoff, activity, replaceDismissed, collapsed }: OverlayState) {
    const view = overlayView({ account, handoff, activity, replaceDismissed });

    const send = trusted(() => {
      if (view.sendDisabled) return;
      this.setState({ activity: { kind: 'reading' }, replaceDismissed: false });
      void actions.send(account.sid).then((outcome) => {
        if (outcome.kind === 'sent') {
          this.accept(outcome.handoff);
          this.setActivity(IDLE);
        } else if (outcome.kind === 'unreadable') {
          this.setActivity({ kind: 'unreadable', reason: outcome.reason });
        } else {
          this.setActivity({ kind: 'error', message: outcome.message });
        }
      });
    });

    const copy = trusted(() => {
      if (view.busy) return;
      this.setActivity({ kind: 'copying' });
      void actions.copy(account.sid).then((outcome) => {
        if (outcome.kind === 'copied') this.setActivity({ kind: 'copied' });
        else if (outcome.kind === 'unreadable') this.setActivity({ kind: 'unreadable', reason: outcome.reason });
        else this.setActivity({ kind: 'error', message: outcome.message });
      });
    });

    const replace = trusted(() => {
      if (view.busy || !handoff || handoff.state !== 'needs-replace-confirmation') return;
      this.setActivity({ kind: 'replacing' });
      void actions.confirmReplace(handoff.id).then((reply) => {
        if (reply.ok) {
          this.accept(reply.handoff);
          this.setActivity(IDLE);
        } else {
          this.setActivity({ kind: 'error', message: reply.message });
        }
      });
    });

    const notNow = trusted(() => this.setState({ replaceDismissed: true }));
    const toggle = trusted(() => this.setState((state) => ({ collapsed: !state.collapsed })));

    if (collapsed) {
      return (
        <div class="overlay collapsed">
          <button type="button" class="link" aria-expanded="false" onClick={toggle}>
            Twilio Handoff
          </button>
        </div>
      );
    }

    return (
      <section class="overlay" aria-label="Twilio Handoff">
        <header>
          <strong>Twilio Handoff</strong>
          <button type="button" class="link" aria-expanded="true" aria-label="Minimize" onClick={toggle}>
            –
          </button>
        </header>
        <p class="account">
          {view.name ? <span class="name">{view.name}</span> : <span class="name">Twilio account</span>}{' '}
          <span class="sid">{view.shortSid}</span>
        </p>
        <div class="buttons">
          <button type="button" class="primary" disabled={view.sendDisabled} onClick={send}>
            Send to CRM
          </button>
          <button type="button" disabled={view.busy} onClick={copy}>
            Copy credentials
          </button>
        </div>
        <p class={`status ${view.status?.tone ?? 'neutral'}`} role="status" aria-live="polite">
          {view.status?.text ?? ''}
        </p>
        {view.replace && (
          <div class="replace">
            <p>{view.replace.question}</p>
            <div class="buttons">
              <button type="button" class="danger" disabled={view.busy} onClick={replace}>
                Replace credentials
              </button>
              <button type="button" disabled={view.busy} onClick={notNow}>
                Not now
              </button>
            </div>
          </div>
        )}
      </section>
    );
  }
}

/** Styles for the shadow root, after its `:host { all: initial }` reset (utils/console/mount.tsx). */
export const CONSOLE_OVERLAY_CSS = `
.overlay {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483647;
  box-sizing: border-box; width: 320px; max-width: calc(100vw - 32px);
  padding: 12px 14px; border-radius: 8px; border: 1px solid #c9cdd6;
  background: #fff; color: #121c2d; box-shadow: 0 4px 16px rgba(18, 28, 45, 0.2);
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
.overlay.collapsed { width: auto; padding: 6px 10px; }
header { display: flex; justify-content: space-between; align-items: center; margin-bottom: 4px; }
p { margin: 6px 0; overflow-wrap: anywhere; }
.account .name { font-weight: 600; }
.account .sid { font-family: ui-monospace, Menlo, Consolas, monospace; color: #4b5671; }
.buttons { display: flex; gap: 8px; flex-wrap: wrap; margin: 8px 0 4px; }
button {
  font: inherit; padding: 6px 12px; border-radius: 4px; border: 1px solid #8891aa;
  background: #fff; color: #121c2d; cursor: pointer;
}
button:focus-visible { outline: 2px solid #0263e0; outline-offset: 2px; }
button:disabled { opacity: 0.55; cursor: default; }
button.primary { background: #0263e0; border-color: #0263e0; color: #fff; }
button.danger { background: #d61f1f; border-color: #d61f1f; color: #fff; }
button.link { border: none; padding: 2px 6px; background: transparent; font-weight: 600; }
.status:empty { display: none; }
.status.progress { color: #121c2d; }
.status.success { color: #0e7c3a; }
.status.warning { color: #8d3800; }
.status.error { color: #b31c1c; }
.replace { border-top: 1px solid #e1e3ea; margin-top: 8px; padding-top: 4px; }
`;
