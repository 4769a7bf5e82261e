import { describe, expect, it } from 'vitest';
import { newHandoff } from '../../utils/handoff/machine';
import { HANDOFF_STATES, type Handoff, type HandoffState } from '../../utils/handoff/types';
import { type OverlayActivity, clipboardText, overlayView } from '../../utils/console/overlay-state';

const SID = `AC${'a1'.repeat(16)}`;
const PREVIOUS = `AC${'77'.repeat(16)}`;
const TOKEN = 'f0'.repeat(16);
const account = { sid: SID, name: 'Acme Dental - Austin' };

function handoff(state: HandoffState, extra: Partial<Handoff> = {}): Handoff {
  return {
    ...newHandoff({ id: 'h1', sid: SID, crmHost: 'app.gohighlevel.com', now: 1, lifetimeMs: 900_000 }),
    state,
    location: { id: 'loc1', name: 'Acme Dental – Austin' },
    ...extra,
  };
}

const idle: OverlayActivity = { kind: 'idle' };

describe('overlayView: each handoff state in words', () => {
  it.each<[HandoffState, Partial<Handoff>, RegExp, string, boolean]>([
    ['captured', {}, /Checking .* with Twilio/, 'progress', true],
    ['verifying', {}, /Checking .* with Twilio/, 'progress', true],
    ['verified', {}, /Twilio accepted .* Finding the matching CRM location/, 'progress', true],
    ['matched', {}, /Matched to the CRM location “Acme Dental – Austin”/, 'progress', true],
    ['needs-choice', { reason: 'Two locations are named “Acme”.' }, /Two locations .* Open the extension’s popup to choose/, 'warning', true],
    ['needs-replace-confirmation', { previousSid: PREVIOUS }, /“Acme Dental – Austin” is connected to another Twilio account now \(AC7777…7777\)/, 'warning', true],
    ['filling', {}, /Filling in the credentials for “Acme Dental – Austin”/, 'progress', true],
    ['filled', {}, /click Authorize there/, 'warning', true],
    ['submitting', {}, /Authorizing “Acme Dental – Austin”/, 'progress', true],
    ['authorized', {}, /Done: “Acme Dental – Austin” now uses this Twilio account/, 'success', false],
    ['failed', { reason: 'Invalid credentials.' }, /The CRM did not take the credentials .*: Invalid credentials\./, 'error', false],
    ['rejected', { reason: 'Twilio refused the pair (20003).' }, /Not sent to the CRM: Twilio refused the pair/, 'error', false],
    ['needs-check', { reason: 'The page reloaded after Authorize.' }, /Please check .*: The page reloaded after Authorize\. Nothing more will be sent by itself/, 'warning', false],
    ['expired', {}, /expired .* Click Send to CRM to start again/, 'neutral', false],
    ['discarded', {}, /discarded/, 'neutral', false],
  ])('%s', (state, extra, text, tone, sendDisabled) => {
    const view = overlayView({ account, handoff: handoff(state, extra), activity: idle, replaceDismissed: false });
    expect(view.status?.text).toMatch(text);
    expect(view.status?.tone).toBe(tone);
    expect(view.sendDisabled).toBe(sendDisabled);
    expect(view.replace !== null).toBe(state === 'needs-replace-confirmation');
  });

  it('names the popup once, whether or not the background’s reason already does', () => {
    const said = overlayView({
      account,
      handoff: handoff('needs-choice', { reason: 'No CRM location has this name. Choose the location in the extension popup.' }),
      activity: idle,
      replaceDismissed: false,
    });
    expect(said.status?.text).toBe('No CRM location has this name. Choose the location in the extension popup.');
  });

  it('covers every state', () => {
    for (const state of HANDOFF_STATES) {
      expect(overlayView({ account, handoff: handoff(state), activity: idle, replaceDismissed: false }).status).not.toBeNull();
    }
  });

  it('asks before replacing, naming the SID that would replace the current one', () => {
    const view = overlayView({
      account,
      handoff: handoff('needs-replace-confirmation', { previousSid: PREVIOUS }),
      activity: idle,
      replaceDismissed: false,
    });
    expect(view.replace?.question).toMatch(/Replace it with ACa1a1…a1a1\? The phone numbers of the current account will stop/);
  });

  it('after "Not now" the question goes and the popup is named', () => {
    const view = overlayView({
      account,
      handoff: handoff('needs-replace-confirmation', { previousSid: PREVIOUS }),
      activity: idle,
      replaceDismissed: true,
    });
    expect(view.replace).toBeNull();
    expect(view.status?.text).toMatch(/keeps its current Twilio account .* extension’s popup/);
  });

  it('a refused click keeps the Replace question; after "Not now" the refusal is what shows', () => {
    const waiting = handoff('needs-replace-confirmation', { previousSid: PREVIOUS });
    const refused: OverlayActivity = { kind: 'refused', refusal: 'covered' };
    const asked = overlayView({ account, handoff: waiting, activity: refused, replaceDismissed: false });
    expect(asked.replace?.question).toMatch(/^Replace it with/);
    expect(asked.status?.text).toMatch(/^Nothing was done: something on the page covers/);
    const dismissed = overlayView({ account, handoff: waiting, activity: refused, replaceDismissed: true });
    expect(dismissed.replace).toBeNull();
    expect(dismissed.status?.text).toMatch(/^Nothing was done: something on the page covers/);
  });

  it('ignores a handoff of another account (the page switched accounts)', () => {
    const other = handoff('authorized', { sid: PREVIOUS });
    const view = overlayView({ account, handoff: other, activity: idle, replaceDismissed: false });
    expect(view.status).toBeNull();
    expect(view.sendDisabled).toBe(false);
  });
});

