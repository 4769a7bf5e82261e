import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ToBackground, ToCrm } from '../../utils/messages';
import { HIGHLEVEL_PROFILE } from '../../utils/crm/profile';
import { CrmProfile } from '../../utils/crm/profile-schema';
import { createCrmListener, isFromOwnExtension, parseToCrm, type CrmPort } from '../../utils/crm/messaging';
import { mountFakeCrm, type FakeCrm } from './crm-fake-page';

const RUNTIME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${RUNTIME_ID}/`;
const WORKER = { id: RUNTIME_ID, url: `${ORIGIN}background.js` };
const HOST = 'app.gohighlevel.com';
const PAGE = `https://${HOST}/settings/phone_integration`;
const SID = 'AC' + 'b'.repeat(32);
const TOKEN = 'c'.repeat(32);
const LOCATION = { id: 'loc00000000000000001', name: 'Acme Dental', sid: 'AC' + '1'.repeat(32), provider: 'Twilio' as const };

const FAST = CrmProfile.parse({
  ...HIGHLEVEL_PROFILE,
  waits: { ...HIGHLEVEL_PROFILE.waits, pageMs: 2000, stepMs: 800, searchDebounceMs: 30, searchUnchangedMs: 250, quietMs: 60, settleMs: 20, searchMs: 2000, resultMs: 800, submitIntentMs: 500 },
});

let page: FakeCrm | undefined;
afterEach(() => {
  page?.close();
  page = undefined;
});

function harness(url = PAGE, answerIntent: (message: ToBackground) => unknown = () => ({ go: true })) {
  const sent: ToBackground[] = [];
  let resolveResult: (message: ToBackground) => void = () => undefined;
  const result = new Promise<ToBackground>((resolve) => (resolveResult = resolve));
  const port: CrmPort = {
    runtimeId: RUNTIME_ID,
    extensionOrigin: ORIGIN,
    send: async (message) => {
      sent.push(message);
      if (message.type === 'crm-result') resolveResult(message);
      if (message.type === 'crm-submit-intent') return answerIntent(message);
      return undefined;
    },
    url: () => url,
    context: async () => ({ profile: FAST, doc: document, url: () => url }),
  };
  return { listener: createCrmListener(port), sent, result };
}

