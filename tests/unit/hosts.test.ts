import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  adoptRequestedHost,
  CRM_HOST_REQUEST_KEY,
  enableCrmHost,
  enabledCrmHosts,
  hostPattern,
  installHostPermissionListeners,
  listCrmHosts,
  normaliseHost,
  removeAllCrmHosts,
  removeCrmHost,
  retireRegisteredScripts,
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

  it('on a grant: lists the host, and neither registers nor injects anything (the driver comes with a handoff)', async () => {
    fakes.openTabs = [
      { id: 7, url: `https://${HOST}/settings/phone_integration` },
      { id: 8, url: 'https://elsewhere.example/' },
    ];
    expect(await enableCrmHost(HOST)).toBe('enabled');
    expect((await loadSettings()).crmHosts).toEqual([HOST]);
    expect(fakes.scripting.registered.size).toBe(0);
    expect(fakes.scripting.executed).toEqual([]);
    expect((await fakeBrowser.storage.local.get(CRM_HOST_REQUEST_KEY))[CRM_HOST_REQUEST_KEY]).toBeUndefined();
    expect(await enabledCrmHosts()).toEqual(['app.gohighlevel.com', HOST]);
  });

  it('on a refusal: nothing is listed', async () => {
    fakes.permissions.answer = 'deny';
    expect(await enableCrmHost(HOST)).toBe('denied');
    expect((await loadSettings()).crmHosts).toEqual([]);
    expect((await fakeBrowser.storage.local.get(CRM_HOST_REQUEST_KEY))[CRM_HOST_REQUEST_KEY]).toBeUndefined();
  });

  it('when the prompt closes the popup, the background finishes from the recorded request', async () => {
    installHostPermissionListeners();
    fakes.permissions.answer = 'pending';
    void enableCrmHost(HOST, Date.now());
    await settle();
    expect((await loadSettings()).crmHosts).toEqual([]);
    // The popup is gone; the admin answers the prompt and the browser reports the grant.
    fakes.permissions.granted.add(PATTERN);
    await fakes.permissions.onAdded.trigger({ origins: [PATTERN] });
    await settle();
    expect((await loadSettings()).crmHosts).toEqual([HOST]);
    expect((await fakeBrowser.storage.local.get(CRM_HOST_REQUEST_KEY))[CRM_HOST_REQUEST_KEY]).toBeUndefined();
  });

  it('a worker started after the grant adopts the recorded request too', async () => {
    await fakeBrowser.storage.local.set({ [CRM_HOST_REQUEST_KEY]: { host: HOST, at: 1_000 } });
    fakes.permissions.granted.add(PATTERN);
    expect(await adoptRequestedHost(2_000)).toBe(HOST);
    expect((await loadSettings()).crmHosts).toEqual([HOST]);
  });

  it('takes no stale request, nor one the browser did not grant, as the admin’s answer', async () => {
    await fakeBrowser.storage.local.set({ [CRM_HOST_REQUEST_KEY]: { host: HOST, at: 0 } });
    expect(await adoptRequestedHost(1_000)).toBeUndefined();
    fakes.permissions.granted.add(PATTERN);
    expect(await adoptRequestedHost(60 * 60_000)).toBeUndefined();
    expect((await loadSettings()).crmHosts).toEqual([]);
  });

  it('lists the host once when the page and the background both finish the same grant', async () => {
    installHostPermissionListeners();
    await enableCrmHost(HOST);
    await settle();
    expect((await loadSettings()).crmHosts).toEqual([HOST]);
  });

  it('removing a host takes it off the list and revokes the permission', async () => {
    await enableCrmHost(HOST);
    await saveSettings({ ...(await loadSettings()), preferredCrmHost: HOST });
    expect(await removeCrmHost(HOST)).toEqual({ revoked: true });
    expect(fakes.permissions.granted.has(PATTERN)).toBe(false);
    const settings = await loadSettings();
    expect(settings.crmHosts).toEqual([]);
    expect(settings.preferredCrmHost).toBe(DEFAULT_SETTINGS.preferredCrmHost);
    expect(await enabledCrmHosts()).toEqual(['app.gohighlevel.com']);
  });

  it('reports a permission the browser keeps (a host the manifest requires); the host is off the list all the same', async () => {
    fakes.permissions.required.add(PATTERN);
    await enableCrmHost(HOST);
    expect(await removeCrmHost(HOST)).toEqual({ revoked: false });
    expect(await enabledCrmHosts()).toEqual(['app.gohighlevel.com']);
  });

  it('a revocation in the browser’s settings disables the host; it stays listed as not allowed', async () => {
    await enableCrmHost(HOST);
    fakes.permissions.granted.delete(PATTERN);
    expect(await listCrmHosts()).toEqual([
      { host: 'app.gohighlevel.com', isDefault: true, granted: true },
      { host: HOST, isDefault: false, granted: false },
    ]);
    expect(await enabledCrmHosts()).toEqual(['app.gohighlevel.com']);
  });

  it('retires the per-host scripts an earlier version registered, and only those', async () => {
    fakes.scripting.registered.set(`crm-${HOST}`, { id: `crm-${HOST}` });
    fakes.scripting.registered.set('other-script', { id: 'other-script' });
    expect(await retireRegisteredScripts()).toEqual([`crm-${HOST}`]);
    expect([...fakes.scripting.registered.keys()]).toEqual(['other-script']);
    expect(await retireRegisteredScripts()).toEqual([]);
  });

  it('removeAllCrmHosts revokes every white-label host', async () => {
    await enableCrmHost(HOST);
    await enableCrmHost('app.second.example');
    await removeAllCrmHosts();
    expect(fakes.permissions.granted.size).toBe(0);
  });
});
