import { COPY_CLEARS, COPY_STAYS } from '../../components/clipboard-text';
import { isFinal } from '../handoff/machine';
import type { OverlayHandoff } from '../messages';
import { shortSid } from '../twilio/credentials';
import type { ClickRefusal } from './click-guard';
import { CRM_REGION, regionNotice } from './region';

/**
 * What the console overlay shows, as a pure function of the account the page shows, the handoff the
 * background reports for it, and what the overlay itself is doing. Every sentence is for an admin:
 * plain words, what happened, what to do next. No token ever appears here.
 */

export interface OverlayAccount {
  sid: string;
  /** The name the page labels, if any. */
  name?: string;
  /** The Twilio Region of the console page (utils/console/region.ts); US1 when not given. */
  region?: string;
}

/** What the overlay is doing itself, before or beside the background's handoff. */
export type OverlayActivity =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'copying' }
  /** `clears`: the background will clear the clipboard of it after a while. */
  | { kind: 'copied'; clears: boolean }
  | { kind: 'replacing' }
  /**
   * The token could not be read from the page: the popup's paste field is the way on, with the
   * page's own Copy button next to the token when it has one (`pageCopy`).
   */
  | { kind: 'unreadable'; reason: string; pageCopy?: boolean }
  | { kind: 'error'; message: string }
  /** A click the overlay did not act on, for fear it was not meant for it (utils/console/click-guard.ts). */
  | { kind: 'refused'; refusal: ClickRefusal };

export type Tone = 'neutral' | 'progress' | 'success' | 'warning' | 'error';

export interface OverlayInput {
  account: OverlayAccount;
  handoff: OverlayHandoff | null;
  activity: OverlayActivity;
  /** The admin answered "Not now" to the Replace credentials question. */
  replaceDismissed: boolean;
}

export interface OverlayView {
  /** The account's name (the page's, else Twilio's once verified), or null. */
  name: string | null;
  shortSid: string;
  status: { tone: Tone; text: string } | null;
  /** An overlay action is running: both buttons wait. */
  busy: boolean;
  /** A handoff for this account is still under way: sending again would start a second one. */
  sendDisabled: boolean;
  /** Send to CRM is shown at all: not on a console in another region than the CRM's. */
  sendOffered: boolean;
  /** What the admin should know about the page before any click (its region), or null. */
  notice: string | null;
  /** The Replace credentials question, when the background waits for it. */
  replace: { question: string } | null;
}

const PASTE_HINT =
  'Open the extension’s popup (its icon in the browser toolbar) and paste the Auth Token there.';
/** The extension never presses the page's Copy buttons nor reads the clipboard: the admin does both. */
const COPY_HINT =
  'Press the page’s Copy button next to the Auth Token, then open the extension’s popup (its icon in the browser toolbar) and paste it there, with the Account SID. Nothing was sent.';

/** What Copy credentials puts on the clipboard: two labelled lines, ready for a note or the popup. */
export function clipboardText(sid: string, token: string): string {
  return `Account SID: ${sid}\nAuth Token: ${token}`;
}

/** The background's reason, with the way on unless it already names the popup. */
function withPopup(reason: string, next: string): string {
  return reason.toLowerCase().includes('popup') ? reason : `${reason} ${next}`;
}

function quoted(name: string | undefined): string {
  return name ? `“${name}”` : 'the CRM location';
}

