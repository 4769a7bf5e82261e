import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { CrmPingReply, type CrmPingMessage } from './messages';
import { DEFAULT_CRM_HOST, loadSettings, updateSettings } from './settings';

/**
 * White-label CRM hosts (agencies serve the same app at app.theirdomain.com, DESIGN.md §2). The
 * default host is in the manifest; every other host needs the admin's grant of an optional host
 * permission, then a persistent dynamic registration of the CRM content script.
 *
 * The admin's list is settings.crmHosts; the browser's grant is the permission. A host is enabled
 * when it is in the list and granted. syncCrmHostRegistrations makes the registered scripts follow.
 */
export const CRM_SCRIPT_FILE = 'content-scripts/crm.js';
/** The same file as WXT types extension paths for executeScript. */
const CRM_SCRIPT_PATH = '/content-scripts/crm.js';
const SCRIPT_ID_PREFIX = 'crm-';
/** The host the admin last asked for, written in the same task as permissions.request. */
export const CRM_HOST_REQUEST_KEY = 'crmHostRequest';
/** A grant that arrives later than this after the request is not taken as the admin's answer. */
const REQUEST_FRESH_MS = 10 * 60_000;

export type HostProblem = 'empty' | 'invalid' | 'port' | 'ip-address' | 'default-host' | 'twilio-host';
export type HostCheck = { ok: true; host: string } | { ok: false; problem: HostProblem };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Accepts a host name or a pasted address (`https://app.agency.com/settings/...`) and returns
 * the host name in the form match patterns use (lower case, punycode, no trailing dot).
 */
export function normaliseHost(input: string): HostCheck {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, problem: 'empty' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password) return { ok: false, problem: 'invalid' };
  if (url.port) return { ok: false, problem: 'port' };
  const host = url.hostname.replace(/\.$/, '');
  if (host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host)) return { ok: false, problem: 'ip-address' };
  const labels = host.split('.');
  if (labels.length < 2 || host.length > 253 || !labels.every((label) => LABEL.test(label))) {
    return { ok: false, problem: 'invalid' };
  }
  if (host === DEFAULT_CRM_HOST) return { ok: false, problem: 'default-host' };
  if (host === 'twilio.com' || host.endsWith('.twilio.com')) return { ok: false, problem: 'twilio-host' };
  return { ok: true, host };
}

export function hostPattern(host: string): string {
  return `https://${host}/*`;
}

function scriptId(host: string): string {
  return SCRIPT_ID_PREFIX + host;
}

/**
 * The browser's permission prompt for the host. Call it synchronously from a click handler, before
 * any await: the browser accepts the request only while it still sees the admin's gesture.
 */
export function requestHostPermission(host: string): Promise<boolean> {
  return browser.permissions.request({ origins: [hostPattern(host)] });
}

export function hasHostPermission(host: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [hostPattern(host)] });
}

/** Mirrors the manifest's CRM content script (all_frames) so white-label hosts behave the same. */
function crmScriptAllFrames(): boolean {
  const declared = browser.runtime.getManifest().content_scripts?.find((script) => script.js?.includes(CRM_SCRIPT_FILE));
  return declared?.all_frames ?? false;
}

/** True when this call registered it; false when it was registered already. */
export async function registerCrmContentScript(host: string): Promise<boolean> {
  const id = scriptId(host);
  if ((await browser.scripting.getRegisteredContentScripts({ ids: [id] })).length > 0) return false;
  try {
    await browser.scripting.registerContentScripts([
      {
        id,
        js: [CRM_SCRIPT_FILE],
        matches: [hostPattern(host)],
        runAt: 'document_idle',
        allFrames: crmScriptAllFrames(),
        persistAcrossSessions: true,
      },
    ]);
    return true;
  } catch (error) {
    // The popup and the background may both finish the same grant; the loser sees a duplicate id.
    if ((await browser.scripting.getRegisteredContentScripts({ ids: [id] })).length > 0) return false;
    throw error;
  }
}

