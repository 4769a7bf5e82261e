import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { text } from '../../components/text';
import type { Handoff, HandoffState } from '../../utils/handoff/types';
import { CHROME_BUILD_DIR, launchExtension, type ExtensionBrowser } from './harness';

/**
 * The toolbar badge and the optional notifications follow stored handoffs in real Chromium, whoever
 * changed them (issue 13): the options page's Clear all data empties storage.session without a word
 * to the background, and the badge must clear all the same, also when the worker was stopped.
 *
 * Headless Chromium never answers the browser's permission prompt, so this file runs a test-only
 * copy of the production build whose manifest grants `notifications` (as after the admin's Allow);
 * the production build is not touched. What Chrome shows on screen cannot be read, only which
 * notices exist (`notifications.getAll`), and a notice cannot be clicked from a test: the click is
 * covered with the fake browser (tests/unit/waiting-notices.test.ts), the page it opens below.
 */
let ext: ExtensionBrowser;
let buildCopy: string;
const pages: Page[] = [];

type Chrome = typeof import('wxt/browser').browser;

beforeAll(async () => {
  buildCopy = mkdtempSync(join(tmpdir(), 'handoff-notifications-build-'));
  cpSync(CHROME_BUILD_DIR, buildCopy, { recursive: true });
  const manifestPath = join(buildCopy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { permissions: string[]; optional_permissions?: string[] };
  manifest.permissions.push('notifications');
  manifest.optional_permissions = (manifest.optional_permissions ?? []).filter((p) => p !== 'notifications');
  writeFileSync(manifestPath, JSON.stringify(manifest));
  ext = await launchExtension({ hostResolverRules: 'MAP nothing.invalid 127.0.0.1', extensionDir: buildCopy });
});

afterAll(async () => {
  await ext?.close();
  if (buildCopy) rmSync(buildCopy, { recursive: true, force: true });
});

async function extensionPage(path: string): Promise<Page> {
  const page = await ext.openExtensionPage(path);
  pages.push(page);
  return page;
}

function handoff(id: string, state: HandoffState, friendlyName: string): Handoff {
  const now = Date.now();
  return { id, state, createdAt: now, updatedAt: now, expiresAt: now + 600_000, sid: 'AC' + 'ab'.repeat(16), friendlyName, crmHost: 'app.gohighlevel.com', submissions: 0, steps: [] };
}

/** Writes handoffs as another extension page would: straight into storage.session. */
async function store(page: Page, handoffs: Handoff[]): Promise<void> {
  const items = Object.fromEntries(handoffs.map((h) => [`handoff:${h.id}`, h]));
  await page.evaluate(async (values) => (globalThis as unknown as { chrome: Chrome }).chrome.storage.session.set(values), items);
}

/** Read from an extension page: reading must not wake or wait for the worker. */
const badgeText = (page: Page) => page.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({}));
const notices = (page: Page) =>
  page.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: Chrome }).chrome.notifications.getAll()).sort());

async function clearAllData(options: Page): Promise<void> {
  await options.getByRole('button', { name: text.clearButton }).click();
  await options.getByRole('button', { name: text.clearConfirmButton }).click();
  await options.getByText(text.cleared).waitFor();
}

describe('the badge and the notices in Chromium', () => {
  it('show a handoff that comes to wait, and clear once it stops waiting', async () => {
    const options = await extensionPage('options.html');
    await store(options, [handoff('e2e1', 'verified', 'Acme Dental - Austin')]);
    await store(options, [handoff('e2e1', 'needs-choice', 'Acme Dental - Austin')]);
    await expect.poll(() => badgeText(options), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => notices(options), { timeout: 10_000 }).toEqual(['e2e1']);
    await store(options, [handoff('e2e1', 'matched', 'Acme Dental - Austin')]);
    await expect.poll(() => notices(options), { timeout: 10_000 }).toEqual([]);
    await expect.poll(() => badgeText(options), { timeout: 10_000 }).toBe('');
  });

  it('clear the badge and the notices when the options page clears all data, the worker running', async () => {
    const options = await extensionPage('options.html');
    await store(options, [handoff('e2e2', 'needs-check', 'Bayside Pediatrics'), handoff('e2e3', 'filled', 'Cedar Vet Clinic'), handoff('e2e4', 'authorized', 'Delta Physio')]);
    await expect.poll(() => badgeText(options), { timeout: 10_000 }).toBe('2');
    await expect.poll(() => notices(options), { timeout: 10_000 }).toEqual(['e2e2', 'e2e3']);
    await clearAllData(options);
    await expect.poll(() => badgeText(options), { timeout: 10_000 }).toBe('');
    expect(await notices(options)).toEqual([]);
  });

  it('clear the badge when the worker was stopped before the clear: the storage change wakes it', async () => {
    const options = await extensionPage('options.html');
    await store(options, [handoff('e2e5', 'needs-replace-confirmation', 'Evergreen Law Group')]);
    await expect.poll(() => badgeText(options), { timeout: 10_000 }).toBe('1');
    await ext.stopServiceWorker();
    await clearAllData(options);
    await expect.poll(() => badgeText(options), { timeout: 15_000 }).toBe('');
  });

  it('open the popup page on the handoff a notice was for (the page a click opens)', async () => {
    const options = await extensionPage('options.html');
    // Newest first: without the address, the choice (newer) would come first.
    const older = { ...handoff('e2e6', 'needs-check', 'Harbor Chiropractic'), createdAt: Date.now() - 60_000 };
    await store(options, [older, handoff('e2e7', 'needs-choice', 'Summit Orthodontics')]);
    const popup = await extensionPage('popup.html#e2e6');
    await popup.getByRole('article').nth(1).waitFor();
    const first = popup.getByRole('article').first();
    await expect.poll(() => first.getAttribute('class')).toBe('handoff handoff--needs-check');
    await expect.poll(() => first.innerText()).toContain('Harbor Chiropractic');
  });
});

afterAll(async () => {
  await Promise.all(pages.splice(0).map((page) => (page.isClosed() ? undefined : page.close())));
});
