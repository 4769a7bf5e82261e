import { screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OverlayActions } from '../../utils/console/actions';
import type { ClickRefusal } from '../../utils/console/click-guard';
import type { GuardButtons } from '../../utils/console/guarded-buttons';
import { type ConsoleOverlayDom, renderConsoleOverlay } from '../../utils/console/overlay-dom';
import type { OverlayAccount } from '../../utils/console/overlay-state';
import { newHandoff } from '../../utils/handoff/machine';
import type { Handoff } from '../../utils/handoff/types';

/**
 * The overlay's buttons act only on trusted events, name the account as text, and follow the handoff
 * the background reports. happy-dom makes only untrusted events; a trusted one is marked by hand.
 * happy-dom has no layout and no IntersectionObserver v2, so the click guard is a stand-in here that
 * lets every click through unless a test says otherwise (the guard itself: click-guard.test.ts,
 * guarded-buttons.test.ts; in Chromium: tests/e2e/console-clickjacking.test.ts).
 * (`screen` is @testing-library/dom's, re-exported by the Preact binding; no Preact is rendered.)
 */

const SID = `AC${'a1'.repeat(16)}`;
const PREVIOUS = `AC${'77'.repeat(16)}`;

function handoff(extra: Partial<Handoff> = {}): Handoff {
  return {
    ...newHandoff({ id: 'h1', sid: SID, crmHost: 'app.gohighlevel.com', now: 1, lifetimeMs: 900_000 }),
    ...extra,
  };
}

/** Lets the fake actions' promises and the renderer's `.then`s run. */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function fakeActions(overrides: Partial<OverlayActions> = {}) {
  let push: ((h: Handoff) => void) | undefined;
  const stop = vi.fn(() => (push = undefined));
  const actions: OverlayActions = {
    send: vi.fn(async () => ({ kind: 'sent' as const, handoff: handoff({ state: 'verifying', updatedAt: 2 }) })),
    copy: vi.fn(async () => ({ kind: 'copied' as const, clears: true })),
    confirmReplace: vi.fn(async () => ({ ok: true as const, handoff: handoff({ state: 'filling', updatedAt: 9 }) })),
    refresh: vi.fn(async () => ({ ok: false as const, message: 'not needed' })),
    watch: vi.fn((_id: string, onUpdate: (h: Handoff) => void) => {
      push = onUpdate;
      return stop;
    }),
    loadCorner: vi.fn(async () => undefined),
    saveCorner: vi.fn(),
    ...overrides,
  };
  return { actions, stop, update: (h: Handoff) => push?.(h) };
}

/** A click the browser would mark as the admin's own. */
async function trustedClick(el: HTMLElement) {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  el.dispatchEvent(event);
  await flush();
}

let container: HTMLElement;
let overlay: ConsoleOverlayDom | undefined;

/** A click guard whose answer the test sets; records the buttons it was given and whether it was stopped. */
function scriptedGuard() {
  const state = { refusal: null as ClickRefusal | null, guarded: [] as Element[], area: null as Element | null, moves: 0, stopped: false };
  const guard: GuardButtons = (buttons, area) => {
    state.guarded = buttons;
    state.area = area;
    return {
      refusal: (button) => (buttons.includes(button) ? state.refusal : null),
      moved: () => void state.moves++,
      stop: () => void (state.stopped = true),
    };
  };
  return { state, guard };
}

function show(account: OverlayAccount, actions: OverlayActions, guard: GuardButtons = scriptedGuard().guard) {
  overlay = renderConsoleOverlay(container, account, actions, guard);
  return overlay;
}

const status = () => screen.getByRole('status').textContent;
const buttonNames = () => screen.getAllByRole('button').map((b) => b.getAttribute('aria-label') ?? b.textContent);

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  overlay?.destroy();
  overlay = undefined;
  document.body.replaceChildren();
});

