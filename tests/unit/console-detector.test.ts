import { describe, expect, it, vi } from 'vitest';
import { startAtDocumentStart, startDetector } from '../../utils/console/detector';
import { lookForCredentials } from '../../utils/console/signs';
import { DOTS, SID } from './support/console-panels';
import { elapse, setPageUrl, useConsolePage } from './support/console-page';

/**
 * The detector in every console frame (utils/console/detector.ts): it asks for the overlay once, when
 * credentials are on screen, on a page whose URL may show them; it asks nothing on other pages
 * however much they change; it asks again when the background did not bring the overlay, and stops
 * once it did.
 */

const PANEL = `<section id="panel"><dl><dt>Account SID</dt><dd>${SID}</dd><dt>Auth Token</dt><dd>${DOTS}<button>Show</button></dd></dl></section>`;
const DASHBOARD = 'https://console.twilio.com/us1/account/dashboard';
const SUBACCOUNTS = 'https://console.twilio.com/us1/account/manage-account/subaccounts';

const page = useConsolePage(DASHBOARD);

function start(answers: boolean[] = [true]) {
  const look = vi.fn(lookForCredentials);
  const request = vi.fn(async () => answers.shift() ?? true);
  const warm = vi.fn();
  startDetector(page.ctx, { request, look, warm });
  return { look, request, warm };
}

