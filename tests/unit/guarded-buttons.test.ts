import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SETTLE_MS } from '../../utils/console/click-guard';
import { type GuardedButtons, guardButtons } from '../../utils/console/guarded-buttons';

/**
 * The guard's readings in a page: IntersectionObserver v2's `isVisible` per button, the buttons'
 * places read when they may have moved (a redraw, a resize, the pointer or the focus at the box; once
 * the browser has laid the page out) and again at the click, and a refusal for every acting button in
 * a browser without IntersectionObserver v2. happy-dom lays nothing out: places are set by hand, and
 * the observer is a fake the test drives as Chromium would.
 */

interface FakeObserver {
  options: IntersectionObserverInit & { trackVisibility?: boolean; delay?: number };
  targets: Element[];
  report(target: Element, isVisible: boolean): void;
  disconnected: boolean;
}

let observers: FakeObserver[];

/** Chromium's observer, as far as the guard uses it; `isVisible` on the entry's prototype is how support is detected. */
function installObserverV2() {
  class Entry {}
  Object.defineProperty(Entry.prototype, 'isVisible', { value: false });
  class Observer {
    constructor(callback: IntersectionObserverCallback, options: FakeObserver['options']) {
      const me: FakeObserver = {
        options,
        targets: [],
        disconnected: false,
        report: (target, isVisible) => {
          if (!me.disconnected) callback([{ target, isVisible } as unknown as IntersectionObserverEntry], this as unknown as IntersectionObserver);
        },
      };
      observers.push(me);
      Object.assign(this, {
        observe: (target: Element) => me.targets.push(target),
        disconnect: () => (me.disconnected = true),
      });
    }
  }
  vi.stubGlobal('IntersectionObserverEntry', Entry);
  vi.stubGlobal('IntersectionObserver', Observer);
}

/** How often the fake browser lays the page out and reports to ResizeObservers. */
const FRAME_MS = 16;
let framesHeld = false;

/**
 * Chromium's ResizeObserver as the guard uses it: an element it starts observing is reported at the
 * browser's next layout (a frame later), once. `framesHeld` stands for a browser that lays nothing
 * out for a while.
 */
function installResizeObserver() {
  class Observer {
    private timer: ReturnType<typeof setTimeout> | undefined;
    private targets: Element[] = [];
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      this.targets.push(target);
      this.timer ??= setTimeout(() => this.frame(), FRAME_MS);
    }
    private frame() {
      this.timer = undefined;
      if (framesHeld) {
        this.timer = setTimeout(() => this.frame(), FRAME_MS);
        return;
      }
      const entries = this.targets.splice(0).map((target) => ({ target }) as unknown as ResizeObserverEntry);
      if (entries.length) this.callback(entries, this as unknown as ResizeObserver);
    }
    disconnect() {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.targets = [];
    }
  }
  vi.stubGlobal('ResizeObserver', Observer);
}

/** Puts `el` at `y` (its other measures fixed), as the layout would. */
function placeAt(el: Element, y: number) {
  el.getBoundingClientRect = () => ({ x: 900, y, width: 110, height: 32 }) as DOMRect;
}

let send: HTMLButtonElement;
let copy: HTMLButtonElement;
let other: HTMLButtonElement;
/** The overlay's container: where the pointer and the focus come to the buttons. */
let area: HTMLDivElement;

const pointerAt = (type: 'pointerenter' | 'pointerleave') => area.dispatchEvent(new Event(type));

