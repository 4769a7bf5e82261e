import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../entrypoints/options/App';
import { OUTCOME_TEXT, text, HOST_PROBLEM_TEXT } from '../../components/text';
import { appendAudit, listAudit } from '../../utils/audit';
import { saveLocations } from '../../utils/locations-cache';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '../../utils/settings';
import { installFakes, type Fakes } from './support/extension-fakes';
import { makeHandoff, OTHER_SID, SID, storeHandoffs, TOKEN } from './support/handoffs';

const HOST = 'app.agency.example';
let fakes: Fakes;

beforeEach(() => {
  fakes = installFakes();
});
afterEach(() => cleanup());

function section(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

describe('options: CRM sites', () => {
  it('always lists the default host, which cannot be removed', async () => {
    render(<App />);
    const hosts = section(text.hostsHeading);
    expect(await within(hosts).findByText('app.gohighlevel.com')).toBeTruthy();
    expect(within(hosts).getByText(text.hostAlwaysOn)).toBeTruthy();
    expect(within(hosts).queryByRole('button', { name: text.hostRemoveLabel('app.gohighlevel.com') })).toBeNull();
  });

  it.each([
    ['', HOST_PROBLEM_TEXT.empty],
    ['localhost', HOST_PROBLEM_TEXT.invalid],
    ['app.gohighlevel.com', HOST_PROBLEM_TEXT['default-host']],
    ['console.twilio.com', HOST_PROBLEM_TEXT['twilio-host']],
  ])('refuses %j without asking the browser', async (input, message) => {
    render(<App />);
    fireEvent.input(screen.getByLabelText(text.hostAddLabel), { target: { value: input } });
    fireEvent.click(screen.getByRole('button', { name: text.hostAdd }));
    expect(await screen.findByText(message)).toBeTruthy();
    expect(fakes.permissions.requests).toEqual([]);
    expect(screen.getByLabelText(text.hostAddLabel).getAttribute('aria-invalid')).toBe('true');
  });

  it('adds a host: the permission request first, then the list; nothing is injected or registered', async () => {
    fakes.openTabs = [{ id: 3, url: `https://${HOST}/settings/phone_integration` }];
    render(<App />);
    fireEvent.input(screen.getByLabelText(text.hostAddLabel), { target: { value: `https://${HOST}/settings/phone_integration` } });
    fireEvent.submit(screen.getByLabelText(text.hostAddLabel).closest('form')!);
    // Synchronously within the submit handler:
    expect(fakes.permissions.requests).toEqual([[`https://${HOST}/*`]]);
    expect(await screen.findByText(text.hostAdded(HOST))).toBeTruthy();
    expect(await within(section(text.hostsHeading)).findByText(HOST, { selector: '.host' })).toBeTruthy();
    expect((await loadSettings()).crmHosts).toEqual([HOST]);
    expect(fakes.scripting.registered.size).toBe(0);
    expect(fakes.scripting.executed).toEqual([]);
    expect((screen.getByLabelText(text.hostAddLabel) as HTMLInputElement).value).toBe('');
  });

  it('a host named like HighLevel’s is not added on the first click: a warning first, then only on “Add anyway”', async () => {
    render(<App />);
    fireEvent.input(screen.getByLabelText(text.hostAddLabel), { target: { value: 'app.gohighlevel-login.com' } });
    fireEvent.click(screen.getByRole('button', { name: text.hostAdd }));
    expect((await screen.findByRole('alert')).textContent).toContain(text.hostLookalike('app.gohighlevel-login.com'));
    expect(fakes.permissions.requests).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: text.hostAddAnyway('app.gohighlevel-login.com') }));
    // Synchronously within the click, as the browser requires for its prompt.
    expect(fakes.permissions.requests).toEqual([['https://app.gohighlevel-login.com/*']]);
    expect(await screen.findByText(text.hostAdded('app.gohighlevel-login.com'))).toBeTruthy();
  });

  it('an ordinary agency host is added on the first click, without a warning', async () => {
    render(<App />);
    fireEvent.input(screen.getByLabelText(text.hostAddLabel), { target: { value: HOST } });
    fireEvent.click(screen.getByRole('button', { name: text.hostAdd }));
    expect(fakes.permissions.requests).toEqual([[`https://${HOST}/*`]]);
    expect(screen.queryByText(text.hostLookalike(HOST))).toBeNull();
  });

  it('says when the browser refuses, and lists nothing', async () => {
    fakes.permissions.answer = 'deny';
    render(<App />);
    fireEvent.input(screen.getByLabelText(text.hostAddLabel), { target: { value: HOST } });
    fireEvent.click(screen.getByRole('button', { name: text.hostAdd }));
    expect(await screen.findByText(text.hostDenied(HOST))).toBeTruthy();
    expect((await loadSettings()).crmHosts).toEqual([]);
  });

  it('shows a listed host whose permission was taken back, and allows it again', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, crmHosts: [HOST] });
    render(<App />);
    expect(await screen.findByText(text.hostNotAllowed)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: text.hostAllowLabel(HOST) }));
    expect(fakes.permissions.requests).toEqual([[`https://${HOST}/*`]]);
    expect(await screen.findByText(text.hostEnabled)).toBeTruthy();
    expect(fakes.permissions.granted.has(`https://${HOST}/*`)).toBe(true);
  });

  it('removes a host: permission given back, off the list', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, crmHosts: [HOST] });
    fakes.permissions.granted.add(`https://${HOST}/*`);
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: text.hostRemoveLabel(HOST) }));
    expect(await screen.findByText(text.hostRemoved(HOST))).toBeTruthy();
    expect((await loadSettings()).crmHosts).toEqual([]);
    expect(fakes.permissions.granted.size).toBe(0);
    await waitFor(() => expect(within(section(text.hostsHeading)).queryByText(HOST)).toBeNull());
  });

  it('chooses where handoffs go once there is more than one site', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, crmHosts: [HOST] });
    fakes.permissions.granted.add(`https://${HOST}/*`);
    render(<App />);
    const select = await screen.findByLabelText(text.preferredHost);
    fireEvent.change(select, { target: { value: HOST } });
    await waitFor(async () => expect((await loadSettings()).preferredCrmHost).toBe(HOST));
  });
});

