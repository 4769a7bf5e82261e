import { describe, expect, it } from 'vitest';
import { askFor, drive, IN_FLIGHT, progress, retryable, settle, step, type RotatePorts } from '../../utils/rotate/run';
import type { RotateRow, RotateRun, RotateState } from '../../utils/rotate/types';
import type { Handoff } from '../../utils/handoff/types';

/**
 * The rotation's per-row state machine against a simulated world that keeps Twilio's rule (both
 * tokens authenticate until the promotion, then the old primary is dead; a new secondary replaces the
 * old one) and a CRM location that holds a SID and a token. After every case: the CRM holds a token
 * Twilio accepts, there was at most one promotion, and no token is in what the run stored.
 */
const SID = 'AC' + 'a'.repeat(32);
const OTHER = 'AC' + 'b'.repeat(32);

class Locked extends Error {}
class Died extends Error {}

type HandoffEnd = 'authorized' | 'authorized-silently' | 'needs-replace' | 'needs-choice' | 'failed-before-submit' | 'crm-refused' | 'cut-off' | 'rejected' | 'fill-and-wait';

const PATHS: Record<HandoffEnd, Handoff['state'][]> = {
  authorized: ['captured', 'verifying', 'verified', 'matched', 'filling', 'submitting', 'authorized'],
  'authorized-silently': ['captured', 'verified', 'matched', 'filling', 'submitting', 'authorized'],
  'needs-replace': ['captured', 'verified', 'matched', 'needs-replace-confirmation'],
  'needs-choice': ['captured', 'verified', 'needs-choice'],
  'failed-before-submit': ['captured', 'verified', 'matched', 'filling', 'failed'],
  'crm-refused': ['captured', 'verified', 'matched', 'filling', 'submitting', 'failed'],
  'cut-off': ['captured', 'verified', 'matched', 'filling', 'submitting', 'needs-check'],
  rejected: ['captured', 'verifying', 'rejected'],
  'fill-and-wait': ['captured', 'verified', 'matched', 'filling', 'filled', 'filled', 'filled', 'submitting', 'authorized'],
};

type Fault = 'read' | 'create' | 'create-lost' | 'refuse' | 'verify' | 'promote' | 'promote-lost' | 'delete' | 'locked' | 'no-answer';

class World {
  primary = 'p'.repeat(32);
  secondary: string | undefined;
  made = 0;
  crm: { sid: string; token: string } = { sid: SID, token: this.primary };
  session = new Map<string, string>();
  handoffs = new Map<string, Handoff & { path: Handoff['state'][]; token: string }>();
  promotes = 0;
  deletes = 0;
  discarded: string[] = [];
  faults = new Set<Fault>();
  end: HandoffEnd = 'authorized';
  /** Throws once right after a row is stored in this state, as a page closing there would. */
  dieAt: RotateState | 'after-promote' | undefined;
  /** Empties storage.session (the browser restarted) when dying. */
  restart = false;
  stored: RotateRun | undefined;
  clock = 1;
  tokensSeen = new Set<string>([this.primary]);

  constructor(extra: Partial<RotateRow> = {}) {
    this.stored = {
      id: 'r1', host: 'app.gohighlevel.com', createdAt: 0, status: 'running',
      rows: [{ location: { id: 'loc-a', name: 'Acme' }, sid: SID, state: 'pending', ...extra }],
    };
  }

  accepts(token: string) {
    return token === this.primary || token === this.secondary;
  }

  private die() {
    this.dieAt = undefined;
    if (this.restart) {
      this.session.clear();
      this.handoffs.clear();
    }
    throw new Died();
  }

