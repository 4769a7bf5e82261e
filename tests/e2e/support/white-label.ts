import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROME_BUILD_DIR, type ExtensionBrowser } from '../harness';
import { sendFromWorker } from './tabs';

/**
 * White-label hosts in Chromium. Headless Chromium never answers the browser's own permission prompt
 * (`permissions.request` stays pending), so the flows around it run on a test-only copy of the
 * production build whose manifest already grants the host: `request` then resolves at once, as
 * after the admin's Allow. The production build is not touched.
 */
export interface GrantedBuild {
  dir: string;
  remove(): void;
}

/** `permissions`: optional API permissions granted the same way (moved from optional_permissions). */
export function grantedBuild(hosts: readonly string[], from = CHROME_BUILD_DIR, permissions: readonly string[] = []): GrantedBuild {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-granted-build-'));
  cpSync(from, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[]; permissions?: string[]; optional_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...hosts.map((host) => `https://${host}/*`)];
  manifest.permissions = [...(manifest.permissions ?? []), ...permissions];
  manifest.optional_permissions = (manifest.optional_permissions ?? []).filter((p) => !permissions.includes(p));
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Whether the CRM content script answers in the top frame of the tab open on `host`. */
export async function crmScriptAnswers(ext: ExtensionBrowser, host: string): Promise<boolean> {
  const reply = await sendFromWorker(ext, `https://${host}/`, { type: 'crm-ping' });
  return typeof reply === 'object' && reply !== null && (reply as { ok?: unknown }).ok === true;
}

/**
 * Loads (or reloads) the CRM page and waits until the CRM app has rendered its Phone Integration
 * page. The app renders only after its first backend request (the stand-in's loader delay), well
 * after the load event, and a content script registered for the page runs at document_idle, at the
 * latest right after that event: so by now it would answer if it were registered. No fixed sleep.
 */
export async function loadCrmPage(page: Page, url?: string): Promise<void> {
  if (url) await page.goto(url);
  else await page.reload();
  await page.getByRole('heading', { name: 'Phone Integration' }).waitFor({ timeout: 30_000 });
  await page.getByText('Sub Account Settings', { exact: true }).first().waitFor({ timeout: 30_000 });
}

/** The ids of the content scripts the extension registered at run time (`crm-<host>` for white-label hosts). */
export async function registeredScriptIds(ext: ExtensionBrowser): Promise<string[]> {
  const worker = await ext.worker();
  return worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    return (await api.scripting.getRegisteredContentScripts()).map((script) => script.id);
  });
}
