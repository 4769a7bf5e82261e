import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MasterLockedError } from '../../utils/bulk/page-ports';
import { keepMaster } from '../../utils/master/session';
import { rotatePorts } from '../../utils/rotate/page-ports';
import { loadRotation, storeRotation } from '../../utils/rotate/store';
import { installFakes, type Fakes } from './support/extension-fakes';

/**
 * The rotation's ports on the page: where each call goes (the master at api.twilio.com, the
 * sub-account at accounts.twilio.com), where the new token is kept, and Twilio's failures worded.
 */
const MASTER = 'AC' + 'a'.repeat(32);
const SUB = 'AC' + '1'.repeat(32);
const PRIMARY = '2'.repeat(32);
const SECONDARY = '3'.repeat(32);
const ACCOUNTS = 'https://accounts.twilio.com/*';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const twilioError = (status: number, code: number) => json(status, { code, message: 'no', more_info: '', status });

let fakes: Fakes;
let calls: string[];
let answer: (method: string, url: URL, user: string) => Response;

beforeEach(async () => {
  fakes = installFakes();
  calls = [];
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const [user] = atob((request.headers.get('authorization') ?? '').replace(/^Basic /, '')).split(':');
    calls.push(`${request.method} ${url.host}${url.pathname} as ${user === MASTER ? 'master' : 'sub'}`);
    return answer(request.method, url, user!);
  }));
  await keepMaster({ sid: MASTER, friendlyName: 'Agency' }, 'b'.repeat(32));
  await storeRotation({ id: 'r', host: 'app.gohighlevel.com', createdAt: 0, status: 'running', rows: [] });
});

const subaccount = { sid: SUB, owner_account_sid: MASTER, friendly_name: 'Acme', status: 'active', auth_token: PRIMARY };

describe('rotation ports', () => {
  it('reads the primary as the master, makes the secondary as the sub-account at accounts.twilio.com, keeps it in storage.session only', async () => {
    fakes.permissions.granted.add(ACCOUNTS);
    answer = (method, url) => {
      if (url.host === 'api.twilio.com') return json(200, subaccount);
      return json(201, { account_sid: SUB, secondary_auth_token: SECONDARY, date_created: null });
    };
    const primary = await rotatePorts.currentToken(SUB);
    expect(primary).toBe(PRIMARY);
    const secondary = await rotatePorts.createSecondary(SUB, primary);
    await rotatePorts.keepToken(SUB, secondary);
    expect(calls).toEqual([`GET api.twilio.com/2010-04-01/Accounts/${SUB}.json as master`, 'POST accounts.twilio.com/v1/AuthTokens/Secondary as sub']);
    expect(await rotatePorts.keptToken(SUB)).toBe(SECONDARY);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(SECONDARY);
    await rotatePorts.dropToken(SUB);
    expect(await rotatePorts.keptToken(SUB)).toBeUndefined();
  });

  it('asks nothing of accounts.twilio.com without the admin’s permission for it', async () => {
    answer = () => json(200, subaccount);
    await expect(rotatePorts.createSecondary(SUB, PRIMARY)).rejects.toThrow('may not reach accounts.twilio.com');
    expect(calls).toEqual([]);
  });

  it('a locked master pauses the rotation and says so to the run', async () => {
    await fakeBrowser.storage.session.clear();
    await expect(rotatePorts.currentToken(SUB)).rejects.toBeInstanceOf(MasterLockedError);
    expect((await loadRotation())?.status).toBe('paused');
  });

  it('deleting a secondary that is not there counts as deleted; other refusals are worded', async () => {
    fakes.permissions.granted.add(ACCOUNTS);
    answer = (method, url) => (url.host === 'api.twilio.com' ? json(200, subaccount) : twilioError(404, 20404));
    await expect(rotatePorts.deleteSecondary(SUB)).resolves.toBeUndefined();
    answer = (method, url) => (url.host === 'api.twilio.com' ? json(200, subaccount) : twilioError(401, 20003));
    await expect(rotatePorts.deleteSecondary(SUB)).rejects.toThrow('Twilio refused the sub-account’s token');
  });

  it('verify: an active account with the new token; a refused token said as such', async () => {
    answer = () => json(200, { ...subaccount, auth_token: undefined, type: 'Full', date_created: null, date_updated: null, uri: '', subresource_uris: {} });
    await expect(rotatePorts.verify(SUB, SECONDARY)).resolves.toBeUndefined();
    expect(calls).toEqual([`GET api.twilio.com/2010-04-01/Accounts/${SUB}.json as sub`]);
    answer = () => twilioError(401, 20003);
    await expect(rotatePorts.verify(SUB, SECONDARY)).rejects.toThrow('Twilio does not accept the new token');
  });
});
