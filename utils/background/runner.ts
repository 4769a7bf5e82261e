import { browser } from 'wxt/browser';
import { belongsToAgency, loadAgencyAccounts } from '../agency-accounts';
import { loadLocations, saveLocations } from '../locations-cache';
import { matchLocation, matchTarget, type MatchResult } from '../match';
import { loadHandoff, loadToken } from '../handoff/store';
import { MAX_STEPS } from '../handoff/machine';
import type { FollowUpParams, Reason } from '../handoff/reasons';
import type { Handoff, Location } from '../handoff/types';
import type { CrmProgressMessage, CrmResultMessage, CrmRunMessage, CrmSearchReply, CrmSubmitIntentMessage, DriverOutcome } from '../messages';
import { loadSettings } from '../settings';
import { createTwilioClient } from '../twilio/client';
import { TwilioApiError, twilioReason } from '../twilio/errors';
import { rememberChoice, rememberedLocationId } from './choices';
import { CrmTabError, ensureDriver, findOrOpenCrmTab, reloadCrmTab, searchLocations, startRun, type CrmDocument } from './crm-tab';
import { applyEvent, patchHandoff } from './handoffs';

/**
 * Drives a handoff from its stored state as far as it can go without the admin (DESIGN.md §1 steps
 * 3–5). Every step starts from what storage.session says, so a fresh service worker can pick up
 * where a stopped one left off.
 */
const newRunId = () => crypto.randomUUID();

/**
 * Starts background work for a handoff without awaiting it (a message reply must not wait for a CRM
 * run). An unexpected error fails the handoff with its message rather than vanishing; our errors
 * never carry the token, so its message is safe to show.
 */
export function kick(id: string, work: () => Promise<void>): void {
  work().catch(async (error: unknown) => {
    const reason: Reason =
      error instanceof CrmTabError ? error.reason : { code: 'internal', params: { detail: error instanceof Error ? error.message : String(error) } };
    const failed = await applyEvent(id, { type: 'fail', reason }).catch(() => undefined);
    if (!failed?.ok) await applyEvent(id, { type: 'reject', reason }).catch(() => undefined);
  });
}

export async function advance(id: string): Promise<void> {
  let handoff = await loadHandoff(id);
  let tab: Promise<CrmDocument> | undefined;
  if (handoff?.state === 'captured' || handoff?.state === 'verifying') {
    // The CRM tab opens, loads and gets the driver while Twilio answers, not after: on a cold start
    // that is most of the wait. A pair Twilio refuses leaves the tab open but nothing is sent to it.
    tab = openCrmTab(handoff);
    tab.catch(() => undefined);
    await verify(handoff);
    handoff = await loadHandoff(id);
  }
  // Each of these hands the handoff on by itself (to the CRM page, or to the admin): one step each.
  switch (handoff?.state) {
    case 'verified':
      return findLocation(handoff, tab);
    case 'matched':
      return inspect(handoff);
    case 'filling':
      return runFill(handoff);
    default:
      return;
  }
}

async function tokenOrExpire(handoff: Handoff): Promise<string | undefined> {
  const token = await loadToken(handoff.id);
  if (!token) await applyEvent(handoff.id, { type: 'expire' });
  return token;
}

async function verify(handoff: Handoff): Promise<void> {
  if (handoff.state === 'captured') {
    const started = await applyEvent(handoff.id, { type: 'verify' });
    if (!started.ok) return;
  }
  const token = await tokenOrExpire(handoff);
  if (!token) return;
  try {
    const account = await createTwilioClient({ sid: handoff.sid, token }).fetchAccount();
    if (account.status !== 'active') {
      await applyEvent(handoff.id, { type: 'reject', reason: { code: `account-${account.status}`, params: {} } });
      return;
    }
    const isMasterAccount = !account.isSubaccount;
    await applyEvent(handoff.id, {
      type: 'verified',
      friendlyName: account.friendlyName ?? '',
      accountStatus: account.status,
      isMasterAccount,
    });
    if (isMasterAccount && !handoff.masterOverride) {
      await applyEvent(handoff.id, { type: 'reject', reason: { code: 'master-account', params: {} } });
    } else if (!isMasterAccount && !belongsToAgency(account.ownerAccountSid, await loadAgencyAccounts())) {
      // Someone else's valid sub-account, however its name reads, never reaches the CRM.
      await applyEvent(handoff.id, { type: 'reject', reason: { code: 'not-agency-account', params: { owner: account.ownerAccountSid } } });
    }
  } catch (error) {
    if (!(error instanceof TwilioApiError)) throw error;
    await applyEvent(handoff.id, { type: 'reject', reason: twilioReason(error) });
  }
}