function handoffStatus(h: OverlayHandoff): { tone: Tone; text: string } {
  const where = quoted(h.location?.name);
  switch (h.state) {
    case 'captured':
    case 'verifying':
      return { tone: 'progress', text: 'Checking the Account SID and Auth Token with Twilio…' };
    case 'verified':
      return { tone: 'progress', text: 'Twilio accepted the credentials. Finding the matching CRM location…' };
    case 'matched':
      return { tone: 'progress', text: `Matched to the CRM location ${where}. Opening it in the CRM…` };
    case 'needs-choice':
      return {
        tone: 'warning',
        text: withPopup(
          h.reason ?? 'No single CRM location matches this account’s name.',
          'Open the extension’s popup to choose the location.',
        ),
      };
    case 'needs-replace-confirmation':
      return {
        tone: 'warning',
        text: `${where} is connected to another Twilio account now (${h.previousSid ? shortSid(h.previousSid) : 'unknown'}).`,
      };
    case 'filling':
      return { tone: 'progress', text: `Filling in the credentials for ${where} in the CRM…` };
    case 'filled':
      return {
        tone: 'warning',
        text: `The credentials are filled in for ${where}. Check them in the CRM tab and click Authorize there.`,
      };
    case 'submitting':
      return { tone: 'progress', text: `Authorizing ${where} in the CRM…` };
    case 'authorized':
      return { tone: 'success', text: `Done: ${where} now uses this Twilio account.` };
    case 'failed':
      return {
        tone: 'error',
        text: `The CRM did not take the credentials for ${where}: ${h.reason ?? 'no reason was given.'}`,
      };
    case 'rejected':
      return { tone: 'error', text: `Not sent to the CRM: ${h.reason ?? 'Twilio did not accept these credentials.'}` };
    case 'needs-check':
      return {
        tone: 'warning',
        text: withPopup(
          `Please check ${where} in the CRM: ${h.reason ?? 'it is not certain whether the CRM saved the credentials.'} Nothing more will be sent by itself.`,
          'The extension’s popup has the details.',
        ),
      };
    case 'expired':
      return {
        tone: 'neutral',
        text: 'This handoff expired and the extension forgot the Auth Token. Click Send to CRM to start again.',
      };
    case 'discarded':
      return { tone: 'neutral', text: 'This handoff was discarded. Click Send to CRM to start again.' };
  }
}

/** Why a click did nothing, in words for the admin: what happened and what to do. */
const REFUSED: Record<ClickRefusal, string> = {
  'just-shown': 'Nothing was done: this box had only just appeared or moved. Check it, then click again.',
  covered: 'Nothing was done: something on the page covers or fades this box, so the click may not have been meant for it. Make the whole box visible, then click again.',
  'no-visibility-check':
    'Nothing was done: this browser cannot tell the extension whether something on the page hides this box, so its buttons stay off here. Use the extension’s popup (its icon in the browser toolbar): paste the Account SID and Auth Token there, or answer Replace credentials there.',
};

function activityStatus(a: OverlayActivity): { tone: Tone; text: string } | null {
  switch (a.kind) {
    case 'idle':
      return null;
    case 'reading':
      return { tone: 'progress', text: 'Reading the Account SID and Auth Token on this page…' };
    case 'copying':
      return { tone: 'progress', text: 'Reading the credentials to copy…' };
    case 'copied':
      return {
        tone: 'success',
        text: `Copied the Account SID and Auth Token, on two lines. ${a.clears ? COPY_CLEARS : COPY_STAYS}`,
      };
    case 'replacing':
      return { tone: 'progress', text: 'Replacing the credentials in the CRM…' };
    case 'unreadable':
      return a.pageCopy
        ? { tone: 'warning', text: `Could not read the Auth Token: ${a.reason} ${COPY_HINT}` }
        : { tone: 'error', text: `Could not read the Auth Token: ${a.reason} ${PASTE_HINT}` };
    case 'error':
      return { tone: 'error', text: a.message };
    case 'refused':
      return { tone: 'warning', text: REFUSED[a.refusal] };
  }
}

const BUSY: ReadonlySet<OverlayActivity['kind']> = new Set(['reading', 'copying', 'replacing']);

export function overlayView({ account, handoff, activity, replaceDismissed }: OverlayInput): OverlayView {
  // A handoff of another account (the page switched accounts) says nothing about this one.
  const h = handoff && handoff.sid === account.sid ? handoff : null;
  const busy = BUSY.has(activity.kind);
  const own = activityStatus(activity);
  let status = own ?? (h ? handoffStatus(h) : null);
  let replace: OverlayView['replace'] = null;
  // A refused click keeps the question (and says why above it): the admin answers once the box is clear.
  if ((!own || activity.kind === 'refused') && h?.state === 'needs-replace-confirmation') {
    if (!replaceDismissed) {
      replace = {
        question: `Replace it with ${shortSid(h.sid)}? The phone numbers of the current account will stop serving this location.`,
      };
    } else if (!own) {
      status = {
        tone: 'warning',
        text: `${quoted(h.location?.name)} keeps its current Twilio account for now. The handoff waits; you can still replace the credentials from the extension’s popup.`,
      };
    }
  }
  const region = account.region ?? CRM_REGION;
  const otherRegion = region !== CRM_REGION;
  return {
    name: account.name ?? h?.friendlyName ?? null,
    shortSid: shortSid(account.sid),
    status,
    busy,
    sendDisabled: busy || (h !== null && !isFinal(h.state)),
    sendOffered: !otherRegion,
    notice: otherRegion ? regionNotice(region) : null,
    replace,
  };
}
