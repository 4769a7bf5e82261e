import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { connectText } from '../../components/connect-text';
import { forgetPreparedPicks, pickSubaccount, PREPARED_PICK_MS } from '../../utils/background/connect';
import { route } from '../../utils/background/router';
import { listHandoffs, loadToken } from '../../utils/handoff/store';
import type { Handoff, Location } from '../../utils/handoff/types';
import { keepMaster, lockMaster } from '../../utils/master/session';
import type { CrmRunMessage } from '../../utils/messages';
import { TwilioApiError } from '../../utils/twilio/errors';
import type { TwilioAccount } from '../../utils/twilio/schemas';
import { fakeTwilio, MASTER, subaccount } from './support/fake-twilio';

/**
 * Connect a location by name (issue 12 item 2): the background finds the one sub-account named like
 * the location under the unlocked master, or creates it when asked, and runs a handoff aimed at that
 * location alone. Twilio at fetch, the CRM at tabs.sendMessage.
 */
const EXT = fakeBrowser.runtime.id;
const HOST = 'app.gohighlevel.com';
const CRM_URL = `https://${HOST}/settings/phone_integration`;
const pageSender = { id: EXT, url: fakeBrowser.runtime.getURL('/connect.html') };
const crmSender = { id: EXT, tab: { id: 1 }, frameId: 0, url: CRM_URL, documentId: 'doc-1' };

interface Crm {
  locations: Location[];
  runs: CrmRunMessage[];
  searches: string[];
}

function simulateCrm(crm: Crm) {
  fakeBrowser.scripting.executeScript = vi.fn(async () => [{ frameId: 0, documentId: 'doc-1' }]) as never;
  fakeBrowser.tabs.sendMessage = vi.fn(async (_tabId: number, message: { type: string; query?: string }) => {
    if (message.type === 'crm-ping') return { ok: true, url: CRM_URL };
    if (message.type === 'crm-search') {
      crm.searches.push(message.query ?? '');
      return { ok: true, locations: crm.locations };
    }
    if (message.type === 'crm-run') {
      crm.runs.push(message as CrmRunMessage);
      return { accepted: true };
    }
    return undefined;
  }) as never;
}

const twins: Location[] = [
  { id: 'loc-1', name: 'Acme Dental - Austin', sid: null, managedBy: 'not-available' },
  { id: 'loc-2', name: 'Acme Dental - Austin', sid: null, managedBy: 'not-available' },
];

async function unlockMaster() {
  await keepMaster({ sid: MASTER.sid, friendlyName: MASTER.name }, MASTER.token);
}

const connect = (location: { id: string; name: string }, extra: Record<string, unknown> = {}) =>
  route({ type: 'connect-location', host: HOST, location, ...extra }, pageSender) as Promise<{ ok: boolean; message?: string; handoff?: Handoff }>;

describe('pickSubaccount', () => {
  const account = (sid: string, name: string): TwilioAccount => ({ sid, ownerAccountSid: MASTER.sid, friendlyName: name, status: 'active', isSubaccount: true }) as TwilioAccount;
  const A = 'AC' + '1'.repeat(32);
  const B = 'AC' + '2'.repeat(32);
  const C = 'AC' + '3'.repeat(32);
  function client(list: TwilioAccount[]) {
    return {
      listSubaccounts: vi.fn(async () => list),
      fetchSubaccountCredentials: vi.fn(async (sid: string) => ({ sid, ownerAccountSid: MASTER.sid, friendlyName: '', status: 'active' as const, authToken: 'f'.repeat(32) })),
      createSubaccount: vi.fn(async (name: string) => ({ sid: C, ownerAccountSid: MASTER.sid, friendlyName: name, status: 'active' as const, authToken: 'e'.repeat(32) })),
    };
  }

  it.each([
    ['one sub-account of that name, written otherwise', [account(A, 'acme dental – AUSTIN'), account(B, 'Acme Dental - Dallas')], { create: false }, { ok: true, sid: A, created: false }],
    ['the plan’s sub-account, still the only one', [account(A, 'Acme Dental - Austin')], { create: false, expectedSid: A }, { ok: true, sid: A, created: false }],
    ['none, create asked', [account(B, 'Acme Dental - Dallas')], { create: true }, { ok: true, sid: C, created: true }],
    ['none, create not asked', [account(B, 'Acme Dental - Dallas')], { create: false }, { ok: false, message: connectText.none('Acme Dental - Austin') }],
    ['two of that name', [account(A, 'Acme Dental - Austin'), account(B, 'ACME dental austin')], { create: true }, { ok: false, message: connectText.several(2, 'Acme Dental - Austin') }],
    ['another one than the plan’s', [account(B, 'Acme Dental - Austin')], { create: false, expectedSid: A }, { ok: false, message: connectText.changed('Acme Dental - Austin') }],
    ['the plan’s one gone, create asked', [], { create: true, expectedSid: A }, { ok: false, message: connectText.changed('Acme Dental - Austin') }],
  ])('%s', async (_case, list, options, expected) => {
    const fake = client(list);
    const picked = await pickSubaccount(fake, { name: 'Acme Dental - Austin' }, options);
    expect(picked).toMatchObject(expected);
    // A token is fetched only for the one chosen; a sub-account is created only when none has the name.
    expect(fake.createSubaccount).toHaveBeenCalledTimes(picked.ok && picked.created ? 1 : 0);
    expect(fake.fetchSubaccountCredentials).toHaveBeenCalledTimes(picked.ok && !picked.created ? 1 : 0);
  });

  it('a location without a name asks nothing of Twilio', async () => {
    const fake = client([account(A, '')]);
    expect(await pickSubaccount(fake, { name: ' – ' }, { create: true })).toEqual({ ok: false, message: connectText.noName });
    expect(fake.listSubaccounts).not.toHaveBeenCalled();
  });

  it('Twilio’s refusal becomes a sentence naming what failed', async () => {
    const fake = client([]);
    fake.listSubaccounts.mockRejectedValue(new TwilioApiError(20003, 401, 'Authenticate', null, 'list-subaccounts'));
    const picked = await pickSubaccount(fake, { name: 'Acme Dental - Austin' }, { create: true });
    expect(picked).toEqual({
      ok: false,
      message: 'Twilio refused the master credentials while listing the sub-accounts of the master account: the Auth Token may have changed. Connect the master account again.',
    });
  });
});

