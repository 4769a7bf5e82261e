import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleOverlay } from '../../components/ConsoleOverlay';
import type { OverlayActions } from '../../utils/console/actions';
import { newHandoff } from '../../utils/handoff/machine';
import type { Handoff } from '../../utils/handoff/types';

/**
 * The overlay's buttons act only on trusted events, name the account, and follow the handoff the
 * background reports. happy-dom makes only untrusted events; a trusted one is marked by hand.
 */

const SID = `AC${'a1'.repeat(16)}`;
const PREVIOUS = `AC${'77'.repeat(16)}`;

function handoff(extra: Partial<Handoff> = {}): Handoff {
  return {
    ...newHandoff({ id: 'h1', sid: SID, crmHost: 'app.gohighlevel.com', now: 1, lifetimeMs: 900_000 }),
    ...extra,
  };
}

function fakeActions(overrides: Partial<OverlayActions> = {}) {
  let push: ((h: Handoff) => void) | undefined;
  const actions: OverlayActions = {
    send: vi.fn(async () => ({ kind: 'sent' as const, handoff: handoff({ state: 'verifying', updatedAt: 2 }) })),
    copy: vi.fn(async () => ({ kind: 'copied' as const })),
    confirmReplace: vi.fn(async () => ({ ok: true as const, handoff: handoff({ state: 'filling', updatedAt: 9 }) })),
    refresh: vi.fn(async () => ({ ok: false as const, message: 'not needed' })),
    watch: vi.fn((_id: string, onUpdate: (h: Handoff) => void) => {
      push = onUpdate;
      return () => (push = undefined);
    }),
    ...overrides,
  };
  return { actions, update: (h: Handoff) => act(() => push?.(h)) };
}

/** A click the browser would mark as the admin's own. */
async function trustedClick(el: HTMLElement) {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  await act(async () => {
    el.dispatchEvent(event);
  });
}

afterEach(cleanup);

describe('ConsoleOverlay', () => {
  it('names the account and offers exactly the two buttons', () => {
    const { actions } = fakeActions();
    render(<ConsoleOverlay account={{ sid: SID, name: 'Acme <b>Dental</b>' }} actions={actions} />);
    expect(screen.getByText('Acme <b>Dental</b>')).toBeTruthy();
    expect(screen.getByText('ACa1a1…a1a1')).toBeTruthy();
    const names = screen.getAllByRole('button').map((b) => b.getAttribute('aria-label') ?? b.textContent);
    expect(names).toEqual(['Minimize', 'Send to CRM', 'Copy credentials']);
    expect(document.body.innerHTML).not.toContain('<b>');
  });

  it('ignores untrusted clicks (a page script clicking)', async () => {
    const { actions } = fakeActions();
    render(<ConsoleOverlay account={{ sid: SID }} actions={actions} />);
    await act(async () => {
      screen.getByRole('button', { name: 'Send to CRM' }).click();
      screen.getByRole('button', { name: 'Copy credentials' }).click();
    });
    expect(actions.send).not.toHaveBeenCalled();
    expect(actions.copy).not.toHaveBeenCalled();
  });

  it('sends on a trusted click, then follows the handoff to the Replace question and on', async () => {
    const { actions, update } = fakeActions();
    render(<ConsoleOverlay account={{ sid: SID }} actions={actions} />);
    await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
    expect(actions.send).toHaveBeenCalledWith(SID);
    expect(screen.getByRole('status').textContent).toMatch(/Checking .* with Twilio/);
    expect(screen.getByRole('button', { name: 'Send to CRM' })).toHaveProperty('disabled', true);
    expect(actions.watch).toHaveBeenCalledWith('h1', expect.any(Function));

    update(handoff({ state: 'needs-replace-confirmation', updatedAt: 5, previousSid: PREVIOUS, location: { id: 'l1', name: 'Acme Austin' } }));
    expect(screen.getByRole('status').textContent).toMatch(/“Acme Austin” is connected to another Twilio account now \(AC7777…7777\)/);
    const replace = screen.getByRole('button', { name: 'Replace credentials' });

    replace.click();
    expect(actions.confirmReplace).not.toHaveBeenCalled();
    await trustedClick(replace);
    expect(actions.confirmReplace).toHaveBeenCalledWith('h1');
    expect(screen.getByRole('status').textContent).toMatch(/Filling in the credentials/);
    expect(screen.queryByRole('button', { name: 'Replace credentials' })).toBeNull();

    // An older update arriving late does not undo a newer state.
    update(handoff({ state: 'needs-replace-confirmation', updatedAt: 6 }));
    expect(screen.getByRole('status').textContent).toMatch(/Filling in the credentials/);
    update(handoff({ state: 'authorized', updatedAt: 12, location: { id: 'l1', name: 'Acme Austin' } }));
    expect(screen.getByRole('status').textContent).toMatch(/Done: “Acme Austin” now uses this Twilio account/);
    expect(screen.getByRole('button', { name: 'Send to CRM' })).toHaveProperty('disabled', false);
  });

  it('“Not now” leaves the handoff waiting and names the popup', async () => {
    const { actions, update } = fakeActions();
    render(<ConsoleOverlay account={{ sid: SID }} actions={actions} />);
    await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
    update(handoff({ state: 'needs-replace-confirmation', updatedAt: 5, previousSid: PREVIOUS }));
    await trustedClick(screen.getByRole('button', { name: 'Not now' }));
    expect(screen.queryByRole('button', { name: 'Replace credentials' })).toBeNull();
    expect(screen.getByRole('status').textContent).toMatch(/extension’s popup/);
    expect(actions.confirmReplace).not.toHaveBeenCalled();
  });

  it('says so in plain words when the token cannot be read, and points to the popup', async () => {
    const { actions } = fakeActions({
      send: vi.fn(async () => ({ kind: 'unreadable' as const, reason: 'The Auth Token did not appear after clicking Show.' })),
    });
    render(<ConsoleOverlay account={{ sid: SID }} actions={actions} />);
    await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
    expect(screen.getByRole('status').textContent).toMatch(
      /Could not read the Auth Token: The Auth Token did not appear after clicking Show\. Open the extension’s popup/,
    );
    expect(document.querySelector('input, textarea')).toBeNull();
    expect(actions.watch).not.toHaveBeenCalled();
  });

  it('copies on a trusted click and says what was copied', async () => {
    const { actions } = fakeActions();
    render(<ConsoleOverlay account={{ sid: SID }} actions={actions} />);
    await trustedClick(screen.getByRole('button', { name: 'Copy credentials' }));
    expect(actions.copy).toHaveBeenCalledWith(SID);
    expect(screen.getByRole('status').textContent).toMatch(/Copied the Account SID and Auth Token/);
  });

  it('shows a refusal from the background as it is', async () => {
    const { actions } = fakeActions({
      send: vi.fn(async () => ({ kind: 'error' as const, message: 'The extension did not answer. Reload this page.' })),
    });
    render(<ConsoleOverlay account={{ sid: SID }} actions={actions} />);
    await trustedClick(screen.getByRole('button', { name: 'Send to CRM' }));
    expect(screen.getByRole('status').textContent).toBe('The extension did not answer. Reload this page.');
  });

  it('minimizes to one button and opens again', async () => {
    const { actions } = fakeActions();
    render(<ConsoleOverlay account={{ sid: SID }} actions={actions} />);
    await trustedClick(screen.getByRole('button', { name: 'Minimize' }));
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Twilio Handoff']);
    await trustedClick(screen.getByRole('button', { name: 'Twilio Handoff' }));
    expect(screen.getByRole('button', { name: 'Send to CRM' })).toBeTruthy();
  });
});
