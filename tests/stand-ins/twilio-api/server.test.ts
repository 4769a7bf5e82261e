import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { credentialsOf, rawClient, type Credentials } from './raw-client';
import { startTwilioApi, type TwilioApiStandIn } from './server';

let api: TwilioApiStandIn;
let call: ReturnType<typeof rawClient>;

const V = '/2010-04-01';
const MASTER_NUMBER = '+15125550100';
const SUB_NUMBER = '+15125550111';

beforeAll(async () => {
  api = await startTwilioApi({
    seed: {
      masterPhoneNumbers: [MASTER_NUMBER],
      subaccounts: [
        { friendlyName: 'Acme Dental - Austin', phoneNumbers: [SUB_NUMBER] },
        { friendlyName: 'Acme Dental - Dallas' },
        { friendlyName: 'Old Client', status: 'suspended' },
        { friendlyName: 'Gone Client', status: 'closed' },
      ],
    },
  });
  call = rawClient(api);
});
afterAll(() => api.close());
beforeEach(() => api.reset());

const master = () => credentialsOf(api.state.master);
const sub = (name: string) => api.state.listSubaccounts(api.state.master.sid).find((a) => a.friendlyName === name)!;
const austin = () => sub('Acme Dental - Austin');
const errorBody = (code: number, status: number) => ({
  code,
  message: expect.any(String),
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

describe('start', () => {
  it('serves HTTPS on 127.0.0.1 with a master account of random SID and token', () => {
    expect(api.origin).toBe(`https://127.0.0.1:${api.port}`);
    expect(api.state.master.sid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(api.state.master.authToken).toMatch(/^[0-9a-f]{32}$/);
    expect(api.state.master.ownerAccountSid).toBe(api.state.master.sid);
    expect(api.state.master.friendlyName).toBe('Agency Master');
  });

  it('can serve plain HTTP for Node clients', async () => {
    const plain = await startTwilioApi({ protocol: 'http' });
    try {
      expect(plain.origin).toBe(`http://127.0.0.1:${plain.port}`);
      const answer = await rawClient(plain)({ path: `${V}/Accounts/${plain.state.master.sid}.json`, auth: credentialsOf(plain.state.master) });
      expect(answer.status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});

describe('authentication', () => {
  const fetchAccount = (sid: string, auth: Credentials | string | null) => call({ path: `${V}/Accounts/${sid}.json`, auth });

  it.each([
    ['no credentials', () => null],
    ['a wrong token', () => ({ sid: api.state.master.sid, token: 'f'.repeat(32) })],
    ['an unknown SID', () => ({ sid: `AC${'0'.repeat(32)}`, token: api.state.master.authToken })],
    ['a malformed header', () => 'Bearer abc'],
  ])('answers 401 / 20003 to %s, with a Basic challenge', async (_, auth) => {
    const answer = await fetchAccount(api.state.master.sid, auth());
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ ...errorBody(20003, 401), message: 'Authenticate' });
    expect(answer.headers.get('www-authenticate')).toBe('Basic realm="Twilio API"');
  });

  it.each(['Old Client', 'Gone Client'])(
    "answers a %s account's own correct credentials like a wrong token (20003)",
    async (name) => {
      const account = sub(name);
      const answer = await fetchAccount(account.sid, credentialsOf(account));
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe(20003);
    },
  );

  it('can answer inactive accounts with 20403 instead (switch inactiveAccountAnswer)', async () => {
    api.switches.inactiveAccountAnswer = 20403;
    const account = sub('Old Client');
    const answer = await fetchAccount(account.sid, credentialsOf(account));
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual(errorBody(20403, 403));
  });

  it("refuses a sub-account's credentials on its parent and siblings (20003)", async () => {
    expect((await fetchAccount(api.state.master.sid, credentialsOf(austin()))).body.code).toBe(20003);
    expect((await fetchAccount(sub('Acme Dental - Dallas').sid, credentialsOf(austin()))).body.code).toBe(20003);
  });

  it('records the SID of each request but never the token', async () => {
    await fetchAccount(austin().sid, credentialsOf(austin()));
    const [record] = api.requests;
    expect(record).toMatchObject({ method: 'GET', path: `${V}/Accounts/${austin().sid}.json`, authSid: austin().sid, status: 200, outcome: 'answered' });
    expect(JSON.stringify(api.requests)).not.toContain(austin().authToken);
  });
});

describe('accounts', () => {
  it('fetches an account with its own credentials or its parent\'s, auth_token included as Twilio does', async () => {
    for (const auth of [credentialsOf(austin()), master()]) {
      const answer = await call({ path: `${V}/Accounts/${austin().sid}.json`, auth });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        sid: austin().sid,
        auth_token: austin().authToken,
        friendly_name: 'Acme Dental - Austin',
        owner_account_sid: api.state.master.sid,
        status: 'active',
        type: 'Full',
        uri: `${V}/Accounts/${austin().sid}.json`,
      });
      expect(answer.body.date_created).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    }
  });

  it('never shows an account, or its token, to an account outside its family (20003)', async () => {
    const stranger = api.state.createAccount('Other Agency');
    api.state.findAccount(stranger.sid)!.ownerAccountSid = stranger.sid;
    const answer = await call({ path: `${V}/Accounts/${austin().sid}.json`, auth: credentialsOf(stranger) });
    expect(answer.status).toBe(401);
    expect(JSON.stringify(answer.body)).not.toContain(austin().authToken);
    const listed = await call({ path: `${V}/Accounts.json`, auth: credentialsOf(stranger) });
    expect(listed.body.accounts.map((a: any) => a.sid)).toEqual([stranger.sid]);
  });

  it('shows a suspended sub-account to its parent', async () => {
    const answer = await call({ path: `${V}/Accounts/${sub('Old Client').sid}.json`, auth: master() });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('suspended');
  });

  it('answers 404 / 20404 for an account that does not exist', async () => {
    const path = `${V}/Accounts/AC${'0'.repeat(32)}.json`;
    const answer = await call({ path, auth: master() });
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ ...errorBody(20404, 404), message: `The requested resource ${path} was not found` });
  });

  it('creates a sub-account of the authenticated parent, returning its new token', async () => {
    const answer = await call({ method: 'POST', path: `${V}/Accounts.json`, auth: master(), form: { FriendlyName: 'Acme Dental - Houston' } });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ friendly_name: 'Acme Dental - Houston', owner_account_sid: api.state.master.sid, status: 'active' });
    expect(answer.body.auth_token).toMatch(/^[0-9a-f]{32}$/);
    expect(api.state.findAccount(answer.body.sid)?.authToken).toBe(answer.body.auth_token);
  });

  it('names an unnamed sub-account the way Twilio does', async () => {
    const answer = await call({ method: 'POST', path: `${V}/Accounts.json`, auth: master() });
    expect(answer.body.friendly_name).toMatch(/^SubAccount Created at \d{4}-\d{2}-\d{2} \d{2}:\d{2} (am|pm)$/);
  });

  it('refuses to create a sub-account beyond the limit (21480, switch subaccountLimit)', async () => {
    api.switches.subaccountLimit = 4;
    const answer = await call({ method: 'POST', path: `${V}/Accounts.json`, auth: master(), form: { FriendlyName: 'One Too Many' } });
    expect(answer.body).toEqual({ ...errorBody(21480, 400), message: 'Reached maximum number of subaccounts' });
    expect(api.state.listSubaccounts(api.state.master.sid)).toHaveLength(4);
    api.switches.subaccountLimit = 5;
    expect((await call({ method: 'POST', path: `${V}/Accounts.json`, auth: master(), form: { FriendlyName: 'Fits' } })).status).toBe(201);
  });

  it('refuses to create sub-accounts with sub-account credentials (20003)', async () => {
    const answer = await call({ method: 'POST', path: `${V}/Accounts.json`, auth: credentialsOf(austin()), form: { FriendlyName: 'x' } });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe(20003);
  });

  it('lists the authenticated account and its sub-accounts, filtered by FriendlyName and Status', async () => {
    const names = async (query: Record<string, string>, auth = master()) =>
      (await call({ path: `${V}/Accounts.json`, auth, query })).body.accounts.map((a: any) => a.friendly_name);
    expect(await names({})).toEqual(['Agency Master', 'Acme Dental - Austin', 'Acme Dental - Dallas', 'Old Client', 'Gone Client']);
    expect(await names({ FriendlyName: 'Acme Dental - Dallas' })).toEqual(['Acme Dental - Dallas']);
    expect(await names({ Status: 'suspended' })).toEqual(['Old Client']);
    expect(await names({}, credentialsOf(austin()))).toEqual(['Acme Dental - Austin']);
  });

  it('pages with PageSize, Page and next_page_uri until next_page_uri is null', async () => {
    const seen: string[] = [];
    let answer = await call({ path: `${V}/Accounts.json`, auth: master(), query: { PageSize: '2' } });
    expect(answer.body).toMatchObject({ page: 0, page_size: 2, start: 0, end: 1, previous_page_uri: null });
    expect(answer.body.first_page_uri).toBe(`${V}/Accounts.json?PageSize=2&Page=0`);
    for (;;) {
      seen.push(...answer.body.accounts.map((a: any) => a.sid));
      if (answer.body.next_page_uri === null) break;
      expect(answer.body.next_page_uri).toMatch(/PageSize=2&Page=\d+&PageToken=PAAC[0-9a-f]{32}$/);
      answer = await call({ path: answer.body.next_page_uri, auth: master() });
    }
    expect(answer.body.page).toBe(2);
    expect(answer.body.previous_page_uri).toMatch(/Page=1&PageToken=PBAC/);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('keeps the filters in page URIs', async () => {
    const answer = await call({ path: `${V}/Accounts.json`, auth: master(), query: { Status: 'active', PageSize: '1' } });
    expect(answer.body.next_page_uri).toMatch(/^\/2010-04-01\/Accounts\.json\?Status=active&PageSize=1&Page=1&PageToken=PA/);
  });

  it('refuses a PageToken it did not give (21481); an empty one means the first page', async () => {
    const bad = await call({ path: `${V}/Accounts.json`, auth: master(), query: { PageSize: '2', Page: '1', PageToken: `PA${'AC'}${'0'.repeat(32)}` } });
    expect(bad.body).toEqual({ ...errorBody(21481, 400), message: `Invalid PageToken: PAAC${'0'.repeat(32)}` });
    const empty = await call({ path: `${V}/Accounts.json`, auth: master(), query: { PageSize: '2', PageToken: '' } });
    expect(empty.body.accounts.map((a: any) => a.friendly_name)).toEqual(['Agency Master', 'Acme Dental - Austin']);
  });

  it('pages back with previous_page_uri', async () => {
    const first = await call({ path: `${V}/Accounts.json`, auth: master(), query: { PageSize: '2' } });
    const second = await call({ path: first.body.next_page_uri, auth: master() });
    const back = await call({ path: second.body.previous_page_uri, auth: master() });
    expect(back.body.accounts.map((a: any) => a.sid)).toEqual(first.body.accounts.map((a: any) => a.sid));
  });

  it('refuses a PageSize over 1000 and an unknown Status (400)', async () => {
    expect((await call({ path: `${V}/Accounts.json`, auth: master(), query: { PageSize: '1001' } })).status).toBe(400);
    expect((await call({ path: `${V}/Accounts.json`, auth: master(), query: { Status: 'frozen' } })).body).toEqual(errorBody(20001, 400));
  });

  it('suspends and reactivates a sub-account with the parent credentials', async () => {
    const target = austin();
    const suspend = await call({ method: 'POST', path: `${V}/Accounts/${target.sid}.json`, auth: master(), form: { Status: 'suspended' } });
    expect(suspend.body.status).toBe('suspended');
    expect((await call({ path: `${V}/Accounts/${target.sid}.json`, auth: credentialsOf(target) })).body.code).toBe(20003);
    await call({ method: 'POST', path: `${V}/Accounts/${target.sid}.json`, auth: master(), form: { Status: 'active' } });
    expect((await call({ path: `${V}/Accounts/${target.sid}.json`, auth: credentialsOf(target) })).status).toBe(200);
  });

  it("refuses a status change with the account's own credentials (20003) and reopening a closed one (20005)", async () => {
    const own = await call({ method: 'POST', path: `${V}/Accounts/${austin().sid}.json`, auth: credentialsOf(austin()), form: { Status: 'closed' } });
    expect(own.body.code).toBe(20003);
    const reopen = await call({ method: 'POST', path: `${V}/Accounts/${sub('Gone Client').sid}.json`, auth: master(), form: { Status: 'active' } });
    expect(reopen.body).toEqual(errorBody(20005, 401));
  });

  it('answers 405 / 20004 to a method the resource does not have, 404 to an unknown resource', async () => {
    expect((await call({ method: 'DELETE', path: `${V}/Accounts.json`, auth: master() })).body).toEqual(errorBody(20004, 405));
    expect((await call({ path: `${V}/Nothing.json`, auth: master() })).body.code).toBe(20404);
  });
});

describe('incoming phone numbers', () => {
  const numbersOf = (sid: string, auth: Credentials) => call({ path: `${V}/Accounts/${sid}/IncomingPhoneNumbers.json`, auth });
  const move = (owner: string, pn: string, target: string, auth = master()) =>
    call({ method: 'POST', path: `${V}/Accounts/${owner}/IncomingPhoneNumbers/${pn}.json`, auth, form: { AccountSid: target } });

  it('lists the numbers an account owns, with its own or its parent credentials', async () => {
    for (const auth of [credentialsOf(austin()), master()]) {
      const answer = await numbersOf(austin().sid, auth);
      expect(answer.status).toBe(200);
      expect(answer.body.incoming_phone_numbers).toEqual([
        expect.objectContaining({ phone_number: SUB_NUMBER, friendly_name: '(512) 555-0111', account_sid: austin().sid }),
      ]);
    }
    expect((await numbersOf(sub('Acme Dental - Dallas').sid, master())).body.incoming_phone_numbers).toEqual([]);
  });

  it('adds numbers through state.addPhoneNumber', async () => {
    api.state.addPhoneNumber(sub('Acme Dental - Dallas').sid, '+12145550123');
    const answer = await numbersOf(sub('Acme Dental - Dallas').sid, master());
    expect(answer.body.incoming_phone_numbers.map((n: any) => n.phone_number)).toEqual(['+12145550123']);
  });

  it("answers 20005 for a suspended sub-account's numbers asked with parent credentials", async () => {
    const answer = await numbersOf(sub('Old Client').sid, master());
    expect(answer.body).toEqual(errorBody(20005, 401));
  });

  it('moves a number to a sub-account with the parent credentials', async () => {
    const number = api.state.listPhoneNumbers(api.state.master.sid)[0]!;
    const answer = await move(api.state.master.sid, number.sid, austin().sid);
    expect(answer.status).toBe(200);
    expect(answer.body.account_sid).toBe(austin().sid);
    expect(api.state.listPhoneNumbers(austin().sid).map((n) => n.phoneNumber).sort()).toEqual([MASTER_NUMBER, SUB_NUMBER]);
    expect(api.state.listPhoneNumbers(api.state.master.sid)).toEqual([]);
  });

  it.each([
    ['a malformed AccountSid', () => 'AC123', 21470],
    ['an account that does not exist', () => `AC${'0'.repeat(32)}`, 21471],
    ['a suspended account', () => sub('Old Client').sid, 21472],
  ])('refuses a move to %s', async (_, target, code) => {
    const number = api.state.listPhoneNumbers(api.state.master.sid)[0]!;
    const answer = await move(api.state.master.sid, number.sid, target());
    expect(answer.body).toEqual(errorBody(code, 400));
  });

  it('refuses a move to an account of another family (21473) and with sub-account credentials (21474)', async () => {
    const stranger = api.state.createAccount('Someone Else');
    api.state.findAccount(stranger.sid)!.ownerAccountSid = stranger.sid;
    const number = api.state.listPhoneNumbers(api.state.master.sid)[0]!;
    expect((await move(api.state.master.sid, number.sid, stranger.sid)).body.code).toBe(21473);
    const own = api.state.listPhoneNumbers(austin().sid)[0]!;
    expect((await move(austin().sid, own.sid, api.state.master.sid, credentialsOf(austin()))).body).toEqual({
      ...errorBody(21474, 400),
      message: 'API user must be the parent account to transfer phone numbers.',
    });
    expect(api.state.findPhoneNumber(own.sid)!.accountSid).toBe(austin().sid);
  });

  it("refuses a sub-account's credentials on a sibling's number (20003)", async () => {
    const own = api.state.listPhoneNumbers(austin().sid)[0]!;
    const dallas = credentialsOf(sub('Acme Dental - Dallas'));
    expect((await move(austin().sid, own.sid, sub('Acme Dental - Dallas').sid, dallas)).body.code).toBe(20003);
  });

  it('moves a number between two sub-accounts of the parent', async () => {
    const own = api.state.listPhoneNumbers(austin().sid)[0]!;
    const answer = await move(austin().sid, own.sid, sub('Acme Dental - Dallas').sid);
    expect(answer.body.account_sid).toBe(sub('Acme Dental - Dallas').sid);
  });

  it.each([
    [
      'a sender of a Messaging Service (21712)',
      { messagingServiceSid: `MG${'1'.repeat(32)}` },
      21712,
      `Phone Number or Short Code is associated with another Messaging Service. ${MASTER_NUMBER} is a sender of MG${'1'.repeat(32)}: remove it from that Messaging Service first.`,
    ],
    [
      'a number under a Regulatory Bundle (21649)',
      { bundleSid: `BU${'2'.repeat(32)}` },
      21649,
      `Phone Number Requires a Bundle: ${MASTER_NUMBER} is held under a Regulatory Bundle; give an approved BundleSid of the gaining account.`,
    ],
  ])('refuses to move %s, in Twilio-style words, and leaves it where it was', async (_, ties, code, message) => {
    const number = api.state.listPhoneNumbers(api.state.master.sid)[0]!;
    api.state.tiePhoneNumber(number.sid, ties);
    const answer = await move(api.state.master.sid, number.sid, austin().sid);
    expect(answer.body).toEqual({ ...errorBody(code, 400), message });
    expect(api.state.findPhoneNumber(number.sid)!.accountSid).toBe(api.state.master.sid);
  });

  it('shows a number\'s bundle in bundle_sid', async () => {
    const number = api.state.listPhoneNumbers(api.state.master.sid)[0]!;
    api.state.tiePhoneNumber(number.sid, { bundleSid: `BU${'2'.repeat(32)}` });
    const listed = await numbersOf(api.state.master.sid, master());
    expect(listed.body.incoming_phone_numbers[0].bundle_sid).toBe(`BU${'2'.repeat(32)}`);
  });

  it('seeds numbers with their ties, and reset() unties them', async () => {
    const seeded = await startTwilioApi({
      protocol: 'http',
      seed: { masterPhoneNumbers: [{ phoneNumber: '+15125550177', messagingServiceSid: `MG${'3'.repeat(32)}` }, '+15125550178'] },
    });
    try {
      const [tied, free] = seeded.state.listPhoneNumbers(seeded.state.master.sid);
      expect(seeded.state.phoneNumberTies(tied!.sid)).toEqual({ messagingServiceSid: `MG${'3'.repeat(32)}` });
      expect(seeded.state.phoneNumberTies(free!.sid)).toEqual({});
      seeded.state.tiePhoneNumber(free!.sid, { bundleSid: `BU${'4'.repeat(32)}` });
      seeded.reset();
      const [again, freeAgain] = seeded.state.listPhoneNumbers(seeded.state.master.sid);
      expect(seeded.state.phoneNumberTies(again!.sid).messagingServiceSid).toBe(`MG${'3'.repeat(32)}`);
      expect(seeded.state.phoneNumberTies(freeAgain!.sid)).toEqual({});
    } finally {
      await seeded.close();
    }
  });

  it("answers 404 for a number that is not the URL account's", async () => {
    const own = api.state.listPhoneNumbers(austin().sid)[0]!;
    const answer = await call({ path: `${V}/Accounts/${api.state.master.sid}/IncomingPhoneNumbers/${own.sid}.json`, auth: master() });
    expect(answer.status).toBe(404);
  });
});

describe('messages', () => {
  const send = (sid: string, auth: Credentials, form: Record<string, string>) =>
    call({ method: 'POST', path: `${V}/Accounts/${sid}/Messages.json`, auth, form });
  const live = (form: Record<string, string>) => send(austin().sid, credentialsOf(austin()), form);

  it('queues a message from a number the account owns', async () => {
    const answer = await live({ To: '+15125550199', From: SUB_NUMBER, Body: 'Test from Twilio Handoff' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'queued', direction: 'outbound-api', to: '+15125550199', from: SUB_NUMBER, account_sid: austin().sid });
    expect(answer.body.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(api.state.listMessages(austin().sid)).toHaveLength(1);
  });

  it.each([
    ['no To', { From: SUB_NUMBER, Body: 'x' }, 21604],
    ['no From', { To: '+15125550199', Body: 'x' }, 21603],
    ['no Body', { To: '+15125550199', From: SUB_NUMBER }, 21602],
    ['a To that is not E.164', { To: '5125550199', From: SUB_NUMBER, Body: 'x' }, 21211],
    ['a From that is not E.164', { To: '+15125550199', From: 'abc', Body: 'x' }, 21212],
    ['To equal to From', { To: SUB_NUMBER, From: SUB_NUMBER, Body: 'x' }, 21266],
    ['a From the account does not own', { To: '+15125550199', From: MASTER_NUMBER, Body: 'x' }, 21606],
    ['the test magic From (live credentials)', { To: '+15125550199', From: '+15005550006', Body: 'x' }, 21606],
  ])('refuses %s (400)', async (_, form, code) => {
    const answer = await live(form);
    expect(answer.body).toEqual(errorBody(code, 400));
    expect(api.state.listMessages()).toHaveLength(0);
  });

  describe('with test credentials', () => {
    const test = () => api.state.testCredentials(api.state.master.sid);
    const sendTest = (to: string, from: string) => send(test().sid, { sid: test().sid, token: test().token }, { To: to, From: from, Body: 'x' });

    it('accepts From +15005550006 with a normal To, delivering nothing', async () => {
      const answer = await sendTest('+15125550199', '+15005550006');
      expect(answer.status).toBe(201);
      expect(answer.body.account_sid).toBe(test().sid);
      expect(api.state.listMessages(test().sid)).toEqual([expect.objectContaining({ test: true })]);
    });

    it.each([
      ['+15125550199', '+15005550001', 21212],
      ['+15125550199', '+15005550007', 21606],
      ['+15125550199', '+15005550008', 21611],
      ['+15125550199', '+15125550100', 21606],
      ['+15005550001', '+15005550006', 21211],
      ['+15005550002', '+15005550006', 21612],
      ['+15005550003', '+15005550006', 21408],
      ['+15005550004', '+15005550006', 21610],
      ['+15005550009', '+15005550006', 21614],
    ])('To %s From %s → %i', async (to, from, code) => {
      expect((await sendTest(to, from)).body).toEqual(errorBody(code, 400));
    });

    it('cannot reach other resources (403 / 20008) or live accounts (20003)', async () => {
      const auth = { sid: test().sid, token: test().token };
      expect((await call({ path: `${V}/Accounts/${test().sid}.json`, auth })).body).toEqual(errorBody(20008, 403));
      expect((await call({ path: `${V}/Accounts/${test().sid}/IncomingPhoneNumbers.json`, auth })).body.code).toBe(20008);
      expect((await call({ path: `${V}/Accounts/${api.state.master.sid}.json`, auth })).body.code).toBe(20003);
    });
  });
});

describe('switches', () => {
  const fetchMaster = () => call({ path: `${V}/Accounts/${api.state.master.sid}.json`, auth: master() });

  it('rateLimit answers the next N requests with 429 / 20429 and Retry-After, then recovers', async () => {
    api.switches.rateLimit = 2;
    api.switches.retryAfterSeconds = 3;
    const first = await fetchMaster();
    expect(first.status).toBe(429);
    expect(first.body).toEqual({ ...errorBody(20429, 429), message: 'Too Many Requests' });
    expect(first.headers.get('retry-after')).toBe('3');
    expect((await fetchMaster()).status).toBe(429);
    expect((await fetchMaster()).status).toBe(200);
    expect(api.requests.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it("rateLimit 'always' never recovers; retryAfterSeconds null sends no Retry-After", async () => {
    api.switches.rateLimit = 'always';
    api.switches.retryAfterSeconds = null;
    for (let i = 0; i < 3; i++) {
      const answer = await fetchMaster();
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBeNull();
    }
  });

  it.each([
    [500, 20500],
    [503, 20503],
  ] as const)('serverError answers the next request with %i / %i', async (status, code) => {
    api.switches.serverError = 1;
    api.switches.serverErrorStatus = status;
    expect((await fetchMaster()).body).toEqual(errorBody(code, status));
    expect((await fetchMaster()).status).toBe(200);
  });

  it('delayMs slows every answer', async () => {
    api.switches.delayMs = 300;
    const started = Date.now();
    expect((await fetchMaster()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('hang never answers; the request is recorded as hanging', async () => {
    api.switches.hang = true;
    const abort = new AbortController();
    const request = call({ path: `${V}/Accounts/${api.state.master.sid}.json`, auth: master(), signal: abort.signal });
    const outcome = request.then(() => 'answered', () => 'failed');
    // Once the stand-in holds it (a fixed 300 ms abort was sometimes before the request even arrived,
    // with four browser files at once), it stays unanswered.
    await expect.poll(() => api.requests.length, { timeout: 10_000 }).toBe(1);
    expect(await Promise.race([outcome, new Promise((resolve) => setTimeout(resolve, 300, 'pending'))])).toBe('pending');
    abort.abort();
    await expect(request).rejects.toThrow();
    expect(api.requests).toEqual([expect.objectContaining({ outcome: 'hanging', status: null })]);
  });

  it('dropConnections destroys the socket without an answer for the next N requests', async () => {
    api.switches.dropConnections = 1;
    await expect(fetchMaster()).rejects.toThrow(/fetch failed/);
    expect((await fetchMaster()).status).toBe(200);
    expect(api.requests.map((r) => r.outcome)).toEqual(['dropped', 'answered']);
    expect(api.requests[0]!.status).toBeNull();
  });

  it('matchPath limits the faults to matching paths', async () => {
    api.switches.rateLimit = 'always';
    api.switches.matchPath = /IncomingPhoneNumbers/;
    expect((await fetchMaster()).status).toBe(200);
    expect((await call({ path: `${V}/Accounts/${api.state.master.sid}/IncomingPhoneNumbers.json`, auth: master() })).status).toBe(429);
  });

  it('reset() restores the master alone plus the seed, default switches and no records', async () => {
    const { sid, authToken } = api.state.master;
    api.state.createAccount('Extra');
    api.switches.rateLimit = 'always';
    await fetchMaster();
    api.reset();
    expect(api.state.master.sid).toBe(sid);
    expect(api.state.master.authToken).toBe(authToken);
    expect(api.state.listSubaccounts(sid).map((a) => a.friendlyName)).toEqual([
      'Acme Dental - Austin',
      'Acme Dental - Dallas',
      'Old Client',
      'Gone Client',
    ]);
    expect(api.switches.rateLimit).toBe(0);
    expect(api.requests).toEqual([]);
  });
});