  ports(): RotatePorts {
    return {
      load: async () => this.stored && structuredClone(this.stored),
      save: async (run) => {
        this.stored = structuredClone(run);
        if (this.dieAt && run.rows.some((r) => r.state === this.dieAt)) this.die();
      },
      currentToken: async () => {
        if (this.faults.has('locked')) throw new Locked();
        if (this.faults.has('read')) throw new Error('Twilio could not be reached.');
        return this.primary;
      },
      createSecondary: async (_sid, primary) => {
        if (!this.accepts(primary)) throw new Error('20003');
        if (this.faults.has('create')) throw new Error('Twilio refused to create a token.');
        this.secondary = `s${++this.made}`.padEnd(32, 'x');
        this.tokensSeen.add(this.secondary);
        if (this.faults.has('create-lost')) throw new Error('no answer: the connection failed');
        return this.secondary;
      },
      deleteSecondary: async () => {
        if (this.faults.has('delete')) throw new Error('no answer');
        this.deletes++;
        this.secondary = undefined;
      },
      keepToken: async (sid, token) => void this.session.set(sid, token),
      keptToken: async (sid) => this.session.get(sid),
      dropToken: async (sid) => void this.session.delete(sid),
      handOff: async (_run, row, token) => {
        if (this.faults.has('refuse')) return { ok: false, message: 'The extension is not enabled on this CRM site.' };
        const id = `h${this.handoffs.size + 1}`;
        const handoff = {
          id, state: 'captured', sid: row.sid, targetLocationId: row.location.id, createdAt: this.clock, submissions: 0,
          path: [...PATHS[this.end]], token,
          ...(this.end === 'needs-replace' && { previousSid: OTHER }),
          ...(this.end === 'crm-refused' && { reasonCode: 'crm-error', reasonParams: { message: 'Invalid credentials' } }),
        } as unknown as Handoff & { path: Handoff['state'][]; token: string };
        this.handoffs.set(id, handoff);
        if (this.faults.has('no-answer')) {
          this.faults.delete('no-answer');
          return undefined;
        }
        return { ok: true, handoff };
      },
      handoff: async (id) => {
        const h = this.handoffs.get(id);
        if (!h) return undefined;
        const next = h.path.shift();
        if (next) {
          h.state = next;
          if (next === 'submitting') h.submissions++;
          // The CRM stores the pair when it accepts it, and also when the answer was lost (cut off).
          if (next === 'authorized' || next === 'needs-check') this.crm = { sid: h.sid, token: h.token };
          // The CRM's own success words, or (closed silently) the SID read back.
          if (next === 'authorized') h.reasonCode = this.end === 'authorized-silently' ? 'crm-shows-new-sid' : 'crm-accepted';
        }
        return structuredClone(h);
      },
      handoffFor: async (row, since) => [...this.handoffs.values()].find((h) => h.targetLocationId === row.location.id && h.createdAt >= since),
      discard: async (id) => {
        this.discarded.push(id);
        this.handoffs.get(id)!.state = 'discarded';
      },
      verify: async (_sid, token) => {
        if (this.faults.has('verify') || !this.accepts(token)) throw new Error('Twilio did not accept the new token.');
      },
      promote: async (_sid, token) => {
        if (!this.accepts(token)) throw new Error('20003');
        if (this.faults.has('promote')) throw new Error('Twilio refused the promotion.');
        if (!this.secondary) throw new Error('20404');
        this.promotes++;
        this.primary = this.secondary;
        this.secondary = undefined;
        if (this.faults.has('promote-lost')) throw new Error('no answer: the connection failed');
        if (this.dieAt === 'after-promote') this.die();
      },
      isLocked: (error) => error instanceof Locked,
      wait: async () => {},
      now: () => this.clock++,
    };
  }

  /** Drives to the end, surviving `Died` as a reopened page would (from what was stored). */
  async run(): Promise<RotateRun> {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        return (await drive(this.ports()))!;
      } catch (error) {
        if (!(error instanceof Died)) throw error;
      }
    }
    throw new Error('did not finish');
  }

  row(): RotateRow {
    return this.stored!.rows[0]!;
  }

  /** What must hold whatever happened. */
  invariants() {
    expect(this.accepts(this.crm.token), 'the CRM holds a token Twilio accepts').toBe(true);
    expect(this.promotes).toBeLessThanOrEqual(1);
    const stored = JSON.stringify(this.stored);
    for (const token of this.tokensSeen) expect(stored).not.toContain(token);
  }
}

