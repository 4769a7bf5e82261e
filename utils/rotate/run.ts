import { driveRows } from '../bulk/run';
import type { Handoff } from '../handoff/types';
import type { RotateRow, RotateRun, RotateState, RotateStop } from './types';

/**
 * Zero-downtime Auth Token rotation, one location at a time, driven by the bulk connect page as the
 * bulk run is (docs/architecture.md "Rotation"). For each row:
 *
 *   read the sub-account's primary token with the master → create a secondary token as the
 *   sub-account → hand SID + secondary to that location through the ordinary handoff (verify, the
 *   Replace question, one write, the read-back) → the handoff is `authorized` (the CRM accepted it)
 *   → Twilio accepts the secondary → promote it.
 *
 * Both tokens work until the promotion, so the CRM never holds a dead token. Every step is stored
 * before it is taken, so a stop anywhere (page closed, service worker stopped) resumes at that step:
 *
 * - before the CRM may hold the secondary (no Authorize click sent), a failure deletes the secondary
 *   and the old token goes on as before;
 * - once it may (`crmMayHold`), the secondary is never deleted: the row stops with both tokens
 *   working, says where, and a retry goes on from that step with the same secondary, never a new one
 *   (a new secondary would kill the one the CRM holds);
 * - `promoting` asks the master for the current primary first: if it is already the secondary, the
 *   promotion happened and is not made again;
 * - the CRM counts as having accepted the token only when it said so (`crm-accepted`): a handoff
 *   authorized by reading the SID back proves nothing when the SID was already there.
 *
 * A location whose CRM row holds another SID stops at the handoff's Replace question: the rotation
 * never answers it (its handoff is discarded before anything is written). The same SID needs no
 * question: writing a new token for the SID a location holds is what the admin asked for.
 */

/** What the rotation asks of the world; injected, so the state machine is tested without a browser. */
export interface RotatePorts {
  load(): Promise<RotateRun | undefined>;
  save(run: RotateRun): Promise<void>;
  /** The sub-account's primary Auth Token, read with the master's credentials (the master being locked throws MasterLockedError). */
  currentToken(sid: string): Promise<string>;
  /** A new secondary token, authenticated as the sub-account with its primary. */
  createSecondary(sid: string, primary: string): Promise<string>;
  /** Deletes the sub-account's secondary token; none there counts as deleted. */
  deleteSecondary(sid: string): Promise<void>;
  /** The new token, kept in storage.session while the rotation needs it. */
  keepToken(sid: string, token: string): Promise<void>;
  keptToken(sid: string): Promise<string | undefined>;
  dropToken(sid: string): Promise<void>;
  /** The background's rotate-location: a handoff of SID + token aimed at the row's location. */
  /** The background's rotate-location; undefined when no answer came (its service worker stopped mid-ask). */
  handOff(run: RotateRun, row: RotateRow, token: string): Promise<{ ok: true; handoff: Handoff } | { ok: false; message: string } | undefined>;
  handoff(id: string): Promise<Handoff | undefined>;
  /** A handoff aimed at the row's location and started since `since`, if there is one. */
  handoffFor(row: RotateRow, since: number): Promise<Handoff | undefined>;
  /** Discards a handoff waiting at a question the rotation does not answer (nothing was written). */
  discard(handoffId: string): Promise<void>;
  /** Twilio's API accepts SID + token (an active account); throws with Twilio's words otherwise. */
  verify(sid: string, token: string): Promise<void>;
  /** Makes the secondary the primary, authenticated with the secondary itself. */
  promote(sid: string, token: string): Promise<void>;
  /** True for the error thrown when the master account is locked: the run pauses, the row stays where it is. */
  isLocked(error: unknown): boolean;
  wait(): Promise<void>;
  now(): number;
}

/** States a row is in while its rotation is under way (a stop there resumes there). */
export const IN_FLIGHT: readonly RotateState[] = ['creating', 'created', 'handing-off', 'crm', 'verifying', 'promoting'];
export const FINAL: readonly RotateState[] = ['done', 'stopped'];

const update = (run: RotateRun, index: number, patch: Partial<RotateRow>): RotateRun => ({
  ...run,
  rows: run.rows.map((row, i) => (i === index ? { ...row, ...patch } : row)),
});