/**
 * Opens or reuses the CRM tab and has the driver run in its Phone Integration page; the document is
 * kept with the handoff, so only that document's reports count.
 */
async function openCrmTab(handoff: Handoff): Promise<CrmDocument> {
  const tabId = await findOrOpenCrmTab(handoff.crmHost, handoff.crmTabId);
  const known = handoff.crmTabId === tabId ? knownDocument(handoff) : undefined;
  const doc = await ensureDriver(tabId, handoff.crmHost, known);
  if (tabId !== handoff.crmTabId || doc.documentId !== handoff.crmDocumentId) {
    await patchHandoff(handoff.id, (h) => {
      const { crmDocumentId: _old, ...rest } = h;
      return { ...rest, crmTabId: tabId, ...(doc.documentId && { crmDocumentId: doc.documentId }) };
    });
  }
  return doc;
}

/**
 * The CRM document for the next step (`opening`: one already on its way); a failure fails the handoff.
 * A tab closed while the driver was going into it ran nothing of this step (no run was sent to it,
 * and no run can click Authorize without the background's go), so the step goes to another CRM tab,
 * found or opened, once: the admin closing a tab mid-run costs a tab, not the location.
 */
async function crmTab(handoff: Handoff, opening?: Promise<CrmDocument>): Promise<CrmDocument | undefined> {
  try {
    return await (opening ?? openCrmTab(handoff)).catch(async (error: unknown) => {
      if (!(error instanceof CrmTabError && error.reason.code === 'crm-tab-closed')) throw error;
      const { crmTabId: _tab, crmDocumentId: _doc, ...elsewhere } = (await loadHandoff(handoff.id)) ?? handoff;
      return openCrmTab(elsewhere);
    });
  } catch (error) {
    await applyEvent(handoff.id, { type: 'fail', reason: crmTabReason(error) });
    return undefined;
  }
}

function knownDocument(handoff: Handoff): CrmDocument | undefined {
  if (handoff.crmTabId === undefined) return undefined;
  return handoff.crmDocumentId ? { tabId: handoff.crmTabId, documentId: handoff.crmDocumentId } : { tabId: handoff.crmTabId };
}

/** Where a driver's report came from, as the browser says (not as the report says). */
export interface DriverSender {
  tabId: number;
  documentId?: string;
}

/** A report from the handoff's own CRM document: its tab, and its document where Chrome names one. */
function fromHandoffDocument(handoff: Handoff, sender: DriverSender): boolean {
  if (handoff.crmTabId !== sender.tabId) return false;
  return handoff.crmDocumentId === undefined || handoff.crmDocumentId === sender.documentId;
}

/** A CrmTabError says what went wrong; anything else is the browser's own words about the tab. */
function crmTabReason(error: unknown): Reason {
  if (error instanceof CrmTabError) return error.reason;
  return { code: 'crm-tab-error', params: { detail: error instanceof Error ? error.message : String(error) } };
}

function choiceReason(why: Extract<MatchResult, { kind: 'needs-choice' }>['why'], name: string): Reason {
  switch (why) {
    case 'several-names':
    case 'no-name-match':
    case 'target-not-found':
      return { code: why, params: { name } };
    case 'several-holders':
    case 'no-name':
      return { code: why, params: {} };
  }
}

/** Tries of one search when the tab's answer is lost (its tab closed or reloaded while it searched). */
const SEARCH_TRIES = 3;

/** The browser's words for a message whose answer cannot come: the tab or its page went away meanwhile. */
const isLostAnswer = (error: unknown): boolean =>
  error instanceof Error && /message channel closed|message port closed|Receiving end does not exist|No tab with id/i.test(error.message);

