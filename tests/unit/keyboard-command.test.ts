import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SEND_COMMAND, sendFromActiveTab } from '../../utils/background/commands';
import { startBackground } from '../../utils/background/start';
import { onSendCommand } from '../../utils/console/messaging';
import { installFakes, type Fakes } from './support/extension-fakes';

/**
 * The keyboard command "Send the credentials on this page to the CRM" in the background, with WXT's
 * fake browser: it asks the overlay of the active tab, and only of a console tab, to send (the
 * overlay then sends `capture` as for its button: tests/unit/console-overlay.test.ts, and in Chromium
 * tests/e2e/console-keyboard.test.ts); where nothing takes it, the popup opens and says so.
 */

let fakes: Fakes;
let setPopup: ReturnType<typeof vi.fn>;
let openPopup: ReturnType<typeof vi.fn>;
/** What the overlay in each tab answers to send-command; a tab not listed has no overlay. */
let overlays: Map<number, unknown>;
let asked: Array<{ tabId: number; message: unknown; options: unknown }>;

beforeEach(() => {
  fakes = installFakes();
  setPopup = vi.fn(async () => undefined);
  openPopup = vi.fn(async () => undefined);
  Object.assign(fakeBrowser.action, { setPopup, openPopup });
  overlays = new Map();
  asked = [];
  (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = vi.fn(async (tabId: number, message: unknown, options?: unknown) => {
    asked.push({ tabId, message, options });
    if (!overlays.has(tabId)) throw new Error('Could not establish connection. Receiving end does not exist.');
    return overlays.get(tabId);
  });
  startBackground();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const CONSOLE = 'https://console.twilio.com/us1/account/manage-account/general-settings';
const LEGACY = 'https://www.twilio.com/console/project/settings';
const popupOpened = () => setPopup.mock.calls.map(([arg]) => (arg as { popup: string }).popup);

describe('the active tab', () => {
  it.each([
    ['the new console', CONSOLE],
    ['the legacy console settings page', LEGACY],
  ])('%s with an overlay that takes it: the overlay sends, and nothing else opens', async (_name, url) => {
    overlays.set(7, { ok: true });
    await sendFromActiveTab({ id: 7, url });
    expect(asked).toEqual([{ tabId: 7, message: { type: 'send-command' }, options: undefined }]);
    expect(openPopup).not.toHaveBeenCalled();
  });

  it.each([
    ['a CRM page', 'https://app.gohighlevel.com/settings/phone_integration', false],
    ['www.twilio.com outside the console', 'https://www.twilio.com/en-us/blog', false],
    ['a console look-alike over http', 'http://console.twilio.com/us1', false],
    ['a page whose address the extension may not read', undefined, false],
    ['a console tab without an overlay (no credentials on screen)', CONSOLE, true],
  ])('%s: the popup opens saying there is nothing to send', async (_name, url, asksTheTab) => {
    await sendFromActiveTab({ id: 8, url });
    expect(asked.length > 0).toBe(asksTheTab);
    expect(popupOpened()).toEqual(['/popup.html#nothing-to-send', '/popup.html']);
    expect(openPopup).toHaveBeenCalledTimes(1);
  });

  it('an overlay that answers anything but ok is taken as none', async () => {
    overlays.set(9, { ok: 'yes' });
    await sendFromActiveTab({ id: 9, url: CONSOLE });
    expect(popupOpened()[0]).toBe('/popup.html#nothing-to-send');
  });

  it('a browser that will not open the popup gets the same page in a tab', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    openPopup.mockRejectedValue(new Error('Could not find an active browser window.'));
    await sendFromActiveTab({ id: 10, url: 'https://example.com/' });
    expect(create.mock.calls).toEqual([[{ url: '/popup.html#nothing-to-send' }]]);
  });
});

describe('the command as the browser delivers it', () => {
  it('reaches a worker started by the key press itself (listener registered at start-up), with the tab it names', async () => {
    overlays.set(11, { ok: true });
    await fakes.onCommand.trigger(SEND_COMMAND, { id: 11, url: CONSOLE, active: true });
    await vi.waitFor(() => expect(asked.map((a) => a.tabId)).toEqual([11]));
    expect(openPopup).not.toHaveBeenCalled();
  });

  it('asks for the active tab where the browser names none', async () => {
    overlays.set(12, { ok: true });
    (fakeBrowser.tabs as unknown as { query: unknown }).query = vi.fn(async () => [{ id: 12, url: CONSOLE, active: true }]);
    await fakes.onCommand.trigger(SEND_COMMAND);
    await vi.waitFor(() => expect(asked.map((a) => a.tabId)).toEqual([12]));
  });

  it('ignores commands that are not its own', async () => {
    overlays.set(13, { ok: true });
    await fakes.onCommand.trigger('something-else', { id: 13, url: CONSOLE });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toEqual([]);
    expect(openPopup).not.toHaveBeenCalled();
  });
});

describe('the overlay’s side (utils/console/messaging.ts onSendCommand)', () => {
  const BACKGROUND = { id: fakeBrowser.runtime.id };

  async function deliver(message: unknown, sender: object, taken: boolean) {
    const onCommand = vi.fn(() => taken);
    const stop = onSendCommand(onCommand);
    const replies = await fakeBrowser.runtime.onMessage.trigger(message, sender as never, () => undefined);
    stop();
    return { onCommand, replies: replies.filter((reply: unknown) => reply !== undefined) };
  }

  it('takes send-command from our background, and answers ok only while an overlay shows an account', async () => {
    expect(await deliver({ type: 'send-command' }, BACKGROUND, true)).toMatchObject({ replies: [{ ok: true }] });
    const none = await deliver({ type: 'send-command' }, BACKGROUND, false);
    expect(none.onCommand).toHaveBeenCalledTimes(1);
    expect(none.replies).toEqual([]);
  });

  it.each([
    ['a content script of ours in a tab', { id: fakeBrowser.runtime.id, tab: { id: 3 } }, { type: 'send-command' }],
    ['another extension', { id: 'someone-else' }, { type: 'send-command' }],
    ['another type', BACKGROUND, { type: 'capture' }],
  ])('ignores %s', async (_name, sender, message) => {
    const { onCommand, replies } = await deliver(message, sender, true);
    expect(onCommand).not.toHaveBeenCalled();
    expect(replies).toEqual([]);
  });
});
