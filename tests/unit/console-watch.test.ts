import { describe, expect, it, vi } from 'vitest';
import { detectCredentialsPanel, type PanelDetection } from '../../utils/console/detect';
import { type WatchedPanel, watchCredentialsPanel } from '../../utils/console/watch';
import { elapse, useConsolePage } from './support/console-page';

/**
 * The watcher follows the single-page app (DOM changes, URL changes) while keeping the cost on a
 * busy page to one walk over its text once it is quiet: the full look-up runs only when the page's
 * credential labels, its Account SIDs or the panel shown changed, once per quiet period at most.
 */

const SID = `AC${'a1'.repeat(16)}`;
const OTHER = `AC${'b2'.repeat(16)}`;
const PANEL = (sid: string) =>
  `<section id="panel"><dl><dt>Account SID</dt><dd>${sid}</dd><dt>Auth Token</dt><dd>••••<button>Show</button></dd></dl></section>`;

const page = useConsolePage('https://console.twilio.com/us1/account/dashboard');

function start() {
  const detect = vi.fn(detectCredentialsPanel);
  const changes: Array<string | null> = [];
  watchCredentialsPanel(page.ctx, {
    detect,
    onChange: (d: PanelDetection | null) => changes.push(d?.sid ?? null),
  });
  return { detect, changes };
}

describe('watchCredentialsPanel', () => {
  it('reports a panel already on the page at start', () => {
    document.getElementById('app')!.innerHTML = PANEL(SID);
    const { changes } = start();
    expect(changes).toEqual([SID]);
  });

  it('reports a panel rendered later, once, and its removal', async () => {
    const { changes } = start();
    expect(changes).toEqual([]);
    document.getElementById('app')!.innerHTML = PANEL(SID);
    await elapse(300);
    expect(changes).toEqual([SID]);
    // React rendering the same panel again is no change.
    document.getElementById('app')!.innerHTML = PANEL(SID);
    await elapse(300);
    expect(changes).toEqual([SID]);
    document.getElementById('panel')!.remove();
    await elapse(300);
    expect(changes).toEqual([SID, null]);
  });

  it('notices a panel whose values are inputs (its text runs the labels together)', async () => {
    const { changes } = start();
    // Built apart and added as one node, as React commits a subtree.
    const section = document.createElement('section');
    section.innerHTML =
      '<label for="s">Account SID</label><input id="s" readonly>' +
      '<label for="t">Auth Token</label><input id="t" type="password" readonly value="••••"><button>Show</button>';
    section.querySelector('input')!.value = SID;
    document.getElementById('app')!.append(section);
    await elapse(300);
    expect(changes).toEqual([SID]);
  });

  it('notices another account shown in place (text replaced)', async () => {
    document.getElementById('app')!.innerHTML = PANEL(SID);
    const { changes } = start();
    document.querySelector('dd')!.firstChild!.nodeValue = OTHER;
    await elapse(300);
    expect(changes).toEqual([SID, OTHER]);
  });

  it('notices another account shown in place when the SID is drawn in pieces', async () => {
    document.getElementById('app')!.innerHTML =
      `<dl><dt>Account SID</dt><dd><span>AC</span><span id="tail">${SID.slice(2)}</span></dd><dt>Auth Token</dt><dd>••••</dd></dl>`;
    const { changes } = start();
    document.getElementById('tail')!.textContent = OTHER.slice(2);
    await elapse(400);
    expect(changes).toEqual([SID, OTHER]);
  });

  it('does not look up the page for mutations without credential text', async () => {
    const { detect } = start();
    expect(detect).toHaveBeenCalledTimes(1);
    const app = document.getElementById('app')!;
    for (let i = 0; i < 500; i++) {
      const row = document.createElement('div');
      row.textContent = `Riverside Dental ${i}: +1 555 0100 ${i}`;
      app.append(row);
      if (i % 50 === 0) await elapse(10);
    }
    await elapse(2000);
    expect(detect).toHaveBeenCalledTimes(1);
  });

  it('debounces a page that keeps changing its credential text: at most one look-up per second', async () => {
    const { detect } = start();
    const app = document.getElementById('app')!;
    for (let i = 0; i < 30; i++) {
      // Another Auth Token label each time: every look finds the page's credential text changed.
      const p = document.createElement('p');
      p.textContent = 'Auth Token';
      app.append(p);
      await elapse(100);
    }
    await elapse(500);
    // 1 at start + one per maxWait (1 s) over 3 s, + the trailing one.
    expect(detect.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(detect.mock.calls.length).toBeLessThanOrEqual(5);
  });

  it('follows SPA navigation to the subaccounts list (panel gone) and back', async () => {
    document.getElementById('app')!.innerHTML = PANEL(SID);
    const { changes } = start();
    history.pushState({}, '', '/us1/account/manage-account/subaccounts');
    await elapse(1500);
    expect(changes).toEqual([SID, null]);
    history.pushState({}, '', '/us1/account/dashboard');
    await elapse(1500);
    expect(changes).toEqual([SID, null, SID]);
  });

  it('reports the same account again when the console switches region (its token differs per region)', async () => {
    document.getElementById('app')!.innerHTML = PANEL(SID);
    const seen: Array<string | null> = [];
    watchCredentialsPanel(page.ctx, { onChange: (d: WatchedPanel | null) => seen.push(d ? `${d.sid} ${d.region}` : null) });
    history.pushState({}, '', '/ie1/account/dashboard');
    await elapse(1500);
    history.pushState({}, '', '/ie1/account/keys-credentials/api-keys');
    await elapse(1500);
    expect(seen).toEqual([`${SID} us1`, `${SID} ie1`]);
  });

  it('stops observing when the context is invalidated', async () => {
    const { detect, changes } = start();
    page.ctx.abort();
    document.getElementById('app')!.innerHTML = PANEL(SID);
    await elapse(2000);
    expect(detect).toHaveBeenCalledTimes(1);
    expect(changes).toEqual([]);
  });
});