async function findLocation(handoff: Handoff, opening?: Promise<CrmDocument>): Promise<void> {
  let doc = await crmTab(handoff, opening);
  if (doc === undefined) return;
  const name = handoff.friendlyName ?? '';
  const remembered = await rememberedLocationId(handoff.sid);
  const cached = (await loadLocations(handoff.crmHost)).locations;
  // Search by what could identify the location: its name, and the names of locations we last saw
  // holding this SID or chosen for it (a renamed location is still found).
  const queries = new Set<string>();
  if (name.trim()) queries.add(name.trim());
  for (const l of cached) if (l.sid === handoff.sid || l.id === remembered || l.id === handoff.targetLocationId) queries.add(l.name);
  const seen = new Map<string, Location>();
  for (const query of queries) {
    let reply: CrmSearchReply | undefined;
    for (let attempt = 1; !reply; attempt++) {
      try {
        reply = await searchLocations(doc, handoff.crmHost, query);
      } catch (error) {
        // A search only reads: with its answer lost, it is asked again of the CRM tab as it is now
        // (the same tab reloaded, another on the CRM, or a new one), rather than failing the handoff.
        if (attempt >= SEARCH_TRIES || !isLostAnswer(error)) {
          await applyEvent(handoff.id, { type: 'fail', reason: crmTabReason(error) });
          return;
        }
        doc = await crmTab((await loadHandoff(handoff.id)) ?? handoff);
        if (doc === undefined) return;
      }
    }
    if (!reply.ok) {
      await applyEvent(handoff.id, { type: 'fail', reason: { code: `driver:${reply.step}`, params: { ...reply.params, driverCode: reply.code } } });
      return;
    }
    for (const location of reply.locations) seen.set(location.id, location);
  }
  const locations = [...seen.values()];
  await saveLocations(handoff.crmHost, locations);
  // A handoff started for one location (connect by name) matches that location only, or asks: the
  // SID, a remembered choice or another row of the same name must not carry it elsewhere.
  const result = handoff.targetLocationId
    ? matchTarget(handoff.targetLocationId, name, locations, handoff.sid)
    : matchLocation({ sid: handoff.sid, friendlyName: name, locations, rememberedLocationId: remembered });
  if (result.kind === 'needs-choice') {
    await applyEvent(handoff.id, { type: 'need-choice', candidates: result.candidates, reason: choiceReason(result.why, name) });
    return;
  }
  const matched = await applyEvent(handoff.id, { type: 'match', location: result.location });
  if (!matched.ok) return;
  const row = result.location;
  // A row showing the empty marker or this very SID settles it without the editor (the fill run
  // checks the editor again and asks if it shows another SID). Another SID is read in the editor
  // first, so the Replace question names what the editor shows and is never asked about a row that
  // cannot take credentials at all; so is a row that could not tell (masked, cut short, no column).
  const settledByRow = row.sid === null || row.sid === handoff.sid || row.managedBy === 'lc-phone';
  if (row.sid !== undefined && settledByRow && row.managedBy !== undefined && row.managedBy !== 'unknown') {
    const lcPhone: Reason | undefined = row.managedBy === 'lc-phone' ? { code: 'lc-phone', params: { location: row.name } } : undefined;
    await decide(matched.handoff, row.sid, row.managedBy !== 'lc-phone', lcPhone);
  } else {
    await inspect(matched.handoff);
  }
}

/** Why the location cannot take credentials: the driver's code and facts, when it found out why. */
function cannotUpdate(handoff: Handoff, refusal?: Extract<DriverOutcome, { kind: 'inspected' }>): Reason {
  return {
    code: 'row-cannot-update',
    params: {
      ...(handoff.location && { location: handoff.location.name }),
      ...(refusal?.code !== undefined && { ...refusal.params, driverCode: refusal.code }),
    },
  };
}

