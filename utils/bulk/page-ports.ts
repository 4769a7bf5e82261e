import { browser } from 'wxt/browser';
import { handoffForLocation, handoffKey, loadHandoff } from '../handoff/store';
import type { Handoff } from '../handoff/types';
import { masterInfo } from '../master/session';
import type { ConnectLocationMessage, PrepareLocationMessage, CrmLocationsReply, GetHandoffMessage, HandoffReply, ListCrmLocationsMessage } from '../messages';
import { rowEndFor, type RunPorts } from './run';
import { loadRun, loadStatus, saveRun, setStatus } from './store';
import type { BulkRun } from './types';

/** The master account was locked or expired mid-run: the run pauses, and goes on once it is unlocked. */
export class MasterLockedError extends Error {
  constructor() {
    super('master-locked');
    this.name = 'MasterLockedError';
  }
}

/** No answer from the background (it was stopped mid-reply, or the extension was reloaded). */
export class NoAnswerError extends Error {}

/** The CRM's locations through the background (the driver in the CRM tab, the page's search box). */
export async function listLocations(host: string, query: string): Promise<CrmLocationsReply> {
  const message: ListCrmLocationsMessage = { type: 'list-crm-locations', host, query };
  const reply = (await browser.runtime.sendMessage(message)) as CrmLocationsReply | undefined;
  if (!reply) throw new NoAnswerError('The extension’s background did not answer. Try again.');
  return reply;
}

const LOOK_MS = 500;

/**
 * A handoff under way, asked of the background rather than read from storage: the question wakes a
 * worker that was stopped mid-handoff, and a new worker picks up the handoffs it finds cut off at
 * once (utils/background/start.ts). Read from storage alone, a stopped worker's handoff waited for
 * its watchdog alarm (measured at 5,000 locations: about 45 s per stop).
 */
async function lookAtHandoff(id: string): Promise<Handoff | undefined> {
  const message: GetHandoffMessage = { type: 'get-handoff', handoffId: id };
  const reply = (await browser.runtime.sendMessage(message).catch(() => undefined)) as HandoffReply | undefined;
  // No answer (a worker starting, the extension reloading): storage has the handoff as last saved.
  if (!reply) return loadHandoff(id);
  return reply.ok ? reply.handoff : undefined;
}

/**
 * The next look at a row's handoff: once storage says it reached a state the row ends on (or it is
 * gone), or once it has not changed for LOOK_MS (its worker may have stopped: the look wakes it).
 * Its steps in between wake nobody: each look asks the background, which is busy with this very
 * handoff, and a handoff stores about 20 steps (its step log in a bulk run at 5,000 locations).
 */
function untilHandoffSettles(id: string): Promise<void> {
  return new Promise((resolve) => {
    const key = handoffKey(id);
    const done = () => {
      clearTimeout(timer);
      browser.storage.onChanged.removeListener(listener);
      resolve();
    };
    let timer = setTimeout(done, LOOK_MS);
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'session' || !(key in changes)) return;
      const state = (changes[key]!.newValue as { state?: unknown } | undefined)?.state;
      if (typeof state !== 'string' || rowEndFor(state as Handoff['state']) !== undefined) return done();
      clearTimeout(timer);
      timer = setTimeout(done, LOOK_MS);
    };
    browser.storage.onChanged.addListener(listener);
  });
}

/**
 * The run's ports on the bulk connect page: storage.local for the run, storage.session (which
 * extension pages may read) for the handoffs, and the background's two commands. The page never sees
 * a token: the background fetches it with the master account and keeps it with the handoff.
 */
export const pagePorts: RunPorts = {
  load: loadRun,
  loadStatus,
  save: saveRun,
  async connect(run: BulkRun, row) {
    if (!(await masterInfo())) {
      await setStatus('paused');
      throw new MasterLockedError();
    }
    const message: ConnectLocationMessage = {
      type: 'connect-location',
      host: run.host,
      location: row.location,
      ...(row.action === 'create' ? { create: true } : row.subaccountSid ? { subaccountSid: row.subaccountSid } : {}),
    };
    // A service worker stopped mid-ask rejects the promise or answers nothing: the run settles the row.
    return (await browser.runtime.sendMessage(message).catch(() => undefined)) as HandoffReply | undefined;
  },
  prepare(run, row) {
    if (row.subaccountSid === undefined) return;
    const message: PrepareLocationMessage = { type: 'prepare-location', host: run.host, location: row.location, subaccountSid: row.subaccountSid };
    // A hint only: lost, the row's own connect picks as it always did.
    browser.runtime.sendMessage(message).catch(() => undefined);
  },
  handoff: lookAtHandoff,
  handoffFor: (row) => handoffForLocation(row.location.id, row.startedAt ?? 0),
  async currentSid(run, row) {
    try {
      const reply = await listLocations(run.host, row.location.name);
      const shown = reply.ok ? reply.locations.find((l) => l.id === row.location.id) : undefined;
      return shown?.sidPartial ? undefined : shown?.sid;
    } catch {
      return undefined;
    }
  },
  wait: untilHandoffSettles,
  now: Date.now,
};