describe('options: behaviour', () => {
  it('saves each choice at once', async () => {
    render(<App />);
    fireEvent.click(await screen.findByLabelText(new RegExp(text.fillAndWait)));
    await waitFor(async () => expect((await loadSettings()).autoAuthorize).toBe(false));
    fireEvent.click(screen.getByLabelText(new RegExp(text.testAfterAuthorize)));
    await waitFor(async () => expect((await loadSettings()).testAfterAuthorize).toBe(false));
    const lifetime = screen.getByLabelText(text.tokenLifetime);
    fireEvent.input(lifetime, { target: { value: '30' } });
    fireEvent.change(lifetime);
    await waitFor(async () => expect((await loadSettings()).tokenLifetimeMinutes).toBe(30));
    expect(screen.getAllByText(text.saved).length).toBeGreaterThan(0);
  });

  it.each(['0', '121', '2.5', ''])('refuses a token lifetime of %j', async (value) => {
    render(<App />);
    const lifetime = await screen.findByLabelText(text.tokenLifetime);
    fireEvent.input(lifetime, { target: { value } });
    fireEvent.change(lifetime);
    await waitFor(() => expect(lifetime.getAttribute('aria-invalid')).toBe('true'));
    expect((await loadSettings()).tokenLifetimeMinutes).toBe(DEFAULT_SETTINGS.tokenLifetimeMinutes);
  });
});

describe('options: audit log', () => {
  const rows = [
    { at: Date.UTC(2026, 0, 2), friendlyName: 'Acme <Austin>', sid: SID, locationName: 'Acme Austin', locationId: 'l1', replacedSid: OTHER_SID, outcome: 'authorized' as const },
    {
      at: Date.UTC(2026, 0, 3),
      friendlyName: 'Bright',
      sid: OTHER_SID,
      locationName: '',
      outcome: 'failed' as const,
      reasonCode: 'crm-error',
      reasonParams: { message: 'Invalid Twilio credentials.' },
    },
  ];
  const REFUSED = 'The CRM did not accept the credentials: Invalid Twilio credentials.';

  it('shows one row per finished handoff, newest first', async () => {
    for (const row of rows) await appendAudit(row);
    render(<App />);
    const table = await screen.findByRole('table');
    const bodyRows = within(table).getAllByRole('row').slice(1);
    expect(bodyRows).toHaveLength(2);
    expect(within(bodyRows[0]!).getByText(OUTCOME_TEXT.failed)).toBeTruthy();
    expect(within(bodyRows[0]!).getByText(REFUSED)).toBeTruthy();
    expect(within(bodyRows[1]!).getByText('Acme <Austin>')).toBeTruthy();
    expect(within(bodyRows[1]!).getByText('AC2b2b…2b2b')).toBeTruthy();
  });

  it('shows a row an older version stored with its sentence', async () => {
    await appendAudit({ at: 1, sid: SID, outcome: 'failed', reason: 'The CRM did not accept the credentials: Old.' });
    render(<App />);
    const table = await screen.findByRole('table');
    expect(within(table).getByText('The CRM did not accept the credentials: Old.')).toBeTruthy();
  });

  it('exports the rows as CSV, without any token', async () => {
    for (const row of rows) await appendAudit(row);
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:audit';
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: text.auditExport }));
    expect(click).toHaveBeenCalledOnce();
    const csv = await blobs[0]!.text();
    expect(csv.split('\r\n')[0]).toContain('when,sub-account');
    expect(csv).toContain('Acme <Austin>');
    expect(csv).toContain(REFUSED);
    expect(csv).not.toContain(TOKEN);
    create.mockRestore();
    click.mockRestore();
  });

  it('clears the log after a confirmation', async () => {
    await appendAudit(rows[0]!);
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: text.auditClear }));
    expect(await listAudit()).toHaveLength(1);
    expect(screen.getByText(text.auditClearConfirm)).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: text.auditClear })[0]!);
    expect(await screen.findByText(text.auditEmpty)).toBeTruthy();
    expect(await listAudit()).toEqual([]);
  });
});

describe('options: clear all data', () => {
  it('empties both storage areas and gives back white-label permissions, after a confirmation', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, crmHosts: [HOST] });
    fakes.permissions.granted.add(`https://${HOST}/*`);
    // Token rotation's optional host goes back too.
    fakes.permissions.granted.add('https://accounts.twilio.com/*');
    await appendAudit({ at: 1, sid: SID, outcome: 'authorized' });
    await saveLocations('app.gohighlevel.com', [{ id: 'l1', name: 'Acme' }]);
    await storeHandoffs([makeHandoff('filled')], { h1: TOKEN });
    render(<App />);
    fireEvent.click(screen.getByRole('button', { name: text.clearButton }));
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: text.clearConfirmButton }));
    expect(await screen.findByText(text.cleared)).toBeTruthy();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(fakes.permissions.granted.size).toBe(0);
  });
});
