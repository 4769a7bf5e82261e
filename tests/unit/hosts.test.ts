import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  CRM_HOST_REQUEST_KEY,
  enableCrmHost,
  enabledCrmHosts,
  hostPattern,
  installHostPermissionListeners,
  listCrmHosts,
  normaliseHost,
  registerCrmContentScript,
  removeAllCrmHosts,
  removeCrmHost,
  syncCrmHostRegistrations,
} from '../../utils/hosts';
import { loadSettings, saveSettings, DEFAULT_SETTINGS } from '../../utils/settings';
import { installFakes, type Fakes } from './support/extension-fakes';

const HOST = 'app.agency.example';
const PATTERN = `https://${HOST}/*`;

/** Lets queued promise callbacks and fake events run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('normaliseHost', () => {
  it.each([
    ['app.agency.example', 'app.agency.example'],
    ['  App.Agency.Example  ', 'app.agency.example'],
    ['https://app.agency.example/settings/phone_integration', 'app.agency.example'],
    ['app.agency.example/settings/twilio', 'app.agency.example'],
    ['app.agency.example.', 'app.agency.example'],
    ['crm.bücher.example', 'crm.xn--bcher-kva.example'],
  ])('%j → %j', (input, host) => {
    expect(normaliseHost(input)).toEqual({ ok: true, host });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['localhost', 'invalid'],
    ['app agency.example', 'invalid'],
    ['*.agency.example', 'invalid'],
    ['-app.agency.example', 'invalid'],
    ['ftp://app.agency.example', 'invalid'],
    ['https://user:pw@app.agency.example', 'invalid'],
    ['app.agency.example:8443', 'port'],
    ['127.0.0.1', 'ip-address'],
    ['[::1]', 'ip-address'],
    ['app.gohighlevel.com', 'default-host'],
    ['https://app.gohighlevel.com/', 'default-host'],
    ['console.twilio.com', 'twilio-host'],
    ['twilio.com', 'twilio-host'],
  ])('%j is refused: %s', (input, problem) => {
    expect(normaliseHost(input)).toEqual({ ok: false, problem });
  });
});

describe('white-label hosts', () => {
  let fakes: Fakes;
  beforeEach(() => {
    fakes = installFakes();
  });

  it('matches the whole host over https', () => {
    expect(hostPattern(HOST)).toBe(PATTERN);
  });

  it('asks for the permission before anything else, synchronously', () => {
    const pending = enableCrmHost(HOST);
    // Nothing has been awaited yet: the request is already with the browser.
    expect(fakes.permissions.requests).toEqual([[PATTERN]]);
    return pending;
  });

  it('on a grant: lists the host, registers the script persistently, injects into open tabs once', async () => {
    fakes.openTabs = [
      { id: 7, url: `https://${HOST}/settings/phone_integration` },
      { id: 8, url: 'https://elsewhere.example/' },
    ];
    expect(await enableCrmHost(HOST)).toBe('enabled');
    expect((await loadSettings()).crmHosts).toEqual([HOST]);
    expect([...fakes.scripting.registered.values()]).toEqual([
      {
        id: `crm-${HOST}`,
        js: ['content-scripts/crm.js'],
        matches: [PATTERN],
        runAt: 'document_idle',
        allFrames: true,
        persistAcrossSessions: true,
      },
    ]);
    expect(fakes.scripting.executed).toEqual([{ tabId: 7, allFrames: true, files: ['/content-scripts/crm.js'] }]);
    expect((await fakeBrowser.storage.local.get(CRM_HOST_REQUEST_KEY))[CRM_HOST_REQUEST_KEY]).toBeUndefined();
    expect(await enabledCrmHosts()).toEqual(['app.gohighlevel.com', HOST]);
  });

  it('on a refusal: nothing is listed or registered', async () => {
    fakes.permissions.answer = 'deny';
    expect(await enableCrmHost(HOST)).toBe('denied');
    expect((await loadSettings()).crmHosts).toEqual([]);
    expect(fakes.scripting.registered.size).toBe(0);
    expect((await fakeBrowser.storage.local.get(CRM_HOST_REQUEST_KEY))[CRM_HOST_REQUEST_KEY]).toBeUndefined();
  });

  it('when the prompt closes the popup, the background finishes from the recorded request', async () => {
    installHostPermissionListeners();
    fakes.openTabs = [{ id: 3, url: `https://${HOST}/` }];
    fakes.permissions.answer = 'pending';
    void enableCrmHost(HOST, Date.now());
    await settle();
    // The popup is gone; the admin answers the prompt and the browser reports the grant.
    fakes.permissions.granted.add(PATTERN);
    await fakes.permissions.onAdded.trigger({ origins: [PATTERN] });
    await settle();
    expect((await loadSettings()).crmHosts).toEqual([HOST]);
    expect(fakes.scripting.registered.has(`crm-${HOST}`)).toBe(true);
    expect(fakes.scripting.executed.map((run) => run.tabId)).toEqual([3]);
  });

  it('takes no stale request as the admin’s answer', async () => {
    await fakeBrowser.storage.local.set({ [CRM_HOST_REQUEST_KEY]: { host: HOST, at: 0 } });
    fakes.permissions.granted.add(PATTERN);
    await syncCrmHostRegistrations(60 * 60_000);
    expect((await loadSettings()).crmHosts).toEqual([]);
    expect(fakes.scripting.registered.size).toBe(0);
  });

  it('injects once when the page and the background both finish the same grant', async () => {
    installHostPermissionListeners();
    fakes.openTabs = [{ id: 4, url: `https://${HOST}/` }];
    await enableCrmHost(HOST);
    await settle();
    expect(fakes.scripting.executed.map((run) => run.tabId)).toEqual([4]);
    expect(await registerCrmContentScript(HOST)).toBe(false);
  });

  it('does not inject a second copy where an earlier one still runs', async () => {
    fakes.openTabs = [
      { id: 5, url: `https://${HOST}/` },
      { id: 6, url: `https://${HOST}/settings/phone_integration` },
    ];
    await enableCrmHost(HOST);
    await removeCrmHost(HOST);
    fakes.openTabs.push({ id: 9, url: `https://${HOST}/` });
    await enableCrmHost(HOST);
    expect(fakes.scripting.executed.map((run) => run.tabId)).toEqual([5, 6, 9]);
  });

  it('removing a host unregisters the script and revokes the permission', async () => {
    await enableCrmHost(HOST);
    await saveSettings({ ...(await loadSettings()), preferredCrmHost: HOST });
    expect(await removeCrmHost(HOST)).toEqual({ revoked: true });
    expect(fakes.permissions.granted.has(PATTERN)).toBe(false);
    expect(fakes.scripting.registered.size).toBe(0);
    const settings = await loadSettings();
    expect(settings.crmHosts).toEqual([]);
    expect(settings.preferredCrmHost).toBe(DEFAULT_SETTINGS.preferredCrmHost);
  });

  it('reports a permission the browser keeps (a host the manifest requires) and still unregisters', async () => {
    fakes.permissions.required.add(PATTERN);
    await enableCrmHost(HOST);
    expect(await removeCrmHost(HOST)).toEqual({ revoked: false });
    expect(fakes.scripting.registered.size).toBe(0);
  });

  it('a revocation in the browser’s settings unregisters; the host stays listed as not allowed', async () => {
    installHostPermissionListeners();
    await enableCrmHost(HOST);
    fakes.permissions.granted.delete(PATTERN);
    await fakes.permissions.onRemoved.trigger({ origins: [PATTERN] });
    await settle();
    expect(fakes.scripting.registered.size).toBe(0);
    expect(await listCrmHosts()).toEqual([
      { host: 'app.gohighlevel.com', isDefault: true, granted: true },
      { host: HOST, isDefault: false, granted: false },
    ]);
  });

  it('sync registers what is listed and granted, and drops what is not', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, crmHosts: [HOST, 'app.notgranted.example'] });
    fakes.permissions.granted.add(PATTERN);
    fakes.scripting.registered.set('crm-app.gone.example', { id: 'crm-app.gone.example' });
    fakes.scripting.registered.set('other-script', { id: 'other-script' });
    expect(await syncCrmHostRegistrations()).toEqual({
      enabled: [HOST],
      registered: [HOST],
      unregistered: ['app.gone.example'],
    });
    expect([...fakes.scripting.registered.keys()].sort()).toEqual([`crm-${HOST}`, 'other-script']);
  });

  it('removeAllCrmHosts unregisters and revokes every white-label host', async () => {
    await enableCrmHost(HOST);
    await enableCrmHost('app.second.example');
    await removeAllCrmHosts();
    expect(fakes.scripting.registered.size).toBe(0);
    expect(fakes.permissions.granted.size).toBe(0);
  });
});
