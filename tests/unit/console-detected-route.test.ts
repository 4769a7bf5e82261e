import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OVERLAY_SCRIPT_PATH } from '../../utils/background/console-overlay';
import { route } from '../../utils/background/router';
import { listHandoffs } from '../../utils/handoff/store';
import { consoleSenders } from './support/console-senders';

/**
 * The detector's `console-detected` in the background (utils/background/router.ts,
 * utils/background/console-overlay.ts): the overlay's script is injected for exactly the senders a
 * capture is accepted from (the same table as isFromConsole's own), into the sending document when
 * the browser names it, else its frame; nothing else happens, and a refusal is an answer, never a
 * rejection. Its `console-warm` (the frame may show credentials soon) is answered to the same
 * senders, and does nothing else.
 */
const EXT = fakeBrowser.runtime.id;
const LEGACY = 'https://www.twilio.com/console/project/settings?x-target-region=us1';
const CONSOLE_TAB = { id: 7, url: 'https://console.twilio.com/us1/account/manage-account/general-settings?frameUrl=%2Fconsole%2Fproject%2Fsettings' };

type Injection = { target: { tabId: number; documentIds?: string[]; frameIds?: number[] }; files: string[] };
let injections: Injection[];

beforeEach(() => {
  fakeBrowser.reset();
  injections = [];
  fakeBrowser.scripting.executeScript = vi.fn(async (injection: Injection) => {
    injections.push(injection);
    return [{ frameId: injection.target.frameIds?.[0] ?? 0, documentId: injection.target.documentIds?.[0] ?? 'doc', result: undefined }];
  }) as never;
});

describe('console-detected', () => {
  it.each(consoleSenders(EXT).map(([name, sender, accepted]) => [name, accepted, sender] as const))('%s → injected: %s', async (_name, accepted, sender) => {
    const reply = await route({ type: 'console-detected' }, sender);
    if (accepted) {
      expect(reply).toEqual({ ok: true });
      expect(injections).toEqual([{ target: { tabId: sender.tab!.id, frameIds: [sender.frameId ?? 0] }, files: [OVERLAY_SCRIPT_PATH] }]);
    } else {
      expect(reply).toBeUndefined();
      expect(injections).toEqual([]);
    }
    expect(await listHandoffs()).toEqual([]);
  });

  it('goes into the very document that asked when the browser names it', async () => {
    const sender = { id: EXT, tab: CONSOLE_TAB, frameId: 5, url: LEGACY, origin: 'https://www.twilio.com', documentId: 'DOC-5' };
    expect(await route({ type: 'console-detected' }, sender)).toEqual({ ok: true });
    expect(injections).toEqual([{ target: { tabId: 7, documentIds: ['DOC-5'] }, files: [OVERLAY_SCRIPT_PATH] }]);
  });

  it('a console in another region gets the overlay too: it tells the admin, and a capture from there is refused', async () => {
    const sender = { id: EXT, tab: { id: 3 }, frameId: 0, url: 'https://console.twilio.com/ie1/account/dashboard', documentId: 'DOC-IE1' };
    expect(await route({ type: 'console-detected' }, sender)).toEqual({ ok: true });
    expect(await route({ type: 'capture', sid: `AC${'a'.repeat(32)}`, token: 'b'.repeat(32) }, sender)).toMatchObject({ ok: false });
  });

  it.each([
    ['the document went away (Chrome refuses)', async () => Promise.reject(new Error('No frame with id 5 in tab 7.'))],
    ['the script failed in the page', async () => [{ frameId: 0, error: new Error('boom') }]],
    ['no frame ran it', async () => []],
  ])('%s: { ok: false }, so the detector asks again', async (_name, answer) => {
    fakeBrowser.scripting.executeScript = vi.fn(answer) as never;
    const sender = { id: EXT, tab: { id: 3 }, frameId: 0, url: 'https://console.twilio.com/us1/account/dashboard', documentId: 'DOC' };
    await expect(route({ type: 'console-detected' }, sender)).resolves.toEqual({ ok: false });
  });

  it('from the popup or the CRM driver: nothing is injected', async () => {
    const popup = { id: EXT, url: fakeBrowser.runtime.getURL('/popup.html') };
    const crm = { id: EXT, tab: { id: 9 }, frameId: 0, url: 'https://app.gohighlevel.com/settings/phone_integration' };
    expect(await route({ type: 'console-detected' }, popup)).toBeUndefined();
    expect(await route({ type: 'console-detected' }, crm)).toBeUndefined();
    expect(injections).toEqual([]);
  });
});

describe('console-warm', () => {
  it.each(consoleSenders(EXT).map(([name, sender, accepted]) => [name, accepted, sender] as const))('%s → answered: %s, nothing else done', async (_name, accepted, sender) => {
    const reply = await route({ type: 'console-warm' }, sender);
    expect(reply).toEqual(accepted ? { ok: true } : undefined);
    expect(injections).toEqual([]);
    expect(await listHandoffs()).toEqual([]);
  });

  it('from the popup or the CRM driver: no answer', async () => {
    expect(await route({ type: 'console-warm' }, { id: EXT, url: fakeBrowser.runtime.getURL('/popup.html') })).toBeUndefined();
    expect(await route({ type: 'console-warm' }, { id: EXT, tab: { id: 9 }, frameId: 0, url: 'https://app.gohighlevel.com/settings/phone_integration' })).toBeUndefined();
  });
});
