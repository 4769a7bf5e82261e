/**
 * Whether a trusted click on one of the overlay's acting buttons (Send to CRM, Copy credentials,
 * Replace credentials) may act. A trusted click proves a person clicked, not that they saw what they
 * clicked: a console page's script can lay a decoy with `pointer-events: none` over the overlay (the
 * click goes through to our button), make the overlay nearly transparent, or move it under the
 * pointer just before a click aimed elsewhere. So a button acts only when the browser reports it
 * visible and unobscured (IntersectionObserver v2's `isVisible`) and it has stayed where it is, in
 * sight, for SETTLE_MS. Pure: the readings come in from utils/console/guarded-buttons.ts.
 */

/** Why a click must not act: no visibility report in this browser, covered or faded, or not yet settled. */
export type ClickRefusal = 'no-visibility-check' | 'covered' | 'just-shown';

/** A button's place on screen; null while it is not on the page or the tab is hidden. */
export type Place = { x: number; y: number; width: number; height: number } | null;

/** How long a button must have stayed in place and in sight: about a glance, long for a trick. */
export const SETTLE_MS = 500;

export interface ClickGuard {
  /** The browser's latest `isVisible` for the button. */
  seen(visible: boolean): void;
  /** A reading of the button's place: a change (appearing, moving, leaving) starts the wait again. */
  placed(place: Place): void;
  /** Why a click now must not act, or null. */
  refusal(): ClickRefusal | null;
}

const samePlace = (a: Place | undefined, b: Place) =>
  a === b || (!!a && !!b && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);

export function createClickGuard(now: () => number, settleMs = SETTLE_MS): ClickGuard {
  /** undefined until the browser's first report. */
  let visible: boolean | undefined;
  /** undefined until the first reading. */
  let place: Place | undefined;
  /** When the button last appeared, moved, or came back into sight after being covered. */
  let since = now();

  return {
    seen(next) {
      // From covered to visible is the button appearing to the eye. The first report is not: the
      // button's appearance on the page already started the wait.
      if (next && visible === false) since = now();
      visible = next;
    },
    placed(next) {
      if (!samePlace(place, next)) since = now();
      place = next;
    },
    refusal() {
      if (place === null || now() - since < settleMs) return 'just-shown';
      return visible ? null : 'covered';
    },
  };
}
