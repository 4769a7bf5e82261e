import { describe, expect, it } from 'vitest';
import { drive, nextRowIndex, nextToPrepare, progress, rowEndFor, step, type RunPorts } from '../../utils/bulk/run';
import type { BulkRow, BulkRun } from '../../utils/bulk/types';
import type { Handoff } from '../../utils/handoff/types';

/**
 * The bulk run's per-row state machine, against a simulated world: the background's connect-location
 * starts a handoff, which advances one state per look and writes the CRM once when it is authorized.
 * The run is stopped at every point a page or a browser can die, and resumed from what was stored.
 */
const sid = (n: number) => 'AC' + n.toString(16).padStart(32, '0');

function row(id: string, action: BulkRow['action'], extra: Partial<BulkRow> = {}): BulkRow {
  return { location: { id, name: `Location ${id}` }, action, state: action === 'skip' ? 'skipped' : 'pending', ...extra };
}

function plan(): BulkRun {
  return {
    id: 'run-1', host: 'app.gohighlevel.com', createdAt: 0, createMissing: true, status: 'running',
    rows: [row('a', 'existing', { subaccountSid: sid(1) }), row('b', 'create'), row('c', 'skip', { skip: 'lc-phone' }), row('d', 'existing', { subaccountSid: sid(4) })],
  };
}

/** Where each handoff goes, one state per look; `ends` says where a location's handoff stops. */
const PATH: Handoff['state'][] = ['captured', 'verifying', 'verified', 'matched', 'filling', 'submitting', 'authorized'];

class World {
  stored: BulkRun | undefined = plan();
  handoffs = new Map<string, Handoff & { path: Handoff['state'][] }>();
  /** The SID each CRM location holds. */
  crm = new Map<string, string | null>([['a', null], ['b', null], ['c', null], ['d', null]]);
  writes: Array<{ location: string; sid: string }> = [];
  connects: string[] = [];
  /** Each hint given while a row's handoff started: [the row started, the row hinted]. */
  prepared: Array<[string, string]> = [];
  ends = new Map<string, Handoff['state'][]>();
  refuse = new Set<string>();
  created = 0;
  /** Simulates the CRM's list not telling the SID. */
  unreadable = new Set<string>();
  /** Locations whose next connect gets no answer: the background stopped before (`before`) or after starting the handoff. */
  silent = new Map<string, 'before' | 'after'>();
  /** Throws once at the named point, as a page or browser dying there would. */
  dieAt: 'after-starting' | 'after-connect' | 'after-running' | undefined;
  clock = 0;

  ports(): RunPorts {
    return {
      load: async () => this.stored && structuredClone(this.stored),
      save: async (run) => {
        this.stored = structuredClone(run);
        if (this.dieAt === 'after-starting' && run.rows.some((r) => r.state === 'starting')) this.die();
        if (this.dieAt === 'after-running' && run.rows.some((r) => r.state === 'running')) this.die();
      },
      connect: async (_run, r) => {
        this.connects.push(r.location.id);
        const silent = this.silent.get(r.location.id);
        this.silent.delete(r.location.id);
        if (silent === 'before') return undefined;
        if (this.refuse.has(r.location.id)) return { ok: false, message: 'No sub-account under the master account is named “x”.' };
        const subSid = r.subaccountSid ?? sid(0xc00 + this.created++);
        const handoff = {
          id: `h-${this.connects.length}`, state: 'captured', sid: subSid, targetLocationId: r.location.id,
          path: this.ends.get(r.location.id) ?? PATH,
        } as unknown as Handoff & { path: Handoff['state'][] };
        this.handoffs.set(handoff.id, handoff);
        if (this.dieAt === 'after-connect') this.die();
        if (silent === 'after') return undefined;
        return { ok: true, handoff };
      },
      prepare: (_run, r) => {
        this.prepared.push([this.connects.at(-1)!, r.location.id]);
      },
      handoff: async (id) => this.look(id),
      handoffFor: async (r) => [...this.handoffs.values()].find((h) => h.targetLocationId === r.location.id),
      currentSid: async (_run, r) => (this.unreadable.has(r.location.id) ? undefined : this.crm.get(r.location.id)),
      wait: async () => undefined,
      now: () => (this.clock += 1000),
    };
  }

  private die(): never {
    this.dieAt = undefined;
    throw new Error('stopped');
  }

