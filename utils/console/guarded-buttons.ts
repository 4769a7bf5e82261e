import { type ClickGuard, type ClickRefusal, type Place, createClickGuard } from './click-guard';

/**
 * Feeds a ClickGuard per acting button (utils/console/click-guard.ts) with what the browser knows:
 * IntersectionObserver v2 reports whether the button is visible and unobscured (a decoy over it, even
 * one with `pointer-events: none`, an ancestor's opacity or filter, an invisible frame around the page
 * all count); its place is read every SAMPLE_MS and again at the click, since the observer says
 * nothing when an element only moves. A browser without IntersectionObserver v2 (Firefox, Safari)
 * cannot tell whether the overlay is covered: there every acting button refuses, and says why.
 */

export interface GuardedButtons {
  /** Why a click on `button` must not act now, or null. Unguarded buttons are never refused. */
  refusal(button: Element): ClickRefusal | null;
  stop(): void;
}

export type GuardButtons = (buttons: Element[]) => GuardedButtons;

/** Often enough that a move just before a click is still caught by the click's own reading. */
const SAMPLE_MS = 200;

/** Chromium's: `trackVisibility` asks for `isVisible`, which it computes at most every `delay` ms. */
const OBSERVER_OPTIONS = { trackVisibility: true, delay: 100 } as IntersectionObserverInit;

export function guardButtons(buttons: Element[], now: () => number = () => performance.now()): GuardedButtons {
  const supported = typeof IntersectionObserverEntry === 'function' && 'isVisible' in IntersectionObserverEntry.prototype;
  const guards = new Map<Element, ClickGuard>(buttons.map((button) => [button, createClickGuard(now)]));

  const read = (button: Element): Place => {
    if (!button.isConnected || document.visibilityState !== 'visible') return null;
    const { x, y, width, height } = button.getBoundingClientRect();
    return { x, y, width, height };
  };
  const sample = () => guards.forEach((guard, button) => guard.placed(read(button)));

  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  const observer = supported
    ? new IntersectionObserver((entries) => {
        for (const entry of entries) guards.get(entry.target)?.seen((entry as { isVisible?: boolean }).isVisible === true);
      }, OBSERVER_OPTIONS)
    : null;
  buttons.forEach((button) => observer?.observe(button));

  return {
    refusal(button) {
      const guard = guards.get(button);
      if (!guard) return null;
      if (!supported) return 'no-visibility-check';
      guard.placed(read(button));
      return guard.refusal();
    },
    stop() {
      clearInterval(timer);
      observer?.disconnect();
    },
  };
}