beforeEach(() => {
  vi.useFakeTimers();
  installResizeObserver();
  framesHeld = false;
  observers = [];
  send = document.createElement('button');
  copy = document.createElement('button');
  other = document.createElement('button');
  area = document.createElement('div');
  area.append(send, copy);
  document.body.append(area, other);
  for (const b of [send, copy, other]) placeAt(b, 800);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('guardButtons with IntersectionObserver v2', () => {
  beforeEach(installObserverV2);

  it('asks the browser to track visibility, for the guarded buttons only', () => {
    const guards = guardButtons([send, copy], area);
    expect(observers).toHaveLength(1);
    expect(observers[0]!.options).toMatchObject({ trackVisibility: true, delay: 100 });
    expect(observers[0]!.targets).toEqual([send, copy]);
    expect(guards.refusal(other)).toBeNull();
    guards.stop();
  });

  it('a visible button acts once it has been in place for the wait, not before', () => {
    const guards = guardButtons([send, copy], area);
    observers[0]!.report(send, true);
    vi.advanceTimersByTime(SETTLE_MS - 50);
    expect(guards.refusal(send)).toBe('just-shown');
    vi.advanceTimersByTime(50);
    expect(guards.refusal(send)).toBeNull();
    // Each button has its own report: copy was never reported visible.
    expect(guards.refusal(copy)).toBe('covered');
    guards.stop();
  });

  it('covered (the browser reports it not visible): refused while so, and for the wait after', () => {
    const guards = guardButtons([send], area);
    observers[0]!.report(send, true);
    vi.advanceTimersByTime(1000);
    observers[0]!.report(send, false);
    expect(guards.refusal(send)).toBe('covered');
    vi.advanceTimersByTime(5000);
    expect(guards.refusal(send)).toBe('covered');
    observers[0]!.report(send, true);
    expect(guards.refusal(send)).toBe('just-shown');
    vi.advanceTimersByTime(SETTLE_MS);
    expect(guards.refusal(send)).toBeNull();
    guards.stop();
  });

  it('moved just before the click (no timer reading since): the click’s own reading sees it', () => {
    const guards = guardButtons([send], area);
    observers[0]!.report(send, true);
    vi.advanceTimersByTime(1000);
    expect(guards.refusal(send)).toBeNull();
    placeAt(send, 640);
    expect(guards.refusal(send)).toBe('just-shown');
    vi.advanceTimersByTime(SETTLE_MS);
    expect(guards.refusal(send)).toBeNull();
    guards.stop();
  });

  it('moved and back under the pointer between clicks: the readings while the pointer is over the box saw it move', () => {
    const guards = guardButtons([send], area);
    observers[0]!.report(send, true);
    pointerAt('pointerenter');
    vi.advanceTimersByTime(1000);
    placeAt(send, 640);
    vi.advanceTimersByTime(250);
    placeAt(send, 800);
    vi.advanceTimersByTime(250);
    expect(guards.refusal(send)).toBe('just-shown');
    guards.stop();
  });

  it('taken off the page by the page’s script and put back: the browser’s reports of it gone and back make it wait', () => {
    const guards = guardButtons([send], area);
    observers[0]!.report(send, true);
    vi.advanceTimersByTime(1000);
    // Nothing of ours redrew: no reading of ours sees it, Chromium's visibility reports do.
    send.remove();
    observers[0]!.report(send, false);
    vi.advanceTimersByTime(1000);
    area.append(send);
    observers[0]!.report(send, true);
    expect(guards.refusal(send)).toBe('just-shown');
    vi.advanceTimersByTime(SETTLE_MS);
    expect(guards.refusal(send)).toBeNull();
    guards.stop();
  });

  it('in a hidden tab: waits again once the tab is shown', () => {
    const guards = guardButtons([send], area);
    observers[0]!.report(send, true);
    vi.advanceTimersByTime(1000);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(1000);
    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(guards.refusal(send)).toBe('just-shown');
    vi.advanceTimersByTime(SETTLE_MS);
    expect(guards.refusal(send)).toBeNull();
    guards.stop();
  });

  it('the readings before a click wait for the browser’s own layout: none of them makes one', () => {
    const guards = guardButtons([send], area);
    observers[0]!.report(send, true);
    const reads = vi.spyOn(send, 'getBoundingClientRect');
    framesHeld = true;
    pointerAt('pointerenter');
    guards.moved();
    dispatchEvent(new Event('resize'));
    vi.advanceTimersByTime(1000);
    expect(reads).not.toHaveBeenCalled();
    framesHeld = false;
    vi.advanceTimersByTime(FRAME_MS);
    expect(reads).toHaveBeenCalledTimes(1);
    guards.stop();
  });

  it('nobody at the box: no timer runs and no place is read, however long the page stays open', () => {
    const guards = guardButtons([send, copy], area);
    observers[0]!.report(send, true);
    const reads = vi.spyOn(send, 'getBoundingClientRect');
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(reads).not.toHaveBeenCalled();
    // The pointer came and went: its readings stop with it.
    pointerAt('pointerenter');
    vi.advanceTimersByTime(1000);
    expect(reads.mock.calls.length).toBeGreaterThanOrEqual(4);
    pointerAt('pointerleave');
    vi.advanceTimersByTime(FRAME_MS);
    reads.mockClear();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(reads).not.toHaveBeenCalled();
    // A click still reads at once.
    expect(guards.refusal(send)).toBeNull();
    expect(reads).toHaveBeenCalledTimes(1);
    guards.stop();
  });

  // A move nobody read is seen at the click too (above), but the wait then starts at the click: these
  // readings make it start when the buttons moved, so a click the wait allows is not refused.
  it.each([
    ['the overlay redrew (moved())', (guards: GuardedButtons) => guards.moved()],
    ['the window was resized', () => dispatchEvent(new Event('resize'))],
    ['the keyboard focus came into the box', () => area.dispatchEvent(new FocusEvent('focusin'))],
    ['the pointer came to the box', () => pointerAt('pointerenter')],
  ])('moved, and %s: read then, so a click the wait later acts', (_name, reason) => {
    const guards = guardButtons([send], area);
    observers[0]!.report(send, true);
    vi.advanceTimersByTime(1000);
    placeAt(send, 640);
    reason(guards);
    vi.advanceTimersByTime(FRAME_MS);
    vi.advanceTimersByTime(SETTLE_MS - 100);
    expect(guards.refusal(send)).toBe('just-shown');
    vi.advanceTimersByTime(100);
    expect(guards.refusal(send)).toBeNull();
    guards.stop();
  });

  it('moved, and nothing read it: a click then is refused and starts the wait', () => {
    const guards = guardButtons([send], area);
    observers[0]!.report(send, true);
    vi.advanceTimersByTime(1000);
    placeAt(send, 640);
    vi.advanceTimersByTime(5000);
    expect(guards.refusal(send)).toBe('just-shown');
    vi.advanceTimersByTime(SETTLE_MS);
    expect(guards.refusal(send)).toBeNull();
    guards.stop();
  });

  it('minimized (the buttons off the page) and opened again: moved() reads them gone, so the opened box waits', () => {
    const guards = guardButtons([send], area);
    observers[0]!.report(send, true);
    vi.advanceTimersByTime(1000);
    send.remove();
    guards.moved();
    vi.advanceTimersByTime(1000);
    area.append(send);
    guards.moved();
    vi.advanceTimersByTime(FRAME_MS);
    expect(guards.refusal(send)).toBe('just-shown');
    vi.advanceTimersByTime(SETTLE_MS);
    expect(guards.refusal(send)).toBeNull();
    guards.stop();
  });

  it('stop() disconnects the observer and ends the readings', () => {
    const guards = guardButtons([send], area);
    pointerAt('pointerenter');
    guards.stop();
    expect(observers[0]!.disconnected).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    const reads = vi.spyOn(send, 'getBoundingClientRect');
    pointerAt('pointerenter');
    dispatchEvent(new Event('resize'));
    vi.advanceTimersByTime(1000);
    expect(reads).not.toHaveBeenCalled();
  });
});

describe('guardButtons without IntersectionObserver v2 (Firefox, Safari, happy-dom)', () => {
  it('every guarded button refuses and says why; other buttons are left alone', () => {
    expect('isVisible' in IntersectionObserverEntry.prototype).toBe(false);
    const guards = guardButtons([send, copy], area);
    vi.advanceTimersByTime(10_000);
    expect(guards.refusal(send)).toBe('no-visibility-check');
    expect(guards.refusal(copy)).toBe('no-visibility-check');
    expect(guards.refusal(other)).toBeNull();
    guards.stop();
  });

  it('also where there is no IntersectionObserver at all', () => {
    vi.stubGlobal('IntersectionObserverEntry', undefined);
    vi.stubGlobal('IntersectionObserver', undefined);
    const guards = guardButtons([send], area);
    expect(guards.refusal(send)).toBe('no-visibility-check');
    guards.stop();
  });
});