describe('who may talk to the CRM content script', () => {
  it.each([
    [{ id: RUNTIME_ID, url: `${ORIGIN}background.js` }, true],
    [{ id: RUNTIME_ID }, true],
    [{ id: 'someoneelse', url: `chrome-extension://someoneelse/background.js` }, false],
    [{ id: RUNTIME_ID, tab: { id: 4 }, url: 'https://console.twilio.com/' }, false],
    [{ id: RUNTIME_ID, url: 'https://evil.example/' }, false],
    [{}, false],
  ])('%j → %s', (sender, expected) => expect(isFromOwnExtension(sender, RUNTIME_ID, ORIGIN)).toBe(expected));

  it('ignores foreign senders and malformed messages (no reply at all)', () => {
    const { listener, sent } = harness();
    expect(listener({ type: 'crm-ping' }, { id: 'other' })).toBeUndefined();
    expect(listener({ type: 'crm-ping' }, { id: RUNTIME_ID, tab: { id: 1 } })).toBeUndefined();
    expect(listener({ type: 'crm-run', handoffId: 'h' }, WORKER)).toBeUndefined();
    expect(listener({ type: 'nonsense' }, WORKER)).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it('answers crm-ping at once with the page URL', async () => {
    const { listener } = harness();
    await expect(listener({ type: 'crm-ping' }, WORKER)).resolves.toEqual({ ok: true, url: PAGE });
  });
});

describe('crm-run', () => {
  it('is accepted at once; the outcome follows as crm-result keyed by handoff and run', async () => {
    const { listener, sent, result } = harness('https://app.gohighlevel.com/contacts');
    const reply = await listener({ type: 'crm-run', host: HOST, handoffId: 'h1', runId: 'r1', action: 'inspect', location: { id: 'x', name: 'Acme' } }, WORKER);
    expect(reply).toEqual({ accepted: true });
    // A code and facts, no sentence of ours; what the background parses it with takes it as it is.
    const expected = {
      type: 'crm-result',
      handoffId: 'h1',
      runId: 'r1',
      outcome: { kind: 'driver-error', step: 'open-page', code: 'wrong-page', params: { page: 'Phone Integration page' }, submitted: false },
    };
    expect(await result).toEqual(expected);
    expect(ToBackground.parse(await result)).toEqual(expected);
    expect(sent[0]).toEqual({ type: 'crm-progress', handoffId: 'h1', runId: 'r1', step: 'open-page' });
  });

  it('asks crm-submit-intent before the click and the token is in no message', async () => {
    page = mountFakeCrm({ locations: [LOCATION] });
    let submissionsAtIntent = -1;
    const { listener, sent, result } = harness(PAGE, () => {
      submissionsAtIntent = page!.submissions.length;
      return { go: true };
    });
    await listener({ type: 'crm-run', host: HOST, handoffId: 'h2', runId: 'r2', action: 'submit', location: { id: LOCATION.id, name: LOCATION.name }, sid: SID, token: TOKEN, expectedCurrentSid: LOCATION.sid }, WORKER);
    expect(await result).toMatchObject({ outcome: { kind: 'authorized' } });
    expect(submissionsAtIntent).toBe(0);
    expect(page.submissions).toEqual([{ locationId: LOCATION.id, sid: SID, token: TOKEN }]);
    expect(sent.filter((m) => m.type === 'crm-submit-intent')).toEqual([{ type: 'crm-submit-intent', handoffId: 'h2', runId: 'r2' }]);
    expect(JSON.stringify(sent)).not.toContain(TOKEN);
  });

  it('an intent reply that is not {go: true} means no click', async () => {
    page = mountFakeCrm({ locations: [LOCATION] });
    const { listener, result } = harness(PAGE, () => ({ go: 'yes' }));
    await listener({ type: 'crm-run', host: HOST, handoffId: 'h3', runId: 'r3', action: 'submit', location: { id: LOCATION.id, name: LOCATION.name }, sid: SID, token: TOKEN, expectedCurrentSid: LOCATION.sid }, WORKER);
    expect(await result).toMatchObject({ outcome: { kind: 'driver-error', step: 'submit', code: 'not-allowed', submitted: false } });
    expect(page.submissions).toEqual([]);
  });
});

describe('a request meant for another CRM host', () => {
  it.each([
    ['crm-run', { action: 'submit', handoffId: 'h4', runId: 'r4', location: { id: LOCATION.id, name: LOCATION.name }, sid: SID, token: TOKEN, expectedCurrentSid: LOCATION.sid }],
    ['crm-search', { query: 'Acme' }],
  ])('%s: refused without an answer, nothing searched, filled or sent', async (type, fields) => {
    page = mountFakeCrm({ locations: [LOCATION] });
    const { listener, sent } = harness(PAGE);
    expect(listener({ type, host: 'app.otheragency.example', ...fields }, WORKER)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toEqual([]);
    expect(page.submissions).toEqual([]);
  });
});

describe('crm-search', () => {
  it('replies with the locations and reports them as crm-locations-seen', async () => {
    page = mountFakeCrm({ locations: [LOCATION, { ...LOCATION, id: 'loc00000000000000002', name: 'Bright Smiles' }] });
    const { listener, sent } = harness();
    const reply = await listener({ type: 'crm-search', host: HOST, query: 'Acme' }, WORKER);
    expect(reply).toEqual({ ok: true, locations: [{ id: LOCATION.id, name: 'Acme Dental', sid: LOCATION.sid, managedBy: 'twilio' }] });
    expect(sent).toEqual([{ type: 'crm-locations-seen', locations: [{ id: LOCATION.id, name: 'Acme Dental', sid: LOCATION.sid, managedBy: 'twilio' }] }]);
  });
});

describe('crm-search of a long list', () => {
  it('replies in slices of 500 named by a result id, fetched with crm-search-more; a request for a replaced result is refused', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => ({ id: `loc${String(i).padStart(17, '0')}`, name: `Clinic ${String(i).padStart(4, '0')}`, sid: null, provider: 'Twilio' as const }));
    page = mountFakeCrm({ locations: many, pageSize: 1200 });
    const { listener } = harness();
    type Reply = { ok: boolean; locations: { name: string }[]; total?: number; resultId?: string };
    const first = (await listener({ type: 'crm-search', host: HOST, query: 'Clinic' }, WORKER)) as Reply;
    expect(first).toMatchObject({ ok: true, total: 1200 });
    expect(first.locations).toHaveLength(500);
    const more = async (offset: number, resultId = first.resultId) =>
      (await listener({ type: 'crm-search-more', host: HOST, resultId, offset }, WORKER)) as Reply;
    const second = await more(500);
    const third = await more(1000);
    expect([second.locations.length, third.locations.length]).toEqual([500, 200]);
    expect([...first.locations, ...second.locations, ...third.locations].map((l) => l.name)).toEqual(many.map((l) => l.name));
    // A search in between (a handoff's, in the same tab) replaces the result: no mixing of two lists.
    await expect(more(500, 'another-result')).resolves.toMatchObject({ ok: false });
    // A short list comes whole, as before.
    page.close();
    page = mountFakeCrm({ locations: many.slice(0, 20), pageSize: 50 });
    const short = (await listener({ type: 'crm-search', host: HOST, query: 'Clinic' }, WORKER)) as Reply;
    expect(short.locations).toHaveLength(20);
    expect(short).not.toHaveProperty('total');
  }, 30_000);
});

describe('parseToCrm agrees with the ToCrm schema', () => {
  const viaUnion = (raw: unknown) => {
    const parsed = ToCrm.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  };
  const location = { id: 'loc00000000000000001', name: 'Acme' };
  it.each([
    [{ type: 'crm-ping' }],
    [{ type: 'crm-ping', extra: 1 }],
    [{ type: 'crm-search', host: 'app.gohighlevel.com', query: 'Acme' }],
    [{ type: 'crm-search', query: 'Acme' }],
    [{ type: 'crm-search' }],
    [{ type: 'crm-check-page' }],
    [{ type: 'crm-run', host: 'app.gohighlevel.com', handoffId: 'h', runId: 'r', action: 'submit', location, sid: 'x', token: 'y', expectedCurrentSid: null }],
    [{ type: 'crm-run', handoffId: 'h', runId: 'r', action: 'submit', location, sid: 'x', token: 'y', expectedCurrentSid: null }],
    [{ type: 'crm-run', handoffId: 'h', runId: 'r', action: 'delete', location }],
    [{ type: 'crm-run', handoffId: '', runId: 'r', action: 'inspect', location }],
    [{ type: 'crm-run', handoffId: 'h', runId: 'r', action: 'inspect', location: { id: '', name: 'x' } }],
    [{ type: 'toString' }],
    [{ type: '__proto__' }],
    [{ type: 'capture', sid: 'a', token: 'b' }],
    [null],
    ['crm-ping'],
    [[{ type: 'crm-ping' }]],
  ])('%j', (raw) => expect(parseToCrm(raw)).toEqual(viaUnion(raw)));

  it('on arbitrary input', () => {
    const types = fc.constantFrom('crm-ping', 'crm-search', 'crm-run', 'crm-check-page', 'other');
    const message = fc.record(
      { type: types, host: fc.constantFrom('app.gohighlevel.com', 1), query: fc.anything(), handoffId: fc.string(), runId: fc.string(), action: fc.constantFrom('inspect', 'fill', 'x'), location: fc.anything() },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(fc.oneof(message, fc.anything()), (raw) => {
        expect(parseToCrm(raw)).toEqual(viaUnion(raw));
      }),
    );
  });
});