describe('rotation: the whole way', () => {
  it('creates a secondary, the CRM takes it, Twilio accepts it, it is promoted: the old token is dead', async () => {
    const world = new World();
    const old = world.primary;
    const run = await world.run();
    expect(run.status).toBe('finished');
    expect(world.row()).toMatchObject({ state: 'done' });
    expect(world.crm.token).not.toBe(old);
    expect(world.primary).toBe(world.crm.token);
    expect(world.accepts(old)).toBe(false);
    expect(world.promotes).toBe(1);
    expect(world.session.size).toBe(0);
    world.invariants();
  });

  it('waits while the handoff waits for the admin’s Authorize click (fill and wait), then goes on', async () => {
    const world = new World();
    world.end = 'fill-and-wait';
    await world.run();
    expect(world.row().state).toBe('done');
    world.invariants();
  });
});

describe('rotation: a failure leaves a working token and says where it stopped', () => {
  type Case = {
    name: string;
    setup: (w: World) => void;
    stop: string;
    /** True when the CRM may hold the secondary, which then stays at Twilio. */
    kept: boolean;
    resumeAt?: RotateState;
    crmHoldsNew: boolean;
  };
  const cases: Case[] = [
    { name: 'the primary cannot be read (before any secondary)', setup: (w) => w.faults.add('read'), stop: 'read-token', kept: false, crmHoldsNew: false },
    { name: 'creating the secondary is refused', setup: (w) => w.faults.add('create'), stop: 'create-secondary', kept: false, crmHoldsNew: false },
    { name: 'creating the secondary loses its answer (one was made: it is deleted)', setup: (w) => w.faults.add('create-lost'), stop: 'create-secondary', kept: false, crmHoldsNew: false },
    { name: 'the background refuses the handoff', setup: (w) => w.faults.add('refuse'), stop: 'handoff-refused', kept: false, crmHoldsNew: false },
    { name: 'the location holds another SID (the Replace question is not answered)', setup: (w) => (w.end = 'needs-replace'), stop: 'other-sid', kept: false, crmHoldsNew: false },
    { name: 'the location is not found', setup: (w) => (w.end = 'needs-choice'), stop: 'location-not-found', kept: false, crmHoldsNew: false },
    { name: 'the handoff is rejected before the CRM', setup: (w) => (w.end = 'rejected'), stop: 'handoff-rejected', kept: false, crmHoldsNew: false },
    { name: 'the CRM write fails before Authorize', setup: (w) => (w.end = 'failed-before-submit'), stop: 'handoff-ended', kept: false, crmHoldsNew: false },
    { name: 'the CRM refuses the new token after Authorize', setup: (w) => (w.end = 'crm-refused'), stop: 'crm-refused', kept: true, resumeAt: 'created', crmHoldsNew: false },
    { name: 'the CRM closes its editor without a word (the same SID reads back either way)', setup: (w) => (w.end = 'authorized-silently'), stop: 'crm-silent', kept: true, resumeAt: 'created', crmHoldsNew: true },
    { name: 'the CRM write is cut off mid-way (it stored it, the answer was lost)', setup: (w) => (w.end = 'cut-off'), stop: 'crm-unsure', kept: true, resumeAt: 'created', crmHoldsNew: true },
    { name: 'Twilio does not accept the secondary when checked', setup: (w) => w.faults.add('verify'), stop: 'verify', kept: true, resumeAt: 'verifying', crmHoldsNew: true },
    { name: 'the promotion is refused', setup: (w) => w.faults.add('promote'), stop: 'promote', kept: true, resumeAt: 'promoting', crmHoldsNew: true },
  ];

  it.each(cases)('$name', async ({ setup, stop, kept, resumeAt, crmHoldsNew }) => {
    const world = new World();
    const old = world.primary;
    setup(world);
    await world.run();
    const row = world.row();
    expect(row).toMatchObject({ state: 'stopped', stop });
    expect(world.primary, 'never promoted').toBe(old);
    expect(world.accepts(old), 'the old token still works').toBe(true);
    expect(world.crm.token === old, 'the CRM holds the old token').toBe(!crmHoldsNew);
    if (kept) {
      expect(row.crmMayHold).toBe(true);
      expect(row.resumeAt).toBe(resumeAt);
      expect(world.secondary, 'the secondary the CRM may hold is never deleted').toBeDefined();
      expect(world.deletes).toBe(0);
      expect(world.session.get(SID), 'kept for the retry').toBe(world.secondary);
    } else {
      expect(row.crmMayHold).toBeUndefined();
      expect(world.secondary, 'the secondary is deleted').toBeUndefined();
      expect(world.session.size).toBe(0);
    }
    if (stop === 'other-sid') {
      expect(row.otherSid).toBe(OTHER);
      expect(world.discarded).toEqual(['h1']);
    }
    world.invariants();
  });

  it('a secondary that cannot be deleted is said to be left (unused: the CRM never had it)', async () => {
    const world = new World();
    world.end = 'needs-replace';
    world.faults.add('delete');
    await world.run();
    expect(world.row()).toMatchObject({ state: 'stopped', stop: 'other-sid', secondaryLeft: true });
    world.invariants();
  });

  it('a promotion whose answer was lost is found done, not made again', async () => {
    const world = new World();
    world.faults.add('promote-lost');
    await world.run();
    expect(world.row().state).toBe('done');
    expect(world.promotes).toBe(1);
    world.invariants();
  });

  it.each([
    ['crm-refused', 'created'],
    ['verify', 'verifying'],
    ['promote', 'promoting'],
  ] as const)('after %s, a retry goes on from %s with the same secondary and finishes', async (fault, resumeAt) => {
    const world = new World();
    if (fault === 'crm-refused') world.end = 'crm-refused';
    else world.faults.add(fault);
    await world.run();
    const secondary = world.secondary;
    expect(world.row().resumeAt).toBe(resumeAt);
    world.faults.clear();
    world.end = 'authorized';
    world.stored = askFor(world.stored!, ['loc-a']);
    expect(world.row().state).toBe(resumeAt);
    await world.run();
    expect(world.row().state).toBe('done');
    expect(world.made, 'no second secondary').toBe(1);
    expect(world.primary).toBe(secondary);
    expect(world.crm.token).toBe(secondary);
    world.invariants();
  });

  it('a retry of a row stopped before the CRM write starts afresh with a new secondary', async () => {
    const world = new World();
    world.faults.add('refuse');
    await world.run();
    world.faults.clear();
    world.stored = askFor(world.stored!, ['loc-a']);
    expect(world.row().state).toBe('pending');
    await world.run();
    expect(world.row().state).toBe('done');
    expect(world.made).toBe(2);
    world.invariants();
  });

  it('the master locked before the start: the error goes up, the row stays asked for', async () => {
    const world = new World();
    world.faults.add('locked');
    await expect(drive(world.ports())).rejects.toBeInstanceOf(Locked);
    expect(world.row().state).toBe('pending');
    expect(world.made).toBe(0);
  });
});