describe('overlayView: the account and the overlay’s own work', () => {
  it('shows the page’s name and the SID shortened, else Twilio’s name once known', () => {
    expect(overlayView({ account, handoff: null, activity: idle, replaceDismissed: false })).toMatchObject({
      name: 'Acme Dental - Austin',
      shortSid: 'ACa1a1…a1a1',
      status: null,
      busy: false,
      sendDisabled: false,
    });
    const unnamed = overlayView({
      account: { sid: SID },
      handoff: handoff('verified', { friendlyName: 'From Twilio' }),
      activity: idle,
      replaceDismissed: false,
    });
    expect(unnamed.name).toBe('From Twilio');
    expect(overlayView({ account: { sid: SID }, handoff: null, activity: idle, replaceDismissed: false }).name).toBeNull();
  });

  it.each<[OverlayActivity, RegExp, boolean]>([
    [{ kind: 'reading' }, /Reading the Account SID and Auth Token/, true],
    [{ kind: 'copying' }, /Reading the credentials to copy/, true],
    [{ kind: 'replacing' }, /Replacing the credentials/, true],
    [{ kind: 'copied', clears: true }, /^Copied the Account SID and Auth Token, on two lines\. Cleared from the clipboard in 60 s\.$/, false],
    [{ kind: 'copied', clears: false }, /^Copied the Account SID and Auth Token, on two lines\. The Auth Token stays on your clipboard: turn on clearing in Options\.$/, false],
    [
      { kind: 'unreadable', reason: 'The Auth Token did not appear after clicking Show.' },
      /Could not read the Auth Token: The Auth Token did not appear after clicking Show\. Open the extension’s popup .* paste the Auth Token there\./,
      false,
    ],
    [
      { kind: 'unreadable', reason: 'The Auth Token is hidden on this page, with no Show button next to it, only a Copy button.', pageCopy: true },
      /^Could not read the Auth Token: .* only a Copy button\. Press the page’s Copy button next to the Auth Token, then open the extension’s popup \(its icon in the browser toolbar\) and paste it there, with the Account SID\. Nothing was sent\.$/,
      false,
    ],
    [{ kind: 'error', message: 'The extension did not answer.' }, /^The extension did not answer\.$/, false],
    [{ kind: 'refused', refusal: 'just-shown' }, /^Nothing was done: this box had only just appeared or moved\. Check it, then click again\.$/, false],
    [{ kind: 'refused', refusal: 'covered' }, /^Nothing was done: something on the page covers or fades this box/, false],
    [{ kind: 'refused', refusal: 'no-visibility-check' }, /^Nothing was done: this browser cannot tell .* Use the extension’s popup .* or answer Replace credentials there\.$/, false],
  ])('%j', (activity, text, busy) => {
    const view = overlayView({ account, handoff: handoff('verifying'), activity, replaceDismissed: false });
    expect(view.status?.text).toMatch(text);
    expect(view.busy).toBe(busy);
    expect(view.sendDisabled).toBe(true);
  });

  it.each<[string, string | undefined, boolean, RegExp | null]>([
    ['no region given (US1)', undefined, true, null],
    ['US1', 'us1', true, null],
    ['IE1', 'ie1', false, /^This console is in the IE1 \(Ireland\) region, so Send to CRM is not offered here\. Auth Tokens work only in their own region, and the CRM connects to US1 \(United States\) accounts\. Switch the console to US1, or use a sub-account in US1\.$/],
    ['AU1', 'au1', false, /AU1 \(Australia\)/],
  ])('a console in %s: Send offered %s', (_name, region, offered, notice) => {
    const view = overlayView({ account: { ...account, region }, handoff: null, activity: idle, replaceDismissed: false });
    expect(view.sendOffered).toBe(offered);
    if (notice) expect(view.notice).toMatch(notice);
    else expect(view.notice).toBeNull();
    // The notice is not the status line: what Copy credentials reports does not replace it.
    const copied = overlayView({ account: { ...account, region }, handoff: null, activity: { kind: 'copied', clears: false }, replaceDismissed: false });
    expect(copied.notice).toBe(view.notice);
    expect(copied.status?.text).toMatch(/Copied/);
  });

  it('never puts the token in what it shows', () => {
    for (const state of HANDOFF_STATES) {
      const view = overlayView({ account, handoff: handoff(state), activity: { kind: 'copied', clears: false }, replaceDismissed: false });
      expect(JSON.stringify(view)).not.toContain(TOKEN);
    }
  });
});

describe('clipboardText', () => {
  it('is two labelled lines', () => {
    expect(clipboardText(SID, TOKEN)).toBe(`Account SID: ${SID}\nAuth Token: ${TOKEN}`);
  });
});