describe('startDetector', () => {
  it('a panel on the page at start: asks at once, once', async () => {
    document.getElementById('app')!.innerHTML = PANEL;
    const { request } = start();
    expect(request).toHaveBeenCalledTimes(1);
    await elapse(5000);
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('a page without credentials, changing a thousand times: never asks, and walks it once (its credential text never changed)', async () => {
    const { look, request } = start();
    const app = document.getElementById('app')!;
    for (let i = 0; i < 1000; i++) {
      const row = document.createElement('p');
      row.textContent = `Outbound call ${i} completed`;
      app.append(row);
      if (i % 10 === 9) await elapse(2);
    }
    await elapse(2000);
    expect(request).not.toHaveBeenCalled();
    expect(look).toHaveBeenCalledTimes(1);
    // Text that could be (part of) a label is worth another walk; the page still shows no panel.
    const help = document.createElement('p');
    help.textContent = 'Your Account SID and Auth Token are on the dashboard.';
    app.append(help);
    await elapse(200);
    expect(look).toHaveBeenCalledTimes(2);
    expect(request).not.toHaveBeenCalled();
  });

  it('the panel rendered later (the single-page app): asks within two quiet periods, then stops looking', async () => {
    const { look, request } = start();
    expect(request).not.toHaveBeenCalled();
    document.getElementById('app')!.innerHTML = PANEL;
    await elapse(61);
    expect(request).toHaveBeenCalledTimes(1);
    const looks = look.mock.calls.length;
    document.getElementById('panel')!.remove();
    document.getElementById('app')!.innerHTML = PANEL;
    await elapse(2000);
    expect(look).toHaveBeenCalledTimes(looks);
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('the app draws a spinner, then the panel (an account opened in the app): asks as soon as the panel is drawn', async () => {
    const { request } = start();
    const app = document.getElementById('app')!;
    app.textContent = 'Loading…';
    await elapse(10);
    app.innerHTML = PANEL;
    await elapse(1);
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('the panel drawn in one go: asks in the next task, without waiting for the page to be quiet', async () => {
    const { request } = start();
    document.getElementById('app')!.innerHTML = PANEL;
    await elapse(1);
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('on the list of sub-accounts (its URL never shows one account’s credentials): never asks', async () => {
    setPageUrl(SUBACCOUNTS);
    document.getElementById('app')!.innerHTML = PANEL;
    const { request } = start();
    document.getElementById('app')!.append(document.createElement('p'));
    await elapse(2000);
    expect(request).not.toHaveBeenCalled();
    // The app moves on to an account without a new document: the next change is looked at.
    setPageUrl(DASHBOARD);
    document.getElementById('app')!.append(document.createElement('p'));
    await elapse(100);
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('the background did not bring the overlay: asks again, a few times, even on a page that stays as it is', async () => {
    document.getElementById('app')!.innerHTML = PANEL;
    const { request } = start([false, false, false, false, false]);
    expect(request).toHaveBeenCalledTimes(1);
    await elapse(2000);
    expect(request).toHaveBeenCalledTimes(2);
    await elapse(60_000);
    // The first and three more; then only a change of the page brings another.
    expect(request).toHaveBeenCalledTimes(4);
    document.getElementById('app')!.append(document.createElement('p'));
    await elapse(100);
    expect(request).toHaveBeenCalledTimes(5);
  });

  it('a page larger than one look: asks for the overlay, which reads the whole page', async () => {
    const look = vi.fn(() => 'too-large' as const);
    const request = vi.fn(async () => true);
    startDetector(page.ctx, { request, look });
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('wakes the background once per page that may show credentials: at start, and at the app’s first change on a new URL, before its look', async () => {
    const { request, warm } = start();
    expect(warm).toHaveBeenCalledTimes(1);
    const app = document.getElementById('app')!;
    app.append(document.createElement('p'));
    await elapse(500);
    expect(warm).toHaveBeenCalledTimes(1);
    // The app moves to another account without a new document and starts drawing it.
    setPageUrl(`${DASHBOARD}?accountSid=AC${'b'.repeat(32)}`);
    app.append(document.createElement('p'));
    await elapse(1);
    expect(warm).toHaveBeenCalledTimes(2);
    expect(request).not.toHaveBeenCalled();
    app.innerHTML = PANEL;
    await elapse(200);
    expect(request).toHaveBeenCalledTimes(1);
    expect(warm).toHaveBeenCalledTimes(2);
  });

  it('declared at document start: wakes the background at once, and looks only once the page is parsed, without waking it again', async () => {
    Object.defineProperty(document, 'readyState', { value: 'loading', configurable: true });
    try {
      const look = vi.fn(lookForCredentials);
      const request = vi.fn(async () => true);
      const warm = vi.fn();
      startAtDocumentStart(page.ctx, { request, look, warm });
      expect(warm).toHaveBeenCalledTimes(1);
      document.getElementById('app')!.innerHTML = PANEL;
      await elapse(500);
      expect(look).not.toHaveBeenCalled();
      document.dispatchEvent(new Event('DOMContentLoaded'));
      expect(request).toHaveBeenCalledTimes(1);
      expect(warm).toHaveBeenCalledTimes(1);
    } finally {
      Reflect.deleteProperty(document, 'readyState');
    }
  });

  it('declared at document start on the list of sub-accounts: wakes nothing', async () => {
    setPageUrl(SUBACCOUNTS);
    const warm = vi.fn();
    startAtDocumentStart(page.ctx, { request: vi.fn(async () => true), warm });
    await elapse(300);
    expect(warm).not.toHaveBeenCalled();
  });

  it('never wakes the background on the list of sub-accounts', async () => {
    setPageUrl(SUBACCOUNTS);
    const { warm } = start();
    for (let i = 0; i < 5; i++) {
      document.getElementById('app')!.append(document.createElement('p'));
      await elapse(300);
    }
    expect(warm).not.toHaveBeenCalled();
  });

  describe('the admin pressing a link (the background woken a press before the app moves)', () => {
    const ACCOUNT = `https://console.twilio.com/?accountSid=AC${'c'.repeat(32)}`;
    /** A press as the browser reports the admin's own (happy-dom makes untrusted events only). */
    function press(target: Element, trusted = true) {
      const event = new MouseEvent('pointerdown', { bubbles: true, composed: true });
      if (trusted) Object.defineProperty(event, 'isTrusted', { value: true });
      target.dispatchEvent(event);
    }
    function link(href: string): HTMLElement {
      const a = Object.assign(document.createElement('a'), { href });
      a.innerHTML = '<span>Acme Dental</span>';
      document.getElementById('app')!.append(a);
      return a.querySelector('span')!;
    }

    it('on the list of sub-accounts, a press on an account’s link wakes it once; the app drawing the account wakes it no more', async () => {
      setPageUrl(SUBACCOUNTS);
      const { warm } = start();
      const name = link(ACCOUNT);
      await elapse(300);
      expect(warm).not.toHaveBeenCalled();
      press(name);
      expect(warm).toHaveBeenCalledTimes(1);
      press(name);
      expect(warm).toHaveBeenCalledTimes(1);
      setPageUrl(ACCOUNT);
      document.getElementById('app')!.append(document.createElement('p'));
      await elapse(300);
      expect(warm).toHaveBeenCalledTimes(1);
    });

    it.each<[string, string | null, boolean]>([
      ['a link to the legacy list of sub-accounts (no one account’s credentials)', 'https://www.twilio.com/console/project/subaccounts', true],
      ['a link off the console', 'https://www.example.com/dental', true],
      ['a link to the page already shown', SUBACCOUNTS, true],
      ['a press on no link', null, true],
      ['a press the page’s script made (untrusted)', ACCOUNT, false],
    ])('%s: wakes nothing', async (_name, href, trusted) => {
      setPageUrl(SUBACCOUNTS);
      const { warm } = start();
      press(href === null ? document.getElementById('app')! : link(href), trusted);
      expect(warm).not.toHaveBeenCalled();
    });

    it('stops listening with the context (the extension reloaded)', async () => {
      setPageUrl(SUBACCOUNTS);
      const { warm } = start();
      const name = link(ACCOUNT);
      page.ctx.abort();
      press(name);
      expect(warm).not.toHaveBeenCalled();
    });
  });

  it('an invalidated context (the extension reloaded): no more looks', async () => {
    const { look, request } = start();
    page.ctx.abort();
    document.getElementById('app')!.innerHTML = PANEL;
    await elapse(2000);
    expect(look).toHaveBeenCalledTimes(1);
    expect(request).not.toHaveBeenCalled();
  });
});