describe('renderConsoleOverlay', () => {
  it('names the account and offers exactly the two buttons, with the accessible structure', () => {
    const { actions } = fakeActions();
    show({ sid: SID, name: 'Acme <b>Dental</b>' }, actions);
    expect(screen.getByText('Acme <b>Dental</b>')).toBeTruthy();
    expect(screen.getByText('ACa1a1…a1a1')).toBeTruthy();
    expect(buttonNames()).toEqual(['Move to another corner', 'Minimize', 'Send to CRM', 'Copy credentials']);
    expect(container.innerHTML).not.toContain('<b>');
    const region = screen.getByRole('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('');
    expect(container.querySelector('section')!.getAttribute('aria-label')).toBe('Handoff for Twilio');
    expect(screen.getByRole('button', { name: 'Minimize' }).getAttribute('aria-expanded')).toBe('true');
    for (const b of screen.getAllByRole('button')) expect(b.getAttribute('type')).toBe('button');
  });

  it('renders a hostile name as text, not markup', () => {
    const { actions } = fakeActions();
    const name = '<img src=x onerror=alert(1)>';
    show({ sid: SID, name }, actions);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.name')!.textContent).toBe(name);
  });

  it('says “Twilio account” when the page names none, and picks up a name that appears later', () => {
    const { actions } = fakeActions();
    const dom = show({ sid: SID }, actions);
    expect(container.querySelector('.name')!.textContent).toBe('Twilio account');
    dom.update({ sid: SID, name: 'Acme Austin' });
    expect(container.querySelector('.name')!.textContent).toBe('Acme Austin');
    expect(container.querySelectorAll('section')).toHaveLength(1);
  });

  it('ignores untrusted clicks (a page script clicking)', async () => {
    const { actions } = fakeActions();
    show({ sid: SID }, actions);
    screen.getByRole('button', { name: 'Send to CRM' }).click();
    screen.getByRole('button', { name: 'Copy credentials' }).click();
    screen.getByRole('button', { name: 'Minimize' }).click();
    await flush();
    expect(actions.send).not.toHaveBeenCalled();
    expect(actions.copy).not.toHaveBeenCalled();
    expect(buttonNames()).toEqual(['Move to another corner', 'Minimize', 'Send to CRM', 'Copy credentials']);
  });

  it('sends on a trusted click, then follows the handoff to the Replace question and on', async () => {
    const { actions, update } = fakeActions();
    show({ sid: SID }, actions);
    await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
    expect(actions.send).toHaveBeenCalledWith(SID);
    expect(status()).toMatch(/Checking .* with Twilio/);
    expect(screen.getByRole('status').className).toBe('status progress');
    expect(screen.getByRole('button', { name: 'Send to CRM' })).toHaveProperty('disabled', true);
    expect(actions.watch).toHaveBeenCalledWith('h1', expect.any(Function));

    update(handoff({ state: 'needs-replace-confirmation', updatedAt: 5, previousSid: PREVIOUS, location: { id: 'l1', name: 'Acme Austin' } }));
    expect(status()).toMatch(/“Acme Austin” is connected to another Twilio account now \(AC7777…7777\)/);
    expect(buttonNames()).toEqual(['Move to another corner', 'Minimize', 'Replace credentials', 'Not now', 'Send to CRM', 'Copy credentials']);
    expect(screen.getByText(/Replace it with ACa1a1…a1a1\?/)).toBeTruthy();
    const replace = screen.getByRole('button', { name: 'Replace credentials' });

    replace.click();
    expect(actions.confirmReplace).not.toHaveBeenCalled();
    await trustedClick(replace);
    expect(actions.confirmReplace).toHaveBeenCalledWith('h1');
    expect(status()).toMatch(/Filling in the credentials/);
    expect(screen.queryByRole('button', { name: 'Replace credentials' })).toBeNull();
    expect(container.querySelector('.replace')).toBeNull();

    // An older update arriving late does not undo a newer state.
    update(handoff({ state: 'needs-replace-confirmation', updatedAt: 6 }));
    expect(status()).toMatch(/Filling in the credentials/);
    update(handoff({ state: 'authorized', updatedAt: 12, location: { id: 'l1', name: 'Acme Austin' } }));
    expect(status()).toMatch(/Done: “Acme Austin” now uses this Twilio account/);
    expect(screen.getByRole('status').className).toBe('status success');
    expect(screen.getByRole('button', { name: 'Send to CRM' })).toHaveProperty('disabled', false);
  });

  it('“Not now” leaves the handoff waiting and names the popup', async () => {
    const { actions, update } = fakeActions();
    show({ sid: SID }, actions);
    await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
    update(handoff({ state: 'needs-replace-confirmation', updatedAt: 5, previousSid: PREVIOUS }));
    screen.getByRole('button', { name: 'Not now' }).click();
    expect(screen.getByRole('button', { name: 'Replace credentials' })).toBeTruthy();
    await trustedClick(screen.getByRole('button', { name: 'Not now' }));
    expect(screen.queryByRole('button', { name: 'Replace credentials' })).toBeNull();
    expect(status()).toMatch(/extension’s popup/);
    expect(actions.confirmReplace).not.toHaveBeenCalled();
  });

  it('says so in plain words when the token cannot be read, and points to the popup', async () => {
    const { actions } = fakeActions({
      send: vi.fn(async () => ({
        kind: 'unreadable' as const,
        reason: 'The Auth Token did not appear after clicking Show.',
        pageCopy: false,
      })),
    });
    show({ sid: SID }, actions);
    await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
    expect(status()).toMatch(
      /Could not read the Auth Token: The Auth Token did not appear after clicking Show\. Open the extension’s popup/,
    );
    expect(screen.getByRole('status').className).toBe('status error');
    expect(document.querySelector('input, textarea')).toBeNull();
    expect(actions.watch).not.toHaveBeenCalled();
  });

  it('names the page’s Copy button when that is the only way to the token, and says nothing was sent', async () => {
    const { actions } = fakeActions({
      send: vi.fn(async () => ({ kind: 'unreadable' as const, reason: 'Only a Copy button.', pageCopy: true })),
    });
    show({ sid: SID }, actions);
    await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
    expect(status()).toBe(
      'Could not read the Auth Token: Only a Copy button. Press the page’s Copy button next to the Auth Token, then open the extension’s popup (its icon in the browser toolbar) and paste it there, with the Account SID. Nothing was sent.',
    );
    expect(screen.getByRole('status').className).toBe('status warning');
    expect(actions.watch).not.toHaveBeenCalled();
  });

  it('on a console in another region: says so, offers no Send to CRM, still copies; back in US1 Send returns first', async () => {
    const { actions } = fakeActions();
    const dom = show({ sid: SID, region: 'ie1' }, actions);
    expect(buttonNames()).toEqual(['Move to another corner', 'Minimize', 'Copy credentials']);
    expect(container.querySelector('.notice')!.textContent).toMatch(
      /^This console is in the IE1 \(Ireland\) region, so Send to CRM is not offered here\. .* Switch the console to US1/,
    );
    await trustedClick(screen.getByRole('button', { name: 'Copy credentials' }));
    expect(actions.copy).toHaveBeenCalledWith(SID);
    expect(status()).toMatch(/Copied the Account SID and Auth Token/);
    // The notice stays beside the status line: the copy's outcome does not replace it.
    expect(container.querySelector('.notice')!.textContent).toMatch(/IE1 \(Ireland\)/);

    dom.update({ sid: SID, region: 'us1' });
    expect(buttonNames()).toEqual(['Move to another corner', 'Minimize', 'Send to CRM', 'Copy credentials']);
    expect(container.querySelector('.notice')!.textContent).toBe('');
    await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
    expect(actions.send).toHaveBeenCalledWith(SID);
  });

  it('copies on a trusted click and says what was copied; both buttons wait meanwhile', async () => {
    let finish: (() => void) | undefined;
    const { actions } = fakeActions({
      copy: vi.fn(() => new Promise<{ kind: 'copied'; clears: boolean }>((resolve) => (finish = () => resolve({ kind: 'copied', clears: true })))),
    });
    show({ sid: SID }, actions);
    await trustedClick(screen.getByRole('button', { name: 'Copy credentials' }));
    expect(actions.copy).toHaveBeenCalledWith(SID);
    expect(screen.getByRole('button', { name: 'Copy credentials' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Send to CRM' })).toHaveProperty('disabled', true);
    finish!();
    await flush();
    expect(status()).toMatch(/Copied the Account SID and Auth Token/);
    expect(screen.getByRole('button', { name: 'Copy credentials' })).toHaveProperty('disabled', false);
  });

  it('shows a refusal from the background as it is', async () => {
    const { actions } = fakeActions({
      send: vi.fn(async () => ({ kind: 'error' as const, message: 'The extension did not answer. Reload this page.' })),
    });
    show({ sid: SID }, actions);
    await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
    expect(status()).toBe('The extension did not answer. Reload this page.');
  });

  it('minimizes to one button and opens again, keeping its state and the focus on the toggle', async () => {
    const { actions } = fakeActions();
    show({ sid: SID }, actions);
    await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
    const minimize = screen.getByRole('button', { name: 'Minimize' });
    minimize.focus();
    await trustedClick(minimize);
    expect(buttonNames()).toEqual(['Handoff for Twilio']);
    const expand = screen.getByRole('button', { name: 'Handoff for Twilio' });
    expect(expand.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(expand);
    await trustedClick(expand);
    expect(buttonNames()).toEqual(['Move to another corner', 'Minimize', 'Send to CRM', 'Copy credentials']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Minimize' }));
    expect(status()).toMatch(/Checking .* with Twilio/);
  });

  it('destroy empties the container, stops following, and drops late replies', async () => {
    let finish: (() => void) | undefined;
    const { actions, stop, update } = fakeActions({
      copy: vi.fn(() => new Promise<{ kind: 'copied'; clears: boolean }>((resolve) => (finish = () => resolve({ kind: 'copied', clears: true })))),
    });
    const dom = show({ sid: SID }, actions);
    await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
    update(handoff({ state: 'authorized', updatedAt: 3 }));
    await trustedClick(screen.getByRole('button', { name: 'Copy credentials' }));
    dom.destroy();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(container.childNodes).toHaveLength(0);
    finish!();
    await flush();
    expect(container.childNodes).toHaveLength(0);
  });

  describe('the click guard', () => {
    const WORDS: Record<ClickRefusal, RegExp> = {
      'just-shown': /^Nothing was done: this box had only just appeared or moved\. Check it, then click again\.$/,
      covered: /^Nothing was done: something on the page covers or fades this box, so the click may not have been meant for it\. Make the whole box visible, then click again\.$/,
      'no-visibility-check': /^Nothing was done: this browser cannot tell .* whether something on the page hides this box, so its buttons stay off here\. Use the extension’s popup \(its icon in the browser toolbar\): paste the Account SID and Auth Token there, or answer Replace credentials there\.$/,
    };

    it('guards exactly Send to CRM, Copy credentials and Replace credentials, and is stopped with the overlay', () => {
      const { state, guard } = scriptedGuard();
      const dom = show({ sid: SID }, fakeActions().actions, guard);
      expect(state.guarded.map((b) => b.textContent)).toEqual(['Send to CRM', 'Copy credentials', 'Replace credentials']);
      expect(state.stopped).toBe(false);
      dom.destroy();
      expect(state.stopped).toBe(true);
    });

    it('watches the pointer and the focus on the whole box, and is told each time its buttons may have moved', async () => {
      const { state, guard } = scriptedGuard();
      const { actions, update } = fakeActions();
      show({ sid: SID }, actions, guard);
      expect(state.area).toBe(container);
      // Drawn once before the guard was made: nothing to tell it yet.
      expect(state.moves).toBe(0);
      await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
      const afterSend = state.moves;
      expect(afterSend).toBeGreaterThan(0);
      // A handoff's update redraws the status above the buttons.
      update(handoff({ state: 'filling', updatedAt: 5 }));
      expect(state.moves).toBeGreaterThan(afterSend);
      const beforeMinimize = state.moves;
      await trustedClick(screen.getByRole('button', { name: 'Minimize' }));
      expect(state.moves).toBeGreaterThan(beforeMinimize);
      const beforeOpen = state.moves;
      await trustedClick(screen.getByRole('button', { name: 'Handoff for Twilio' }));
      expect(state.moves).toBeGreaterThan(beforeOpen);
    });

    it.each<[ClickRefusal, 'Send to CRM' | 'Copy credentials']>([
      ['just-shown', 'Send to CRM'],
      ['covered', 'Send to CRM'],
      ['no-visibility-check', 'Send to CRM'],
      ['just-shown', 'Copy credentials'],
      ['covered', 'Copy credentials'],
      ['no-visibility-check', 'Copy credentials'],
    ])('%s: a trusted click on %s reads nothing, sends nothing, and says why', async (refusal, name) => {
      const { state, guard } = scriptedGuard();
      const { actions } = fakeActions();
      show({ sid: SID }, actions, guard);
      state.refusal = refusal;
      await trustedClick(screen.getByRole('button', { name }));
      expect(actions.send).not.toHaveBeenCalled();
      expect(actions.copy).not.toHaveBeenCalled();
      expect(status()).toMatch(WORDS[refusal]);
      expect(screen.getByRole('status').className).toBe('status warning');
      // Once the guard lets it through, the same click acts.
      state.refusal = null;
      await trustedClick(screen.getByRole('button', { name }));
      expect(name === 'Send to CRM' ? actions.send : actions.copy).toHaveBeenCalledWith(SID);
    });

    /** An overlay whose handoff waits for the Replace answer, its guard refusing from now on. */
    async function waitingForReplace(refusal: ClickRefusal) {
      const { state, guard } = scriptedGuard();
      const { actions, update } = fakeActions();
      show({ sid: SID }, actions, guard);
      await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
      update(handoff({ state: 'needs-replace-confirmation', updatedAt: 5, previousSid: PREVIOUS }));
      state.refusal = refusal;
      return { state, actions };
    }

    it('a refused Replace keeps the question and its buttons, and the next allowed click answers it', async () => {
      const { state, actions } = await waitingForReplace('covered');
      await trustedClick(screen.getByRole('button', { name: 'Replace credentials' }));
      expect(actions.confirmReplace).not.toHaveBeenCalled();
      expect(status()).toMatch(WORDS.covered);
      expect(buttonNames()).toEqual(['Move to another corner', 'Minimize', 'Replace credentials', 'Not now', 'Send to CRM', 'Copy credentials']);
      expect(screen.getByText(/Replace it with ACa1a1…a1a1\?/)).toBeTruthy();
      state.refusal = null;
      await trustedClick(screen.getByRole('button', { name: 'Replace credentials' }));
      expect(actions.confirmReplace).toHaveBeenCalledWith('h1');
    });

    it('a refusal gives way to the next handoff update', async () => {
      const { state, guard } = scriptedGuard();
      const { actions, update } = fakeActions();
      show({ sid: SID }, actions, guard);
      await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
      state.refusal = 'just-shown';
      await trustedClick(screen.getByRole('button', { name: 'Copy credentials' }));
      expect(status()).toMatch(WORDS['just-shown']);
      update(handoff({ state: 'filling', updatedAt: 7, location: { id: 'l1', name: 'Acme Austin' } }));
      expect(status()).toMatch(/Filling in the credentials for “Acme Austin”/);
    });

    it('Not now and Minimize are not guarded: they only change the box', async () => {
      await waitingForReplace('covered');
      await trustedClick(screen.getByRole('button', { name: 'Not now' }));
      expect(screen.queryByRole('button', { name: 'Replace credentials' })).toBeNull();
      await trustedClick(screen.getByRole('button', { name: 'Minimize' }));
      expect(buttonNames()).toEqual(['Handoff for Twilio']);
    });

    it('the main buttons are the box’s last row: the status and the question come and go above them', async () => {
      const { actions, update } = fakeActions();
      show({ sid: SID }, actions);
      const box = container.querySelector('section')!;
      const row = screen.getByRole('button', { name: 'Send to CRM' }).parentElement!;
      expect(box.lastElementChild).toBe(row);
      await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
      update(handoff({ state: 'needs-replace-confirmation', updatedAt: 5, previousSid: PREVIOUS }));
      expect(box.lastElementChild).toBe(row);
      expect(row.previousElementSibling).toBe(container.querySelector('.replace'));
      expect(screen.getByRole('status').compareDocumentPosition(row) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    });
  });
});

describe('the keyboard', () => {
  /** A key press the browser would mark as the admin's own (`trusted`), on `el`. */
  function press(el: HTMLElement, key: string, trusted = true) {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    if (trusted) Object.defineProperty(event, 'isTrusted', { value: true });
    el.dispatchEvent(event);
  }

  it('Escape anywhere in the box minimizes it without sending, and puts the focus on what is left', async () => {
    const { actions } = fakeActions();
    show({ sid: SID }, actions);
    const send = screen.getByRole('button', { name: 'Send to CRM' });
    send.focus();
    press(send, 'Escape');
    expect(buttonNames()).toEqual(['Handoff for Twilio']);
    expect(actions.send).not.toHaveBeenCalled();
    const expand = screen.getByRole('button', { name: 'Handoff for Twilio' });
    expect(document.activeElement).toBe(expand);
    // Enter or Space on a focused button is the browser's click on it: the box opens again.
    await trustedClick(expand);
    expect(buttonNames()).toEqual(['Move to another corner', 'Minimize', 'Send to CRM', 'Copy credentials']);
  });

  it.each<[string, string, boolean]>([
    ['a page script’s Escape (untrusted)', 'Escape', false],
    ['another key', 'Enter', true],
  ])('%s leaves the box as it is', (_name, key, trusted) => {
    show({ sid: SID }, fakeActions().actions);
    press(screen.getByRole('button', { name: 'Copy credentials' }), key, trusted);
    expect(buttonNames()).toEqual(['Move to another corner', 'Minimize', 'Send to CRM', 'Copy credentials']);
  });

  /** Alt+Shift+<code> pressed on the page, as the browser sends it (trusted unless said). */
  function chord(code: string, modifiers: { altKey?: boolean; shiftKey?: boolean; ctrlKey?: boolean } = { altKey: true, shiftKey: true }, trusted = true) {
    const event = new KeyboardEvent('keydown', { code, key: code.slice(3).toLowerCase(), bubbles: true, cancelable: true, ...modifiers });
    if (trusted) Object.defineProperty(event, 'isTrusted', { value: true });
    (document.activeElement ?? document.body).dispatchEvent(event);
    return event;
  }

  it('Alt+Shift+O from the page puts the focus on Send to CRM, opening a minimized box; Escape gives it back to the page', async () => {
    const { actions } = fakeActions();
    show({ sid: SID }, actions);
    const field = document.body.appendChild(document.createElement('input'));
    await trustedClick(screen.getByRole('button', { name: 'Minimize' }));
    field.focus();
    const event = chord('KeyO');
    expect(event.defaultPrevented).toBe(true);
    expect(buttonNames()).toEqual(['Move to another corner', 'Minimize', 'Send to CRM', 'Copy credentials']);
    const send = screen.getByRole('button', { name: 'Send to CRM' });
    expect(document.activeElement).toBe(send);
    expect(actions.send).not.toHaveBeenCalled();
    press(send, 'Escape');
    expect(buttonNames()).toEqual(['Handoff for Twilio']);
    expect(document.activeElement).toBe(field);
    field.remove();
  });

  it.each<[string, () => KeyboardEvent]>([
    ['a page script’s Alt+Shift+O (untrusted)', () => chord('KeyO', { altKey: true, shiftKey: true }, false)],
    ['Alt+O', () => chord('KeyO', { altKey: true })],
    ['Ctrl+Alt+Shift+O', () => chord('KeyO', { altKey: true, shiftKey: true, ctrlKey: true })],
    ['Alt+Shift+P', () => chord('KeyP')],
  ])('%s leaves the focus and the page’s key alone', (_name, pressIt) => {
    show({ sid: SID }, fakeActions().actions);
    const field = document.body.appendChild(document.createElement('input'));
    field.focus();
    expect(pressIt().defaultPrevented).toBe(false);
    expect(document.activeElement).toBe(field);
    field.remove();
  });

  it('names the box and its controls for assistive technology, and says Escape minimizes', () => {
    show({ sid: SID }, fakeActions().actions);
    expect(screen.getByRole('region', { name: 'Handoff for Twilio' })).toBeTruthy();
    const minimize = screen.getByRole('button', { name: 'Minimize' });
    expect(minimize.getAttribute('aria-keyshortcuts')).toBe('Escape');
    expect(minimize.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('status').getAttribute('aria-live')).toBe('polite');
  });
});

describe('the keyboard command (the browser’s shortcut, through the background)', () => {
  it('opens a minimized box and sends, without the click guard’s visibility rule', async () => {
    const { state, guard } = scriptedGuard();
    const { actions } = fakeActions();
    const dom = show({ sid: SID }, actions, guard);
    await trustedClick(screen.getByRole('button', { name: 'Minimize' }));
    state.refusal = 'covered';
    dom.command();
    await flush();
    expect(actions.send).toHaveBeenCalledWith(SID);
    expect(buttonNames()).toEqual(['Move to another corner', 'Minimize', 'Send to CRM', 'Copy credentials']);
    expect(status()).toMatch(/Checking .* with Twilio/);
  });

  it('does not start a second handoff while one is under way: the box shows the one there is', async () => {
    const { actions } = fakeActions();
    const dom = show({ sid: SID }, actions);
    await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
    dom.command();
    await flush();
    expect(actions.send).toHaveBeenCalledTimes(1);
    expect(status()).toMatch(/Checking .* with Twilio/);
  });

  it('in another Twilio Region sends nothing, and the box says why', async () => {
    const { actions } = fakeActions();
    const dom = show({ sid: SID, region: 'ie1' }, actions);
    dom.command();
    await flush();
    expect(actions.send).not.toHaveBeenCalled();
    expect(container.querySelector('.notice')!.textContent).toMatch(/IE1|region/i);
  });
});

describe('the corner', () => {
  const flushAll = async () => {
    await flush();
    await flush();
  };

  it('stands bottom right until the admin chooses; Move goes round the corners and is remembered', async () => {
    const { actions } = fakeActions();
    show({ sid: SID }, actions);
    await flushAll();
    expect(container.className).toBe('br');
    await trustedClick(screen.getByRole('button', { name: 'Move to another corner' }));
    expect(container.className).toBe('bl');
    expect(actions.saveCorner).toHaveBeenLastCalledWith('bl');
    await trustedClick(screen.getByRole('button', { name: 'Move to another corner' }));
    expect(container.className).toBe('tl');
    expect(actions.send).not.toHaveBeenCalled();
  });

  it('takes the corner the admin chose before (storage.local), on every page', async () => {
    const { actions } = fakeActions({ loadCorner: vi.fn(async () => 'tr' as const) });
    show({ sid: SID }, actions);
    await flushAll();
    expect(container.className).toBe('tr');
    expect(actions.saveCorner).not.toHaveBeenCalled();
  });

  it('keeps off the console’s credential fields: another corner while they are under the chosen one', async () => {
    const row = document.createElement('div');
    let rect = { left: innerWidth - 500, top: innerHeight - 120, right: innerWidth, bottom: innerHeight };
    row.getBoundingClientRect = () => ({ ...rect, x: rect.left, y: rect.top, width: 0, height: 0, toJSON: () => rect }) as DOMRect;
    overlay = renderConsoleOverlay(container, { sid: SID }, fakeActions().actions, scriptedGuard().guard, () => [row]);
    await flushAll();
    expect(container.className).toBe('bl');
    // The page scrolled the fields away: back to the chosen corner, once per frame.
    rect = { left: 0, top: -400, right: 400, bottom: -300 };
    document.dispatchEvent(new Event('scroll'));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await flushAll();
    expect(container.className).toBe('br');
  });
});
