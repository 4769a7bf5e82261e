import { describe, expect, it, vi } from 'vitest';
import { OVERLAY_HOST, startConsoleOverlay } from '../../utils/console/mount';
import { useConsolePage } from './support/console-page';

/**
 * One overlay host while the page shows a credentials panel, none otherwise, and none once the
 * context is invalidated; its shadow root is closed to page scripts.
 */

const SID = `AC${'a1'.repeat(16)}`;
const panel = (sid: string) =>
  `<section id="panel"><dl><dt>Account SID</dt><dd>${sid}</dd><dt>Auth Token</dt><dd>••••<button>Show</button></dd></dl></section>`;
const PANEL = panel(SID);

const page = useConsolePage('https://console.twilio.com/');

const hosts = () => document.querySelectorAll(OVERLAY_HOST);

async function settle() {
  await vi.advanceTimersByTimeAsync(1200);
}

describe('startConsoleOverlay', () => {
  it('mounts one closed overlay for a panel, removes it with the panel, mounts it again', async () => {
    document.getElementById('app')!.innerHTML = PANEL;
    startConsoleOverlay(page.ctx);
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
    startConsoleOverlay(page.ctx);
    await settle();
    expect(hosts()).toHaveLength(0);
  });

  it('removes the overlay and stops watching when the context is invalidated', async () => {
    document.getElementById('app')!.innerHTML = PANEL;
    startConsoleOverlay(page.ctx);
    await settle();
    expect(hosts()).toHaveLength(1);
    page.ctx.abort();
    await settle();
    expect(hosts()).toHaveLength(0);
    document.getElementById('app')!.innerHTML = PANEL;
    await settle();
    expect(hosts()).toHaveLength(0);
  });

  it('renders the overlay in the closed root, and the other account when the page switches', async () => {
    const roots: ShadowRoot[] = [];
    const attach = Element.prototype.attachShadow;
    const spy = vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
      const root = attach.call(this, init);
      roots.push(root);
      return root;
    });
    try {
      document.getElementById('app')!.innerHTML = PANEL;
      startConsoleOverlay(page.ctx);
      await settle();
      expect(roots).toHaveLength(1);
      const root = roots[0]!;
      expect(root.mode).toBe('closed');
      expect(root.querySelector('style')!.textContent).toContain(':host{all:initial !important}');
      expect(root.querySelector('.sid')!.textContent).toBe('ACa1a1…a1a1');
      expect([...root.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? b.textContent)).toEqual([
        'Move to another corner',
        'Minimize',
        'Send to CRM',
        'Copy credentials',
      ]);

      document.getElementById('app')!.innerHTML = panel(`AC${'b2'.repeat(16)}`);
      await settle();
      expect(hosts()).toHaveLength(1);
      expect(roots).toHaveLength(1);
      expect(root.querySelectorAll('section')).toHaveLength(1);
      expect(root.querySelector('.sid')!.textContent).toBe('ACb2b2…b2b2');
    } finally {
      spy.mockRestore();
    }
  });
});
