import type { OverlayHandoff } from '../messages';
import type { OverlayActions } from './actions';
import { type GuardButtons, type GuardedButtons, guardButtons } from './guarded-buttons';
import { type OverlayAccount, type OverlayActivity, overlayView } from './overlay-state';
import { type Corner, cornerAt, nextCorner, pickCorner } from './placement';
import { t } from '../i18n';

/**
 * The box the Twilio console content script shows in a closed shadow root in a corner of an account's
 * credentials page (DESIGN.md §1 step 2, issue 3 item 1): bottom right unless the admin chose another
 * (Move, or dragged), and never over the console's own credential rows (./placement.ts).
 *
 * - Send to CRM reads the Account SID and Auth Token (revealing the token through the page's own
 *   Show control when it is masked) and hands them to the background, then shows each handoff state.
 *   Not offered on a console in another Twilio Region than the CRM's: a notice says why instead.
 * - Copy credentials puts both on the clipboard as two labelled lines, "Account SID: AC…" and
 *   "Auth Token: …": one copy serves a ticket, a note or the popup's paste field, and each line says
 *   what it is. The overlay says what was copied, never the token itself.
 * - Replace credentials answers the background's question when the location holds another SID.
 *
 * Every button acts only on a trusted event (a real click or key press): a page script can
 * dispatch clicks but not trusted ones. The three that act (Send, Copy, Replace) also act only when
 * the browser reports them visible and unobscured and they have stayed in place and in sight for a
 * moment (utils/console/click-guard.ts); otherwise the status line says why nothing happened. The
 * buttons sit at the bottom of the box, which grows upwards from the screen's corner, so the box's
 * own status lines and questions never move them. Names from the page or Twilio are set as
 * textContent only.
 *
 * Plain DOM, not Preact: the console content script has a 20 kB gzipped budget (issue 5,
 * tests/bench/budgets.ts) and Preact cost it 4.3 kB. The elements are made once; each state change
 * recomputes overlayView and writes the differences. Elements that do not apply (the Replace
 * question, Send to CRM in another region, the expanded box while minimized) are detached rather
 * than hidden, so the shadow root holds only the buttons that can be used, as the accessibility tree
 * and the E2E tests see it.
 */

export interface ConsoleOverlayDom {
  /** The same account again (the page re-rendered its panel): picks up a name or a region that changed. */
  update(account: OverlayAccount): void;
  /**
   * The keyboard shortcut "Send the credentials on this page to the CRM", delivered by the browser
   * through the background: a trusted gesture aimed at this extension, not a click on the page, so
   * the click guard's visibility rule does not apply; the send itself is Send to CRM's. The box opens
   * so the admin sees what happens, or why nothing can (another region, a handoff already going).
   */
  command(): void;
  /** Empties the container and stops following the handoff; later replies are dropped. */
  destroy(): void;
}

interface OverlayState {
  handoff: OverlayHandoff | null;
  activity: OverlayActivity;
  replaceDismissed: boolean;
  collapsed: boolean;
  /** The corner the admin chose (./placement.ts); the box stands elsewhere while it would cover the fields. */
  corner: Corner;
}

const IDLE: OverlayActivity = { kind: 'idle' };

type Child = Node | string;