describe('rotation: resumed after a stop at each stored step', () => {
  const points: Array<RotateState | 'after-promote'> = [...IN_FLIGHT, 'after-promote'];

  it.each(points)('stopped right after storing %s: finishes with one promotion and the CRM on the new token', async (point) => {
    const world = new World();
    world.dieAt = point;
    await world.run();
    expect(world.dieAt, 'the stop happened').toBeUndefined();
    expect(world.row().state).toBe('done');
    expect(world.promotes).toBe(1);
    expect(world.crm.token).toBe(world.primary);
    world.invariants();
  });

  it('a worker stopped before answering the handoff request: the run goes on by itself and adopts the handoff it started, not a second', async () => {
    const world = new World();
    world.faults.add('no-answer');
    await drive(world.ports());
    expect(world.handoffs.size).toBe(1);
    expect(world.row().state).toBe('done');
    world.invariants();
  });

  it.each([
    ['creating', 'pending-again'],
    ['created', 'token-lost'],
    ['handing-off', 'in-doubt'],
    ['crm', 'in-doubt'],
    ['verifying', 'token-lost'],
    ['promoting', 'token-lost'],
  ] as const)('the browser restarted (storage.session emptied) at %s: %s, never a promotion without the token', async (point, outcome) => {
    const world = new World();
    world.dieAt = point;
    world.restart = true;
    await world.run();
    const row = world.row();
    if (outcome === 'pending-again') {
      // Cut off mid-create: whatever was made is deleted and the row starts again.
      expect(row.state).toBe('done');
      expect(world.promotes).toBe(1);
    } else {
      expect(row).toMatchObject({ state: 'stopped', stop: outcome });
      expect(world.promotes).toBe(0);
      expect(retryable(row)).toBe(outcome === 'token-lost' && point === 'created');
    }
    world.invariants();
  });
});

