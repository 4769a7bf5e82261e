import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SETTLE_MS } from '../../utils/console/click-guard';
import { guardButtons } from '../../utils/console/guarded-buttons';

/**
 * The guard's readings in a page: IntersectionObserver v2's `isVisible` per button, the buttons'
 * places read on a timer (once the browser has laid the page out) and again at the click, and a refusal for every acting button in a browser
 * without IntersectionObserver v2. happy-dom lays nothing out: places are set by hand, and the
 * observer is a fake the test drives as Chromium would.
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

beforeEach(() => {
  vi.useFakeTimers();
  installResizeObserver();
  framesHeld = false;
  observers = [];
  send = document.createElement('button');
  copy = document.createElement('button');
  other = document.createElement('button');
  document.body.append(send, copy, other);
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
    const guards = guardButtons([send, copy]);
    expect(observers).toHaveLength(1);
    expect(observers[0]!.options).toMatchObject({ trackVisibility: true, delay: 100 });
    expect(observers[0]!.targets).toEqual([send, copy]);
    expect(guards.refusal(other)).toBeNull();
    guards.stop();
  });

  it('a visible button acts once it has been in place for the wait, not before', () => {
    const guards = guardButtons([send, copy]);
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
    const guards = guardButtons([send]);
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
    const guards = guardButtons([send]);
    observers[0]!.report(send, true);
    vi.advanceTimersByTime(1000);
    expect(guards.refusal(send)).toBeNull();
    placeAt(send, 640);
    expect(guards.refusal(send)).toBe('just-shown');
    vi.advanceTimersByTime(SETTLE_MS);
    expect(guards.refusal(send)).toBeNull();
    guards.stop();
  });

  it('moved and back between clicks: the timer’s readings saw it move', () => {
    const guards = guardButtons([send]);
    observers[0]!.report(send, true);
    vi.advanceTimersByTime(1000);
    placeAt(send, 640);
    vi.advanceTimersByTime(250);
    placeAt(send, 800);
    vi.advanceTimersByTime(250);
    expect(guards.refusal(send)).toBe('just-shown');
    guards.stop();
  });

  it('taken off the page and put back (the box minimized and opened): waits again', () => {
    const guards = guardButtons([send]);
    observers[0]!.report(send, true);
    vi.advanceTimersByTime(1000);
    send.remove();
    vi.advanceTimersByTime(1000);
    document.body.append(send);
    expect(guards.refusal(send)).toBe('just-shown');
    vi.advanceTimersByTime(SETTLE_MS);
    expect(guards.refusal(send)).toBeNull();
    guards.stop();
  });

  it('in a hidden tab: waits again once the tab is shown', () => {
    const guards = guardButtons([send]);
    observers[0]!.report(send, true);
    vi.advanceTimersByTime(1000);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    vi.advanceTimersByTime(1000);
    visibility.mockReturnValue('visible');
    expect(guards.refusal(send)).toBe('just-shown');
    guards.stop();
  });

  it('the timer’s readings wait for the browser’s own layout: none of them makes one', () => {
    const guards = guardButtons([send]);
    observers[0]!.report(send, true);
    const reads = vi.spyOn(send, 'getBoundingClientRect');
    framesHeld = true;
    vi.advanceTimersByTime(1000);
    expect(reads).not.toHaveBeenCalled();
    framesHeld = false;
    vi.advanceTimersByTime(FRAME_MS);
    expect(reads).toHaveBeenCalledTimes(1);
    guards.stop();
  });

  it('stop() disconnects the observer and ends the readings', () => {
    const guards = guardButtons([send]);
    guards.stop();
    expect(observers[0]!.disconnected).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('guardButtons without IntersectionObserver v2 (Firefox, Safari, happy-dom)', () => {
  it('every guarded button refuses and says why; other buttons are left alone', () => {
    expect('isVisible' in IntersectionObserverEntry.prototype).toBe(false);
    const guards = guardButtons([send, copy]);
    vi.advanceTimersByTime(10_000);
    expect(guards.refusal(send)).toBe('no-visibility-check');
    expect(guards.refusal(copy)).toBe('no-visibility-check');
    expect(guards.refusal(other)).toBeNull();
    guards.stop();
  });

  it('also where there is no IntersectionObserver at all', () => {
    vi.stubGlobal('IntersectionObserverEntry', undefined);
    vi.stubGlobal('IntersectionObserver', undefined);
    const guards = guardButtons([send]);
    expect(guards.refusal(send)).toBe('no-visibility-check');
    guards.stop();
  });
});
