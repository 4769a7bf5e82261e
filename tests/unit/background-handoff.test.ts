import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listAudit } from '../../utils/audit';
import { addAgencyAccount } from '../../utils/agency-accounts';
import { route } from '../../utils/background/router';
import { onAlarm } from '../../utils/background/alarms';
import { listHandoffs, loadToken } from '../../utils/handoff/store';
import type { Handoff, Location } from '../../utils/handoff/types';
import type { CrmRunMessage } from '../../utils/messages';
import { reasonText, storedReasonText } from '../../components/text';

/**
 * The background's handoff flow with the CRM page simulated at the tabs.sendMessage boundary and
 * Twilio at fetch: capture → verify → match → fill/submit → result, and the refusals on the way.
 */
const EXT = fakeBrowser.runtime.id;
const SID = 'AC' + '0123456789abcdef'.repeat(2);
const TOKEN = 'fedcba9876543210'.repeat(2);
const CRM_URL = 'https://app.gohighlevel.com/settings/phone_integration';
const consoleSender = { id: EXT, tab: { id: 1 }, frameId: 0, url: 'https://console.twilio.com/us1/account/x' };
const popupSender = { id: EXT, url: fakeBrowser.runtime.getURL('/popup.html') };

interface Crm {
  locations: Location[];
  runs: CrmRunMessage[];
  tabId?: number;
  /** The CRM tab's document now; a reload makes a new one, without the driver. */
  documentId: string;
  /** Documents the background injected the driver into. */
  injected: string[];
}

function account(overrides: Record<string, unknown> = {}) {
  return {
    sid: SID, owner_account_sid: 'AC' + 'f'.repeat(32), friendly_name: 'Acme Dental - Austin', status: 'active',
    type: 'Full', auth_token: TOKEN, date_created: 'Fri, 27 Nov 2026 10:00:00 +0000', date_updated: 'Fri, 27 Nov 2026 10:00:00 +0000',
    uri: `/2010-04-01/Accounts/${SID}.json`, subresource_uris: {}, ...overrides,
  };
}

