import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { newHandoff } from '../../utils/handoff/machine';
import { deleteHandoff, findHandoffs, saveHandoff } from '../../utils/handoff/store';
import type { Handoff } from '../../utils/handoff/types';

/**
 * Finding stored handoffs by what never changes in them (a capture's "is this SID already under
 * way?"): through an index of this context, so a bulk run's hundreds of finished handoffs are not
 * all read on every capture, and still right when other contexts add or remove handoffs.
 */
const SID_A = 'AC' + 'a'.repeat(32);
const SID_B = 'AC' + 'b'.repeat(32);
let clock = 1_000;
const make = (sid: string, extra: Partial<Handoff> = {}): Handoff => ({
  ...newHandoff({ id: crypto.randomUUID(), sid, crmHost: 'app.gohighlevel.com', now: (clock += 10), lifetimeMs: 600_000 }),
  ...extra,
});
const ids = (handoffs: Handoff[]) => handoffs.map((h) => h.id);

describe('findHandoffs', () => {
  beforeEach(() => fakeBrowser.reset());

  it('finds a SID’s handoffs, newest first, with those saved after the index was made', async () => {
    const first = make(SID_A);
    await saveHandoff(first);
    await saveHandoff(make(SID_B));
    expect(ids(await findHandoffs((g) => g.sid === SID_A))).toEqual([first.id]);
    const second = make(SID_A);
    await saveHandoff(second);
    expect(ids(await findHandoffs((g) => g.sid === SID_A))).toEqual([second.id, first.id]);
    // Its state changing later changes nothing about finding it; the record read is the newest.
    await saveHandoff({ ...second, state: 'authorized' });
    expect((await findHandoffs((g) => g.sid === SID_A))[0]!.state).toBe('authorized');
  });

  it('sees handoffs another context stored or removed (storage.onChanged), and those removed here', async () => {
    const mine = make(SID_A);
    await saveHandoff(mine);
    expect(ids(await findHandoffs((g) => g.sid === SID_A))).toEqual([mine.id]);
    const theirs = make(SID_A, { targetLocationId: 'loc-9' });
    await fakeBrowser.storage.session.set({ [`handoff:${theirs.id}`]: theirs });
    await vi.waitFor(async () => expect(ids(await findHandoffs((g) => g.targetLocationId === 'loc-9'))).toEqual([theirs.id]));
    // "Clear all data" in the options page removes every key.
    await fakeBrowser.storage.session.clear();
    expect(await findHandoffs((g) => g.sid === SID_A)).toEqual([]);
    const again = make(SID_A);
    await saveHandoff(again);
    await deleteHandoff(again.id);
    expect(await findHandoffs(() => true)).toEqual([]);
  });

  it('reads every stored handoff once, then only the ones it picks', async () => {
    for (let i = 0; i < 20; i++) await saveHandoff(make(i === 7 ? SID_A : SID_B));
    const get = vi.spyOn(fakeBrowser.storage.session, 'get');
    await findHandoffs((g) => g.sid === SID_A);
    await saveHandoff(make(SID_A));
    const found = await findHandoffs((g) => g.sid === SID_A);
    expect(found).toHaveLength(2);
    const reads = get.mock.calls.map(([keys]) => (keys === null ? 'all' : Array.isArray(keys) ? keys.length : keys));
    expect(reads).toEqual(['all', 1, 2]);
  });
});