/** A row without what its last stop said (where, why, how to go on). */
function withoutStop(row: RotateRow): RotateRow {
  const { stop: _s, detail: _d, reasonCode: _c, reasonParams: _p, otherSid: _o, resumeAt: _r, secondaryLeft: _l, ...rest } = row;
  return rest;
}

/** A row as a fresh rotation starts it: nothing of an earlier try (the CRM holds no secondary of it). */
function fresh(row: RotateRow): RotateRow {
  const { crmMayHold: _m, handoffId: _h, endedAt: _e, ...rest } = withoutStop(row);
  return rest;
}

/** The row to work on: one cut off mid-way first, then the next one asked for. */
export function nextRowIndex(run: RotateRun): number {
  const inFlight = run.rows.findIndex((r) => IN_FLIGHT.includes(r.state));
  return inFlight >= 0 ? inFlight : run.rows.findIndex((r) => r.state === 'pending');
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function save(ports: RotatePorts, run: RotateRun): Promise<RotateRun> {
  await ports.save(run);
  return run;
}

interface StopFacts {
  detail?: string;
  /** The CRM may hold the secondary from this step on. */
  crmMayHold?: boolean;
  resumeAt?: RotateState;
  otherSid?: string;
  handoff?: Handoff;
}

/**
 * Ends a row at `stop`. Before the CRM may hold the secondary it is deleted (and forgotten), so the
 * old token is as it was; once the CRM may hold it (now or in an earlier try of this row), it is
 * kept at Twilio and in storage.session, for a retry from `resumeAt`.
 */
async function stopRow(ports: RotatePorts, run: RotateRun, index: number, stop: RotateStop, facts: StopFacts = {}): Promise<RotateRun> {
  const row = run.rows[index]!;
  const crmMayHold = row.crmMayHold === true || facts.crmMayHold === true;
  let secondaryLeft = false;
  if (!crmMayHold && row.sid && row.state !== 'pending') {
    try {
      await ports.deleteSecondary(row.sid);
      await ports.dropToken(row.sid);
    } catch {
      secondaryLeft = true;
    }
  }
  const stopped: RotateRow = {
    ...withoutStop(row),
    state: 'stopped',
    stop,
    endedAt: ports.now(),
    ...(crmMayHold && { crmMayHold: true }),
    ...(crmMayHold && facts.resumeAt && { resumeAt: facts.resumeAt }),
    ...(secondaryLeft && { secondaryLeft: true }),
    ...(facts.detail !== undefined && { detail: facts.detail }),
    ...(facts.otherSid !== undefined && { otherSid: facts.otherSid }),
    ...(facts.handoff?.reasonCode !== undefined && { reasonCode: facts.handoff.reasonCode }),
    ...(facts.handoff?.reasonParams !== undefined && { reasonParams: facts.handoff.reasonParams }),
  };
  return save(ports, { ...run, rows: run.rows.map((r, i) => (i === index ? stopped : r)) });
}

/**
 * One step of one row: it stores one change (or none while a handoff is under way) and returns the
 * run as stored. Called in a loop by `drive`; each call starts from what is stored.
 */
export async function step(ports: RotatePorts, run: RotateRun): Promise<RotateRun> {
  const index = nextRowIndex(run);
  if (index < 0) return save(ports, { ...run, status: 'finished' });
  const row = run.rows[index]!;
  const sid = row.sid;
  if (!sid) return stopRow(ports, run, index, 'read-token');
  switch (row.state) {
    case 'pending': {
      // A read: nothing to store before it, and the primary token stays in this function only.
      let primary: string;
      try {
        primary = await ports.currentToken(sid);
      } catch (error) {
        if (ports.isLocked(error)) throw error;
        return stopRow(ports, run, index, 'read-token', { detail: messageOf(error) });
      }
      const creating = await save(ports, { ...run, rows: run.rows.map((r, i) => (i === index ? { ...fresh(row), state: 'creating', startedAt: ports.now() } : r)) });
      let secondary: string;
      try {
        secondary = await ports.createSecondary(sid, primary);
      } catch (error) {
        // An unanswered create may have made one: stopRow deletes it all the same.
        return stopRow(ports, creating, index, 'create-secondary', { detail: messageOf(error) });
      }
      await ports.keepToken(sid, secondary);
      return save(ports, update(creating, index, { state: 'created' }));
    }
    case 'creating': {
      // Cut off while the secondary was being made: kept → go on; else whatever Twilio made is
      // deleted (nothing was handed to the CRM) and the row starts again.
      if (await ports.keptToken(sid)) return save(ports, update(run, index, { state: 'created' }));
      try {
        await ports.deleteSecondary(sid);
      } catch (error) {
        return stopRow(ports, run, index, 'create-secondary', { detail: messageOf(error) });
      }
      return save(ports, update(run, index, { state: 'pending' }));
    }
    case 'created':
    case 'handing-off': {
      if (row.state === 'handing-off') {
        const adopted = await ports.handoffFor(row, row.handingOffAt ?? row.startedAt ?? 0);
        if (adopted) return save(ports, update(run, index, { state: 'crm', handoffId: adopted.id }));
      }
      const token = await ports.keptToken(sid);
      if (!token) {
        // storage.session was emptied (the browser restarted). Before the background was asked,
        // nothing went to the CRM; once it was asked and its handoff is gone too, no one can tell.
        if (row.state === 'created') return stopRow(ports, run, index, 'token-lost');
        return stopRow(ports, run, index, 'in-doubt', { crmMayHold: true });
      }
      const handing = row.state === 'handing-off' ? run : await save(ports, update(run, index, { state: 'handing-off', handingOffAt: ports.now() }));
      // No answer (a worker stopped mid-reply): the row stays handing-off, and the next step adopts the
      // handoff it started, or asks again (the background joins a handoff of that pair in flight).
      const reply = await ports.handOff(handing, row, token);
      if (!reply) return handing;
      if (!reply.ok) return stopRow(ports, handing, index, 'handoff-refused', { detail: reply.message });
      return save(ports, update(handing, index, { state: 'crm', handoffId: reply.handoff.id }));
    }
    case 'crm':
      return watchHandoff(ports, run, index);
    case 'verifying': {
      const token = await ports.keptToken(sid);
      if (!token) return stopRow(ports, run, index, 'token-lost', { crmMayHold: true });
      try {
        await ports.verify(sid, token);
      } catch (error) {
        return stopRow(ports, run, index, 'verify', { crmMayHold: true, resumeAt: 'verifying', detail: messageOf(error) });
      }
      return save(ports, update(run, index, { state: 'promoting' }));
    }
    case 'promoting':
      return promote(ports, run, index, sid);
    default:
      return run;
  }
}

/** The handoff carrying the secondary: the CRM accepted it, or where it stopped and what that means. */
async function watchHandoff(ports: RotatePorts, run: RotateRun, index: number): Promise<RotateRun> {
  const row = run.rows[index]!;
  const handoff = row.handoffId === undefined ? undefined : await ports.handoff(row.handoffId);
  // Gone with storage.session (the browser restarted): whether the CRM took it cannot be told.
  if (!handoff) return stopRow(ports, run, index, 'in-doubt', { crmMayHold: true });
  const submitted = handoff.submissions > 0;
  const retryHandoff = { crmMayHold: true, resumeAt: 'created' as const, handoff };
  switch (handoff.state) {
    case 'authorized':
      // Only the CRM's own success words prove it took the token. A read-back proves nothing here:
      // a rotation writes the SID the location already showed, so the SID reads the same either way.
      if (handoff.reasonCode !== 'crm-accepted') return stopRow(ports, run, index, 'crm-silent', retryHandoff);
      return save(ports, update(run, index, { state: 'verifying', crmMayHold: true }));
    case 'needs-replace-confirmation':
      // The location holds another sub-account: the Replace question is the admin's, never the rotation's.
      await ports.discard(handoff.id);
      return stopRow(ports, run, index, 'other-sid', { ...(handoff.previousSid && { otherSid: handoff.previousSid }) });
    case 'needs-choice':
      await ports.discard(handoff.id);
      return stopRow(ports, run, index, 'location-not-found', { handoff });
    case 'rejected':
      return stopRow(ports, run, index, 'handoff-rejected', { handoff, ...(submitted && retryHandoff) });
    case 'failed':
      return submitted ? stopRow(ports, run, index, 'crm-refused', retryHandoff) : stopRow(ports, run, index, 'handoff-ended', { handoff });
    case 'needs-check':
      return stopRow(ports, run, index, 'crm-unsure', retryHandoff);
    case 'expired':
    case 'discarded':
      return submitted ? stopRow(ports, run, index, 'crm-unsure', retryHandoff) : stopRow(ports, run, index, 'handoff-ended', { handoff });
    default:
      // Under way, or waiting for the admin's Authorize click in "fill and wait": looked at again.
      await ports.wait();
      return run;
  }
}

/**
 * The promotion, never made twice: the master says what the primary is now. Already the secondary →
 * it was promoted (the answer was lost, or the page stopped before storing it). Otherwise promote,
 * and if that fails ask again before saying it did not happen.
 */
async function promote(ports: RotatePorts, run: RotateRun, index: number, sid: string): Promise<RotateRun> {
  const token = await ports.keptToken(sid);
  if (!token) return stopRow(ports, run, index, 'token-lost', { crmMayHold: true });
  const finish = async () => {
    const done = await save(ports, { ...run, rows: run.rows.map((r, i) => (i === index ? { ...withoutStop(r), state: 'done', endedAt: ports.now() } : r)) });
    await ports.dropToken(sid);
    return done;
  };
  const primaryIsNew = async (): Promise<boolean | undefined> => {
    try {
      return (await ports.currentToken(sid)) === token;
    } catch (error) {
      if (ports.isLocked(error)) throw error;
      return undefined;
    }
  };
  const before = await primaryIsNew();
  if (before === true) return finish();
  if (before === undefined) return stopRow(ports, run, index, 'promote', { crmMayHold: true, resumeAt: 'promoting' });
  try {
    await ports.promote(sid, token);
  } catch (error) {
    if ((await primaryIsNew()) === true) return finish();
    return stopRow(ports, run, index, 'promote', { crmMayHold: true, resumeAt: 'promoting', detail: messageOf(error) });
  }
  return finish();
}

/**
 * Runs the rows asked for while the run is `running` (the bulk run's loop: pause and cancel act
 * between rows, never inside one). Cancel puts the rows not started back to not asked.
 */
export function drive(ports: RotatePorts): Promise<RotateRun | undefined> {
  return driveRows(ports, (run) => step(ports, run), (r) => IN_FLIGHT.includes(r.state), 'idle');
}

/**
 * Asks for rows: idle ones start afresh; a stopped one starts afresh if nothing of it may be in the
 * CRM, or goes on from where it stopped with the same secondary if the CRM may hold it. A row whose
 * CRM may hold a secondary that is no longer kept cannot be retried here (retryable says so).
 */
export function askFor(run: RotateRun, locationIds: readonly string[]): RotateRun {
  return {
    ...run,
    status: 'running',
    rows: run.rows.map((row) => {
      if (!locationIds.includes(row.location.id) || !retryable(row)) return row;
      if (row.state === 'idle') return { ...row, state: 'pending' };
      if (row.resumeAt) return { ...withoutStop(row), state: row.resumeAt };
      // Afresh: the CRM holds no secondary of this row (or holds the promoted one, after done).
      return { ...fresh(row), state: 'pending' };
    }),
  };
}

/**
 * The admin says a row that stopped with no way on for the extension (the browser restarted while
 * the CRM may have held the new token) was settled in the Twilio console as its stop said: it can be
 * rotated afresh. Rows with a way on (`resumeAt`) are not settled this way; Retry finishes them.
 */
export function settle(run: RotateRun, locationId: string): RotateRun {
  return {
    ...run,
    rows: run.rows.map((row) => {
      if (row.location.id !== locationId || row.state !== 'stopped' || !row.crmMayHold || row.resumeAt) return row;
      return { ...fresh(row), state: 'idle' };
    }),
  };
}

/** Whether a row can be asked for now (idle, done again, or stopped with a way on). */
export function retryable(row: RotateRow): boolean {
  if (row.state === 'idle' || row.state === 'done') return row.sid !== undefined;
  if (row.state !== 'stopped') return false;
  return !row.crmMayHold || row.resumeAt !== undefined;
}

/** Counts for the progress bar. */
export function progress(run: RotateRun): { total: number; finished: number; done: number; stopped: number } {
  const asked = run.rows.filter((r) => r.state !== 'idle' && r.state !== 'skipped');
  return {
    total: asked.length,
    finished: asked.filter((r) => FINAL.includes(r.state)).length,
    done: asked.filter((r) => r.state === 'done').length,
    stopped: asked.filter((r) => r.state === 'stopped').length,
  };
}
