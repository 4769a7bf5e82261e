import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPY_CLEARS } from '../../components/clipboard-text';
import { CLEAR_AFTER_SECONDS, CLIPBOARD_ALARM } from '../../utils/clipboard/shared';
import { startStandIns, type StandIns } from '../stand-ins/start';
import { dashboardUrl } from '../stand-ins/twilio-console/server';
import { launchExtension, type ExtensionBrowser } from './harness';
import { clickOverlayButton, findOverlays, overlayStatus } from './support/overlay';
import { grantedBuild, type GrantedBuild } from './support/white-label';

/**
 * Clearing a copied Auth Token from the clipboard in real Chromium (issue 11 item 4): Copy
 * credentials on the console overlay, the background's alarm, Chrome's offscreen document reading
 * the clipboard and emptying it only while it still holds that copy.
 *
 * Headless Chromium never answers the browser's permission prompt, so this file runs a test-only
 * copy of the production build whose manifest grants `clipboardRead` and `clipboardWrite` (as after the admin's Allow in
 * the options page); the production build is not touched, and its 60 s stand: the test reads the
 * alarm the copy set, then sets that same alarm to fire now (Chrome fires an unpacked extension's
 * alarm without the 30 s minimum), instead of waiting a minute. Without the permission (the
 * production build) nothing is arranged: tests/e2e/console-overlay.test.ts.
 */
let sites: StandIns;
let ext: ExtensionBrowser;
let buildCopy: GrantedBuild;
const pages: Page[] = [];

type Chrome = typeof import('wxt/browser').browser;

beforeAll(async () => {
  buildCopy = grantedBuild([], undefined, ['clipboardRead', 'clipboardWrite']);
  sites = await startStandIns();
  ext = await launchExtension({ hostResolverRules: sites.hostResolverRules, extensionDir: buildCopy.dir });
  // For the test's own reads and writes of the clipboard, from the console page.
  await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://console.twilio.com' });
});

afterAll(async () => {
  await Promise.all(pages.map((p) => p.close()));
  await ext?.close();
  await sites?.close();
  buildCopy?.remove();
});

/** Opens an account's Account Info page and copies its credentials with the overlay; returns what was copied. */
async function copyCredentials(name: string): Promise<{ page: Page; copied: string; token: string }> {
  const account = sites.api.state.createAccount(name);
  const page = await ext.context.newPage();
  pages.push(page);
  await page.goto(dashboardUrl(account.sid));
  await expect.poll(async () => (await findOverlays(page)).length, { timeout: 15_000 }).toBe(1);
  await clickOverlayButton(page, 'Copy credentials');
  await expect.poll(() => overlayStatus(page), { timeout: 10_000 }).toContain(COPY_CLEARS);
  const copied = `Account SID: ${account.sid}\nAuth Token: ${account.authToken}`;
  expect(await readClipboard(page)).toBe(copied);
  return { page, copied, token: account.authToken };
}

const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

async function scheduledIn(): Promise<number | undefined> {
  const worker = await ext.worker();
  return worker.evaluate(async (name) => {
    const alarm = await (globalThis as unknown as { chrome: Chrome }).chrome.alarms.get(name);
    return alarm ? alarm.scheduledTime - Date.now() : undefined;
  }, CLIPBOARD_ALARM);
}

/** The alarm the copy set, now: what would happen a minute later, without the wait. */
async function fireClearAlarm(): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate((name) => (globalThis as unknown as { chrome: Chrome }).chrome.alarms.create(name, { when: Date.now() }), CLIPBOARD_ALARM);
}

/** Once the offscreen document has asked for the digest and been closed: the clear is over. */
async function clearDone(): Promise<void> {
  const worker = await ext.worker();
  await expect
    .poll(
      () =>
        worker.evaluate(async () => {
          const chrome = (globalThis as unknown as { chrome: Chrome & { runtime: { getContexts(f: object): Promise<unknown[]> } } }).chrome;
          const waiting = 'clipboard-copied' in (await chrome.storage.session.get('clipboard-copied'));
          const documents = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
          return !waiting && documents.length === 0;
        }),
      { timeout: 15_000 },
    )
    .toBe(true);
}

describe('clearing a copied Auth Token (clipboardRead and clipboardWrite granted)', () => {
  it(`the copy sets a clear ${CLEAR_AFTER_SECONDS} s ahead and keeps only its digest; when it fires, the token is gone from the clipboard`, async () => {
    const { page, copied, token } = await copyCredentials('Clipboard Clear Co');
    const due = await scheduledIn();
    expect(due).toBeGreaterThan((CLEAR_AFTER_SECONDS - 15) * 1000);
    expect(due).toBeLessThanOrEqual(CLEAR_AFTER_SECONDS * 1000);
    const session = await ext.readStorage('session');
    expect(session['clipboard-copied']).toEqual({ digest: createHash('sha256').update(copied).digest('hex') });
    for (const area of ['session', 'local', 'sync'] as const) expect(JSON.stringify(await ext.readStorage(area))).not.toContain(token);

    await fireClearAlarm();
    await expect.poll(() => readClipboard(page), { timeout: 15_000 }).toBe('');
    await clearDone();
    expect(await scheduledIn()).toBeUndefined();
  });

  it('text the admin copied after the token is left alone', async () => {
    const { page } = await copyCredentials('Clipboard Keep Co');
    const note = 'A note the admin copied afterwards';
    await page.evaluate((text) => navigator.clipboard.writeText(text), note);
    await fireClearAlarm();
    await clearDone();
    expect(await readClipboard(page)).toBe(note);
  });
});
