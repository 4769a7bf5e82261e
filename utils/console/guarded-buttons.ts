import { type ClickGuard, type ClickRefusal, type Place, createClickGuard } from './click-guard';

/**
 * Feeds a ClickGuard per acting button (utils/console/click-guard.ts) with what the browser knows:
 * IntersectionObserver v2 reports whether the button is visible and unobscured (a decoy over it, even
 * one with `pointer-events: none`, an ancestor's opacity or filter, an invisible frame around the page
 * all count); its place is read every SAMPLE_MS, when the tab is hidden or shown, and again at the
 * click, since the observer says nothing when an element only moves. A browser without
 * IntersectionObserver v2 (Firefox, Safari) cannot tell whether the overlay is covered: there every
 * acting button refuses, and says why.
 *
 * The timer's readings wait for the browser's next layout: a ResizeObserver reports an element it
 * starts observing in the browser's own rendering step, after layout, where reading a place costs no
 * layout of ours. Read from the timer itself, a place makes the browser lay out at once whatever the
 * page changed since; on a console page that keeps changing (a live log) that was most of the overlay's
 * cost to the page (docs/performance.md). The click's own reading is taken at once.
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
  // Reports once per observe(): disconnected at each report, observed again by the timer.
  const afterLayout =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver(() => {
          afterLayout?.disconnect();
          sample();
        })
      : null;
  const sampleAfterLayout = () => {
    if (!afterLayout) return sample();
    for (const button of buttons) afterLayout.observe(button);
  };

  sample();
  const timer = setInterval(sampleAfterLayout, SAMPLE_MS);
  // A hidden tab lays nothing out: its readings (none) and the one when it is shown again are taken at once.
  document.addEventListener('visibilitychange', sample);
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
      afterLayout?.disconnect();
      document.removeEventListener('visibilitychange', sample);
      observer?.disconnect();
    },
  };
}
