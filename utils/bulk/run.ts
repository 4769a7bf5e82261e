import { WAITING_STATES } from '../handoff/machine';
import type { Handoff } from '../handoff/types';
import type { BulkRow, BulkRun, RowState } from './types';

/**
 * Running a bulk connect plan, one location at a time, from the bulk connect page (see
 * docs/architecture.md "Bulk connect" for why the page drives it). Every step is stored before it is
 * taken, so a run cut off anywhere (the page closed, the browser restarted, the service worker
 * stopped) resumes from storage without redoing a finished row or writing twice:
 *
 * - a row is `starting` before the background is asked, `running` once a handoff carries it;
 * - a `running` row whose handoff is still in storage.session is waited for (a stopped worker's
 *   handoff is resumed by the background's own watchdog);
 * - a row cut off in `starting`, or whose handoff is gone (the browser restarted, which empties
 *   storage.session), is in doubt: a handoff aimed at that location is adopted if there is one; else
 *   the CRM is read. No SID there: nothing was written, and the row is tried again. The SID the row
 *   was connecting: done. Anything else, or a list that cannot tell: it waits for the admin.
 */

export const FINAL_ROW_STATES: readonly RowState[] = ['done', 'needs-you', 'failed', 'skipped'];

/** A handoff's state as a row's end: undefined while it is still under way. */
export function rowEndFor(state: Handoff['state']): RowState | undefined {
  if (state === 'authorized') return 'done';
  // A question (Replace, a choice, Authorize in "fill and wait", a check) is the admin's, never answered here.
  if (WAITING_STATES.includes(state)) return 'needs-you';
  if (state === 'rejected' || state === 'failed' || state === 'expired' || state === 'discarded') return 'failed';
  return undefined;
}

/** What the run asks of the world; injected, so the state machine is tested without a browser. */
export interface RunPorts {
  load(): Promise<BulkRun | undefined>;
  /** The run's status alone (undefined: no run stored any more); see driveRows. */
  loadStatus?(): Promise<BulkRun['status'] | undefined>;
  save(run: BulkRun): Promise<void>;
  /**
   * The background's connect-location for the row; its reply as it came, or undefined when none came
   * (its service worker stopped mid-ask): whether it started a handoff is then in doubt.
   */
  connect(run: BulkRun, row: BulkRow): Promise<{ ok: true; handoff: Handoff } | { ok: false; message: string } | undefined>;
  /**
   * Tells the background which row comes next, so it picks that row's sub-account while this row's
   * handoff runs. Only a hint: nothing is written, and the row's own connect checks everything again.
   */
  prepare?(run: BulkRun, row: BulkRow): void;
  handoff(id: string): Promise<Handoff | undefined>;
  /** A handoff in storage.session aimed at this row's location and started since the row was, if there is one. */
  handoffFor(row: BulkRow): Promise<Handoff | undefined>;
  /** The SID the CRM's list shows for the location now: null for none, undefined when it cannot tell. */
  currentSid(run: BulkRun, row: BulkRow): Promise<string | null | undefined>;
  /** Pause between looks at the handoff under way (its id): until it may have ended. */
  wait(handoffId: string): Promise<void>;
  now(): number;
}

const update = (run: BulkRun, index: number, patch: Partial<BulkRow>): BulkRun => ({
  ...run,
  rows: run.rows.map((row, i) => (i === index ? { ...row, ...patch } : row)),
});

/** The row to work on: one cut off mid-way first, then the next pending one. */
export function nextRowIndex(run: BulkRun): number {
  const inDoubt = run.rows.findIndex((r) => r.state === 'starting' || r.state === 'running');
  return inDoubt >= 0 ? inDoubt : run.rows.findIndex((r) => r.state === 'pending');
}

/** The row that starts after `index`, when it is one of the plan's existing sub-accounts (a create is never made ahead). */
export function nextToPrepare(run: BulkRun, index: number): BulkRow | undefined {
  const next = run.rows.find((row, i) => i > index && row.state === 'pending');
  return next?.action === 'existing' && next.subaccountSid !== undefined ? next : undefined;
}

const endPatch = (handoff: Handoff, state: RowState, now: number): Partial<BulkRow> => ({
  state,
  endedAt: now,
  ...(handoff.reasonCode !== undefined && { reasonCode: handoff.reasonCode }),
  ...(handoff.reasonParams !== undefined && { reasonParams: handoff.reasonParams }),
});

/**
 * One step of the run: it stores one change (or none while a handoff is under way) and returns the
 * run as stored. Called in a loop by `drive`; each call starts from storage.
 */