function el(tag: string, attrs: Record<string, string>, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A button whose action runs only for events the browser made from the admin's own input. */
function button(attrs: Record<string, string>, text: string, act: (node: HTMLButtonElement) => void): HTMLButtonElement {
  const node = el('button', { type: 'button', ...attrs }, text) as HTMLButtonElement;
  node.addEventListener('click', (event) => {
    if (event.isTrusted) act(node);
  });
  return node;
}

/** Writes only a changed text: rewriting the live status region would make screen readers repeat it. */
function setText(node: HTMLElement, text: string) {
  if (node.textContent !== text) node.textContent = text;
}

/** Attaches or detaches `child` as the last child of `parent`. */
function place(parent: HTMLElement, child: HTMLElement, shown: boolean) {
  if (shown && child.parentNode !== parent) parent.append(child);
  else if (!shown) child.remove();
}

export function renderConsoleOverlay(
  container: HTMLElement,
  initialAccount: OverlayAccount,
  actions: OverlayActions,
  guard: GuardButtons = guardButtons,
  /** The console's own credential fields, which the box must not cover. */
  fields: () => Element[] = () => [],
): ConsoleOverlayDom {
  let account = initialAccount;
  let state: OverlayState = { handoff: null, activity: IDLE, replaceDismissed: false, collapsed: false, corner: 'br' };
  /** Where the box stands now. */
  let corner: Corner = 'br';
  let destroyed = false;
  /** The handoff whose updates the overlay follows, and how to stop following it. */
  let following: { id: string; stop: () => void } | null = null;
  /** The click guard's readings of the acting buttons: made once the box is first drawn (below). */
  let guards: GuardedButtons | null = null;

  const view = () => overlayView({ account, ...state });

  function set(patch: Partial<OverlayState>) {
    if (destroyed) return;
    state = { ...state, ...patch };
    draw();
    follow(state.handoff?.id);
  }

  /** Keeps the newest record: a reply and an update may arrive in either order. */
  function accept(next: OverlayHandoff, patch: Partial<OverlayState> = {}) {
    const prev = state.handoff;
    set({ ...patch, handoff: prev && prev.id === next.id && prev.updatedAt > next.updatedAt ? prev : next });
  }

  /** Follows the background's updates for the handoff shown, and only that one. */
  function follow(id: string | undefined) {
    if (following?.id === id) return;
    following?.stop();
    following = null;
    if (!id) return;
    const stopWatching = actions.watch(id, (next) => {
      const { kind } = state.activity;
      accept(next, kind === 'replacing' || kind === 'copied' || kind === 'refused' ? { activity: IDLE } : {});
    });
    // Coming back from the CRM tab: fetch the state once, in case an update was missed meanwhile.
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      void actions.refresh(id).then((reply) => reply.ok && accept(reply.handoff));
    };
    document.addEventListener('visibilitychange', onVisible);
    following = {
      id,
      stop: () => {
        stopWatching();
        document.removeEventListener('visibilitychange', onVisible);
      },
    };
  }

  function send() {
    const v = view();
    if (v.sendDisabled || !v.sendOffered) return;
    set({ activity: { kind: 'reading' }, replaceDismissed: false });
    void actions.send(account.sid).then((outcome) => {
      if (outcome.kind === 'sent') accept(outcome.handoff, { activity: IDLE });
      else if (outcome.kind === 'unreadable') set({ activity: outcome });
      else set({ activity: { kind: 'error', message: outcome.message } });
    });
  }

  function copy() {
    if (view().busy) return;
    set({ activity: { kind: 'copying' } });
    void actions.copy(account.sid).then((outcome) => {
      if (outcome.kind === 'copied' || outcome.kind === 'unreadable') set({ activity: outcome });
      else set({ activity: { kind: 'error', message: outcome.message } });
    });
  }

  function replace() {
    const { handoff } = state;
    if (view().busy || !handoff || handoff.state !== 'needs-replace-confirmation') return;
    set({ activity: { kind: 'replacing' } });
    void actions.confirmReplace(handoff.id).then((reply) => {
      if (reply.ok) accept(reply.handoff, { activity: IDLE });
      else set({ activity: { kind: 'error', message: reply.message } });
    });
  }

  /** `act`, for a click on a button the guard lets act now; otherwise the reason, and nothing else. */
  function guarded(act: () => void): (node: HTMLButtonElement) => void {
    return (node) => {
      // Fail closed: no click can come before the guard is made, but a refusal is the safe answer.
      const refusal = guards ? guards.refusal(node) : 'just-shown';
      if (refusal) set({ activity: { kind: 'refused', refusal } });
      else act();
    };
  }

  /** Minimize and open again, keeping the keyboard focus on the toggle the admin just used. */
  function toggle() {
    const hadFocus = (container.getRootNode() as Document | ShadowRoot).activeElement === (state.collapsed ? expand : minimize);
    set({ collapsed: !state.collapsed });
    if (hadFocus) (state.collapsed ? expand : minimize).focus();
  }

  const expand = button({ class: 'link', 'aria-expanded': 'false', 'aria-keyshortcuts': 'Alt+Shift+O' }, t('extName'), toggle);
  const collapsedBox = el('div', { class: 'overlay collapsed' }, expand);

  /** The admin's choice of corner, remembered (storage.local) for every console page. */
  function choose(next: Corner) {
    actions.saveCorner(next);
    set({ corner: next });
  }
  const move = button({ class: 'link', 'aria-label': t('overlayMove'), title: t('overlayMoveTitle') }, '⇲', () =>
    choose(nextCorner(corner)),
  );

  const minimize = button(
    { class: 'link', 'aria-expanded': 'true', 'aria-label': t('overlayMinimize'), 'aria-keyshortcuts': 'Escape', title: t('overlayMinimizeTitle') },
    '–',
    toggle,
  );
  const name = el('span', { class: 'name' });
  const sid = el('span', { class: 'sid' });
  const sendButton = button({ class: 'primary' }, t('overlaySend'), guarded(send));
  const copyButton = button({}, t('overlayCopy'), guarded(copy));
  const notice = el('p', { class: 'notice' });
  const status = el('p', { class: 'status neutral', role: 'status', 'aria-live': 'polite' });
  const question = el('p', {});
  const replaceButton = button({ class: 'danger' }, t('overlayReplace'), guarded(replace));
  const notNowButton = button({}, t('overlayNotNow'), () => set({ replaceDismissed: true }));
  const replaceBox = el('div', { class: 'replace' }, question, el('div', { class: 'buttons' }, replaceButton, notNowButton));
  const buttons = el('div', { class: 'buttons' }, sendButton, copyButton);
  const box = el(
    'section',
    { class: 'overlay', 'aria-label': t('extName'), 'aria-keyshortcuts': 'Alt+Shift+O' },
    el('header', {}, el('strong', {}, t('extName')), el('span', {}, move, minimize)),
    el('p', { class: 'account' }, name, ' ', sid),
    notice,
    status,
    buttons,
  );

  /** The page's element the keyboard focus came into the box from (a Tab, the shortcut below). */
  let cameFrom: HTMLElement | null = null;
  container.addEventListener('focusin', (event) => {
    const from = event.relatedTarget;
    if (!(from instanceof Node && container.contains(from))) cameFrom = from instanceof HTMLElement ? from : null;
  });

  // Escape, from anywhere in the box, minimizes it (never sends); the keyboard focus goes back to
  // where it was on the page, or else to the small box that is left, where Enter or Space opens it
  // again. Only the admin's own key press counts.
  box.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !event.isTrusted || state.collapsed) return;
    event.stopPropagation();
    set({ collapsed: true });
    cameFrom?.focus();
    if (!cameFrom || document.activeElement !== cameFrom) expand.focus();
  });

  // Alt+Shift+O, anywhere on the console page: the keyboard focus into the box (opened), on the
  // button that is next to press, without tabbing through the whole page. It only moves the focus.
  const onShortcut = (event: KeyboardEvent) => {
    if (!event.isTrusted || event.code !== 'KeyO' || !event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    if (state.collapsed) set({ collapsed: false });
    [replaceButton, sendButton, copyButton, minimize].find((b) => b.isConnected && !b.disabled)?.focus();
  };
  addEventListener('keydown', onShortcut, true);

  // Dragged by its title row (the admin's own pointer only) and dropped: the corner of the screen's
  // quarter it is dropped in. It follows the pointer meanwhile; the click guard sees it move.
  const header = box.firstElementChild as HTMLElement;
  header.addEventListener('pointerdown', (down) => {
    // Its buttons (text only: a press on one targets the button itself) keep their own job.
    if (!down.isTrusted || down.button !== 0 || down.target instanceof HTMLButtonElement) return;
    header.setPointerCapture(down.pointerId);
    header.onpointermove = (at) => (box.style.translate = `${at.clientX - down.clientX}px ${at.clientY - down.clientY}px`);
    header.onpointerup = header.onpointercancel = (up) => {
      header.onpointermove = header.onpointerup = header.onpointercancel = null;
      box.style.translate = '';
      if (up.type === 'pointerup') choose(cornerAt(up.clientX, up.clientY, { width: innerWidth, height: innerHeight }));
    };
  });

  /**
   * Puts the box in the chosen corner, or the nearest one where it covers none of the console's
   * credential fields (./placement.ts). The container's class names the corner; the CSS places it.
   * True when the box went to another corner.
   */
  function position(): boolean {
    if (destroyed) return false;
    const { width, height } = (state.collapsed ? collapsedBox : box).getBoundingClientRect();
    const viewport = { width: innerWidth, height: innerHeight };
    const before = corner;
    corner = pickCorner(state.corner, { width, height }, viewport, fields().map((field) => field.getBoundingClientRect()));
    container.className = corner;
    return corner !== before;
  }
  /** Scrolling or resizing moves the fields under the fixed box: placed again once per frame. */
  let queued = false;
  const onView = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      if (position()) guards?.moved();
    });
  };
  addEventListener('resize', onView);
  document.addEventListener('scroll', onView, { capture: true, passive: true });

  function draw() {
    const v = view();
    place(container, collapsedBox, state.collapsed);
    place(container, box, !state.collapsed);
    setText(name, v.name ?? t('overlayUnnamed'));
    setText(sid, v.shortSid);
    setText(notice, v.notice ?? '');
    // Not offered (another region): detached, so no one can press it; first in the row when offered.
    if (!v.sendOffered) sendButton.remove();
    else if (sendButton.parentNode !== buttons) buttons.prepend(sendButton);
    sendButton.disabled = v.sendDisabled;
    copyButton.disabled = v.busy;
    status.className = `status ${v.status?.tone ?? 'neutral'}`;
    setText(status, v.status?.text ?? '');
    if (v.replace) setText(question, v.replace.question);
    replaceButton.disabled = v.busy;
    notNowButton.disabled = v.busy;
    // Above the main buttons, so that the question coming and going does not move them.
    if (!v.replace) replaceBox.remove();
    else if (replaceBox.parentNode !== box) box.insertBefore(replaceBox, buttons);
    position();
    // What was drawn may have moved the buttons, or taken them off the page (minimized).
    guards?.moved();
  }

  draw();
  void actions.loadCorner().then((chosen) => chosen && set({ corner: chosen }));
  // After the first draw: the buttons' first places are read where the admin first sees them.
  guards = guard([sendButton, copyButton, replaceButton], container);

  return {
    update(next) {
      account = next;
      if (!destroyed) draw();
    },
    command() {
      if (state.collapsed) set({ collapsed: false });
      send();
    },
    destroy() {
      destroyed = true;
      removeEventListener('resize', onView);
      removeEventListener('keydown', onShortcut, true);
      document.removeEventListener('scroll', onView, { capture: true });
      guards?.stop();
      follow(undefined);
      container.replaceChildren();
    },
  };
}