/** With what the location holds now: refuse, ask before replacing, or go ahead and fill. */
async function decide(handoff: Handoff, currentSid: string | null, canUpdate: boolean, why?: Reason): Promise<void> {
  if (!canUpdate) {
    await applyEvent(handoff.id, { type: 'reject', reason: why ?? cannotUpdate(handoff, undefined) });
    return;
  }
  if (currentSid && currentSid !== handoff.sid) {
    await applyEvent(handoff.id, { type: 'need-replace', previousSid: currentSid });
    return;
  }
  await startFilling(handoff.id, currentSid);
}

/** `submit` overrides the setting: the admin clicked "Authorize now". */
export async function startFilling(id: string, previousSid: string | null, submit?: boolean): Promise<void> {
  const settings = await loadSettings();
  const filling = await applyEvent(id, {
    type: 'fill',
    runId: newRunId(),
    previousSid,
    waitForAdmin: submit === undefined ? !settings.autoAuthorize : !submit,
  });
  if (filling.ok) await runFill(filling.handoff);
}

/** Reads what the location holds now through its dialog; the answer comes as a crm-result. */
async function inspect(handoff: Handoff): Promise<void> {
  if (!handoff.location) return;
  const doc = await crmTab(handoff);
  if (doc === undefined) return;
  const runId = newRunId();
  await patchHandoff(handoff.id, (h) => ({ ...h, runId }));
  await sendRun(handoff, doc, { type: 'crm-run', host: handoff.crmHost, handoffId: handoff.id, runId, action: 'inspect', location: handoff.location });
}

async function runFill(handoff: Handoff): Promise<void> {
  if (!handoff.location || !handoff.runId) return;
  const token = await tokenOrExpire(handoff);
  if (!token) return;
  const doc = await crmTab(handoff);
  if (doc === undefined) return;
  await sendRun(handoff, doc, {
    type: 'crm-run',
    host: handoff.crmHost,
    handoffId: handoff.id,
    runId: handoff.runId,
    action: handoff.waitForAdmin ? 'fill' : 'submit',
    location: handoff.location,
    sid: handoff.sid,
    token,
    expectedCurrentSid: handoff.previousSid ?? null,
  });
}

async function sendRun(handoff: Handoff, doc: CrmDocument, message: CrmRunMessage): Promise<void> {
  try {
    await startRun(doc, message);
  } catch (error) {
    const reason: Reason = error instanceof CrmTabError ? error.reason : { code: 'crm-no-answer', params: {} };
    await applyEvent(handoff.id, { type: 'fail', reason });
  }
}

/** The driver asks before it clicks Authorize; `submitting` is stored before the click happens. */
export async function allowSubmit(message: CrmSubmitIntentMessage, sender: DriverSender): Promise<boolean> {
  const handoff = await loadHandoff(message.handoffId);
  if (!handoff || !fromHandoffDocument(handoff, sender)) return false;
  const result = await applyEvent(message.handoffId, { type: 'submit', runId: message.runId });
  return result.ok;
}

interface ReceivedStep {
  at: number;
  step: string;
  runId: string;
  sender: DriverSender;
}

/** Steps received for a handoff whose write has not started yet: that one write takes them all. */
const unwrittenSteps = new Map<string, { steps: ReceivedStep[]; written: Promise<unknown> }>();

/**
 * The driver's named steps go into the handoff's step log, so a stop can be placed exactly, timed
 * as they arrive. A run reports a step every few milliseconds, faster than the handoff's record is
 * written; steps that arrive while a write waits its turn join it, rather than queueing one write
 * each ahead of the driver's ask to submit (which waits for the same record).
 */
export async function onDriverProgress(message: CrmProgressMessage, sender: DriverSender): Promise<void> {
  const { handoffId } = message;
  const received: ReceivedStep = { at: Date.now(), step: `crm:${message.step}`, runId: message.runId, sender };
  const waiting = unwrittenSteps.get(handoffId);
  if (waiting) {
    waiting.steps.push(received);
    await waiting.written;
    return;
  }
  const steps = [received];
  const written = patchHandoff(handoffId, (h) => {
    unwrittenSteps.delete(handoffId);
    const ours = steps.filter((r) => h.runId === r.runId && fromHandoffDocument(h, r.sender));
    const room = MAX_STEPS - h.steps.length;
    if (ours.length === 0 || room <= 0) return h;
    return { ...h, steps: [...h.steps, ...ours.slice(0, room).map(({ at, step }) => ({ at, step }))] };
  }).finally(() => {
    // A record that was gone wrote nothing, and took the steps with it.
    if (unwrittenSteps.get(handoffId)?.steps === steps) unwrittenSteps.delete(handoffId);
  });
  unwrittenSteps.set(handoffId, { steps, written: written.catch(() => undefined) });
  await written;
}