export async function step(ports: RunPorts, run: BulkRun): Promise<BulkRun> {
  const index = nextRowIndex(run);
  if (index < 0) return save(ports, { ...run, status: 'finished' });
  const row = run.rows[index]!;
  const now = ports.now();
  switch (row.state) {
    case 'pending': {
      const starting = await save(ports, update(run, index, { state: 'starting', startedAt: now }));
      const reply = await ports.connect(starting, row);
      // No answer: the row stays `starting`, in doubt, and the next step settles it as after a stop
      // (the handoff it may have started is adopted, else the CRM says whether to go again).
      if (!reply) return starting;
      if (!reply.ok) return save(ports, update(starting, index, { state: 'failed', endedAt: ports.now(), reason: reply.message }));
      const next = nextToPrepare(run, index);
      if (next) ports.prepare?.(run, next);
      return save(ports, update(starting, index, { state: 'running', handoffId: reply.handoff.id, subaccountSid: reply.handoff.sid }));
    }
    case 'running': {
      const handoff = row.handoffId === undefined ? undefined : await ports.handoff(row.handoffId);
      if (!handoff) return settleInDoubt(ports, run, index);
      const end = rowEndFor(handoff.state);
      if (end === undefined) {
        await ports.wait(handoff.id);
        return run;
      }
      return save(ports, update(run, index, endPatch(handoff, end, now)));
    }
    case 'starting': {
      const adopted = await ports.handoffFor(row);
      if (adopted) return save(ports, update(run, index, { state: 'running', handoffId: adopted.id, subaccountSid: adopted.sid }));
      return settleInDoubt(ports, run, index);
    }
    default:
      return run;
  }
}

/** A row cut off with no handoff left to watch: the CRM says whether it was written. */
async function settleInDoubt(ports: RunPorts, run: BulkRun, index: number): Promise<BulkRun> {
  const row = run.rows[index]!;
  const shown = await ports.currentSid(run, row);
  if (shown === null) {
    // Nothing was written: the row goes again (a sub-account created meanwhile is found by its name).
    const { handoffId: _h, ...rest } = row;
    return save(ports, { ...run, rows: run.rows.map((r, i) => (i === index ? { ...rest, state: 'pending' } : r)) });
  }
  if (shown !== undefined && shown === row.subaccountSid) {
    return save(ports, update(run, index, { state: 'done', endedAt: ports.now(), reasonCode: 'crm-shows-new-sid', reasonParams: {} }));
  }
  return save(ports, update(run, index, { state: 'needs-you', endedAt: ports.now(), reasonCode: 'interrupted', reasonParams: {} }));
}

async function save(ports: RunPorts, run: BulkRun): Promise<BulkRun> {
  await ports.save(run);
  return run;
}

/**
 * Runs the plan while it is `running`: pause and cancel are read from storage between steps, so they
 * take effect once the row under way ends, never inside it. Cancel leaves the rows not started as
 * skipped, with no reason but the admin's.
 */
export function drive(ports: RunPorts): Promise<BulkRun | undefined> {
  return driveRows(ports, (run) => step(ports, run), (r) => r.state === 'starting' || r.state === 'running', 'skipped');
}

/** A stored run of rows, as the bulk run and the rotation keep theirs. */
interface RowRun {
  status: 'planned' | 'running' | 'paused' | 'cancelled' | 'finished';
  rows: Array<{ state: string }>;
}

/**
 * The loop both page-driven runs share (bulk connect, rotation): it reads the run from storage before
 * every step, so pause and cancel take effect between rows, never inside one; a row under way is
 * finished even when paused or cancelled. Cancel turns the rows not started into `cancelledAs`.
 *
 * With `loadStatus`, only the status is read again between steps and the rows are the ones the last
 * step stored: the page that drives (one, by its Web Lock) is the only writer of the rows while a
 * run goes on, and each step read and parsed all of them (at 465 rows the time between two
 * locations, of which those reads are a part, grew from 116 to 168 ms over the run).
 */
export async function driveRows<R extends RowRun>(
  ports: { load(): Promise<R | undefined>; save(run: R): Promise<void>; loadStatus?(): Promise<R['status'] | undefined> },
  stepOnce: (run: R) => Promise<R>,
  underWay: (row: R['rows'][number]) => boolean,
  cancelledAs: R['rows'][number]['state'],
): Promise<R | undefined> {
  let known: R | undefined;
  for (;;) {
    const status = known && ports.loadStatus ? await ports.loadStatus() : undefined;
    const stored = known && status !== undefined ? { ...known, status } : await ports.load();
    if (!stored) return undefined;
    const inFlight = stored.rows.some(underWay);
    if (stored.status === 'cancelled' && !inFlight) {
      if (!stored.rows.some((r) => r.state === 'pending')) return stored;
      const cancelled: R = { ...stored, rows: stored.rows.map((r) => (r.state === 'pending' ? { ...r, state: cancelledAs } : r)) };
      await ports.save(cancelled);
      return cancelled;
    }
    if (stored.status !== 'running' && !(inFlight && (stored.status === 'paused' || stored.status === 'cancelled'))) return stored;
    const next = await stepOnce(stored);
    if (next.status === 'finished') return next;
    known = next;
  }
}

/** Counts for the progress bar, and an estimate of the time left from the rows finished so far. */
export function progress(run: BulkRun): { total: number; finished: number; done: number; needsYou: number; failed: number; etaMs?: number } {
  const active = run.rows.filter((r) => r.action !== 'skip');
  const finished = active.filter((r) => FINAL_ROW_STATES.includes(r.state));
  const timed = finished.filter((r) => r.startedAt !== undefined && r.endedAt !== undefined);
  const left = active.length - finished.length;
  const average = timed.length === 0 ? undefined : timed.reduce((sum, r) => sum + (r.endedAt! - r.startedAt!), 0) / timed.length;
  return {
    total: active.length,
    finished: finished.length,
    done: active.filter((r) => r.state === 'done').length,
    needsYou: active.filter((r) => r.state === 'needs-you').length,
    failed: active.filter((r) => r.state === 'failed').length,
    ...(average !== undefined && left > 0 && { etaMs: Math.round(average * left) }),
  };
}
