import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { OVERLAY_HOST, startConsoleOverlay } from '../../utils/console/mount';

/**
 * One overlay host while the page shows a credentials panel, none otherwise, and none once the
 * context is invalidated; its shadow root is closed to page scripts.
 */

const SID = `AC${'a1'.repeat(16)}`;
const PANEL = `<section id="panel"><dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>••••<button>Show</button></dd></dl></section>`;

let ctx: ContentScriptContext;

const hosts = () => document.querySelectorAll(OVERLAY_HOST);

async function settle() {
  await vi.advanceTimersByTimeAsync(1200);
}

beforeEach(() => {
  vi.useFakeTimers();
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://console.twilio.com/');
  document.body.innerHTML = '<main id="app"></main>';
  ctx = new ContentScriptContext('twilio');
});

afterEach(() => {
  ctx.abort();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('startConsoleOverlay', () => {
  it('mounts one closed overlay for a panel, removes it with the panel, mounts it again', async () => {
    document.getElementById('app')!.innerHTML = PANEL;
    startConsoleOverlay(ctx);
    await settle();
    expect(hosts()).toHaveLength(1);
    expect(hosts()[0]!.shadowRoot).toBeNull();
    expect(document.body.textContent).not.toContain('Send to CRM');

    // The page re-rendering the same panel, twice in a row, mounts nothing more.
    document.getElementById('app')!.innerHTML = PANEL;
    await settle();
    document.getElementById('app')!.innerHTML = PANEL;
    await settle();
    expect(hosts()).toHaveLength(1);

    document.getElementById('panel')!.remove();
    await settle();
    expect(hosts()).toHaveLength(0);

    document.getElementById('app')!.innerHTML = PANEL;
    await settle();
    expect(hosts()).toHaveLength(1);
  });

  it('mounts nothing on a page without a panel', async () => {
    document.getElementById('app')!.innerHTML = '<p>Phone Numbers</p>';
    startConsoleOverlay(ctx);
    await settle();
    expect(hosts()).toHaveLength(0);
  });

  it('removes the overlay and stops watching when the context is invalidated', async () => {
    document.getElementById('app')!.innerHTML = PANEL;
    startConsoleOverlay(ctx);
    await settle();
    expect(hosts()).toHaveLength(1);
    ctx.abort();
    await settle();
    expect(hosts()).toHaveLength(0);
    document.getElementById('app')!.innerHTML = PANEL;
    await settle();
    expect(hosts()).toHaveLength(0);
  });
});
