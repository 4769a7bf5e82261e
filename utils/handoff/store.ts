import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { Handoff } from './types';

/**
 * Handoffs and their tokens, in storage.session only: memory-backed, gone when the browser closes,
 * and (after `restrictSessionToTrustedContexts`) unreadable from content scripts. Each handoff has
 * its own key so two handoffs updated at once never overwrite each other. The token has a key of its
 * own so it can be wiped while the handoff stays listed.
 */
const HANDOFF_PREFIX = 'handoff:';
const TOKEN_PREFIX = 'token:';

const StoredToken = z.object({ token: z.string(), expiresAt: z.number() });

/** Called once at background start-up, before anything is stored. */
export async function restrictSessionToTrustedContexts(): Promise<void> {
  await browser.storage.session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
}

export async function saveHandoff(handoff: Handoff): Promise<void> {
  await browser.storage.session.set({ [HANDOFF_PREFIX + handoff.id]: handoff });
  currentIndex()?.set(handoff.id, { sid: handoff.sid, targetLocationId: handoff.targetLocationId, createdAt: handoff.createdAt });
}

export async function loadHandoff(id: string): Promise<Handoff | undefined> {
  const key = HANDOFF_PREFIX + id;
  const parsed = Handoff.safeParse((await browser.storage.session.get(key))[key]);
  return parsed.success ? parsed.data : undefined;
}

/** What a stored handoff says of itself before it is parsed: enough to pick the few worth parsing. */
export type StoredHandoffGlance = Partial<Pick<Handoff, 'id' | 'sid' | 'state' | 'targetLocationId' | 'createdAt'>>;

/**
 * The stored handoffs `wanted` picks by a glance at each (all of them without it), parsed, newest
 * first. Picking before parsing matters in a bulk run: hundreds of finished handoffs stay listed
 * until they expire, and parsing every one on each look grew each location's time as the run went
 * on (measured: 1.5 s a location over the first quarter of 465, 2.1 s over the second).
 */
export async function listHandoffs(wanted?: (glance: StoredHandoffGlance) => boolean): Promise<Handoff[]> {
  const all = await browser.storage.session.get(null);
  const handoffs: Handoff[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(HANDOFF_PREFIX)) continue;
    if (wanted && !(typeof value === 'object' && value !== null && wanted(value as StoredHandoffGlance))) continue;
    const parsed = Handoff.safeParse(value);
    if (parsed.success) handoffs.push(parsed.data);
  }
  return handoffs.sort((a, b) => b.createdAt - a.createdAt);
}

/** What never changes in a stored handoff once it is made: enough to find it by its SID or target. */
export type FixedGlance = Pick<StoredHandoffGlance, 'sid' | 'targetLocationId' | 'createdAt'>;

/**
 * This context's index of the stored handoffs (id → fixed glance). Built with one read of
 * storage.session, then kept by this context's own saves and by storage.onChanged for everyone
 * else's (a removal by "Clear all data", say). Only fields that never change are kept, so events
 * arriving late or out of order cannot make it wrong; an id whose handoff is gone meanwhile is
 * simply not found when read.
 */
let index: Map<string, FixedGlance> | undefined;
let indexing: Promise<Map<string, FixedGlance>> | undefined;
/** Changes seen while the index is being read, applied after it. */
let early: Array<[string, unknown]> | undefined;

function fixedGlance(value: unknown): FixedGlance | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { sid, targetLocationId, createdAt } = value as StoredHandoffGlance;
  return { sid, targetLocationId, createdAt };
}

function indexChange(into: Map<string, FixedGlance>, key: string, value: unknown): void {
  const glance = fixedGlance(value);
  if (glance) into.set(key.slice(HANDOFF_PREFIX.length), glance);
  else into.delete(key.slice(HANDOFF_PREFIX.length));
}

