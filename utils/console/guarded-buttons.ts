import { type ClickGuard, type ClickRefusal, type Place, createClickGuard } from './click-guard';

/**
 * Feeds a ClickGuard per acting button (utils/console/click-guard.ts) with what the browser knows:
 * IntersectionObserver v2 reports whether the button is visible and unobscured (a decoy over it, even
 * one with `pointer-events: none`, an ancestor's opacity or filter, an invisible frame around the page
 * all count). A browser without IntersectionObserver v2 (Firefox, Safari) cannot tell whether the
 * overlay is covered: there every acting button refuses, and says why.
 *
 * The buttons' places are read when they are made, at every click, and whenever they may have moved
 * before one: when the overlay redraws or changes corner (`moved()`), when the window is resized (the
 * box is fixed to a corner of it), when the tab is hidden or shown, when the keyboard focus comes into
 * the box, and every SAMPLE_MS while the pointer is over it (the page can move the box under a still
 * pointer). Nobody near the box, nothing runs: an open console tab costs no timer of ours
 * (docs/performance.md). Fewer readings never let a click through that more would refuse: the click's
 * own reading is compared with the last one, and any difference (a move nobody read) starts the wait
 * then. Readings only make the wait start when the move happened, not at the click.
 *
 * Readings other than the click's wait for the browser's next layout: a ResizeObserver reports an
 * element it starts observing in the browser's own rendering step, after layout, where reading a place
 * costs no layout of ours. Read at once, a place makes the browser lay out whatever the page changed
 * since; on a console page that keeps changing (a live log) that was most of the overlay's cost to the
 * page. The click's own reading is taken at once.
 */

export interface GuardedButtons {
  /** Why a click on `button` must not act now, or null. Unguarded buttons are never refused. */
  refusal(button: Element): ClickRefusal | null;
  /** The buttons may have moved (the overlay redrew, took another corner): read once laid out. */
  moved(): void;
  stop(): void;
}

/** `area`: the element holding the buttons (the overlay's container), where the pointer and the focus are watched. */
export type GuardButtons = (buttons: Element[], area: Element) => GuardedButtons;

/** While the pointer is over the box: often enough that a move under it is seen before the click. */
const SAMPLE_MS = 200;

/** Chromium's: `trackVisibility` asks for `isVisible`, which it computes at most every `delay` ms. */
const OBSERVER_OPTIONS = { trackVisibility: true, delay: 100 } as IntersectionObserverInit;

export function guardButtons(buttons: Element[], area: Element, now: () => number = () => performance.now()): GuardedButtons {
  const supported = typeof IntersectionObserverEntry === 'function' && 'isVisible' in IntersectionObserverEntry.prototype;
  const guards = new Map<Element, ClickGuard>(buttons.map((button) => [button, createClickGuard(now)]));

  const read = (button: Element): Place => {
    if (!button.isConnected || document.visibilityState !== 'visible') return null;
    const { x, y, width, height } = button.getBoundingClientRect();
    return { x, y, width, height };
  };
  const sample = () => guards.forEach((guard, button) => guard.placed(read(button)));
  // Reports once per observe(): disconnected at each report, observed again at the next reason to read.
  const afterLayout =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver(() => {
          afterLayout?.disconnect();
          sample();
        })
      : null;
  const sampleAfterLayout = () => {
    const shown = buttons.filter((button) => button.isConnected);
    // Buttons off the page have no place to lay out (the box minimized): read as gone at once.
    if (!afterLayout || shown.length === 0) return sample();
    for (const button of shown) afterLayout.observe(button);
  };

  let hovering: ReturnType<typeof setInterval> | undefined;
  const onEnter = () => {
    sampleAfterLayout();
    hovering ??= setInterval(sampleAfterLayout, SAMPLE_MS);
  };
  const onLeave = () => {
    clearInterval(hovering);
    hovering = undefined;
  };

  sample();
  area.addEventListener('pointerenter', onEnter);
  area.addEventListener('pointerleave', onLeave);
  area.addEventListener('focusin', sampleAfterLayout);
  addEventListener('resize', sampleAfterLayout);
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
    moved: sampleAfterLayout,
    stop() {
      onLeave();
      afterLayout?.disconnect();
      area.removeEventListener('pointerenter', onEnter);
      area.removeEventListener('pointerleave', onLeave);
      area.removeEventListener('focusin', sampleAfterLayout);
      removeEventListener('resize', sampleAfterLayout);
      document.removeEventListener('visibilitychange', sample);
      observer?.disconnect();
    },
  };
}