  /** The handoff moves on one state each time it is looked at; authorized writes the CRM once. */
  private look(id: string): Handoff | undefined {
    const h = this.handoffs.get(id);
    if (!h) return undefined;
    const at = h.path.indexOf(h.state);
    if (at < h.path.length - 1) {
      h.state = h.path[at + 1]!;
      if (h.state === 'authorized') {
        this.writes.push({ location: h.targetLocationId!, sid: h.sid });
        this.crm.set(h.targetLocationId!, h.sid);
      }
    }
    return { ...h };
  }

  /** A browser restart: storage.session (every handoff) is gone; storage.local (the run) stays. */
  restart() {
    this.handoffs.clear();
  }
}

const states = (run: BulkRun | undefined) => run?.rows.map((r) => r.state);

describe('rowEndFor', () => {
  it.each([
    ['authorized', 'done'],
    ['needs-replace-confirmation', 'needs-you'],
    ['needs-choice', 'needs-you'],
    ['filled', 'needs-you'],
    ['needs-check', 'needs-you'],
    ['rejected', 'failed'],
    ['failed', 'failed'],
    ['expired', 'failed'],
    ['discarded', 'failed'],
    ['submitting', undefined],
    ['captured', undefined],
  ] as const)('%s → %s', (state, end) => expect(rowEndFor(state)).toBe(end));
});

