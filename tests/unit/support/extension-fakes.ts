import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * In-memory stand-ins for the extension APIs WXT's fake browser leaves unimplemented
 * (permissions, host and API ones, scripting, windows.getLastFocused, runtime.getManifest/sendMessage,
 * commands), installed on
 * the fake browser so code under test calls them through `browser` as in the extension.
 */

type Listener = (...args: any[]) => unknown;

function fakeEvent() {
  const listeners = new Set<Listener>();
  return {
    addListener: (listener: Listener) => void listeners.add(listener),
    removeListener: (listener: Listener) => void listeners.delete(listener),
    hasListener: (listener: Listener) => listeners.has(listener),
    hasListeners: () => listeners.size > 0,
    trigger: async (...args: unknown[]) => {
      for (const listener of [...listeners]) await listener(...args);
    },
  };
}

export interface FakePermissions {
  granted: Set<string>;
  /** API permissions granted at run time (optional_permissions, e.g. notifications). */
  apis: Set<string>;
  /** Origins the "manifest" requires: remove() refuses them, as Chrome does. */
  required: Set<string>;
  /** How the next prompts are answered; 'pending' never answers (headless Chromium's prompt). */
  answer: 'grant' | 'deny' | 'pending';
  requests: string[][];
  /** API permissions asked for, one list per request (origins go to `requests`). */
  apiRequests: string[][];
  onAdded: ReturnType<typeof fakeEvent>;
  onRemoved: ReturnType<typeof fakeEvent>;
}

export interface FakeScripting {
  registered: Map<string, Record<string, unknown>>;
  executed: { tabId: number; allFrames?: boolean; files: string[] }[];
}

export interface Fakes {
  permissions: FakePermissions;
  scripting: FakeScripting;
  sent: unknown[];
  /** What runtime.sendMessage answers; undefined = no receiver. */
  reply: (message: unknown) => unknown;
  activeTab: { id: number; url?: string } | undefined;
  openTabs: { id: number; url: string }[];
  manifest: { content_scripts?: { js?: string[]; all_frames?: boolean; matches?: string[] }[] };
  /** Tabs where a CRM content script answers crm-ping. */
  crmScriptIn: Set<number>;
  /** What the popup's page probe (executeScript with a func) finds; undefined = it may not look. */
  pageSigns: object | undefined;
  /** Tabs the page probe ran in. */
  probed: number[];
  /** The keyboard commands as the browser binds them (commands.getAll), and their event. */
  commands: { name: string; description: string; shortcut: string }[];
  onCommand: ReturnType<typeof fakeEvent>;
}