describe('connect-location', () => {
  let crm: Crm;
  beforeEach(() => {
    fakeBrowser.reset();
    vi.unstubAllGlobals();
    crm = { locations: twins, runs: [], searches: [] };
    simulateCrm(crm);
  });

  it('is refused from anything but an extension page, and says so when the master is locked', async () => {
    const twilio = fakeTwilio([subaccount('Acme Dental - Austin', 1)]);
    expect(await route({ type: 'connect-location', host: HOST, location: twins[0] }, crmSender)).toBeUndefined();
    expect(await connect(twins[0]!)).toEqual({ ok: false, message: connectText.locked });
    await unlockMaster();
    expect(await connect(twins[0]!, { host: 'app.unknown.test' })).toEqual({ ok: false, message: connectText.notEnabled });
    expect(twilio.requests).toEqual([]);
    expect(await listHandoffs()).toEqual([]);
  });

  it('runs the handoff for that location only, even beside another of the same name', async () => {
    const sub = subaccount('acme dental – austin', 1);
    fakeTwilio([sub, subaccount('Acme Dental - Dallas', 2)]);
    await unlockMaster();
    const reply = await connect(twins[1]!);
    expect(reply).toMatchObject({ ok: true, handoff: { sid: sub.sid, targetLocationId: 'loc-2', crmHost: HOST } });
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
    expect(crm.runs[0]).toMatchObject({ action: 'submit', location: { id: 'loc-2' }, sid: sub.sid, token: sub.token });
    // Its token waits in storage.session like a console handoff's, never in storage.local.
    expect(await loadToken(reply.handoff!.id)).toBe(sub.token);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(sub.token);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(MASTER.token);
  });

  it('a target the CRM no longer lists under that name stops and asks, with nothing run', async () => {
    const sub = subaccount('Acme Dental - Austin', 1);
    fakeTwilio([sub]);
    await unlockMaster();
    crm.locations = [{ id: 'loc-2', name: 'Acme Dental - Round Rock', sid: null, managedBy: 'not-available' }, { id: 'loc-3', name: 'Acme Dental - Austin', sid: null, managedBy: 'not-available' }];
    const reply = await connect({ id: 'loc-2', name: 'Acme Dental - Austin' });
    await vi.waitFor(async () => expect((await listHandoffs())[0]?.state).toBe('needs-choice'));
    const [handoff] = await listHandoffs();
    expect(handoff).toMatchObject({ id: reply.handoff!.id, reasonCode: 'target-not-found' });
    // Only the renamed target is offered, never the other row that carries the name now.
    expect(handoff!.candidates!.map((c) => c.location.id)).toEqual(['loc-2']);
    expect(crm.runs).toEqual([]);
  });

  it('creates the missing sub-account once: a second ask, even at the same time, finds it by name and joins the handoff', async () => {
    const twilio = fakeTwilio([subaccount('Acme Dental - Dallas', 2)]);
    await unlockMaster();
    crm.locations = [twins[0]!];
    const [first, second] = await Promise.all([connect(twins[0]!, { create: true }), connect(twins[0]!, { create: true })]);
    expect(first.ok && second.ok).toBe(true);
    expect(second.handoff!.id).toBe(first.handoff!.id);
    expect(twilio.requests.filter((r) => r === 'POST /2010-04-01/Accounts.json')).toHaveLength(1);
    expect(twilio.created()).toHaveLength(1);
    expect(twilio.created()[0]!.name).toBe('Acme Dental - Austin');
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
  });

  it('refuses a sub-account whose handoff is under way for another location', async () => {
    fakeTwilio([subaccount('Acme Dental - Austin', 1)]);
    await unlockMaster();
    expect((await connect(twins[0]!)).ok).toBe(true);
    expect(await connect(twins[1]!)).toEqual({ ok: false, message: connectText.inFlightElsewhere });
  });

  it('lists the CRM’s locations through the page’s search box, for extension pages only', async () => {
    expect(await route({ type: 'list-crm-locations', host: HOST, query: '' }, crmSender)).toBeUndefined();
    expect(await route({ type: 'list-crm-locations', host: HOST, query: '' }, pageSender)).toEqual({ ok: true, locations: twins });
    expect(crm.searches).toEqual(['']);
    expect(await route({ type: 'list-crm-locations', host: 'app.unknown.test', query: '' }, pageSender)).toEqual({ ok: false, message: connectText.notEnabled });
  });
});

