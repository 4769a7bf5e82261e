import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MasterAccountSection } from '../../components/MasterAccountSection';
import { masterText } from '../../components/master-text';
import { keepMaster, loadSealedMaster, masterCredentials, saveSealedMaster } from '../../utils/master/session';
import { seal } from '../../utils/master/vault';
import { installFakes } from './support/extension-fakes';

const MASTER = 'AC' + 'a'.repeat(32);
const SUB = 'AC' + 'b'.repeat(32);
const TOKEN = '0123456789abcdef'.repeat(2);
const PASSPHRASE = 'a long passphrase';

/** Twilio answers GET /Accounts/{sid}.json for the pair: a master owns itself, a sub-account does not. */
function twilio(owner: (sid: string) => string, status = 'active') {
  const fetchMock = vi.fn(async (input: Request | string) => {
    const url = typeof input === 'string' ? input : input.url;
    const sid = /Accounts\/(AC[0-9a-f]{32})\.json/.exec(url)![1]!;
    return new Response(
      JSON.stringify({ sid, owner_account_sid: owner(sid), friendly_name: 'Agency Main', status, type: 'Full', auth_token: TOKEN, date_created: null, date_updated: null, uri: `/2010-04-01/Accounts/${sid}.json`, subresource_uris: {} }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The section renders once it has read storage, so the first field is waited for. */
const type = async (label: string, value: string) => fireEvent.input(await screen.findByLabelText(label), { target: { value } });

beforeEach(() => {
  installFakes();
  vi.unstubAllGlobals();
  // No request leaves the test: anything not stubbed by a case answers 404 here.
  vi.stubGlobal('fetch', vi.fn(async () => new Response('{"code":20404,"message":"Not found","status":404}', { status: 404, headers: { 'content-type': 'application/json' } })));
});
afterEach(() => cleanup());

describe('options: the agency master account', () => {
  it('connects a master account after Twilio confirms it, for the session only', async () => {
    twilio((sid) => sid);
    render(<MasterAccountSection />);
    await type(masterText.sid, MASTER);
    await type(masterText.token, TOKEN);
    fireEvent.click(await screen.findByRole('button', { name: masterText.connect }));
    expect(await screen.findByText(/^Connected: Agency Main/)).toBeTruthy();
    expect(await masterCredentials()).toMatchObject({ sid: MASTER, token: TOKEN, friendlyName: 'Agency Main' });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
  });

  it('refuses a sub-account’s pair and says what to enter instead', async () => {
    twilio(() => MASTER);
    render(<MasterAccountSection />);
    await type(masterText.sid, SUB);
    await type(masterText.token, TOKEN);
    fireEvent.click(await screen.findByRole('button', { name: masterText.connect }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/sub-account/);
    expect(await masterCredentials()).toBeUndefined();
  });

  it('remembers it sealed with a passphrase, never in clear; checks the passphrase first', async () => {
    const fetchMock = twilio((sid) => sid);
    render(<MasterAccountSection />);
    await type(masterText.sid, MASTER);
    await type(masterText.token, TOKEN);
    fireEvent.click(screen.getByRole('checkbox', { name: masterText.remember }));
    await type(masterText.passphrase, 'short');
    await type(masterText.passphraseAgain, 'short');
    fireEvent.click(screen.getByRole('button', { name: masterText.connect }));
    expect((await screen.findByRole('alert')).textContent).toBe(masterText.passphraseShort);
    expect(fetchMock).not.toHaveBeenCalled();

    await type(masterText.passphrase, PASSPHRASE);
    await type(masterText.passphraseAgain, PASSPHRASE);
    fireEvent.click(screen.getByRole('button', { name: masterText.connect }));
    expect(await screen.findByText(masterText.saved)).toBeTruthy();
    const local = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(local).not.toContain(TOKEN);
    expect((await loadSealedMaster())?.sid).toBe(MASTER);
  });

  it('unlocks a saved account: a wrong passphrase says so and loses nothing, the right one connects', async () => {
    twilio((sid) => sid);
    await saveSealedMaster(await seal({ sid: MASTER, token: TOKEN }, PASSPHRASE));
    const before = await loadSealedMaster();
    render(<MasterAccountSection />);
    expect(await screen.findByText(masterText.savedFor(MASTER))).toBeTruthy();
    await type(masterText.unlockLabel, 'not the passphrase');
    fireEvent.click(screen.getByRole('button', { name: masterText.unlock }));
    expect((await screen.findByRole('alert')).textContent).toBe(masterText.wrongPassphrase);
    expect(await loadSealedMaster()).toEqual(before);
    expect(await masterCredentials()).toBeUndefined();

    await type(masterText.unlockLabel, PASSPHRASE);
    fireEvent.click(screen.getByRole('button', { name: masterText.unlock }));
    expect(await screen.findByText(/^Connected: Agency Main/)).toBeTruthy();
    expect((await masterCredentials())?.token).toBe(TOKEN);
  });

  it('a saved account Twilio no longer accepts: says so, connects nothing', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ code: 20003, message: 'Authenticate', status: 401 }), { status: 401, headers: { 'content-type': 'application/json' } })));
    await saveSealedMaster(await seal({ sid: MASTER, token: TOKEN }, PASSPHRASE));
    render(<MasterAccountSection />);
    await type(masterText.unlockLabel, PASSPHRASE);
    fireEvent.click(screen.getByRole('button', { name: masterText.unlock }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The saved account opened, but Twilio refused it/);
    expect(await masterCredentials()).toBeUndefined();
  });

  it('forgets it on request, and the page follows', async () => {
    await keepMaster({ sid: MASTER, friendlyName: 'Agency Main' }, TOKEN);
    render(<MasterAccountSection />);
    fireEvent.click(await screen.findByRole('button', { name: masterText.lock }));
    expect(await screen.findByText(masterText.locked)).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: masterText.connect })).toBeTruthy());
    expect(await masterCredentials()).toBeUndefined();
  });
});