export function installFakes(): Fakes {
  fakeBrowser.reset();
  const fakes: Fakes = {
    permissions: {
      granted: new Set(),
      apis: new Set(),
      required: new Set(['https://app.gohighlevel.com/*', 'https://api.twilio.com/*']),
      answer: 'grant',
      requests: [],
      apiRequests: [],
      onAdded: fakeEvent(),
      onRemoved: fakeEvent(),
    },
    scripting: { registered: new Map(), executed: [] },
    sent: [],
    reply: () => ({ ok: true }),
    activeTab: undefined,
    openTabs: [],
    manifest: { content_scripts: [{ js: ['content-scripts/crm.js'], all_frames: true, matches: ['https://app.gohighlevel.com/*'] }] },
    crmScriptIn: new Set(),
    pageSigns: undefined,
    probed: [],
    commands: [
      { name: '_execute_action', description: '', shortcut: 'Alt+Shift+H' },
      { name: 'send-to-crm', description: 'Send the credentials on this page to the CRM', shortcut: 'Alt+Shift+U' },
    ],
    onCommand: fakeEvent(),
  };
  const { permissions, scripting } = fakes;
  const api = fakeBrowser as any;

  api.permissions.request = vi.fn(({ origins = [], permissions: apis = [] }: { origins?: string[]; permissions?: string[] }) => {
    if (apis.length === 0 || origins.length > 0) permissions.requests.push(origins);
    if (apis.length > 0) permissions.apiRequests.push(apis);
    if (permissions.answer === 'pending') return new Promise(() => undefined);
    if (permissions.answer === 'deny') return Promise.resolve(false);
    const added = origins.filter((origin) => !permissions.granted.has(origin));
    const addedApis = apis.filter((name) => !permissions.apis.has(name));
    for (const origin of origins) permissions.granted.add(origin);
    for (const name of apis) permissions.apis.add(name);
    if (added.length > 0 || addedApis.length > 0) void permissions.onAdded.trigger({ origins: added, permissions: addedApis });
    return Promise.resolve(true);
  });
  api.permissions.contains = vi.fn(
    async ({ origins = [], permissions: apis = [] }: { origins?: string[]; permissions?: string[] }) =>
      origins.every((origin) => permissions.granted.has(origin) || permissions.required.has(origin)) &&
      apis.every((name) => permissions.apis.has(name)),
  );
  api.permissions.remove = vi.fn(async ({ origins = [], permissions: apis = [] }: { origins?: string[]; permissions?: string[] }) => {
    if (origins.some((origin) => permissions.required.has(origin))) {
      throw new Error('You cannot remove required permissions.');
    }
    const removed = origins.filter((origin) => permissions.granted.delete(origin));
    const removedApis = apis.filter((name) => permissions.apis.delete(name));
    if (removed.length > 0 || removedApis.length > 0) void permissions.onRemoved.trigger({ origins: removed, permissions: removedApis });
    return true;
  });
  api.permissions.getAll = vi.fn(async () => ({ origins: [...permissions.granted, ...permissions.required], permissions: [...permissions.apis] }));
  api.permissions.onAdded = permissions.onAdded;
  api.permissions.onRemoved = permissions.onRemoved;

  api.scripting.getRegisteredContentScripts = vi.fn(async (filter?: { ids?: string[] }) =>
    [...scripting.registered.values()].filter((script) => !filter?.ids || filter.ids.includes(script.id as string)),
  );
  api.scripting.registerContentScripts = vi.fn(async (scripts: { id: string }[]) => {
    for (const script of scripts) {
      if (scripting.registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
    }
    for (const script of scripts) scripting.registered.set(script.id, { ...script });
  });
  api.scripting.unregisterContentScripts = vi.fn(async (filter?: { ids?: string[] }) => {
    for (const id of filter?.ids ?? [...scripting.registered.keys()]) {
      if (!scripting.registered.delete(id)) throw new Error(`Nonexistent script ID '${id}'`);
    }
  });
  api.scripting.executeScript = vi.fn(
    async ({ target, files, func }: { target: { tabId: number; allFrames?: boolean }; files: string[]; func?: unknown }) => {
      if (func) {
        fakes.probed.push(target.tabId);
        if (!fakes.pageSigns) throw new Error('Cannot access contents of the page.');
        return [{ frameId: 0, result: fakes.pageSigns }];
      }
      scripting.executed.push({ tabId: target.tabId, allFrames: target.allFrames, files });
      fakes.crmScriptIn.add(target.tabId);
      return [];
    },
  );

  api.tabs.query = vi.fn(async ({ url }: { url?: string }) => {
    const prefix = url?.replace(/\*$/, '');
    return fakes.openTabs.filter((tab) => !prefix || tab.url.startsWith(prefix));
  });
  api.tabs.sendMessage = vi.fn(async (tabId: number, message: { type?: string }) => {
    const tab = fakes.openTabs.find((open) => open.id === tabId);
    if (message.type === 'crm-ping' && tab && fakes.crmScriptIn.has(tabId)) return { ok: true, url: tab.url };
    throw new Error('Could not establish connection. Receiving end does not exist.');
  });
  api.windows.getLastFocused = vi.fn(async () => ({
    id: 1,
    focused: true,
    tabs: fakes.activeTab ? [{ ...fakes.activeTab, active: true, windowId: 1 }] : [],
  }));
  api.commands.getAll = vi.fn(async () => fakes.commands.map((command) => ({ ...command })));
  api.commands.onCommand = fakes.onCommand;
  api.runtime.getManifest = vi.fn(() => fakes.manifest);
  api.runtime.openOptionsPage = vi.fn(async () => undefined);
  api.runtime.sendMessage = vi.fn(async (message: unknown) => {
    fakes.sent.push(message);
    const answer = fakes.reply(message);
    if (answer === undefined) throw new Error('Could not establish connection. Receiving end does not exist.');
    return answer;
  });
  return fakes;
}