/**
 * Styles for the shadow root, after its `:host { all: initial }` reset (utils/console/mount.ts).
 * Disabled buttons are greyed by colour, not opacity: the browser's visibility report counts any
 * opacity as faded, and a button enabled again would have to wait as if it had just appeared.
 */
export const CONSOLE_OVERLAY_CSS = `
.overlay {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483647;
  box-sizing: border-box; width: 320px; max-width: calc(100vw - 32px);
  padding: 12px 14px; border-radius: 8px; border: 1px solid #c9cdd6;
  background: #fff; color: #121c2d; box-shadow: 0 4px 16px rgba(18, 28, 45, 0.2);
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
.overlay.collapsed { width: auto; padding: 6px 10px; }
[class^="t"] > .overlay { top: 16px; bottom: auto; }
[class$="l"] > .overlay { left: 16px; right: auto; }
header { display: flex; justify-content: space-between; align-items: center; margin-bottom: 4px; cursor: move; }
p { margin: 6px 0; overflow-wrap: anywhere; }
.account .name { font-weight: 600; }
.account .sid { font-family: ui-monospace, Menlo, Consolas, monospace; color: #4b5671; }
.buttons { display: flex; gap: 8px; flex-wrap: wrap; margin: 8px 0 4px; }
button {
  font: inherit; padding: 6px 12px; border-radius: 4px; border: 1px solid #8891aa;
  background: #fff; color: #121c2d; cursor: pointer;
}
button:focus-visible { outline: 2px solid #0263e0; outline-offset: 2px; }
button.primary { background: #0263e0; border-color: #0263e0; color: #fff; }
button.danger { background: #d61f1f; border-color: #d61f1f; color: #fff; }
button:disabled { background: #f4f4f6; border-color: #c9cdd6; color: #606b85; cursor: default; }
button.link { border: none; padding: 2px 6px; background: transparent; font-weight: 600; }
.status:empty, .notice:empty { display: none; }
.notice { color: #8d3800; }
.status.progress { color: #121c2d; }
.status.success { color: #0e7c3a; }
.status.warning { color: #8d3800; }
.status.error { color: #b31c1c; }
.replace { border-top: 1px solid #e1e3ea; border-bottom: 1px solid #e1e3ea; margin-top: 8px; padding: 4px 0; }
@media (prefers-color-scheme: dark) {
  .overlay { background: #1b2130; color: #e6e9f0; border-color: #4b5671; box-shadow: 0 4px 16px rgba(0, 0, 0, 0.6); }
  button { background: #262d3d; color: #e6e9f0; border-color: #8891aa; }
  button:disabled { background: #262d3d; border-color: #4b5671; color: #9aa3b8; }
  button:focus-visible { outline-color: #8cb8ff; }
  .account .sid { color: #aeb6c8; }
  .notice, .status.warning { color: #ffb37a; }
  .status.progress { color: inherit; }
  .status.success { color: #74d99c; }
  .status.error { color: #ff8f8f; }
  .replace { border-color: #4b5671; }
}
`;