export async function onDriverResult(message: CrmResultMessage, sender: DriverSender): Promise<void> {
  const handoff = await loadHandoff(message.handoffId);
  // Results of an earlier run, of another tab or document, or of a popup "open dialog" are not this
  // handoff's news.
  if (!handoff || handoff.runId !== message.runId || !fromHandoffDocument(handoff, sender)) return;
  await applyOutcome(handoff, message.outcome);
}

async function applyOutcome(handoff: Handoff, outcome: DriverOutcome): Promise<void> {
  const id = handoff.id;
  switch (outcome.kind) {
    case 'inspected':
      if (handoff.state === 'matched') {
        await decide(handoff, outcome.currentSid, outcome.canUpdate, cannotUpdate(handoff, outcome));
      } else if (handoff.state === 'filling') {
        // The editor showed what the row could not (or no longer did): another SID is a question
        // for the admin, asked again if it is not the one they agreed to replace.
        if (outcome.currentSid && outcome.currentSid !== handoff.sid) await applyEvent(id, { type: 'need-replace', previousSid: outcome.currentSid });
        else if (!outcome.canUpdate) await decide(handoff, outcome.currentSid, false, cannotUpdate(handoff, outcome));
        else await applyEvent(id, { type: 'fail', reason: { code: 'fill-stopped', params: {} } });
      } else if (handoff.state === 'submitting' || handoff.state === 'needs-check') {
        // After an interruption: the CRM showing our SID where it showed another settles it.
        const written = outcome.currentSid === handoff.sid && handoff.previousSid !== handoff.sid;
        if (written) await finishAuthorized(handoff, { readBack: 'after-interruption' });
        else if (handoff.state === 'submitting') {
          await applyEvent(id, { type: 'needs-check', reason: { code: 'interrupted', params: {} } });
        }
      }
      return;
    case 'filled':
      await applyEvent(id, { type: 'filled' });
      return;
    case 'dialog-opened':
      return;
    case 'authorized':
      // Without the CRM's words, the driver read the new SID back after the editor closed silently.
      await finishAuthorized(handoff, outcome.message === undefined ? { readBack: 'closed-silently' } : { message: outcome.message });
      return;
    case 'crm-error':
      await applyEvent(id, { type: 'fail', reason: { code: 'crm-error', params: { message: outcome.message } } });
      return;
    case 'driver-error': {
      if (!outcome.submitted && outcome.code === 'dialog-already-open' && canReload(handoff)) {
        kick(id, () => runInReloadedPage(handoff));
        return;
      }
      // The driver's code and facts are kept as they are; the UI words them, a hint on a page that
      // changed under the driver included.
      const params = { ...outcome.params, driverCode: outcome.code };
      if (outcome.submitted) await applyEvent(id, { type: 'needs-check', reason: { code: `driver:${outcome.step}`, params: { ...params, submitted: 1 } } });
      else await applyEvent(id, { type: 'fail', reason: { code: `driver:${outcome.step}`, params } });
      return;
    }
  }
}

/** Reloads of the CRM tab one handoff may make: one, so a page that stays stuck ends in a message. */
const CRM_RELOADS = 1;

const canReload = (handoff: Handoff): boolean =>
  handoff.crmTabId !== undefined && (handoff.crmReloads ?? 0) < CRM_RELOADS && (handoff.state === 'matched' || handoff.state === 'filling');

/**
 * A window on the CRM page would not close before anything was submitted (seen in Chromium: a Vue
 * leave transition cut short in a tab starved of frames leaves the editor drawn for good, and its
 * Cancel does nothing). As a person would, the page is reloaded and the same step runs again in the
 * new page, under a new run id so nothing of the old page counts. Nothing was submitted, so nothing
 * can be written twice; a second stuck window fails the handoff with the driver's words.
 */