describe('bulk run', () => {
  it('names the next row while one runs when it is a plan’s existing sub-account; a create or a refused row is never named', async () => {
    const world = new World();
    world.stored!.rows.push(row('e', 'existing', { subaccountSid: sid(5) }));
    world.refuse.add('d');
    const end = await drive(world.ports());
    expect(states(end)).toEqual(['done', 'done', 'skipped', 'failed', 'done']);
    // a → b is a create (made in its own turn), the skipped row is passed over, a refused row hints nothing.
    expect(world.prepared).toEqual([['b', 'd']]);
  });

  it.each([
    ['the next pending row, past finished and skipped ones', 0, 'done', 'd'],
    ['the next pending row is a create: nothing', 0, 'pending', undefined],
    ['no row left: nothing', 3, 'done', undefined],
  ] as const)('nextToPrepare: %s', (_case, index, second, expected) => {
    const run = plan();
    run.rows[1] = { ...run.rows[1]!, state: second };
    expect(nextToPrepare(run, index)?.location.id).toBe(expected);
  });

  it('connects each planned row once, in order, and finishes', async () => {
    const world = new World();
    const end = await drive(world.ports());
    expect(end?.status).toBe('finished');
    expect(states(end)).toEqual(['done', 'done', 'skipped', 'done']);
    expect(world.connects).toEqual(['a', 'b', 'd']);
    expect(world.writes).toEqual([{ location: 'a', sid: sid(1) }, { location: 'b', sid: sid(0xc00) }, { location: 'd', sid: sid(4) }]);
    expect(end!.rows[1]!.subaccountSid).toBe(sid(0xc00));
    expect(progress(end!)).toMatchObject({ total: 3, finished: 3, done: 3, needsYou: 0, failed: 0 });
  });

  it('leaves a question for the admin and goes on; a refusal fails the row with its words', async () => {
    const world = new World();
    world.ends.set('a', ['captured', 'verifying', 'verified', 'matched', 'needs-replace-confirmation']);
    world.refuse.add('b');
    const end = await drive(world.ports());
    expect(states(end)).toEqual(['needs-you', 'failed', 'skipped', 'done']);
    expect(end!.rows[1]!.reason).toMatch(/No sub-account/);
    expect(world.writes).toEqual([{ location: 'd', sid: sid(4) }]);
  });

  it.each([
    ['before the background was asked', 'after-starting', 1],
    ['after the background started the handoff, before the page stored it', 'after-connect', 1],
    ['while the handoff was under way', 'after-running', 1],
  ] as const)('stopped %s: resumes without a second connect or write', async (_when, dieAt, connectsOfA) => {
    const world = new World();
    world.dieAt = dieAt;
    await expect(drive(world.ports())).rejects.toThrow('stopped');
    const end = await drive(world.ports());
    expect(states(end)).toEqual(['done', 'done', 'skipped', 'done']);
    expect(world.connects.filter((id) => id === 'a')).toHaveLength(connectsOfA);
    expect(world.writes.filter((w) => w.location === 'a')).toHaveLength(1);
  });

  it.each([
    ['before it started a handoff: the CRM shows nothing written, so the row goes again', 'before', 2],
    ['after it started the handoff: that handoff is adopted, never a second', 'after', 1],
  ] as const)('the background stopped mid-ask, no answer came, %s; the run goes on by itself', async (_when, silent, connectsOfA) => {
    const world = new World();
    world.silent.set('a', silent);
    const end = await drive(world.ports());
    expect(states(end)).toEqual(['done', 'done', 'skipped', 'done']);
    expect(world.connects.filter((id) => id === 'a')).toHaveLength(connectsOfA);
    expect(world.writes.filter((w) => w.location === 'a')).toHaveLength(1);
  });

  it('after a browser restart: a row the CRM shows written is done, one it shows empty goes again, one it cannot read waits for the admin', async () => {
    const world = new World();
    // Row a: its handoff wrote the CRM, then the browser closed before the page saw it end.
    let run = await step(world.ports(), world.stored!);
    for (let i = 0; i < 5; i++) run = await step(world.ports(), run);
    expect(run.rows[0]!.state).toBe('running');
    expect(world.writes).toHaveLength(0);
    await world.ports().handoff(run.rows[0]!.handoffId!);
    expect(world.writes).toHaveLength(1);
    world.restart();
    run = await step(world.ports(), run);
    expect(run.rows[0]).toMatchObject({ state: 'done', reasonCode: 'crm-shows-new-sid' });

    // Row b: cut off before anything was written: tried again.
    run = await step(world.ports(), run);
    world.restart();
    run = await step(world.ports(), run);
    expect(run.rows[1]!.state).toBe('pending');

    // Row b, tried again and cut off again, now shows no SID the list can read: never guessed, never redone.
    world.unreadable.add('b');
    run = await step(world.ports(), run);
    world.restart();
    run = await step(world.ports(), run);
    expect(run.rows[1]).toMatchObject({ state: 'needs-you', reasonCode: 'interrupted' });
    expect(world.writes.filter((w) => w.location === 'a')).toHaveLength(1);
    expect(world.writes.filter((w) => w.location === 'b')).toHaveLength(0);
  });

  it('pause takes effect after the row under way; resume goes on; cancel skips what did not start', async () => {
    const world = new World();
    let run = await step(world.ports(), world.stored!);
    expect(nextRowIndex(run)).toBe(0);
    world.stored = { ...run, status: 'paused' };
    const paused = await drive(world.ports());
    expect(states(paused)).toEqual(['done', 'pending', 'skipped', 'pending']);
    expect(world.connects).toEqual(['a']);

    world.stored = { ...paused!, status: 'cancelled' };
    const cancelled = await drive(world.ports());
    expect(states(cancelled)).toEqual(['done', 'skipped', 'skipped', 'skipped']);
    expect(world.connects).toEqual(['a']);
  });

  it('with loadStatus, reads the rows once and the status before each step; pause still waits for the row under way', async () => {
    const world = new World();
    let loads = 0;
    let statusReads = 0;
    const base = world.ports();
    const ports: RunPorts = {
      ...base,
      load: async () => (loads++, base.load()),
      loadStatus: async () => (statusReads++, world.stored?.status),
      // The admin presses Pause while the first row's handoff is under way.
      wait: async () => {
        if (world.stored) world.stored = { ...world.stored, status: 'paused' };
      },
    };
    const paused = await drive(ports);
    expect(states(paused)).toEqual(['done', 'pending', 'skipped', 'pending']);
    expect(world.writes).toEqual([{ location: 'a', sid: sid(1) }]);
    expect(loads).toBe(1);
    expect(statusReads).toBeGreaterThan(2);
    // Cleared meanwhile (no status stored): the whole run is read, and there is none.
    world.stored = undefined;
    expect(await drive({ ...ports, loadStatus: async () => undefined })).toBeUndefined();
  });

  it('a paused run is not driven at all until resumed', async () => {
    const world = new World();
    world.stored = { ...world.stored!, status: 'paused' };
    await drive(world.ports());
    expect(world.connects).toEqual([]);
    world.stored = { ...world.stored!, status: 'running' };
    expect((await drive(world.ports()))?.status).toBe('finished');
  });

  it('estimates the time left from the rows finished so far', () => {
    const run = plan();
    run.rows[0] = { ...run.rows[0]!, state: 'done', startedAt: 0, endedAt: 10_000 };
    expect(progress(run)).toMatchObject({ total: 3, finished: 1, etaMs: 20_000 });
  });
});
