import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onClearAlarm, onCopied } from '../../utils/background/clipboard';
import { onAlarm } from '../../utils/background/alarms';
import { route } from '../../utils/background/router';
import { clearIfOurs, type ClipboardAccess } from '../../utils/clipboard/clear';
import { clearCopiedToken } from '../../utils/clipboard/offscreen';
import { reportCopy } from '../../utils/clipboard/report';
import { CLEAR_AFTER_SECONDS, CLIPBOARD_ALARM, clipboardDigest } from '../../utils/clipboard/shared';
import { isFromOffscreen, type SenderLike } from '../../utils/senders';
import { installFakes, type Fakes } from './support/extension-fakes';

/**
 * Clearing a copied Auth Token from the clipboard (utils/background/clipboard.ts, utils/clipboard/*):
 * what is kept of a copy (its digest, in storage.session), when the clear is arranged (only with the
 * permission to read the clipboard), what the clear does with what it finds there, and who may ask
 * for the digest and report the result (the offscreen document only). In real Chromium:
 * tests/e2e/clipboard-clear.test.ts.
 */

const EXT = fakeBrowser.runtime.id;
const TOKEN = 'f'.repeat(32);
const COPIED = `Account SID: AC${'a'.repeat(32)}\nAuth Token: ${TOKEN}`;
const OFFSCREEN_URL = fakeBrowser.runtime.getURL('/offscreen.html');
const OFFSCREEN: SenderLike = { id: EXT, url: OFFSCREEN_URL };
const POPUP: SenderLike = { id: EXT, url: fakeBrowser.runtime.getURL('/popup.html') };
const CONSOLE: SenderLike = { id: EXT, tab: { id: 7 }, frameId: 0, url: 'https://console.twilio.com/us1/account/manage-account/general-settings' };
const CRM: SenderLike = { id: EXT, tab: { id: 9 }, frameId: 0, url: 'https://app.gohighlevel.com/v2/location/x/settings/phone_integration' };

let fakes: Fakes;
let offscreen: { createDocument: ReturnType<typeof vi.fn>; closeDocument: ReturnType<typeof vi.fn> };

beforeEach(() => {
  fakes = installFakes();
  offscreen = { createDocument: vi.fn(async () => undefined), closeDocument: vi.fn(async () => undefined) };
  (fakeBrowser as unknown as { offscreen: typeof offscreen }).offscreen = offscreen;
});
afterEach(() => vi.useRealTimers());

const allowClearing = () => {
  fakes.permissions.apis.add('clipboardRead');
  fakes.permissions.apis.add('clipboardWrite');
};
const session = () => fakeBrowser.storage.session.get(null);

/** A clipboard that holds `text` (undefined: unreadable) and records writes; `writes` false refuses them. */
function fakeClipboard(text: string | undefined, writes = true): ClipboardAccess & { written: string[] } {
  const written: string[] = [];
  return {
    written,
    read: async () => text,
    write: async (value) => {
      if (writes) written.push(value);
      return writes;
    },
  };
}

describe('clipboardDigest', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['a\nb', '7e18f737311b2dc3b2f269dd78396b0351f14fb66efa879f768cb23181883c78'],
    // Line breaks as a system clipboard may hold them count as \n.
    ['a\r\nb', '7e18f737311b2dc3b2f269dd78396b0351f14fb66efa879f768cb23181883c78'],
    ['a\rb', '7e18f737311b2dc3b2f269dd78396b0351f14fb66efa879f768cb23181883c78'],
  ])('%j → %s', async (text, digest) => {
    expect(await clipboardDigest(text)).toBe(digest);
  });
});

describe('clearIfOurs: empties the clipboard only while it holds our copy', () => {
  it.each<[name: string, holds: string | undefined, writes: boolean, outcome: string, written: string[]]>([
    ['our copy', COPIED, true, 'cleared', ['']],
    ['our copy, line breaks as the system stores them', COPIED.replace('\n', '\r\n'), true, 'cleared', ['']],
    ['something the admin copied since', 'a note', false, 'changed', []],
    ['our copy with something added', `${COPIED} `, true, 'changed', []],
    ['nothing', '', true, 'changed', []],
    ['unreadable (an image, or reading refused)', undefined, true, 'unreadable', []],
    ['our copy, the write refused', COPIED, false, 'unwritten', []],
  ])('%s → %s', async (_name, holds, writes, outcome, written) => {
    const clipboard = fakeClipboard(holds, writes);
    expect(await clearIfOurs(clipboard, await clipboardDigest(COPIED))).toBe(outcome);
    expect(clipboard.written).toEqual(written);
  });
});