export async function unregisterCrmContentScript(host: string): Promise<void> {
  const id = scriptId(host);
  if ((await browser.scripting.getRegisteredContentScripts({ ids: [id] })).length === 0) return;
  await browser.scripting.unregisterContentScripts({ ids: [id] });
}

export interface InjectionReport {
  injected: number[];
  /** Tabs where the script still runs (a host removed and added again before a reload). */
  alreadyRunning: number[];
  failed: { tabId: number; message: string }[];
}

async function crmScriptRuns(tabId: number): Promise<boolean> {
  const ping: CrmPingMessage = { type: 'crm-ping' };
  const reply = await browser.tabs.sendMessage(tabId, ping, { frameId: 0 }).catch(() => undefined);
  return CrmPingReply.safeParse(reply).success;
}

/**
 * A registration reaches pages loaded after it; tabs already open on the host get the script now,
 * unless an earlier copy still answers there (unregistering never stops a running script).
 */
export async function injectIntoOpenTabs(host: string): Promise<InjectionReport> {
  const report: InjectionReport = { injected: [], alreadyRunning: [], failed: [] };
  const allFrames = crmScriptAllFrames();
  for (const tab of await browser.tabs.query({ url: hostPattern(host) })) {
    if (tab.id === undefined) continue;
    if (await crmScriptRuns(tab.id)) {
      report.alreadyRunning.push(tab.id);
      continue;
    }
    try {
      await browser.scripting.executeScript({ target: { tabId: tab.id, allFrames }, files: [CRM_SCRIPT_PATH] });
      report.injected.push(tab.id);
    } catch (error) {
      // An error page or a closing tab refuses scripts; its next load gets the registered one.
      report.failed.push({ tabId: tab.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}

const HostRequest = z.object({ host: z.string(), at: z.number() });

async function loadHostRequest(now: number): Promise<string | undefined> {
  const parsed = HostRequest.safeParse((await browser.storage.local.get(CRM_HOST_REQUEST_KEY))[CRM_HOST_REQUEST_KEY]);
  if (!parsed.success || now - parsed.data.at > REQUEST_FRESH_MS) return undefined;
  return parsed.data.host;
}

/** Adds a granted host to the admin's list, registers the script and injects it once. */
async function adoptCrmHost(host: string): Promise<void> {
  await updateSettings((settings) =>
    settings.crmHosts.includes(host) ? settings : { ...settings, crmHosts: [...settings.crmHosts, host] },
  );
  await browser.storage.local.remove(CRM_HOST_REQUEST_KEY);
  if (await registerCrmContentScript(host)) await injectIntoOpenTabs(host);
}

export type EnableResult = 'enabled' | 'denied';

/**
 * Enables a white-label host: the permission prompt, then the list, the registration and the
 * open tabs. Call it synchronously from the click handler (see requestHostPermission). Chrome
 * closes the popup when its prompt opens, so the request is recorded in the same task and the
 * background's permissions.onAdded listener finishes from that record if this page is gone.
 */
export function enableCrmHost(host: string, now = Date.now()): Promise<EnableResult> {
  const granted = requestHostPermission(host);
  const recorded = browser.storage.local.set({ [CRM_HOST_REQUEST_KEY]: { host, at: now } });
  return (async () => {
    await recorded;
    let answer: boolean;
    try {
      answer = await granted;
    } catch (error) {
      await browser.storage.local.remove(CRM_HOST_REQUEST_KEY);
      throw error;
    }
    if (!answer) {
      await browser.storage.local.remove(CRM_HOST_REQUEST_KEY);
      return 'denied';
    }
    await adoptCrmHost(host);
    return 'enabled';
  })();
}

export interface RemoveResult {
  /** False when the browser kept the permission (it refuses to revoke a host the manifest requires). */
  revoked: boolean;
}

/** Takes the host off the list, stops the script there and gives the permission back. */
export async function removeCrmHost(host: string): Promise<RemoveResult> {
  await updateSettings((settings) => ({
    ...settings,
    crmHosts: settings.crmHosts.filter((known) => known !== host),
    preferredCrmHost: settings.preferredCrmHost === host ? DEFAULT_CRM_HOST : settings.preferredCrmHost,
  }));
  await unregisterCrmContentScript(host);
  try {
    return { revoked: await browser.permissions.remove({ origins: [hostPattern(host)] }) };
  } catch {
    return { revoked: false };
  }
}

export interface CrmHostStatus {
  host: string;
  isDefault: boolean;
  /** The browser's permission for the host (always true for the default host). */
  granted: boolean;
}

/** The default host first, then the admin's white-label hosts with their permission state. */
export async function listCrmHosts(): Promise<CrmHostStatus[]> {
  const settings = await loadSettings();
  const others = await Promise.all(
    settings.crmHosts.map(async (host) => ({ host, isDefault: false, granted: await hasHostPermission(host) })),
  );
  return [{ host: DEFAULT_CRM_HOST, isDefault: true, granted: true }, ...others];
}

/** Hosts the CRM content script runs on: the default one and the granted white-label ones. */
export async function enabledCrmHosts(): Promise<string[]> {
  return (await listCrmHosts()).filter((status) => status.granted).map((status) => status.host);
}

export interface SyncReport {
  enabled: string[];
  registered: string[];
  unregistered: string[];
}

/**
 * Makes the registered scripts follow the list and the grants: at start-up and whenever a
 * permission is added or removed (also from the browser's own extension settings).
 */
export async function syncCrmHostRegistrations(now = Date.now()): Promise<SyncReport> {
  const requested = await loadHostRequest(now);
  if (requested && (await hasHostPermission(requested))) await adoptCrmHost(requested);
  const settings = await loadSettings();
  const enabled: string[] = [];
  for (const host of settings.crmHosts) if (await hasHostPermission(host)) enabled.push(host);
  const report: SyncReport = { enabled, registered: [], unregistered: [] };
  const scripts = await browser.scripting.getRegisteredContentScripts();
  for (const script of scripts) {
    if (!script.id.startsWith(SCRIPT_ID_PREFIX)) continue;
    const host = script.id.slice(SCRIPT_ID_PREFIX.length);
    if (enabled.includes(host)) continue;
    await browser.scripting.unregisterContentScripts({ ids: [script.id] });
    report.unregistered.push(host);
  }
  for (const host of enabled) {
    if (await registerCrmContentScript(host)) {
      await injectIntoOpenTabs(host);
      report.registered.push(host);
    }
  }
  return report;
}

/**
 * For the background: call synchronously at start-up so a grant or a revocation wakes the service
 * worker and reaches the registrations. Returns the listener for tests and clean-up.
 */
export function installHostPermissionListeners(
  onError: (error: unknown) => void = (error) => console.error('CRM host registration failed', error),
): () => void {
  const listener = () => {
    syncCrmHostRegistrations().catch(onError);
  };
  browser.permissions.onAdded.addListener(listener);
  browser.permissions.onRemoved.addListener(listener);
  return () => {
    browser.permissions.onAdded.removeListener(listener);
    browser.permissions.onRemoved.removeListener(listener);
  };
}

/** Unregisters every white-label script and gives back every white-label permission. */
export async function removeAllCrmHosts(): Promise<void> {
  const settings = await loadSettings();
  const scripts = await browser.scripting.getRegisteredContentScripts();
  const ids = scripts.map((script) => script.id).filter((id) => id.startsWith(SCRIPT_ID_PREFIX));
  if (ids.length > 0) await browser.scripting.unregisterContentScripts({ ids });
  for (const host of settings.crmHosts) {
    try {
      await browser.permissions.remove({ origins: [hostPattern(host)] });
    } catch {
      // A host the manifest requires cannot be given back; nothing runs there once unregistered.
    }
  }
}