function twilioAnswers(status: number, body: unknown) {
  const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/**
 * The CRM tab as the browser shows it to the background: the driver answers only after the
 * background injected it into the current document, and only messages sent to that document.
 */
function simulateCrm(crm: Crm) {
  fakeBrowser.scripting.executeScript = vi.fn(async ({ target }: { target: { tabId: number; frameIds?: number[] } }) => {
    expect(target.frameIds).toEqual([0]);
    crm.injected.push(crm.documentId);
    return [{ frameId: 0, documentId: crm.documentId }];
  }) as never;
  fakeBrowser.tabs.sendMessage = vi.fn(async (tabId: number, message: { type: string }, options?: { documentId?: string }) => {
    if (message.type === 'handoff-update') return undefined;
    if (!crm.injected.includes(crm.documentId) || options?.documentId !== crm.documentId) {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }
    crm.tabId = tabId;
    if (message.type === 'crm-ping') return { ok: true, url: CRM_URL };
    if (message.type === 'crm-search') return { ok: true, locations: crm.locations };
    if (message.type === 'crm-run') {
      crm.runs.push(message as CrmRunMessage);
      return { accepted: true };
    }
    return undefined;
  }) as never;
}

const crmSender = (crm: Crm) => ({ id: EXT, tab: { id: crm.tabId! }, frameId: 0, url: CRM_URL, documentId: crm.documentId });

async function capture(): Promise<Handoff> {
  const reply = (await route({ type: 'capture', sid: SID, token: TOKEN, pageAccountName: 'Acme Dental - Austin' }, consoleSender)) as { ok: boolean; handoff: Handoff };
  expect(reply.ok).toBe(true);
  return reply.handoff;
}

async function stateOf(id: string) {
  return (await listHandoffs()).find((h) => h.id === id)!;
}

describe('background handoff flow', () => {
  let crm: Crm;
  beforeEach(() => {
    fakeBrowser.reset();
    vi.unstubAllGlobals();
    crm = { locations: [{ id: 'loc1', name: 'Acme Dental - Austin', sid: null, managedBy: 'not-available' }], runs: [], documentId: 'doc-1', injected: [] };
    simulateCrm(crm);
  });

  it('captures, verifies, matches by name and asks the CRM page to submit, then records the outcome', async () => {
    twilioAnswers(200, account());
    const handoff = await capture();
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
    const run = crm.runs[0]!;
    expect(run).toMatchObject({ action: 'submit', sid: SID, token: TOKEN, location: { id: 'loc1' }, expectedCurrentSid: null });
    expect((await stateOf(handoff.id)).state).toBe('filling');

    // The driver asks before clicking; a second ask for the same run is refused (one submission).
    expect(await route({ type: 'crm-submit-intent', handoffId: handoff.id, runId: run.runId }, crmSender(crm))).toEqual({ go: true });
    expect(await route({ type: 'crm-submit-intent', handoffId: handoff.id, runId: run.runId }, crmSender(crm))).toEqual({ go: false });
    expect((await stateOf(handoff.id)).state).toBe('submitting');

    await route({ type: 'crm-result', handoffId: handoff.id, runId: run.runId, outcome: { kind: 'authorized', message: 'Twilio credentials updated' } }, crmSender(crm));
    const done = await stateOf(handoff.id);
    expect(done.state).toBe('authorized');
    expect(done.submissions).toBe(1);
    expect(await loadToken(handoff.id)).toBeUndefined();
    const local = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(local).toContain(SID);
    expect(local).not.toContain(TOKEN);
  });

  /** A location whose row shows another SID: the editor is read first, then the admin is asked. */
  async function waitingForReplace(): Promise<Handoff> {
    twilioAnswers(200, account());
    crm.locations = [{ id: 'loc1', name: 'Acme Dental - Austin', sid: 'AC' + '9'.repeat(32), managedBy: 'twilio' }];
    const handoff = await capture();
    // The row shows another SID: the editor is read first (it might not even take credentials).
    await vi.waitFor(() => expect(crm.runs.map((r) => r.action)).toEqual(['inspect']));
    await route({ type: 'crm-result', handoffId: handoff.id, runId: crm.runs[0]!.runId, outcome: { kind: 'inspected', currentSid: 'AC' + '9'.repeat(32), managedBy: 'twilio', canUpdate: true } }, crmSender(crm));
    await vi.waitFor(async () => expect((await stateOf(handoff.id)).state).toBe('needs-replace-confirmation'));
    return handoff;
  }

  it('asks before replacing a location that holds another SID, naming the SID its editor shows', async () => {
    const handoff = await waitingForReplace();
    expect(crm.runs).toHaveLength(1);
    await route({ type: 'confirm-replace', handoffId: handoff.id }, consoleSender);
    await vi.waitFor(() => expect(crm.runs).toHaveLength(2));
    expect(crm.runs[1]!.expectedCurrentSid).toBe('AC' + '9'.repeat(32));
  });

  it('never asks about replacing on a row that turns out to take no credentials (an LC Phone agency)', async () => {
    twilioAnswers(200, account());
    crm.locations = [{ id: 'loc1', name: 'Acme Dental - Austin', sid: 'AC' + '9'.repeat(32), managedBy: 'twilio' }];
    const handoff = await capture();
    await vi.waitFor(() => expect(crm.runs.map((r) => r.action)).toEqual(['inspect']));
    const refusal = { code: 'no-update-entry', params: { name: 'Acme Dental - Austin', offered: 'Link to LeadConnector' } };
    await route({ type: 'crm-result', handoffId: handoff.id, runId: crm.runs[0]!.runId, outcome: { kind: 'inspected', currentSid: 'AC' + '9'.repeat(32), managedBy: 'twilio', canUpdate: false, ...refusal } }, crmSender(crm));
    // The driver's code and facts are kept as parameters, and worded by the UI.
    const refused = await stateOf(handoff.id);
    expect(refused).toMatchObject({ state: 'rejected', reasonCode: 'row-cannot-update' });
    expect(refused.reasonParams).toEqual({ location: 'Acme Dental - Austin', driverCode: 'no-update-entry', name: 'Acme Dental - Austin', offered: 'Link to LeadConnector' });
    expect(storedReasonText(refused)).toBe('The row for "Acme Dental - Austin" offers no way to update its credentials (only: Link to LeadConnector).');
    expect(refused.steps.map((s) => s.step)).not.toContain('needs-replace-confirmation');
  });

  it.each([
    [
      'a pair Twilio refuses',
      () => twilioAnswers(401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 }),
      'twilio-20003',
      { twilioCode: 20003, operation: 'fetch-account', httpStatus: 401, detail: 'Authenticate' },
      /wrong|suspended|closed/i,
    ],
    ['a closed account', () => twilioAnswers(200, account({ status: 'closed' })), 'account-closed', {}, /closed/],
    ['a master account', () => twilioAnswers(200, account({ owner_account_sid: SID })), 'master-account', {}, /master/i],
  ])('refuses %s before anything is searched or sent to the CRM page', async (_name, answer, code, params, sentence) => {
    answer();
    const handoff = await capture();
    await vi.waitFor(async () => expect((await stateOf(handoff.id)).state).toBe('rejected'));
    const refused = await stateOf(handoff.id);
    expect(refused).toMatchObject({ reasonCode: code, reasonParams: params });
    // The CRM tab may have been opened meanwhile (it loads while Twilio answers); nothing reached it.
    expect(crm.runs).toHaveLength(0);
    const sent = vi.mocked(fakeBrowser.tabs.sendMessage).mock.calls.map(([, message]) => (message as { type: string }).type);
    expect(sent.filter((type) => type === 'crm-search' || type === 'crm-run')).toEqual([]);

    // Stored: the code and its parameters. The sentence is made by components/text.ts alone.
    const worded = reasonText(code, params);
    expect(worded).toMatch(sentence);
    expect(storedReasonText(refused)).toBe(worded);
    expect(refused).not.toHaveProperty('reason');
    const stored = JSON.stringify([await fakeBrowser.storage.session.get(null), await fakeBrowser.storage.local.get(null)]);
    expect(stored).not.toContain(worded);
    expect(stored).toContain(`"reasonCode":"${code}"`);

    // The console overlay has no wording of its own: its update carries the sentence (sent once the record is written).
    await vi.waitFor(() => {
      const updates = vi.mocked(fakeBrowser.tabs.sendMessage).mock.calls.map(([, message]) => message as { type: string; handoff?: { state: string; reason?: string } });
      expect(updates.filter((m) => m.type === 'handoff-update' && m.handoff?.state === 'rejected').map((m) => m.handoff?.reason)).toEqual([worded]);
    });
    expect(await route({ type: 'get-handoff', handoffId: handoff.id }, consoleSender)).toEqual({ ok: true, handoff: expect.objectContaining({ reason: worded }) });
    expect(await route({ type: 'get-handoff', handoffId: handoff.id }, popupSender)).toEqual({ ok: true, handoff: expect.objectContaining({ reasonCode: code }) });
  });

  it('words the state machine’s refusal for the popup', async () => {
    twilioAnswers(401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
    const handoff = await capture();
    await vi.waitFor(async () => expect((await stateOf(handoff.id)).state).toBe('rejected'));
    expect(await route({ type: 'handoff-command', handoffId: handoff.id, action: 'retry' }, popupSender)).toEqual({
      ok: false,
      message: 'This handoff was refused for a reason a retry cannot change.',
    });
  });

  it('waits for the admin when two locations share the name, then goes on with the one chosen', async () => {
    twilioAnswers(200, account());
    crm.locations = [
      { id: 'loc1', name: 'Acme Dental - Austin', sid: null, managedBy: 'not-available' },
      { id: 'loc2', name: 'Acme Dental - Austin', sid: null, managedBy: 'not-available' },
    ];
    const handoff = await capture();
    await vi.waitFor(async () => expect((await stateOf(handoff.id)).state).toBe('needs-choice'));
    expect((await stateOf(handoff.id)).candidates?.map((c) => c.location.id)).toEqual(['loc1', 'loc2']);
    await route({ type: 'handoff-command', handoffId: handoff.id, action: 'choose-location', location: crm.locations[1] }, popupSender);
    await vi.waitFor(() => expect(crm.runs.map((r) => r.action)).toEqual(['inspect']));
    expect(crm.runs[0]!.location.id).toBe('loc2');
  });

  it('refuses an LC Phone row', async () => {
    twilioAnswers(200, account());
    crm.locations = [{ id: 'loc1', name: 'Acme Dental - Austin', sid: null, managedBy: 'lc-phone' }];
    const handoff = await capture();
    await vi.waitFor(async () => expect((await stateOf(handoff.id)).state).toBe('rejected'));
    const refused = await stateOf(handoff.id);
    expect(refused).toMatchObject({ reasonCode: 'lc-phone', reasonParams: { location: 'Acme Dental - Austin' } });
    expect(storedReasonText(refused)).toMatch(/"Acme Dental - Austin" uses LC Phone/);
  });

  it('ignores messages from senders that may not send them', async () => {
    twilioAnswers(200, account());
    const fromPage = { id: EXT, tab: { id: 3 }, frameId: 0, url: 'https://evil.test/' };
    expect(await route({ type: 'capture', sid: SID, token: TOKEN }, fromPage)).toBeUndefined();
    expect(await route({ type: 'capture', sid: SID, token: TOKEN }, { ...consoleSender, id: 'another-extension' })).toBeUndefined();
    expect(await route({ type: 'handoff-command', handoffId: 'x', action: 'discard' }, consoleSender)).toBeUndefined();
    expect(await route({ type: 'crm-submit-intent', handoffId: 'x', runId: 'y' }, consoleSender)).toEqual({ go: false });
    expect(await route({ type: 'nonsense' }, popupSender)).toBeUndefined();
    expect(await listHandoffs()).toHaveLength(0);
  });

  it('refuses malformed credentials with a sentence, and a second click reuses the handoff in flight', async () => {
    twilioAnswers(200, account());
    expect(await route({ type: 'capture', sid: 'SK' + 'a'.repeat(32), token: TOKEN }, consoleSender)).toEqual({ ok: false, message: expect.stringMatching(/API key/) });
    crm.locations = [];
    const first = await capture();
    const second = await capture();
    expect(second.id).toBe(first.id);
  });

  it('makes one handoff of the same account sent from two tabs at the same moment', async () => {
    twilioAnswers(200, account());
    crm.locations = [];
    const otherTab = { ...consoleSender, tab: { id: 2 } };
    const message = { type: 'capture', sid: SID, token: TOKEN, pageAccountName: 'Acme Dental - Austin' };
    const replies = (await Promise.all([route(message, consoleSender), route(message, otherTab)])) as Array<{ ok: boolean; handoff: Handoff }>;
    expect(replies.map((r) => r.ok)).toEqual([true, true]);
    expect(replies[1]!.handoff.id).toBe(replies[0]!.handoff.id);
    expect(await listHandoffs()).toHaveLength(1);
    await vi.waitFor(async () => expect((await stateOf(replies[0]!.handoff.id)).state).toBe('needs-choice'));
  });

  it('sends the updates of a handoff to every console tab that clicked Send to CRM for it', async () => {
    twilioAnswers(200, account());
    const handoff = await capture();
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
    const joined = (await route({ type: 'capture', sid: SID, token: TOKEN }, { ...consoleSender, tab: { id: 2 } })) as { handoff: Handoff };
    expect(joined.handoff.id).toBe(handoff.id);
    await route({ type: 'crm-submit-intent', handoffId: handoff.id, runId: crm.runs[0]!.runId }, crmSender(crm));
    const submitting = () =>
      vi.mocked(fakeBrowser.tabs.sendMessage).mock.calls.filter(
        ([, message]) => (message as { type: string; handoff?: Handoff }).type === 'handoff-update' && (message as { handoff: Handoff }).handoff.state === 'submitting',
      );
    await vi.waitFor(() => expect(submitting().map(([tabId]) => tabId).sort()).toEqual([1, 2]));
    const updates = submitting();
    expect(JSON.stringify(updates)).not.toContain(TOKEN);
  });

  it('wipes the token and expires the handoff when its lifetime ends', async () => {
    twilioAnswers(200, account());
    crm.locations = [];
    const handoff = await capture();
    await vi.waitFor(async () => expect((await stateOf(handoff.id)).state).toBe('needs-choice'));
    await onAlarm(`expire:${handoff.id}`);
    expect(await loadToken(handoff.id)).toBeUndefined();
    expect((await stateOf(handoff.id)).state).toBe('expired');
  });

  it('reads the dialog first when the list does not show SIDs', async () => {
    twilioAnswers(200, account());
    crm.locations = [{ id: 'loc1', name: 'Acme Dental - Austin' }];
    const handoff = await capture();
    await vi.waitFor(() => expect(crm.runs.map((r) => r.action)).toEqual(['inspect']));
    const inspect = crm.runs[0]!;
    expect(inspect.token).toBeUndefined();
    await route({ type: 'crm-result', handoffId: handoff.id, runId: inspect.runId, outcome: { kind: 'inspected', currentSid: null, managedBy: 'twilio', canUpdate: true } }, crmSender(crm));
    await vi.waitFor(() => expect(crm.runs.map((r) => r.action)).toEqual(['inspect', 'submit']));
  });

  // The shapes below are what utils/crm/rows.ts readRow gives for such rows (tests/unit/crm-rows.test.ts).
  it.each([
    ['masked', { sidPartial: { prefix: 'AC', suffix: '9abcde' } }],
    ['cut short', { sidPartial: { prefix: 'AC0123456789', suffix: '' } }],
    ['not shown at all (no SID column)', {}],
  ])('a row whose SID is %s is read in the editor before anything is filled', async (_name, reading) => {
    twilioAnswers(200, account());
    crm.locations = [{ id: 'loc1', name: 'Acme Dental - Austin', managedBy: 'twilio', ...reading }];
    await capture();
    await vi.waitFor(() => expect(crm.runs.map((r) => r.action)).toEqual(['inspect']));
  });

  it('the editor showing another SID than the row did, at fill time: asked, then filled once confirmed', async () => {
    twilioAnswers(200, account());
    const other = 'AC' + '7'.repeat(32);
    const handoff = await capture();
    await vi.waitFor(() => expect(crm.runs.map((r) => r.action)).toEqual(['submit']));
    expect(crm.runs[0]!.expectedCurrentSid).toBeNull();
    // The row said "—"; the editor, the truth, shows `other`: the driver filled nothing and says so.
    await route({ type: 'crm-result', handoffId: handoff.id, runId: crm.runs[0]!.runId, outcome: { kind: 'inspected', currentSid: other, managedBy: 'twilio', canUpdate: true } }, crmSender(crm));
    const asked = await stateOf(handoff.id);
    expect(asked).toMatchObject({ state: 'needs-replace-confirmation', previousSid: other });
    await route({ type: 'confirm-replace', handoffId: handoff.id }, consoleSender);
    await vi.waitFor(() => expect(crm.runs.map((r) => r.action)).toEqual(['submit', 'submit']));
    expect(crm.runs[1]!.expectedCurrentSid).toBe(other);

    // Confirmed `other`, but by now the editor shows a third SID: asked again, never failed or written.
    const third = 'AC' + '6'.repeat(32);
    await route({ type: 'crm-result', handoffId: handoff.id, runId: crm.runs[1]!.runId, outcome: { kind: 'inspected', currentSid: third, managedBy: 'twilio', canUpdate: true } }, crmSender(crm));
    expect(await stateOf(handoff.id)).toMatchObject({ state: 'needs-replace-confirmation', previousSid: third, submissions: 0 });
  });

  it('a row the editor shows cannot take credentials, at fill time: refused with the reason', async () => {
    twilioAnswers(200, account());
    const handoff = await capture();
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
    const refusal = { code: 'no-trigger', params: { name: 'Acme Dental - Austin' } };
    await route({ type: 'crm-result', handoffId: handoff.id, runId: crm.runs[0]!.runId, outcome: { kind: 'inspected', currentSid: null, managedBy: 'twilio', canUpdate: false, ...refusal } }, crmSender(crm));
    const refused = await stateOf(handoff.id);
    expect(refused).toMatchObject({ state: 'rejected', reasonCode: 'row-cannot-update', reasonParams: { driverCode: 'no-trigger', name: 'Acme Dental - Austin' } });
    expect(storedReasonText(refused)).toMatch(/^The row for "Acme Dental - Austin" shows no control that leads to its credentials\./);
  });

  it.each([
    [
      'a driver stop before Authorize: its code and facts, worded with the page hint',
      { kind: 'driver-error', step: 'find-row', code: 'not-found', params: { name: 'Acme Dental - Austin' }, submitted: false },
      'failed',
      { code: 'driver:find-row', params: { name: 'Acme Dental - Austin', driverCode: 'not-found' } },
      /^No row in the CRM’s list is named "Acme Dental - Austin"\. Nothing was submitted\. If the CRM page looks different/,
    ],
    [
      'a driver stop after Authorize: a check, never a second submission',
      { kind: 'driver-error', step: 'read-result', code: 'no-answer', params: { closed: 0, said: 'Saving…', button: 'Authorize' }, submitted: true },
      'needs-check',
      { code: 'driver:read-result', params: { closed: 0, said: 'Saving…', button: 'Authorize', driverCode: 'no-answer', submitted: 1 } },
      /^"Authorize" was clicked, but the CRM gave no clear answer, and its editor stayed open \(it said: "Saving…"\)\. Check the location in the CRM/,
    ],
    [
      'a wait that ran out: what it waited for, the control pressed and the seconds',
      { kind: 'driver-error', step: 'open-dialog', code: 'timeout', params: { what: 'opened', control: 'Update Credentials', seconds: 10 }, submitted: false },
      'failed',
      { code: 'driver:open-dialog', params: { what: 'opened', control: 'Update Credentials', seconds: 10, driverCode: 'timeout' } },
      /^Pressing "Update Credentials" opened nothing \(waited 10 seconds\)\. Nothing was submitted/,
    ],
    [
      'the CRM’s refusal: its own text as a parameter',
      { kind: 'crm-error', message: 'Invalid Twilio credentials.' },
      'failed',
      { code: 'crm-error', params: { message: 'Invalid Twilio credentials.' } },
      /^The CRM did not accept the credentials: Invalid Twilio credentials\.$/,
    ],
  ] as const)('%s', async (_name, outcome, state, reason, sentence) => {
    twilioAnswers(200, account());
    const handoff = await capture();
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
    const runId = crm.runs[0]!.runId;
    if (state === 'needs-check') await route({ type: 'crm-submit-intent', handoffId: handoff.id, runId }, crmSender(crm));
    await route({ type: 'crm-result', handoffId: handoff.id, runId, outcome }, crmSender(crm));
    const stopped = await stateOf(handoff.id);
    expect(stopped).toMatchObject({ state, reasonCode: reason.code, reasonParams: reason.params });
    expect(Object.keys(stopped.reasonParams!).sort()).toEqual(Object.keys(reason.params).sort());
    expect(storedReasonText(stopped)).toMatch(sentence);
    const [row] = await listAudit();
    expect(row).toMatchObject({ outcome: state, reasonCode: reason.code, reasonParams: reason.params });
    expect(row).not.toHaveProperty('reason');
  });

  it('a window on the CRM page that would not close: the page is reloaded once and the step runs again there; stuck again, it fails', async () => {
    twilioAnswers(200, account());
    const reloads: number[] = [];
    fakeBrowser.tabs.reload = vi.fn(async (tabId: number) => {
      reloads.push(tabId);
      crm.documentId = `doc-${reloads.length + 1}`;
      await fakeBrowser.tabs.onUpdated.trigger(tabId, { status: 'complete' }, { id: tabId } as never);
    }) as never;
    const handoff = await capture();
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
    const stuck = { kind: 'driver-error', step: 'open-dialog', code: 'dialog-already-open', params: {}, submitted: false } as const;
    const firstDocument = crmSender(crm);
    await route({ type: 'crm-result', handoffId: handoff.id, runId: crm.runs[0]!.runId, outcome: stuck }, firstDocument);

    await vi.waitFor(() => expect(crm.runs).toHaveLength(2));
    expect(reloads).toEqual([crm.tabId]);
    expect(crm.injected).toEqual(['doc-1', 'doc-2']);
    const again = crm.runs[1]!;
    expect(again).toMatchObject({ action: 'submit', sid: SID, token: TOKEN, location: { id: 'loc1' } });
    expect(again.runId).not.toBe(crm.runs[0]!.runId);
    expect(await stateOf(handoff.id)).toMatchObject({ state: 'filling', crmReloads: 1, crmDocumentId: 'doc-2' });
    // Nothing of the old page or the old run counts any more.
    expect(await route({ type: 'crm-submit-intent', handoffId: handoff.id, runId: crm.runs[0]!.runId }, crmSender(crm))).toEqual({ go: false });
    expect(await route({ type: 'crm-submit-intent', handoffId: handoff.id, runId: again.runId }, firstDocument)).toEqual({ go: false });

    // Stuck again in the new page: no second reload, the handoff fails in the driver's words.
    await route({ type: 'crm-result', handoffId: handoff.id, runId: again.runId, outcome: stuck }, crmSender(crm));
    const failed = await stateOf(handoff.id);
    expect(failed).toMatchObject({ state: 'failed', reasonCode: 'driver:open-dialog', submissions: 0 });
    expect(storedReasonText(failed)).toMatch(/^A window open on the CRM page would not close\. Close it there and try again\. Nothing was submitted\./);
    expect(reloads).toHaveLength(1);
    expect(crm.runs).toHaveLength(2);
  });

  it('a window that would not close after Authorize was clicked is never a reason to reload: the admin checks', async () => {
    twilioAnswers(200, account());
    fakeBrowser.tabs.reload = vi.fn(async () => undefined) as never;
    const handoff = await capture();
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
    const runId = crm.runs[0]!.runId;
    await route({ type: 'crm-submit-intent', handoffId: handoff.id, runId }, crmSender(crm));
    await route({ type: 'crm-result', handoffId: handoff.id, runId, outcome: { kind: 'driver-error', step: 'read-result', code: 'dialog-already-open', params: {}, submitted: true } }, crmSender(crm));
    expect(await stateOf(handoff.id)).toMatchObject({ state: 'needs-check', submissions: 1 });
    expect(fakeBrowser.tabs.reload).not.toHaveBeenCalled();
  });

  it('an authorized handoff records the CRM’s own words, worded with Twilio’s follow-up check', async () => {
    twilioAnswers(200, account());
    const handoff = await capture();
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
    const runId = crm.runs[0]!.runId;
    await route({ type: 'crm-submit-intent', handoffId: handoff.id, runId }, crmSender(crm));
    await route({ type: 'crm-result', handoffId: handoff.id, runId, outcome: { kind: 'authorized', message: 'Twilio credentials updated.' } }, crmSender(crm));
    const done = await stateOf(handoff.id);
    expect(done).toMatchObject({ state: 'authorized', reasonCode: 'crm-accepted', reasonParams: { message: 'Twilio credentials updated.' } });
    expect(storedReasonText(done)).toMatch(/^Twilio credentials updated\./);
  });

  it('an editor that closed without a word, read back showing the new SID: authorized, and says how it was known', async () => {
    twilioAnswers(200, account());
    const handoff = await capture();
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
    const runId = crm.runs[0]!.runId;
    await route({ type: 'crm-submit-intent', handoffId: handoff.id, runId }, crmSender(crm));
    await route({ type: 'crm-result', handoffId: handoff.id, runId, outcome: { kind: 'authorized' } }, crmSender(crm));
    const done = await stateOf(handoff.id);
    expect(done).toMatchObject({ state: 'authorized', reasonCode: 'crm-shows-new-sid', reasonParams: { closedSilently: 1 } });
    expect(storedReasonText(done)).toMatch(/^The CRM’s editor closed without a message; the location now shows the new Account SID\./);
  });

  it('once the agency named its Twilio accounts, refuses a sub-account of any other, before anything reaches the CRM page', async () => {
    await addAgencyAccount('AC' + 'e'.repeat(32));
    twilioAnswers(200, account());
    const handoff = await capture();
    await vi.waitFor(async () => expect((await stateOf(handoff.id)).state).toBe('rejected'));
    expect(await stateOf(handoff.id)).toMatchObject({ reasonCode: 'not-agency-account', reasonParams: { owner: 'AC' + 'f'.repeat(32) } });
    expect(crm.runs).toHaveLength(0);
    const sent = vi.mocked(fakeBrowser.tabs.sendMessage).mock.calls.map(([, message]) => (message as { type: string }).type);
    expect(sent.filter((type) => type === 'crm-search' || type === 'crm-run')).toEqual([]);
  });

  it('a sub-account of one of the agency’s accounts goes on as before', async () => {
    await addAgencyAccount('AC' + 'e'.repeat(32));
    await addAgencyAccount('AC' + 'f'.repeat(32));
    twilioAnswers(200, account());
    await capture();
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
  });

  it('injects the driver into the CRM document it drives, names the host in every run, and heeds only that document', async () => {
    twilioAnswers(200, account());
    const handoff = await capture();
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
    const run = crm.runs[0]!;
    expect(crm.injected).toEqual(['doc-1']);
    expect(run.host).toBe('app.gohighlevel.com');
    expect(await stateOf(handoff.id)).toMatchObject({ crmTabId: crm.tabId, crmDocumentId: 'doc-1' });
    // Another document of the same tab (the page reloaded, or something else answering there) may
    // neither ask to click Authorize nor report an outcome.
    const other = { ...crmSender(crm), documentId: 'doc-2' };
    expect(await route({ type: 'crm-submit-intent', handoffId: handoff.id, runId: run.runId }, other)).toEqual({ go: false });
    await route({ type: 'crm-result', handoffId: handoff.id, runId: run.runId, outcome: { kind: 'authorized', message: 'Twilio credentials updated' } }, other);
    expect((await stateOf(handoff.id)).state).toBe('filling');
    expect(await route({ type: 'crm-submit-intent', handoffId: handoff.id, runId: run.runId }, crmSender(crm))).toEqual({ go: true });
  });

  it('a CRM tab reloaded between two runs gets the driver again, and the new document is the one heeded', async () => {
    const handoff = await waitingForReplace();
    const firstDocument = crmSender(crm);
    crm.documentId = 'doc-2';
    await route({ type: 'confirm-replace', handoffId: handoff.id }, consoleSender);
    await vi.waitFor(() => expect(crm.runs).toHaveLength(2));
    expect(crm.injected).toEqual(['doc-1', 'doc-2']);
    expect(await stateOf(handoff.id)).toMatchObject({ crmDocumentId: 'doc-2' });
    const fill = crm.runs[1]!;
    expect(await route({ type: 'crm-submit-intent', handoffId: handoff.id, runId: fill.runId }, firstDocument)).toEqual({ go: false });
    expect(await route({ type: 'crm-submit-intent', handoffId: handoff.id, runId: fill.runId }, crmSender(crm))).toEqual({ go: true });
  });

  it.each([
    ['once: the step goes to a CRM tab opened anew, and the run goes on there', 1, 'filling'],
    ['again in the new tab: it fails, saying the tab was closed', 2, 'failed'],
  ] as const)('a CRM tab closed while the driver goes into it %s', async (_name, closings, end) => {
    twilioAnswers(200, account());
    const inject = fakeBrowser.scripting.executeScript;
    const closed: number[] = [];
    fakeBrowser.scripting.executeScript = vi.fn(async (options: { target: { tabId: number } }) => {
      if (closed.length < closings) {
        closed.push(options.target.tabId);
        await fakeBrowser.tabs.remove(options.target.tabId);
        throw new Error('No tab with id');
      }
      return (inject as (o: unknown) => Promise<unknown>)(options);
    }) as never;
    const handoff = await capture();
    await vi.waitFor(async () => expect((await stateOf(handoff.id)).state).toBe(end));
    if (end === 'failed') {
      expect(await stateOf(handoff.id)).toMatchObject({ reasonCode: 'crm-tab-closed' });
      expect(crm.runs).toEqual([]);
      return;
    }
    expect(crm.runs).toHaveLength(1);
    expect(crm.tabId).not.toBe(closed[0]);
    expect((await stateOf(handoff.id)).crmTabId).toBe(crm.tabId);
  });

  it.each([
    ['its tab closed or reloaded once (the answer lost): searched again, and the run goes on', ['A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received'], 'filling'],
    ['the answer lost three times: it fails, saying so', Array(3).fill('The message port closed before a response was received.'), 'failed'],
    ['any other error: it fails at once, never searched again', ['Something else broke'], 'failed'],
  ] as const)('a search whose %s', async (_name, errors, end) => {
    twilioAnswers(200, account());
    const answer = fakeBrowser.tabs.sendMessage;
    const searches: string[] = [];
    const thrown = [...errors];
    fakeBrowser.tabs.sendMessage = vi.fn(async (tabId: number, message: { type: string }, options?: { documentId?: string }) => {
      if (message.type === 'crm-search') {
        searches.push(message.type);
        const error = thrown.shift();
        if (error) throw new Error(error);
      }
      return (answer as (...args: unknown[]) => Promise<unknown>)(tabId, message, options);
    }) as never;
    const handoff = await capture();
    await vi.waitFor(async () => expect((await stateOf(handoff.id)).state).toBe(end));
    const lost = errors[0] !== 'Something else broke';
    expect(searches).toHaveLength(end === 'filling' ? errors.length + 1 : lost ? 3 : 1);
    if (end === 'failed') expect(await stateOf(handoff.id)).toMatchObject({ reasonCode: 'crm-tab-error' });
    expect(crm.runs).toHaveLength(end === 'filling' ? 1 : 0);
  });

  it('a CRM tab that never loads the extension: the host and the wait as parameters', async () => {
    twilioAnswers(200, account());
    fakeBrowser.tabs.sendMessage = vi.fn(async () => undefined) as never;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const handoff = await capture();
      await vi.waitFor(async () => {
        await vi.advanceTimersByTimeAsync(1_000);
        expect((await stateOf(handoff.id)).state).toBe('failed');
      }, { timeout: 5_000 });
      const failed = await stateOf(handoff.id);
      expect(failed).toMatchObject({ reasonCode: 'crm-unreachable', reasonParams: { host: 'app.gohighlevel.com', seconds: 30 } });
      expect(storedReasonText(failed)).toBe(
        'The CRM page at app.gohighlevel.com did not load the extension within 30 seconds. Is the Phone Integration page open and are you logged in?',
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['the CRM shows the new SID: authorized', SID, 'authorized'],
    ['the CRM shows no SID: needs a check, never a second submission', null, 'needs-check'],
  ])('after an interruption past the Authorize click, %s', async (_name, shownSid, expected) => {
    twilioAnswers(200, account());
    const handoff = await capture();
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
    await route({ type: 'crm-submit-intent', handoffId: handoff.id, runId: crm.runs[0]!.runId }, crmSender(crm));
    // The worker was stopped and the driver's report never came: the watchdog looks again.
    await onAlarm(`watch:${handoff.id}`);
    await vi.waitFor(() => expect(crm.runs.map((r) => r.action)).toEqual(['submit', 'inspect']));
    const check = crm.runs[1]!;
    // The lost run's late report is stale now and changes nothing.
    await route({ type: 'crm-result', handoffId: handoff.id, runId: crm.runs[0]!.runId, outcome: { kind: 'crm-error', message: 'late' } }, crmSender(crm));
    expect((await stateOf(handoff.id)).state).toBe('submitting');
    await route({ type: 'crm-result', handoffId: handoff.id, runId: check.runId, outcome: { kind: 'inspected', currentSid: shownSid, managedBy: 'twilio', canUpdate: true } }, crmSender(crm));
    await vi.waitFor(async () => expect((await stateOf(handoff.id)).state).toBe(expected));
    expect(crm.runs.filter((r) => r.action === 'submit')).toHaveLength(1);
  });
});

describe('what the console overlay is told', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.unstubAllGlobals();
  });

  it('each change in the order made, one notice at a time (a slow console tab): verified, then refused as a master', async () => {
    twilioAnswers(200, account({ owner_account_sid: SID }));
    const crm: Crm = { locations: [], runs: [], documentId: 'doc-1', injected: [] };
    simulateCrm(crm);
    const notices: Array<{ state: string; start: number; end: number }> = [];
    const crmSide = fakeBrowser.tabs.sendMessage;
    fakeBrowser.tabs.sendMessage = vi.fn(async (tabId: number, message: { type: string; handoff?: { state: string } }, options?: object) => {
      if (message.type !== 'handoff-update') return crmSide(tabId, message as never, options as never);
      // A console tab slow to answer: a busy page, or one still loading.
      const notice = { state: message.handoff!.state, start: Date.now(), end: Infinity };
      notices.push(notice);
      await new Promise((resolve) => setTimeout(resolve, 20));
      notice.end = Date.now();
      return undefined;
    }) as never;
    const handoff = await capture();
    await vi.waitFor(async () => expect((await stateOf(handoff.id)).state).toBe('rejected'));
    await vi.waitFor(() => expect(notices.at(-1)).toMatchObject({ state: 'rejected', end: expect.any(Number) }));
    expect(notices.map((n) => n.state)).toEqual(['verifying', 'verified', 'rejected']);
    for (let i = 1; i < notices.length; i++) expect(notices[i]!.start).toBeGreaterThanOrEqual(notices[i - 1]!.end);
  });
});