describe('a reported copy', () => {
  it('without the permission to read the clipboard: nothing is kept or arranged, and the reply says so', async () => {
    expect(await route({ type: 'clipboard-copied', text: COPIED }, CONSOLE)).toEqual({ ok: false });
    expect(await session()).toEqual({});
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it(`with it: its digest in storage.session, never the text, and an alarm ${CLEAR_AFTER_SECONDS} s later`, async () => {
    allowClearing();
    const before = Date.now();
    expect(await route({ type: 'clipboard-copied', text: COPIED }, CONSOLE)).toEqual({ ok: true });
    expect(await session()).toEqual({ 'clipboard-copied': { digest: await clipboardDigest(COPIED) } });
    expect(JSON.stringify(await session())).not.toContain(TOKEN);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    const alarm = await fakeBrowser.alarms.get(CLIPBOARD_ALARM);
    expect(alarm?.scheduledTime).toBeGreaterThanOrEqual(before + CLEAR_AFTER_SECONDS * 1000);
    expect(alarm?.scheduledTime).toBeLessThanOrEqual(Date.now() + CLEAR_AFTER_SECONDS * 1000);
  });

  it('a newer copy replaces the older one and starts its own minute', async () => {
    allowClearing();
    await onCopied('first', 1_000);
    await onCopied(COPIED, 5_000);
    expect(await session()).toEqual({ 'clipboard-copied': { digest: await clipboardDigest(COPIED) } });
    expect((await fakeBrowser.alarms.getAll()).map((a) => [a.name, a.scheduledTime])).toEqual([[CLIPBOARD_ALARM, 5_000 + CLEAR_AFTER_SECONDS * 1000]]);
  });

  it.each<[string, SenderLike, boolean]>([
    ['the console overlay', CONSOLE, true],
    ['the popup', POPUP, true],
    ['a CRM page', CRM, false],
    ['another extension', { ...POPUP, id: 'other' }, false],
    ['a page of another site', { ...CONSOLE, url: 'https://bait.example/' }, false],
  ])('from %s → acted on: %s', async (_name, sender, accepted) => {
    allowClearing();
    const reply = await route({ type: 'clipboard-copied', text: COPIED }, sender);
    expect(reply).toEqual(accepted ? { ok: true } : undefined);
    expect(Object.keys(await session())).toEqual(accepted ? ['clipboard-copied'] : []);
  });

  it.each([
    ['no text', { type: 'clipboard-copied' }],
    ['a text longer than any copy of ours', { type: 'clipboard-copied', text: 'x'.repeat(201) }],
    ['a number', { type: 'clipboard-copied', text: 42 }],
  ])('refuses a malformed report: %s', async (_name, message) => {
    allowClearing();
    expect(await route(message, CONSOLE)).toBeUndefined();
    expect(await session()).toEqual({});
  });

  it('reportCopy: true only when the background answers that it will clear', async () => {
    for (const [reply, expected] of [
      [{ ok: true }, true],
      [{ ok: false }, false],
      [{ ok: 'yes' }, false],
      [undefined, false],
    ] as const) {
      fakes.reply = () => reply;
      expect(await reportCopy(COPIED)).toBe(expected);
    }
    expect(fakes.sent).toEqual([{ type: 'clipboard-copied', text: COPIED }, { type: 'clipboard-copied', text: COPIED }, { type: 'clipboard-copied', text: COPIED }, { type: 'clipboard-copied', text: COPIED }]);
  });
});

describe('the alarm', () => {
  it('opens the offscreen document, for the clipboard, when a copy waits and reading is allowed', async () => {
    allowClearing();
    await onCopied(COPIED);
    await onAlarm(CLIPBOARD_ALARM);
    expect(offscreen.createDocument).toHaveBeenCalledWith(expect.objectContaining({ url: '/offscreen.html', reasons: ['CLIPBOARD'] }));
    // The digest stays until the document asks for it.
    expect(Object.keys(await session())).toEqual(['clipboard-copied']);
  });

  it('with the permission taken back meanwhile: forgets the copy and opens nothing', async () => {
    allowClearing();
    await onCopied(COPIED);
    fakes.permissions.apis.delete('clipboardRead');
    expect(await onClearAlarm()).toBe('nothing');
    expect(await session()).toEqual({});
    expect(offscreen.createDocument).not.toHaveBeenCalled();
  });

  it('with nothing waiting (Clear all data emptied storage.session): opens nothing', async () => {
    allowClearing();
    await onCopied(COPIED);
    await fakeBrowser.storage.session.clear();
    expect(await onClearAlarm()).toBe('nothing');
    expect(offscreen.createDocument).not.toHaveBeenCalled();
  });
});

describe('the offscreen document and the background', () => {
  it.each<[string, SenderLike, boolean]>([
    ['the offscreen document', OFFSCREEN, true],
    ['the popup', POPUP, false],
    ['the offscreen page of another extension', { ...OFFSCREEN, id: 'other' }, false],
    ['a page with the offscreen URL and a query', { ...OFFSCREEN, url: `${OFFSCREEN_URL}?x` }, false],
    ['a tab showing the offscreen page', { ...OFFSCREEN, tab: { id: 3 } }, false],
    ['a console page', CONSOLE, false],
  ])('isFromOffscreen: %s → %s', (_name, sender, accepted) => {
    expect(isFromOffscreen(sender, EXT, OFFSCREEN_URL)).toBe(accepted);
  });

  it('gives the digest once, to the offscreen document only, and closes it when it reports', async () => {
    allowClearing();
    await onCopied(COPIED);
    expect(await route({ type: 'clipboard-clear-ask' }, POPUP)).toBeUndefined();
    expect(await route({ type: 'clipboard-clear-ask' }, OFFSCREEN)).toEqual({ digest: await clipboardDigest(COPIED) });
    expect(await route({ type: 'clipboard-clear-ask' }, OFFSCREEN)).toEqual({});
    expect(await session()).toEqual({});
    expect(await route({ type: 'clipboard-clear-done', outcome: 'cleared' }, POPUP)).toBeUndefined();
    expect(offscreen.closeDocument).not.toHaveBeenCalled();
    expect(await route({ type: 'clipboard-clear-done', outcome: 'cleared' }, OFFSCREEN)).toEqual({ ok: true });
    expect(offscreen.closeDocument).toHaveBeenCalledTimes(1);
    expect(await route({ type: 'clipboard-clear-done', outcome: 'emptied everything' }, OFFSCREEN)).toBeUndefined();
  });

  it.each<[string, unknown, string | undefined, string]>([
    ['the digest of what the clipboard holds', 'digest-of-copy', COPIED, 'cleared'],
    ['the digest, something else on the clipboard', 'digest-of-copy', 'a note', 'changed'],
    ['no digest', {}, COPIED, 'nothing'],
    ['no answer', undefined, COPIED, 'nothing'],
    ['a malformed digest', { digest: 'not hex' }, COPIED, 'nothing'],
  ])('clearCopiedToken, given %s → %s', async (_name, order, holds, outcome) => {
    const digest = await clipboardDigest(COPIED);
    fakes.reply = (message) => ((message as { type: string }).type === 'clipboard-clear-ask' ? (order === 'digest-of-copy' ? { digest } : order) : { ok: true });
    let clipboard = holds;
    const doc = document;
    doc.execCommand = vi.fn((command: string) => {
      if (command === 'paste') {
        if (clipboard === undefined) return false;
        (doc.activeElement as HTMLTextAreaElement).value = clipboard;
        return true;
      }
      const event = new Event('copy', { cancelable: true }) as ClipboardEvent;
      const data = new Map<string, string>();
      Object.defineProperty(event, 'clipboardData', { value: { setData: (type: string, value: string) => data.set(type, value) } });
      doc.dispatchEvent(event);
      if (event.defaultPrevented) clipboard = data.get('text/plain');
      return true;
    });
    await clearCopiedToken(doc);
    expect(fakes.sent.at(-1)).toEqual({ type: 'clipboard-clear-done', outcome });
    expect(clipboard).toBe(outcome === 'cleared' ? '' : holds);
    // The textarea it pasted into is gone.
    expect(doc.querySelector('textarea')).toBeNull();
  });
});
