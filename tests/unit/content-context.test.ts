import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import detectorScript from '../../entrypoints/twilio-detector';
import overlayScript from '../../entrypoints/twilio-overlay.content/index';
import crmScript from '../../entrypoints/crm.content/index';
import { PageProofContext } from '../../utils/content-context';
import { OVERLAY_HOST } from '../../utils/console/mount';

/**
 * WXT's context stops for good when the page's document receives a CustomEvent named
 * "<extension id>:<script>:wxt:content-script-started" from another copy of the script. Any page
 * script can dispatch one. Ours cannot be stopped that way, and neither can the two content scripts.
 */
const STARTED = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;
const SID = `AC${'a1'.repeat(16)}`;
const PANEL = `<section id="panel"><dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>••••<button>Show</button></dd></dl></section>`;

/** What a hostile page does: answer the script's start as if it were a newer copy of it. */
function forgeStarted(contentScriptName: string) {
  document.dispatchEvent(new CustomEvent(STARTED, { detail: { contentScriptName, messageId: 'forged' } }));
  window.postMessage({ type: STARTED, contentScriptName, messageId: 'forged' }, '*');
}

const contexts: ContentScriptContext[] = [];
function track<T extends ContentScriptContext>(ctx: T): T {
  contexts.push(ctx);
  return ctx;
}

afterEach(() => {
  for (const ctx of contexts.splice(0)) ctx.abort();
});

describe('PageProofContext', () => {
  it('WXT’s own context is stopped by the forged event (the attack, as a control)', () => {
    const wxt = track(new ContentScriptContext('twilio'));
    forgeStarted('twilio');
    expect(wxt.isValid).toBe(false);
  });

  it('ours is not', async () => {
    const ours = track(new PageProofContext('twilio'));
    forgeStarted('twilio');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ours.isValid).toBe(true);
  });

  it('tells the page nothing when it starts: no event, no message with the extension id', () => {
    const dispatched = vi.spyOn(document, 'dispatchEvent');
    const posted = vi.spyOn(window, 'postMessage');
    track(new PageProofContext('twilio'));
    expect(dispatched).not.toHaveBeenCalled();
    expect(posted).not.toHaveBeenCalled();
    dispatched.mockRestore();
    posted.mockRestore();
  });

  it('a newer copy of the same script stops the older one; another script’s copy does not', () => {
    const older = track(new PageProofContext('crm'));
    const other = track(new PageProofContext('twilio-other'));
    const newer = track(new PageProofContext('crm'));
    expect(older.isValid).toBe(false);
    expect(newer.isValid).toBe(true);
    expect(other.isValid).toBe(true);
  });
});

describe('the content scripts under a forged started event', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://console.twilio.com/');
    document.body.innerHTML = '<main id="app"></main>';
  });

  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('the console overlay keeps following the page', async () => {
    document.getElementById('app')!.innerHTML = PANEL;
    // WXT starts the script with its own context; the script must not depend on it.
    const wxt = track(new ContentScriptContext('twilio-overlay'));
    overlayScript.main(wxt);
    await vi.advanceTimersByTimeAsync(1200);
    expect(document.querySelectorAll(OVERLAY_HOST)).toHaveLength(1);

    forgeStarted('twilio-overlay');
    expect(wxt.isValid).toBe(false);
    await vi.advanceTimersByTimeAsync(1200);
    expect(document.querySelectorAll(OVERLAY_HOST)).toHaveLength(1);
    // Still watching: the panel going and coming back is followed.
    document.getElementById('panel')!.remove();
    await vi.advanceTimersByTimeAsync(1200);
    expect(document.querySelectorAll(OVERLAY_HOST)).toHaveLength(0);
    document.getElementById('app')!.innerHTML = PANEL;
    await vi.advanceTimersByTimeAsync(1200);
    expect(document.querySelectorAll(OVERLAY_HOST)).toHaveLength(1);
    // Clean up: a newer copy of the script stops this one, as an extension update would.
    track(new PageProofContext('twilio-overlay')).abort();
    await vi.advanceTimersByTimeAsync(1200);
  });

  it('the console detector starts without a word to the page: no event, no message', () => {
    const dispatched = vi.spyOn(document, 'dispatchEvent');
    const posted = vi.spyOn(window, 'postMessage');
    vi.stubGlobal('chrome', { runtime: { id: fakeBrowser.runtime.id, sendMessage: vi.fn(async () => ({ ok: true })) } });
    try {
      document.getElementById('app')!.innerHTML = PANEL;
      (detectorScript as { main(): void }).main();
      expect(dispatched).not.toHaveBeenCalled();
      expect(posted).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
      dispatched.mockRestore();
      posted.mockRestore();
    }
  });

  it('the CRM driver keeps listening to the background', async () => {
    fakeBrowser.reset();
    const added = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    const removed = vi.spyOn(fakeBrowser.runtime.onMessage, 'removeListener');
    const wxt = track(new ContentScriptContext('crm'));
    crmScript.main(wxt);
    expect(added).toHaveBeenCalledTimes(1);
    forgeStarted('crm');
    await vi.advanceTimersByTimeAsync(10);
    expect(wxt.isValid).toBe(false);
    expect(removed).not.toHaveBeenCalled();
    expect(fakeBrowser.runtime.onMessage.hasListener(added.mock.calls[0]![0])).toBe(true);
    // An update's newer copy does stop it.
    track(new PageProofContext('crm'));
    expect(removed).toHaveBeenCalledWith(added.mock.calls[0]![0]);
  });
});
