import { vi } from 'vitest';

/**
 * A small Twilio REST API at `fetch`, for background tests of master mode: one master and its
 * sub-accounts, Basic auth checked, the list (one page), a sub-account fetched by its parent (with
 * its token) or by itself, and create. It records each request as `METHOD path`.
 */
export interface FakeAccount {
  sid: string;
  token: string;
  name: string;
  owner: string;
  status?: 'active' | 'suspended' | 'closed';
}

export const MASTER: FakeAccount = { sid: 'AC' + 'a'.repeat(32), token: 'b'.repeat(32), name: 'Agency', owner: 'AC' + 'a'.repeat(32) };

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

export function subaccount(name: string, n: number): FakeAccount {
  return { sid: 'AC' + hex(n, 32), token: hex(n + 0x1000, 32), name, owner: MASTER.sid };
}

function wire(account: FakeAccount, withToken: boolean) {
  return {
    sid: account.sid,
    owner_account_sid: account.owner,
    friendly_name: account.name,
    status: account.status ?? 'active',
    type: 'Full',
    date_created: 'Fri, 27 Nov 2026 10:00:00 +0000',
    date_updated: 'Fri, 27 Nov 2026 10:00:00 +0000',
    uri: `/2010-04-01/Accounts/${account.sid}.json`,
    subresource_uris: {},
    ...(withToken && { auth_token: account.token }),
  };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refused = () => json(401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });

export function fakeTwilio(subaccounts: FakeAccount[]) {
  const accounts = [MASTER, ...subaccounts];
  const requests: string[] = [];
  let created = 0;
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}`);
    const [user, pass] = atob((request.headers.get('authorization') ?? '').replace(/^Basic /, '')).split(':');
    const caller = accounts.find((a) => a.sid === user && a.token === pass);
    if (!caller) return refused();
    const one = url.pathname.match(/^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\.json$/);
    if (one && request.method === 'GET') {
      const account = accounts.find((a) => a.sid === one[1]);
      if (!account || (account !== caller && account.owner !== caller.sid)) return json(404, { code: 20404, message: 'Not found', more_info: '', status: 404 });
      return json(200, wire(account, account !== caller));
    }
    if (url.pathname === '/2010-04-01/Accounts.json' && request.method === 'GET') {
      const mine = accounts.filter((a) => a.owner === caller.sid);
      return json(200, { accounts: mine.map((a) => wire(a, false)), next_page_uri: null });
    }
    if (url.pathname === '/2010-04-01/Accounts.json' && request.method === 'POST') {
      const name = new URLSearchParams(await request.text()).get('FriendlyName') ?? '';
      const account = { ...subaccount(name, 0xc000 + created++), owner: caller.sid };
      accounts.push(account);
      return json(201, wire(account, true));
    }
    return json(404, { code: 20404, message: 'Not found', more_info: '', status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { accounts, requests, created: () => accounts.filter((a) => a.sid.startsWith('AC' + '0'.repeat(28) + 'c')) };
}