function onSessionChange(changes: Record<string, { newValue?: unknown }>, area: string): void {
  if (area !== 'session') return;
  for (const [key, change] of Object.entries(changes)) {
    if (!key.startsWith(HANDOFF_PREFIX)) continue;
    if (index) indexChange(index, key, change.newValue);
    else early?.push([key, change.newValue]);
  }
}

/** The index while it is kept; none once its listener is gone (the test browser reset). */
function currentIndex(): Map<string, FixedGlance> | undefined {
  if ((index || indexing) && !browser.storage.onChanged.hasListener(onSessionChange)) {
    index = undefined;
    indexing = undefined;
  }
  return index;
}

function handoffIndex(): Promise<Map<string, FixedGlance>> {
  const known = currentIndex();
  if (known) return Promise.resolve(known);
  indexing ??= (async () => {
    early = [];
    browser.storage.onChanged.addListener(onSessionChange);
    const built = new Map<string, FixedGlance>();
    for (const [key, value] of Object.entries(await browser.storage.session.get(null))) {
      if (key.startsWith(HANDOFF_PREFIX)) indexChange(built, key, value);
    }
    for (const [key, value] of early) indexChange(built, key, value);
    early = undefined;
    index = built;
    return built;
  })();
  return indexing;
}

/**
 * The stored handoffs `wanted` picks by what never changes in them, parsed, newest first: found
 * through the index, so only those are read. listHandoffs reads every stored handoff, and in a
 * bulk run hundreds stay stored until they expire: one such read took 75 ms at 240 handoffs, on
 * each capture (measured at 5,000 locations), and grew each location's start as the run went on.
 */
export async function findHandoffs(wanted: (glance: FixedGlance) => boolean): Promise<Handoff[]> {
  const keys = [...(await handoffIndex())].filter(([, glance]) => wanted(glance)).map(([id]) => HANDOFF_PREFIX + id);
  if (keys.length === 0) return [];
  const stored = await browser.storage.session.get(keys);
  const handoffs: Handoff[] = [];
  for (const value of Object.values(stored)) {
    const parsed = Handoff.safeParse(value);
    if (parsed.success) handoffs.push(parsed.data);
  }
  return handoffs.sort((a, b) => b.createdAt - a.createdAt);
}

/** The newest handoff aimed at this location and started at `since` or later, if there is one. */
export async function handoffForLocation(locationId: string, since: number): Promise<Handoff | undefined> {
  const aimed = (h: { targetLocationId?: string }) => h.targetLocationId === locationId;
  return (await listHandoffs(aimed)).find((h) => aimed(h) && h.createdAt >= since);
}

export async function deleteHandoff(id: string): Promise<void> {
  await browser.storage.session.remove([HANDOFF_PREFIX + id, TOKEN_PREFIX + id]);
  currentIndex()?.delete(id);
}

export async function saveToken(id: string, token: string, expiresAt: number): Promise<void> {
  await browser.storage.session.set({ [TOKEN_PREFIX + id]: { token, expiresAt } });
}

/** The token, or undefined when there is none or it has expired (an expired one is wiped here). */
export async function loadToken(id: string, now = Date.now()): Promise<string | undefined> {
  const key = TOKEN_PREFIX + id;
  const parsed = StoredToken.safeParse((await browser.storage.session.get(key))[key]);
  if (!parsed.success) return undefined;
  if (parsed.data.expiresAt <= now) {
    await wipeToken(id);
    return undefined;
  }
  return parsed.data.token;
}

export async function wipeToken(id: string): Promise<void> {
  await browser.storage.session.remove(TOKEN_PREFIX + id);
}

/** The storage.session key a handoff is kept under (for a page watching one handoff's changes). */
export function handoffKey(id: string): string {
  return HANDOFF_PREFIX + id;
}

/** True when a change in storage.session concerns handoffs (for live views in the popup). */
export function isHandoffKey(key: string): boolean {
  return key.startsWith(HANDOFF_PREFIX);
}