describe('prepare-location (a bulk run’s next row, picked while the row before it is written)', () => {
  let crm: Crm;
  const sub = subaccount('Acme Dental - Austin', 1);
  const target = twins[0]!;
  const LIST = 'GET /2010-04-01/Accounts.json';
  const prepare = (location: { id: string; name: string }, sender: object = pageSender, host = HOST) =>
    route({ type: 'prepare-location', host, location, subaccountSid: sub.sid }, sender);
  /** The pick made ahead has its token once the sub-account was fetched by its parent. */
  const picked = (twilio: { requests: string[] }) => vi.waitFor(() => expect(twilio.requests).toContain(`GET /2010-04-01/Accounts/${sub.sid}.json`));

  beforeEach(() => {
    fakeBrowser.reset();
    vi.unstubAllGlobals();
    vi.useRealTimers();
    forgetPreparedPicks();
    crm = { locations: [target], runs: [], searches: [] };
    simulateCrm(crm);
  });

  it('serves the connect that follows: the sub-account list is read once, and the right token is written', async () => {
    const twilio = fakeTwilio([sub, subaccount('Acme Dental - Dallas', 2)]);
    await unlockMaster();
    expect(await prepare(target)).toEqual({ ok: true });
    await picked(twilio);
    const reply = await connect(target, { subaccountSid: sub.sid });
    expect(reply).toMatchObject({ ok: true, handoff: { sid: sub.sid, targetLocationId: target.id } });
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
    expect(crm.runs[0]).toMatchObject({ action: 'submit', location: { id: target.id }, sid: sub.sid, token: sub.token });
    expect(twilio.requests.filter((r) => r === LIST)).toHaveLength(1);
    // Taken once: the next ask for that location reads the list again.
    forgetPreparedPicks();
  });

  it('is refused from anything but an extension page, and for a CRM host not enabled; asks Twilio nothing with the master locked', async () => {
    const twilio = fakeTwilio([sub]);
    expect(await prepare(target, crmSender)).toBeUndefined();
    expect(await prepare(target)).toEqual({ ok: true });
    await unlockMaster();
    expect(await prepare(target, pageSender, 'app.unknown.test')).toEqual({ ok: false, message: connectText.notEnabled });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(twilio.requests).toEqual([]);
  });

  it.each([
    ['the location was renamed since', { name: 'Acme Dental - Austin (North)' }],
    ['the plan’s sub-account is another one', { subaccountSid: 'AC' + '9'.repeat(32) }],
  ])('is not used when %s: the connect picks again, with its own answer', async (_case, change) => {
    const renamed = { ...target, ...('name' in change && change) };
    const twilio = fakeTwilio([sub, subaccount('Acme Dental - Austin (North)', 3)]);
    await unlockMaster();
    await prepare(target);
    await picked(twilio);
    const reply = await connect(renamed, { subaccountSid: 'subaccountSid' in change ? change.subaccountSid : sub.sid });
    expect(twilio.requests.filter((r) => r === LIST)).toHaveLength(2);
    if ('subaccountSid' in change) expect(reply).toEqual({ ok: false, message: connectText.changed(target.name) });
  });

  it('a pick that found two of that name is not used: the connect reads the list again and says so', async () => {
    const twilio = fakeTwilio([sub, subaccount('ACME dental austin', 2)]);
    await unlockMaster();
    await prepare(target);
    await vi.waitFor(() => expect(twilio.requests).toContain(LIST));
    expect(await connect(target, { subaccountSid: sub.sid })).toEqual({ ok: false, message: connectText.several(2, target.name) });
    expect(twilio.requests.filter((r) => r === LIST)).toHaveLength(2);
  });

  it('is dropped when the master is locked meanwhile, and after PREPARED_PICK_MS', async () => {
    const twilio = fakeTwilio([sub]);
    await unlockMaster();
    await prepare(target);
    await picked(twilio);
    await lockMaster();
    expect(await connect(target, { subaccountSid: sub.sid })).toEqual({ ok: false, message: connectText.locked });
    await unlockMaster();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await prepare(target);
    await vi.waitFor(() => expect(twilio.requests.filter((r) => r.startsWith('GET /2010-04-01/Accounts/'))).toHaveLength(2));
    vi.advanceTimersByTime(PREPARED_PICK_MS);
    vi.useRealTimers();
    expect((await connect(target, { subaccountSid: sub.sid })).ok).toBe(true);
    // Two picks made ahead, neither used: the connect read the list a third time.
    expect(twilio.requests.filter((r) => r === LIST)).toHaveLength(3);
  });
});

