import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { DEFAULT_CRM_HOST, loadSettings, updateSettings } from './settings';

/**
 * White-label CRM hosts (agencies serve the same app at app.theirdomain.com, DESIGN.md §2). The
 * default host is in the manifest; every other host needs the admin's grant of an optional host
 * permission. A host is enabled when it is in the admin's list (settings.crmHosts) and granted. No
 * script is registered for any host: the background injects the driver into the one tab it drives
 * (utils/background/crm-tab.ts), so the grant is all a host needs.
 */
/** Ids of the scripts earlier versions registered per host; removed at start-up (retireRegisteredScripts). */
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

const HostRequest = z.object({ host: z.string(), at: z.number() });

async function loadHostRequest(now: number): Promise<string | undefined> {
  const parsed = HostRequest.safeParse((await browser.storage.local.get(CRM_HOST_REQUEST_KEY))[CRM_HOST_REQUEST_KEY]);
  if (!parsed.success || now - parsed.data.at > REQUEST_FRESH_MS) return undefined;
  return parsed.data.host;
}

/** Adds a granted host to the admin's list. */
async function adoptCrmHost(host: string): Promise<void> {
  await updateSettings((settings) =>
    settings.crmHosts.includes(host) ? settings : { ...settings, crmHosts: [...settings.crmHosts, host] },
  );
  await browser.storage.local.remove(CRM_HOST_REQUEST_KEY);
}

export type EnableResult = 'enabled' | 'denied';

/**
 * Enables a white-label host: the permission prompt, then the list. Call it synchronously from the click handler (see requestHostPermission). Chrome
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

/** Takes the host off the list (no handoff goes there again) and gives the permission back. */
export async function removeCrmHost(host: string): Promise<RemoveResult> {
  await updateSettings((settings) => ({
    ...settings,
    crmHosts: settings.crmHosts.filter((known) => known !== host),
    preferredCrmHost: settings.preferredCrmHost === host ? DEFAULT_CRM_HOST : settings.preferredCrmHost,
  }));
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

/** Hosts the driver may be injected into: the default one and the granted white-label ones. */
export async function enabledCrmHosts(): Promise<string[]> {
  return (await listCrmHosts()).filter((status) => status.granted).map((status) => status.host);
}

/**
 * A grant answered after the popup that asked was closed by the browser's prompt: the background
 * finishes it from the recorded request (at start-up and whenever a permission is added).
 */
export async function adoptRequestedHost(now = Date.now()): Promise<string | undefined> {
  const requested = await loadHostRequest(now);
  if (!requested || !(await hasHostPermission(requested))) return undefined;
  await adoptCrmHost(requested);
  return requested;
}

/**
 * Earlier versions registered the driver for each white-label host, persistently: such a script
 * would still run on every page load there. Removed at start-up; nothing registers them now.
 */
export async function retireRegisteredScripts(): Promise<string[]> {
  const ids = (await browser.scripting.getRegisteredContentScripts()).map((script) => script.id).filter((id) => id.startsWith(SCRIPT_ID_PREFIX));
  if (ids.length > 0) await browser.scripting.unregisterContentScripts({ ids });
  return ids;
}

/**
 * For the background: call synchronously at start-up so a grant wakes the service worker and is
 * adopted. Returns the listener for tests and clean-up.
 */
export function installHostPermissionListeners(
  onError: (error: unknown) => void = (error) => console.error('CRM host grant not adopted', error),
): () => void {
  const listener = () => {
    adoptRequestedHost().catch(onError);
  };
  browser.permissions.onAdded.addListener(listener);
  return () => browser.permissions.onAdded.removeListener(listener);
}

/** Gives back every white-label permission. */
export async function removeAllCrmHosts(): Promise<void> {
  const settings = await loadSettings();
  for (const host of settings.crmHosts) {
    try {
      await browser.permissions.remove({ origins: [hostPattern(host)] });
    } catch {
      // A host the manifest requires cannot be given back; off the list, no handoff goes there.
    }
  }
}
