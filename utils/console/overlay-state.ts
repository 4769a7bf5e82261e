import { COPY_CLEARS, COPY_STAYS } from '../../components/clipboard-text';
import { isFinal } from '../handoff/machine';
import type { OverlayHandoff } from '../messages';
import { shortSid } from '../twilio/credentials';
import type { ClickRefusal } from './click-guard';
import { CRM_REGION, regionNotice } from './region';
import { t } from '../i18n';

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

const PASTE_HINT = t('overlayPasteHint');
/** The extension never presses the page's Copy buttons nor reads the clipboard: the admin does both. */
const COPY_HINT = t('overlayCopyHint');

/** What Copy credentials puts on the clipboard: two labelled lines, ready for a note or the popup. */
export function clipboardText(sid: string, token: string): string {
  // i18n-ignore: the two labels are Twilio's own names for the values, as its console shows them in every language.
  return `Account SID: ${sid}\nAuth Token: ${token}`;
}

/** The background's reason, with the way on unless it already names the popup. */
function withPopup(reason: string, next: string): string {
  return reason.toLowerCase().includes(t('overlayPopupWord').toLowerCase()) ? reason : `${reason} ${next}`;
}

function quoted(name: string | undefined): string {
  return name ? t('overlayQuoted', name) : t('overlayTheLocation');
}

function handoffStatus(h: OverlayHandoff): { tone: Tone; text: string } {
  const where = quoted(h.location?.name);
  switch (h.state) {
    case 'captured':
    case 'verifying':
      return { tone: 'progress', text: t('overlayChecking') };
    case 'verified':
      return { tone: 'progress', text: t('overlayVerified') };
    case 'matched':
      return { tone: 'progress', text: t('overlayMatched', where) };
    case 'needs-choice':
      return {
        tone: 'warning',
        text: withPopup(
          h.reason ?? t('overlayNoSingleMatch'),
          t('overlayChooseInPopup'),
        ),
      };
    case 'needs-replace-confirmation':
      return {
        tone: 'warning',
        text: h.previousSid ? t('overlayOtherAccount', where, shortSid(h.previousSid)) : t('overlayOtherAccountUnknown', where),
      };
    case 'filling':
      return { tone: 'progress', text: t('overlayFilling', where) };
    case 'filled':
      return {
        tone: 'warning',
        text: t('overlayFilled', where),
      };
    case 'submitting':
      return { tone: 'progress', text: t('overlaySubmitting', where) };
    case 'authorized':
      return { tone: 'success', text: t('overlayAuthorized', where) };
    case 'failed':
      return {
        tone: 'error',
        text: t('overlayFailed', where, h.reason ?? t('overlayNoReason')),
      };
    case 'rejected':
      return { tone: 'error', text: t('overlayRejected', h.reason ?? t('overlayTwilioRefused')) };
    case 'needs-check':
      return {
        tone: 'warning',
        text: withPopup(
          t('overlayNeedsCheck', where, h.reason ?? t('overlayNotCertain')),
          t('overlayPopupDetails'),
        ),
      };
    case 'expired':
      return {
        tone: 'neutral',
        text: t('overlayExpired'),
      };
    case 'discarded':
      return { tone: 'neutral', text: t('overlayDiscarded') };
  }
}

/** Why a click did nothing, in words for the admin: what happened and what to do. */
const REFUSED: Record<ClickRefusal, string> = {
  'just-shown': t('overlayRefusedJustShown'),
  covered: t('overlayRefusedCovered'),
  'no-visibility-check': t('overlayRefusedNoVisibilityCheck'),
};

function activityStatus(a: OverlayActivity): { tone: Tone; text: string } | null {
  switch (a.kind) {
    case 'idle':
      return null;
    case 'reading':
      return { tone: 'progress', text: t('overlayReading') };
    case 'copying':
      return { tone: 'progress', text: t('overlayCopying') };
    case 'copied':
      return {
        tone: 'success',
        text: t('overlayCopied', a.clears ? COPY_CLEARS : COPY_STAYS),
      };
    case 'replacing':
      return { tone: 'progress', text: t('overlayReplacing') };
    case 'unreadable':
      return a.pageCopy
        ? { tone: 'warning', text: t('overlayUnreadable', a.reason, COPY_HINT) }
        : { tone: 'error', text: t('overlayUnreadable', a.reason, PASTE_HINT) };
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
        question: t('overlayReplaceQuestion', shortSid(h.sid)),
      };
    } else if (!own) {
      status = {
        tone: 'warning',
        text: t('overlayReplaceDismissed', quoted(h.location?.name)),
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