describe('rotate-location', () => {
  let crm: Crm;
  const sub = subaccount('Acme Dental', 1);
  /** The token the page hands over (for the background any valid token of the account: here its own). */
  const secondary = sub.token;
  const holder: Location = { id: 'loc-7', name: 'Acme Dental – Austin (old name)', sid: sub.sid, managedBy: 'twilio' };
  const rotate = (location: { id: string; name: string }, extra: Record<string, unknown> = {}, sender: object = pageSender) =>
    route({ type: 'rotate-location', host: HOST, location, sid: sub.sid, token: secondary, ...extra }, sender) as Promise<{ ok: boolean; message?: string; handoff?: Handoff }>;

  beforeEach(() => {
    fakeBrowser.reset();
    vi.unstubAllGlobals();
    crm = { locations: [holder, { id: 'loc-8', name: 'Acme Dental', sid: null, managedBy: 'not-available' }], runs: [], searches: [] };
    simulateCrm(crm);
    fakeTwilio([sub]);
  });

  it('is refused from anything but an extension page, and for a CRM host not enabled', async () => {
    expect(await rotate(holder, {}, crmSender)).toBeUndefined();
    expect(await rotate(holder, { host: 'app.unknown.test' })).toEqual({ ok: false, message: connectText.notEnabled });
    expect(await rotate(holder, { sid: 'SK' + '1'.repeat(32) })).toBeUndefined();
    expect(await listHandoffs()).toEqual([]);
  });

  it('writes the new token into the location that holds this SID, whatever its name, and no other', async () => {
    const reply = await rotate(holder);
    expect(reply).toMatchObject({ ok: true, handoff: { sid: sub.sid, targetLocationId: 'loc-7' } });
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
    // The same SID: no Replace question, one run that writes SID + the new token.
    expect(crm.runs[0]).toMatchObject({ action: 'submit', location: { id: 'loc-7' }, sid: sub.sid, token: secondary });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(secondary);
  });

  it.each([
    ['named like the sub-account: the Replace question', 'Acme Dental', 'needs-replace-confirmation'],
    ['named otherwise: a question about the target', 'Acme Dental – Austin (old name)', 'needs-choice'],
  ] as const)('a location that holds another SID now, %s; nothing is written', async (_, name, state) => {
    const other = 'AC' + 'f'.repeat(32);
    crm.locations = [{ ...holder, name, sid: other }];
    const reply = await rotate(holder);
    if (state === 'needs-replace-confirmation') {
      // Another whole SID is read in the editor first; the editor shows it too.
      await vi.waitFor(() => expect(crm.runs.map((r) => r.action)).toEqual(['inspect']));
      const { handoffId, runId } = crm.runs[0]!;
      const outcome = { kind: 'inspected', currentSid: other, managedBy: 'twilio', canUpdate: true };
      await route({ type: 'crm-result', handoffId, runId, outcome }, crmSender);
    }
    await vi.waitFor(async () => expect((await listHandoffs())[0]?.state).toBe(state));
    expect((await listHandoffs())[0]!.id).toBe(reply.handoff!.id);
    if (state === 'needs-replace-confirmation') expect((await listHandoffs())[0]!.previousSid).toBe(other);
    expect(crm.runs.filter((r) => r.action !== 'inspect')).toEqual([]);
  });
});