async function runInReloadedPage(handoff: Handoff): Promise<void> {
  const reloading = await patchHandoff(handoff.id, (h) =>
    h.state === handoff.state && h.runId === handoff.runId
      ? { ...h, crmReloads: (h.crmReloads ?? 0) + 1, runId: newRunId(), steps: h.steps.length < MAX_STEPS ? [...h.steps, { at: Date.now(), step: 'crm-reloaded' }] : h.steps }
      : h,
  );
  if (!reloading || reloading.runId === handoff.runId) return;
  await reloadCrmTab(handoff.crmTabId!);
  if (reloading.state === 'matched') await inspect(reloading);
  else await runFill(reloading);
}

/**
 * `message` is the CRM's own success text; without one, the CRM was read back showing the new SID,
 * after its editor closed without a word or after an interruption.
 */
async function finishAuthorized(handoff: Handoff, said: { message: string } | { readBack: 'closed-silently' | 'after-interruption' }): Promise<void> {
  const settings = await loadSettings();
  // Test the pair as the help article asks, before the token is wiped with the final state.
  const token = settings.testAfterAuthorize ? await loadToken(handoff.id) : undefined;
  let followUp: FollowUpParams = {};
  if (token) {
    try {
      const client = createTwilioClient({ sid: handoff.sid, token });
      const [account, numbers] = await Promise.all([client.fetchAccount(), client.listIncomingNumbers()]);
      followUp = { accountStatus: account.status, numbers: numbers.numbers.length, ...(numbers.hasMore && { moreNumbers: 1 }) };
    } catch (error) {
      if (!(error instanceof TwilioApiError)) throw error;
      followUp = twilioReason(error).params;
    }
  }
  const reason: Reason =
    'message' in said
      ? { code: 'crm-accepted', params: { ...followUp, message: said.message } }
      : { code: 'crm-shows-new-sid', params: { ...followUp, ...(said.readBack === 'closed-silently' && { closedSilently: 1 as const }) } };
  const result = await applyEvent(handoff.id, { type: 'authorized', reason });
  if (!result.ok || !handoff.location) return;
  await rememberChoice(handoff.sid, handoff.location.id);
  await saveLocations(handoff.crmHost, [{ ...handoff.location, sid: handoff.sid, managedBy: 'twilio' }]);
}

/**
 * The watchdog: nothing has happened to a working handoff for a while, most likely because the service
 * worker was stopped mid-step. Steps before the Authorize click are repeated; after it, the CRM is
 * asked what it holds now, and if that does not settle it the handoff waits for the admin.
 */
export async function recover(id: string): Promise<void> {
  const handoff = await loadHandoff(id);
  if (!handoff) return;
  switch (handoff.state) {
    case 'captured':
    case 'verifying':
    case 'verified':
    case 'matched':
      await advance(id);
      return;
    case 'filling':
      await startFilling(id, handoff.previousSid ?? null);
      return;
    case 'submitting':
      await inspect(handoff);
      return;
    default:
      return;
  }
}

export async function chooseLocation(id: string, location: Location): Promise<void> {
  const handoff = await loadHandoff(id);
  if (!handoff) return;
  const matched = await applyEvent(id, { type: 'match', location });
  if (!matched.ok) return;
  await rememberChoice(handoff.sid, location.id);
  await inspect(matched.handoff);
}

/** Focuses the CRM tab and opens a location's Update Credentials dialog for the admin. */
export async function openDialog(host: string, location: Location, handoffId?: string): Promise<void> {
  const tabId = await findOrOpenCrmTab(host);
  const tab = await browser.tabs.update(tabId, { active: true });
  if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
  const doc = await ensureDriver(tabId, host);
  await startRun(doc, {
    type: 'crm-run',
    host,
    handoffId: handoffId ?? `location-${location.id}`.slice(0, 100),
    runId: newRunId(),
    action: 'open-dialog',
    location,
  });
}