describe('rotation: the run', () => {
  it('asks for the chosen rows only, pauses and cancels between rows, and counts', async () => {
    const world = new World();
    world.stored = {
      ...world.stored!,
      status: 'planned',
      rows: ['a', 'b', 'c'].map((k) => ({ location: { id: `loc-${k}`, name: k }, sid: SID, state: 'idle' as const })),
    };
    world.stored = askFor(world.stored, ['loc-a', 'loc-c']);
    expect(world.stored.rows.map((r) => r.state)).toEqual(['pending', 'idle', 'pending']);
    expect(progress(world.stored)).toEqual({ total: 2, finished: 0, done: 0, stopped: 0 });
    // Cancel with nothing under way: the rows asked for go back to not asked.
    world.stored = { ...world.stored, status: 'cancelled' };
    await drive(world.ports());
    expect(world.stored.rows.map((r) => r.state)).toEqual(['idle', 'idle', 'idle']);
    expect(world.made).toBe(0);
  });

  it('one step stores one change: a row in progress is never skipped for the next', async () => {
    const world = new World();
    const first = await step(world.ports(), world.stored!);
    expect(first.rows[0]!.state).toBe('created');
    const second = await step(world.ports(), first);
    expect(second.rows[0]!.state).toBe('crm');
  });
});

describe('rotation: a row the extension cannot finish', () => {
  it('is not asked for again until the admin says it was settled in the Twilio console; then it starts afresh', async () => {
    const world = new World();
    world.dieAt = 'crm';
    world.restart = true;
    await world.run();
    expect(world.row()).toMatchObject({ state: 'stopped', stop: 'in-doubt', crmMayHold: true });
    expect(askFor(world.stored!, ['loc-a']).rows[0]!.state).toBe('stopped');
    // A row with a way on is finished by Retry, never settled by word.
    const withWayOn: RotateRun = { ...world.stored!, rows: [{ ...world.row(), resumeAt: 'promoting' }] };
    expect(settle(withWayOn, 'loc-a')).toEqual(withWayOn);
    world.stored = settle(world.stored!, 'loc-a');
    expect(world.row()).toEqual({ location: { id: 'loc-a', name: 'Acme' }, sid: SID, state: 'idle', startedAt: expect.any(Number), handingOffAt: expect.any(Number) });
    world.stored = askFor(world.stored, ['loc-a']);
    await world.run();
    expect(world.row().state).toBe('done');
    world.invariants();
  });
});