describe('driver progress', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.unstubAllGlobals();
  });

  /** A handoff whose CRM run was sent to the driver. */
  async function startedRun() {
    twilioAnswers(200, account());
    const crm: Crm = { locations: [{ id: 'loc1', name: 'Acme Dental - Austin', sid: null, managedBy: 'not-available' }], runs: [], documentId: 'doc-1', injected: [] };
    simulateCrm(crm);
    const handoff = await capture();
    await vi.waitFor(() => expect(crm.runs).toHaveLength(1));
    return { crm, handoff, runId: crm.runs[0]!.runId };
  }

  it('logs the steps of the current run only; a stale run, another tab or another document changes nothing', async () => {
    const { crm, handoff, runId } = await startedRun();
    const before = await stateOf(handoff.id);
    await route({ type: 'crm-progress', handoffId: handoff.id, runId: 'stale', step: 'fill-token' }, crmSender(crm));
    await route({ type: 'crm-progress', handoffId: handoff.id, runId, step: 'fill-token' }, { ...crmSender(crm), tab: { id: 999 } });
    await route({ type: 'crm-progress', handoffId: handoff.id, runId, step: 'fill-token' }, { ...crmSender(crm), documentId: 'doc-other' });
    expect(await stateOf(handoff.id)).toEqual(before);
    await route({ type: 'crm-progress', handoffId: handoff.id, runId, step: 'fill-token' }, crmSender(crm));
    expect((await stateOf(handoff.id)).steps.at(-1)?.step).toBe('crm:fill-token');
  });

  it('steps that arrive while their write waits go in one write, in order, and the ask to submit is not queued behind one write each; the overlay hears only of what it shows', async () => {
    const { crm, handoff, runId } = await startedRun();
    const before = (await stateOf(handoff.id)).steps.length;
    const writes = vi.spyOn(fakeBrowser.storage.session, 'set');
    const sent = fakeBrowser.tabs.sendMessage as unknown as ReturnType<typeof vi.fn>;
    sent.mockClear();
    const steps = ['open-page', 'search', 'find-row', 'row-state', 'open-menu', 'open-dialog', 'check-dialog', 'fill-sid', 'fill-token', 'read-back', 'submit'] as const;
    const reports = steps.map((step) => route({ type: 'crm-progress', handoffId: handoff.id, runId, step }, crmSender(crm)));
    const intent = route({ type: 'crm-submit-intent', handoffId: handoff.id, runId }, crmSender(crm));
    await Promise.all(reports);
    expect(await intent).toEqual({ go: true });
    const after = await stateOf(handoff.id);
    expect(after.steps.slice(before).map((s) => s.step)).toEqual([...steps.map((step) => `crm:${step}`), 'submitting']);
    const handoffWrites = writes.mock.calls.filter(([items]) => Object.keys(items as object).includes(`handoff:${handoff.id}`));
    // Eleven steps in one or two writes (those that came while the first waited join it), then the submit.
    expect(handoffWrites.length).toBeLessThanOrEqual(3);
    const updates = () => sent.mock.calls.map(([, message]) => message as { type: string; handoff?: { state: string } }).filter((m) => m.type === 'handoff-update');
    await vi.waitFor(() => expect(updates().map((m) => m.handoff?.state)).toEqual(['submitting']));
  });
});
